package io.insightengine.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.insightengine.operator.apiserver.KubeApiServer;
import io.insightengine.operator.apiserver.Kubectl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check of the chart (helm/insight-engine/argocd/health.lua) over the statuses
 * of health-cases.yaml, run by gopher-lua, the Lua interpreter Argo CD embeds (built from its Go
 * module: scripts/argocd-health).
 */
class ArgoCdHealthTest {
  private static final Path ARGOCD = KubeApiServer.repoRoot().resolve("helm/insight-engine/argocd");
  private static Path runner;

  @BeforeAll
  static void buildRunner() throws Exception {
    runner = KubeApiServer.repoRoot().resolve("operator/target/argocd-health");
    Kubectl.Result built =
        Kubectl.exec(
            List.of(
                "go",
                "-C",
                KubeApiServer.repoRoot().resolve("scripts/argocd-health").toString(),
                "build",
                "-o",
                runner.toString(),
                "."),
            Duration.ofMinutes(5));
    assertThat(built.exitCode()).as(built.output()).isZero();
  }

  @Test
  void everyRecordedStatusGetsItsHealth() throws Exception {
    JsonNode cases = new YAMLMapper().readTree(ARGOCD.resolve("health-cases.yaml").toFile());
    assertThat(cases.size()).isGreaterThanOrEqualTo(10);
    List<String> wrong = new ArrayList<>();
    for (JsonNode c : cases) {
      String[] health = health(c.get("object"));
      String expected = c.get("expect").asText();
      boolean messageOk = !c.has("message") || health[1].contains(c.get("message").asText());
      if (!health[0].equals(expected) || !messageOk) {
        wrong.add(c.get("name").asText() + ": got " + String.join(" / ", health));
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static String[] health(JsonNode object) throws Exception {
    Process process =
        new ProcessBuilder(runner.toString(), ARGOCD.resolve("health.lua").toString())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(new ObjectMapper().writeValueAsBytes(object));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    String[] parts = out.strip().split("\t", 2);
    return parts.length == 2 ? parts : new String[] {parts[0], ""};
  }
}
