package io.insightengine.engine.api;

import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.insightengine.engine.db.DatabaseAvailability;
import io.insightengine.engine.db.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when a configuration is being served. A refused change does not make the engine unready
 * (the previous configuration still serves), nor does one project's refusal or unavailable
 * warehouse (the other projects still answer), nor an unavailable app database (questions are still
 * answered; history waits in its queue): all are reported here, each warehouse and the app database
 * by name. Taking every replica out of its Service because a database they share is down would turn
 * one outage into a total one.
 */
@Readiness
@ApplicationScoped
public class ConfigReadinessCheck implements HealthCheck {
  private final ConfigBundleHolder bundles;
  private final Databases databases;

  public ConfigReadinessCheck(ConfigBundleHolder bundles, Databases databases) {
    this.bundles = bundles;
    this.databases = databases;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("config-bundle").status(bundles.current().isPresent());
    response.withData("appDatabase", state(databases.availability()));
    bundles
        .current()
        .ifPresent(
            b -> {
              response.withData("revision", b.revision());
              response.withData("projects", String.join(",", b.projects().keySet()));
              b.projects()
                  .forEach(
                      (name, p) -> {
                        DatabaseAvailability.State warehouse = p.warehouse().availability();
                        response.withData(
                            "project." + name,
                            warehouse.available()
                                ? "Serving"
                                : "Unavailable: " + warehouse.reason());
                        response.withData("warehouse." + name, state(warehouse));
                      });
              b.refused()
                  .forEach(
                      (name, r) -> response.withData("project." + name, "Refused: " + r.reason()));
            });
    bundles.lastError().ifPresent(e -> response.withData("lastError", e));
    return response.build();
  }

  private static String state(DatabaseAvailability.State state) {
    return state.available() ? "Available" : "Unavailable: " + state.reason();
  }
}
