package io.insightengine.api.dbt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real dbt CLI from the virtualenv that {@code scripts/setup-dbt.sh} creates (the script
 * is run here too: it returns at once when the virtualenv exists), on the reference project or on
 * another dbt project (the engine's tests build {@code dbt/eval/*} with it).
 */
public final class DbtCli {
  private final Path executable;
  private final Path projectDir;
  private final Path targetDir;
  private final Map<String, String> environment;

  DbtCli(Path repoRoot, Path targetDir, Map<String, String> environment) throws Exception {
    this(repoRoot, repoRoot.resolve("dbt"), targetDir, environment);
  }

  /** dbt on the project in {@code projectDir}, which holds its own profiles.yml. */
  public DbtCli(Path repoRoot, Path projectDir, Path targetDir, Map<String, String> environment)
      throws Exception {
    this.executable = locate(repoRoot);
    this.projectDir = projectDir;
    this.targetDir = targetDir;
    this.environment = environment;
  }

  private static Path locate(Path repoRoot) throws Exception {
    String fromEnv = System.getenv("INSIGHT_DBT_EXECUTABLE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    Process setup =
        new ProcessBuilder("bash", repoRoot.resolve("scripts/setup-dbt.sh").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(setup.getInputStream().readAllBytes());
    if (!setup.waitFor(20, TimeUnit.MINUTES) || setup.exitValue() != 0) {
      throw new IllegalStateException("scripts/setup-dbt.sh failed:\n" + output);
    }
    return output
        .lines()
        .filter(l -> l.startsWith("DBT_EXECUTABLE="))
        .map(l -> Path.of(l.substring("DBT_EXECUTABLE=".length()).trim()))
        .reduce((a, b) -> b)
        .orElseThrow(
            () -> new IllegalStateException("setup-dbt.sh printed no DBT_EXECUTABLE:\n" + output));
  }

  /** Runs {@code dbt <args>} and returns its output; fails with the output when dbt fails. */
  public String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--project-dir", projectDir.toString(),
            "--profiles-dir", projectDir.toString(),
            "--target-path", targetDir.toString(),
            "--log-path", targetDir.resolve("logs").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    // No network here: never try to send usage statistics.
    builder.environment().put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
    builder.environment().put("DO_NOT_TRACK", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("dbt " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }

  public Path target() {
    return targetDir;
  }

  public static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("dbt did not write " + file);
    }
    return file;
  }
}
