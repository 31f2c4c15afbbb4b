package io.insightengine.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis (real, from PyPI: {@code scripts/setup-schemathesis.sh}) generates requests from the
 * engine's own OpenAPI document, valid and invalid, and checks every response: no 5xx, no status
 * the document does not declare, the declared media type and schema, and invalid input refused. A
 * fixed seed keeps CI reproducible; {@code -Dschemathesis.seed=} and {@code
 * -Dschemathesis.examples=} try others.
 */
@QuarkusTest
class OpenApiConformanceTest {
  @TestHTTPResource("/openapi")
  URL openapi;

  @Test
  void everyResponseConformsToTheOpenApiDocument() throws Exception {
    Path report = Files.createTempDirectory("schemathesis");
    List<String> command =
        List.of(
            schemathesis().toString(),
            "run",
            openapi.toString(),
            "--include-path-regex",
            "^/api/",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,"
                + "response_schema_conformance,response_headers_conformance,"
                + "negative_data_rejection",
            "--max-examples",
            System.getProperty("schemathesis.examples", "40"),
            "--seed",
            System.getProperty("schemathesis.seed", "20261202"),
            "--workers",
            "1",
            "--no-color",
            "--report",
            "junit",
            "--report-dir",
            report.toString());
    Process run =
        new ProcessBuilder(command)
            .directory(report.toFile()) // its example database, not in the working tree
            .redirectErrorStream(true)
            .redirectOutput(report.resolve("output.txt").toFile())
            .start();
    assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("schemathesis finished").isTrue();
    String output = Files.readString(report.resolve("output.txt"), StandardCharsets.UTF_8);
    System.out.println(tail(output, 40));
    assertThat(run.exitValue()).as("schemathesis found failures:%n%s", output).isZero();
    assertThat(output).contains("generated").doesNotContain("Failures:");
  }

  /** Installs schemathesis once per machine and returns its executable. */
  private static Path schemathesis() throws IOException, InterruptedException {
    Path script = Path.of("../../scripts/setup-schemathesis.sh").toAbsolutePath().normalize();
    Process setup = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (setup.waitFor() != 0) {
      throw new IllegalStateException("setup-schemathesis.sh failed:\n" + output);
    }
    return output
        .lines()
        .filter(l -> l.startsWith("SCHEMATHESIS_EXECUTABLE="))
        .map(l -> Path.of(l.substring("SCHEMATHESIS_EXECUTABLE=".length()).trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no SCHEMATHESIS_EXECUTABLE in:\n" + output));
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
