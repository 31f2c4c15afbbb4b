package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.manifest.RepoPaths;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logistics project built by real dbt (seeds from its gen_seeds.py, in a copy of the project so
 * the checkout stays clean) against embedded PostgreSQL: what the compiler makes of the artifacts
 * dbt writes round-trips through the loader and says what the project's files say.
 */
class LogisticsDbtBuildTest {
  private static final List<String> MARTS = List.of("path:models/marts");

  @Test
  void theBuiltArtifactsCompileLikeTheFilesAndRoundTrip(@TempDir Path tmp) throws Exception {
    Path source = RepoPaths.root().resolve("dbt/eval/logistics");
    Path project = tmp.resolve("logistics");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : files.filter(p -> !source.relativize(p).startsWith("target")).toList()) {
        Path to = project.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Process seeds =
        new ProcessBuilder("python3", project.resolve("gen_seeds.py").toString())
            .redirectErrorStream(true)
            .start();
    String seedOutput = new String(seeds.getInputStream().readAllBytes());
    assertThat(seeds.waitFor(5, TimeUnit.MINUTES) && seeds.exitValue() == 0)
        .as(seedOutput)
        .isTrue();

    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("create database logistics");
      }
      DbtCli dbt =
          new DbtCli(
              RepoPaths.root(),
              project,
              tmp.resolve("target"),
              Map.of(
                  "PGHOST", "localhost",
                  "PGPORT", String.valueOf(postgres.getPort()),
                  "PGUSER", "postgres",
                  "PGPASSWORD", "postgres",
                  "PGDATABASE", "logistics"));
      dbt.run("seed");
      dbt.run("build");
      dbt.run("docs", "generate");
    }
    Path target = tmp.resolve("target");
    DbtProject built =
        new DbtManifestReader()
            .read(
                DbtCli.requireFile(target.resolve("manifest.json")),
                DbtCli.requireFile(target.resolve("catalog.json")));
    SemanticCompiler.Result fromArtifacts = new SemanticCompiler().compile(built, MARTS);
    SemanticModelSpec loaded = WriteThenLoadTest.roundTrip(fromArtifacts.spec(), "dbt build");
    SemanticModelSpec fromFiles =
        new SemanticCompiler().compile(new DbtProjectFilesReader().read(source), MARTS).spec();

    assertThat(loaded.getModels())
        .extracting(ModelSpec::getName)
        .containsExactlyInAnyOrderElementsOf(
            fromFiles.getModels().stream().map(ModelSpec::getName).toList());
    for (ModelSpec model : loaded.getModels()) {
      ModelSpec other =
          fromFiles.getModels().stream()
              .filter(m -> m.getName().equals(model.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(model.getColumns())
          .allSatisfy(c -> assertThat(c.getType()).as(c.getName()).isNotBlank());
      for (ColumnSpec column : other.getColumns()) {
        ColumnSpec same =
            model.getColumns().stream()
                .filter(c -> c.getName().equals(column.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(same.getValues()).as(column.getName()).isEqualTo(column.getValues());
        assertThat(same.getValueSynonyms())
            .as(column.getName())
            .isEqualTo(column.getValueSynonyms());
        assertThat(same.getSynonyms()).as(column.getName()).isEqualTo(column.getSynonyms());
        assertThat(same.getPii()).as(column.getName()).isEqualTo(column.getPii());
      }
      assertThat(model.getMeasures())
          .extracting(MeasureSpec::getName, MeasureSpec::getAggTimeDimension)
          .containsExactlyElementsOf(
              other.getMeasures().stream()
                  .map(
                      m ->
                          org.assertj.core.groups.Tuple.tuple(m.getName(), m.getAggTimeDimension()))
                  .toList());
    }
    assertThat(loaded.getMetrics())
        .extracting(MetricSpec::getName, MetricSpec::getFilter)
        .containsExactlyInAnyOrderElementsOf(
            fromFiles.getMetrics().stream()
                .map(m -> org.assertj.core.groups.Tuple.tuple(m.getName(), m.getFilter()))
                .toList());
    assertThat(loaded.getRelationships()).hasSameSizeAs(fromFiles.getRelationships());
  }
}
