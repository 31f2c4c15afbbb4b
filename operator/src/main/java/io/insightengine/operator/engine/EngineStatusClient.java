package io.insightengine.operator.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads what an engine serves: {@code GET <engine URL>/internal/v1/status} with the engine's
 * internal bearer token, short timeouts (a slow engine must not hold a reconciliation up). The
 * engine URL is its Service, {@code http://<name>.<namespace>.svc:80}; the template is the config
 * property {@code insight.operator.engine-url-template} (env {@code
 * INSIGHT_OPERATOR_ENGINE_URL_TEMPLATE}) with {@code {name}} and {@code {namespace}} placeholders,
 * so an operator outside the cluster (or a test) can reach engines another way.
 */
public final class EngineStatusClient {
  public static final String URL_TEMPLATE_PROPERTY = "insight.operator.engine-url-template";
  public static final String DEFAULT_URL_TEMPLATE =
      "http://{name}.{namespace}.svc:" + EngineResources.SERVICE_PORT;
  public static final String STATUS_PATH = "/internal/v1/status";
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final String urlTemplate;
  private final HttpClient http;

  public EngineStatusClient(String urlTemplate) {
    this.urlTemplate = urlTemplate;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** With the configured template, or the default: the engine's Service in the cluster. */
  public static EngineStatusClient fromConfig() {
    String template;
    try {
      template =
          ConfigProvider.getConfig()
              .getOptionalValue(URL_TEMPLATE_PROPERTY, String.class)
              .orElse(DEFAULT_URL_TEMPLATE);
    } catch (IllegalStateException e) { // no MicroProfile Config outside Quarkus
      template =
          Optional.ofNullable(System.getenv("INSIGHT_OPERATOR_ENGINE_URL_TEMPLATE"))
              .orElse(DEFAULT_URL_TEMPLATE);
    }
    return new EngineStatusClient(template);
  }

  /** What the engine answers, as the contract between operator and engine has it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EngineReport(
      String revision, String loadedAt, String error, Map<String, ProjectReport> projects) {
    public Map<String, ProjectReport> projects() {
      return projects == null ? Map.of() : projects;
    }
  }

  /** One project as the engine reports it: Serving, Refused or Unavailable. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProjectReport(String state, String reason, String message) {}

  /** The engine's report, or why there is none (not reachable yet, refused the token ...). */
  public record Result(EngineReport report, String unreachable) {
    public static Result of(EngineReport report) {
      return new Result(report, null);
    }

    public static Result unreachable(String why) {
      return new Result(null, why);
    }
  }

  public String baseUrl(InsightEngine engine) {
    return urlTemplate
        .replace("{name}", EngineResources.name(engine))
        .replace("{namespace}", engine.getMetadata().getNamespace())
        .replaceAll("/+$", "");
  }

  /** Never throws: a missing engine is a state to report, not an error. */
  public Result read(InsightEngine engine, String token) {
    if (token == null) {
      return Result.unreachable("its internal-token Secret is not there yet");
    }
    String url = baseUrl(engine) + STATUS_PATH;
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return Result.unreachable(url + " answered HTTP " + response.statusCode());
      }
      EngineReport report = JSON.readValue(response.body(), EngineReport.class);
      if (report.revision() == null && report.error() == null) {
        return Result.unreachable(url + " answered without a revision");
      }
      return Result.of(report);
    } catch (IOException e) {
      return Result.unreachable(
          url + " cannot be read (" + e.getClass().getSimpleName() + describe(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.unreachable(url + " was not read: interrupted");
    } catch (IllegalArgumentException e) {
      return Result.unreachable("the engine URL " + url + " is not valid: " + e.getMessage());
    }
  }

  private static String describe(IOException e) {
    if (e.getMessage() == null) {
      return "";
    }
    String first = e.getMessage().lines().findFirst().orElse("");
    return ": " + (first.length() > 200 ? first.substring(0, 200) + "..." : first);
  }
}
