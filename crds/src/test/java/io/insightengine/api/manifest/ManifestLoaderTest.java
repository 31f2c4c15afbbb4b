package io.insightengine.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.engine.LlmProviderSpec;
import io.insightengine.api.v1alpha1.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  private static final String PROJECT =
      """
      apiVersion: insight-engine.io/v1alpha1
      kind: Project
      metadata:
        name: %s
      spec:
        engineRef:
          name: insight
        datasource:
          type: postgres
          embedded: true
      """;

  private final ManifestLoader loader = new ManifestLoader();

  @TempDir Path dir;

  @Test
  void readsSeveralKindsFromMultiDocumentFilesInPathOrder() throws Exception {
    Files.writeString(
        dir.resolve("b.yaml"),
        PROJECT.formatted("second") + "---\n" + PROJECT.formatted("third") + "---\n");
    Files.writeString(
        dir.resolve("a.yml"),
        """
        apiVersion: insight-engine.io/v1alpha1
        kind: InsightEngine
        metadata:
          name: insight
        spec: {}
        """);
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested/c.yaml"), PROJECT.formatted("fourth"));
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");

    LoadedManifests loaded = loader.loadDirectory(dir);

    assertThat(loaded.resources())
        .extracting(r -> r.getKind() + "/" + r.getMetadata().getName())
        .containsExactly(
            "InsightEngine/insight", "Project/second", "Project/third", "Project/fourth");
    assertThat(loaded.manifests().get(2).document()).isEqualTo(2);
  }

  @Test
  void anErrorNamesTheFileTheDocumentTheObjectAndTheFieldPath() throws Exception {
    Path file = dir.resolve("projects.yaml");
    Files.writeString(
        file,
        PROJECT.formatted("good")
            + "---\n"
            + PROJECT.formatted("bad").replace("  engineRef:\n    name: insight\n", ""));

    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> loader.loadDirectory(dir));

    assertThat(e.errors())
        .singleElement()
        .hasToString(file + ", document 2 (Project bad): spec.engineRef: Required value");
    assertThat(e.errors().get(0).field()).isEqualTo("spec.engineRef");
  }

  @Test
  void collectsEveryErrorOfEveryFile() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), PROJECT.formatted("a").replace("postgres", "oracle"));
    Files.writeString(
        dir.resolve("b.yaml"),
        PROJECT.formatted("b").replace("embedded: true", "embedded: true\n    port: 70000"));

    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> loader.loadDirectory(dir));

    assertThat(e.errors())
        .extracting(ManifestError::toString)
        .containsExactly(
            dir.resolve("a.yaml")
                + ", document 1 (Project a): spec.datasource.type: Unsupported value: \"oracle\":"
                + " supported values: \"clickhouse\", \"postgres\"",
            dir.resolve("a.yaml")
                + ", document 1 (Project a): "
                + StructuralValidator.RULES_SKIPPED,
            dir.resolve("b.yaml")
                + ", document 1 (Project b): spec.datasource.port: Invalid value: 70000:"
                + " spec.datasource.port in body should be less than or equal to 65535");
    assertThat(e.getMessage()).startsWith("3 invalid manifest entries:");
  }

  @Test
  void brokenYamlNamesTheDocumentAndLine() throws Exception {
    Files.writeString(
        dir.resolve("broken.yaml"),
        PROJECT.formatted("ok") + "---\nkind: Project\n  name: [oops\n");

    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> loader.loadDirectory(dir));

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.document()).isEqualTo(2);
              assertThat(error.detail()).startsWith("not valid YAML").contains("line ");
            });
  }

  @Test
  void refusesUnknownKindsAndVersionsOfOurGroup() {
    String dashboard = PROJECT.formatted("x").replace("kind: Project", "kind: Dashboard");
    String beta = PROJECT.formatted("y").replace("v1alpha1", "v1beta1");

    ManifestException e =
        catchThrowableOfType(
            ManifestException.class, () -> loader.load("mixed.yaml", dashboard + "---\n" + beta));

    assertThat(e.errors())
        .extracting(ManifestError::toString)
        .containsExactly(
            "mixed.yaml, document 1 (Dashboard x): kind: Unsupported value: \"Dashboard\": supported"
                + " values: InsightEngine, Project, SemanticModel, DataPolicy, TrainingPair, DbtRun",
            "mixed.yaml, document 2 (Project y): apiVersion: Unsupported value:"
                + " \"insight-engine.io/v1beta1\": supported values: \"insight-engine.io/v1alpha1\"");
  }

  @Test
  void refusesTwoObjectsOfTheSameKindAndName() {
    ManifestException e =
        catchThrowableOfType(
            ManifestException.class,
            () ->
                loader.load(
                    "dup.yaml", PROJECT.formatted("shop") + "---\n" + PROJECT.formatted("shop")));

    assertThat(e.errors())
        .singleElement()
        .hasToString(
            "dup.yaml, document 2 (Project shop): metadata.name: Duplicate value: \"shop\": another"
                + " Project has this name");
  }

  @Test
  void skipsDocumentsOfOtherApiGroupsAndEmptyDocuments() throws Exception {
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
        stringData:
          password: x
        """;

    LoadedManifests loaded =
        loader.load("mixed.yaml", "---\n" + secret + "---\n" + PROJECT.formatted("shop") + "---\n");

    assertThat(loaded.ofType(Project.class)).hasSize(1);
    assertThat(loaded.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo("Secret");
              assertThat(s.document()).isEqualTo(1);
            });
  }

  @Test
  void appliesSchemaDefaultsAtEveryLevel() throws Exception {
    InsightEngine engine =
        loader
            .load(
                "engine.yaml",
                """
                apiVersion: insight-engine.io/v1alpha1
                kind: InsightEngine
                metadata:
                  name: insight
                spec:
                  llm:
                    providers:
                      - name: local
                        type: ollama
                        model: llama3
                        baseUrl: http://localhost:11434
                """)
            .ofType(InsightEngine.class)
            .get(0);

    assertThat(engine.getSpec().getReplicas()).isEqualTo(1);
    LlmProviderSpec provider = engine.getSpec().getLlm().getProviders().get(0);
    assertThat(provider.getTimeout()).isEqualTo("30s");
    assertThat(provider.getMaxRetries()).isEqualTo(1);
    assertThat(engine.getSpec().getAuth()).as("no defaults without the parent object").isNull();
  }

  @Test
  void aMissingDirectoryIsAnError() {
    ManifestException e =
        catchThrowableOfType(
            ManifestException.class, () -> loader.loadDirectory(dir.resolve("nope")));

    assertThat(e.errors())
        .singleElement()
        .satisfies(err -> assertThat(err.detail()).isEqualTo("not a directory"));
  }

  @Test
  void everyCelRuleOfTheCrdsCompiles() {
    CrdSchemas schemas = new CrdSchemas();
    CelRules cel = new CelRules();
    List<String> rules = new java.util.ArrayList<>();
    for (String kind : schemas.kindNames()) {
      collectRules(schemas.kind(kind).orElseThrow().schema(), rules);
    }
    assertThat(rules).hasSizeGreaterThan(15);
    // Evaluating against an empty object compiles the rule; compile errors throw.
    rules.forEach(
        rule ->
            cel.violation(
                rule, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()));
  }

  private static void collectRules(
      com.fasterxml.jackson.databind.JsonNode node, List<String> rules) {
    node.path("x-kubernetes-validations").forEach(v -> rules.add(v.path("rule").asText()));
    node.forEach(
        child -> {
          if (child.isContainerNode()) collectRules(child, rules);
        });
  }
}
