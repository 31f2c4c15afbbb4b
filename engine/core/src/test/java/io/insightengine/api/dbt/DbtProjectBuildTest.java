package io.insightengine.api.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.manifest.RepoPaths;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the reference dbt project for real: real dbt-core and dbt-postgres (from the virtualenv of
 * scripts/setup-dbt.sh) against a real PostgreSQL 17 (the embedded binaries from Maven, started
 * here: no server to install, the same binaries as the engine's embedded default). Then checks that
 * every model and data test passed and that the artifacts committed under dbt/artifacts are what
 * this build produces. Run with {@code -Ddbt.artifacts.update=true} to refresh them instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbtProjectBuildTest {
  private static final boolean UPDATE = Boolean.getBoolean("dbt.artifacts.update");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path artifacts = RepoPaths.root().resolve("dbt/artifacts");
  private EmbeddedPostgres postgres;
  private DbtCli dbt;
  private JsonNode buildResults;

  @BeforeAll
  void buildTheProjectForReal(@TempDir Path target) throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("create database warehouse");
    }
    dbt =
        new DbtCli(
            RepoPaths.root(),
            target,
            Map.of(
                "DBT_PG_HOST", "localhost",
                "DBT_PG_PORT", String.valueOf(postgres.getPort()),
                "DBT_PG_USER", "postgres",
                "DBT_PG_PASSWORD", "postgres",
                "DBT_PG_DBNAME", "warehouse"));
    timed("dbt seed", () -> dbt.run("seed"));
    timed("dbt build", () -> dbt.run("build"));
    buildResults = JSON.readTree(DbtCli.requireFile(target.resolve("run_results.json")).toFile());
    timed("dbt docs generate", () -> dbt.run("docs", "generate"));
  }

  @AfterAll
  void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void everyModelAndEveryDataTestPasses() {
    List<String> failed = new ArrayList<>();
    int models = 0;
    int tests = 0;
    for (JsonNode result : buildResults.path("results")) {
      String id = result.path("unique_id").asText();
      String status = result.path("status").asText();
      if (!status.equals("success") && !status.equals("pass")) {
        failed.add(id + ": " + status + " " + result.path("message").asText());
      }
      models += id.startsWith("model.") ? 1 : 0;
      tests += id.startsWith("test.") ? 1 : 0;
    }
    System.out.printf(
        "dbt build: %d models, %d data tests, %d failed%n", models, tests, failed.size());
    assertThat(failed).isEmpty();
    assertThat(models).isGreaterThanOrEqualTo(7);
    assertThat(tests).isGreaterThanOrEqualTo(50);
  }

  @Test
  void committedArtifactsAreWhatDbtBuilds() throws Exception {
    DbtArtifactNormalizer normalizer =
        new DbtArtifactNormalizer(
            List.of(
                dbt.target().toString(),
                RepoPaths.root().resolve("dbt").toString(),
                RepoPaths.root().toString()));
    String manifest =
        normalizer.manifest(JSON.readTree(dbt.target().resolve("manifest.json").toFile()));
    String catalog =
        normalizer.catalog(JSON.readTree(dbt.target().resolve("catalog.json").toFile()));
    checkFresh("manifest.json", manifest);
    checkFresh("catalog.json", catalog);
  }

  @Test
  void committedWarehouseScriptIsWhatDbtBuilds() throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "warehouse").getConnection()) {
      checkFresh("warehouse.sql", WarehouseDump.dump(c, "marts"));
    }
  }

  private void checkFresh(String file, String built) throws Exception {
    Path committed = artifacts.resolve(file);
    if (UPDATE) {
      Files.createDirectories(artifacts);
      Files.writeString(committed, built);
      System.out.println("wrote " + committed);
      return;
    }
    assertThat(committed)
        .as("%s is missing; build it with -Ddbt.artifacts.update=true", committed)
        .exists();
    assertThat(Files.readString(committed))
        .as("%s is stale: dbt builds something else. Refresh it: see dbt/README.md", committed)
        .isEqualTo(built);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void timed(String what, Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    System.out.printf("%s took %.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }
}
