package io.insightengine.engine.api;

import io.insightengine.engine.bundle.ConfigBundleHolder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when a configuration is being served. A refused change does not make the engine unready
 * (the previous configuration still serves), nor does one project's refusal or unavailable
 * warehouse (the other projects still answer): both are reported here, per project.
 */
@Readiness
@ApplicationScoped
public class ConfigReadinessCheck implements HealthCheck {
  private final ConfigBundleHolder bundles;

  public ConfigReadinessCheck(ConfigBundleHolder bundles) {
    this.bundles = bundles;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("config-bundle").status(bundles.current().isPresent());
    bundles
        .current()
        .ifPresent(
            b -> {
              response.withData("revision", b.revision());
              response.withData("projects", String.join(",", b.projects().keySet()));
              b.projects()
                  .forEach(
                      (name, p) ->
                          response.withData(
                              "project." + name,
                              p.warehouse().availability().available()
                                  ? "Serving"
                                  : "Unavailable: " + p.warehouse().availability().reason()));
              b.refused()
                  .forEach(
                      (name, r) -> response.withData("project." + name, "Refused: " + r.reason()));
            });
    bundles.lastError().ifPresent(e -> response.withData("lastError", e));
    return response.build();
  }
}
