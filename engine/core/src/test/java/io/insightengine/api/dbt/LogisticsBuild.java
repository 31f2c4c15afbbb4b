package io.insightengine.api.dbt;

import io.insightengine.api.manifest.RepoPaths;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The logistics project of {@code dbt/eval/logistics} built by real dbt: copied (so the checkout
 * stays clean), its seeds written by its gen_seeds.py, then {@code dbt seed}, {@code dbt build} and
 * {@code dbt docs generate} into database {@code logistics} of an embedded PostgreSQL started here.
 * The crds tests compile what it writes; the engine's tests serve it.
 */
public final class LogisticsBuild implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path project;
  private final Path target;

  private LogisticsBuild(EmbeddedPostgres postgres, Path project, Path target) {
    this.postgres = postgres;
    this.project = project;
    this.target = target;
  }

  /** The source project in the checkout. */
  public static Path source() {
    return RepoPaths.root().resolve("dbt/eval/logistics");
  }

  /**
   * The project's marts compiled from its files alone (no dbt run, so no catalog types), as a new
   * spec each time: callers may change it.
   */
  public static io.insightengine.api.v1alpha1.semantic.SemanticModelSpec compiledMarts()
      throws IOException, DbtArtifactException {
    return new SemanticCompiler()
        .compile(new DbtProjectFilesReader().read(source()), java.util.List.of("path:models/marts"))
        .spec();
  }

  /** Builds the project under {@code work}; the caller closes the server. */
  public static LogisticsBuild build(Path work) throws Exception {
    Path source = source();
    Path project = work.resolve("logistics");
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
    if (!seeds.waitFor(5, TimeUnit.MINUTES) || seeds.exitValue() != 0) {
      throw new IllegalStateException("gen_seeds.py failed:\n" + seedOutput);
    }
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    try {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("create database logistics");
      }
      Path target = work.resolve("target");
      DbtCli dbt =
          new DbtCli(
              RepoPaths.root(),
              project,
              target,
              Map.of(
                  "PGHOST", "localhost",
                  "PGPORT", String.valueOf(postgres.getPort()),
                  "PGUSER", "postgres",
                  "PGPASSWORD", "postgres",
                  "PGDATABASE", "logistics"));
      long start = System.nanoTime();
      dbt.run("seed");
      dbt.run("build");
      dbt.run("docs", "generate");
      System.out.printf(
          "[figures] dbt seed + build + docs generate of dbt/eval/logistics: %.1f s%n",
          (System.nanoTime() - start) / 1e9);
      return new LogisticsBuild(postgres, project, target);
    } catch (Exception | Error e) {
      postgres.close();
      throw e;
    }
  }

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  /** The copy dbt built. */
  public Path project() {
    return project;
  }

  /** dbt's target directory: manifest.json, catalog.json, run_results.json. */
  public Path target() {
    return target;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
