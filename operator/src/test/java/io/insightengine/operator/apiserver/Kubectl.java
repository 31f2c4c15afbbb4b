package io.insightengine.operator.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The kubectl built with the API server, run as a process against it. */
public final class Kubectl {
  private Kubectl() {}

  /** What kubectl printed (stdout and stderr together) and its exit code. */
  public record Result(int exitCode, String output) {}

  static Result run(KubeApiServer server, Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(server.kubectl().toString());
    command.add("--kubeconfig=" + server.kubeconfig());
    command.addAll(List.of(args));
    return exec(command, timeout);
  }

  /** Runs {@code command} from the repository's root; its exit code and output. */
  public static Result exec(List<String> command, Duration timeout) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(KubeApiServer.repoRoot().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
