package io.insightengine.engine.warehouse;

import io.insightengine.api.v1alpha1.common.Durations;
import io.insightengine.api.v1alpha1.project.DatasourceSpec;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.engine.bundle.ProjectRefusal;
import io.insightengine.engine.resources.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * A Project's {@code spec.datasource} to connection settings: host, port, database, schemas (the
 * search_path), TLS mode, pool size and connect timeout from the spec; username and password from
 * the credentials Secret. {@code embedded: true} is the only way to the embedded demo warehouse.
 */
@ApplicationScoped
public class DatasourceResolver {
  private final SecretStore secrets;
  private final EmbeddedPostgresServer embedded;

  public DatasourceResolver(SecretStore secrets, EmbeddedPostgresServer embedded) {
    this.secrets = secrets;
    this.embedded = embedded;
  }

  /** The datasource cannot be used as declared. */
  public static final class Unresolvable extends Exception {
    private final ProjectRefusal refusal;

    Unresolvable(String reason, String message) {
      super(message);
      this.refusal = new ProjectRefusal(reason, message);
    }

    public ProjectRefusal refusal() {
      return refusal;
    }
  }

  public DatasourceSettings resolve(Project project) throws Unresolvable {
    DatasourceSpec ds = project.getSpec().getDatasource();
    int maxConnections = ds.getMaxConnections() != null ? ds.getMaxConnections() : 5;
    Duration connectTimeout =
        Durations.parse(ds.getConnectTimeout() != null ? ds.getConnectTimeout() : "10s");
    if (ds.getType() != DatasourceSpec.Type.POSTGRES) {
      throw new Unresolvable(
          "UnsupportedWarehouse",
          "datasource type "
              + ds.getType().name().toLowerCase(Locale.ROOT)
              + " is not served yet: this engine serves PostgreSQL warehouses");
    }
    if (Boolean.TRUE.equals(ds.getEmbedded())) {
      if (ds.getSchemas().isEmpty()) {
        throw new Unresolvable(
            "InvalidDatasource", "spec.datasource.schemas: name the schemas the project reads");
      }
      try {
        return embedded.demoWarehouse(ds.getSchemas(), maxConnections);
      } catch (Exception e) {
        throw new Unresolvable(
            "EmbeddedWarehouseFailed", "the embedded demo warehouse: " + e.getMessage());
      }
    }
    if (ds.getDatabase() == null) {
      throw new Unresolvable(
          "InvalidDatasource", "spec.datasource.database: name the warehouse database");
    }
    String secret = ds.getCredentialsSecret().getName();
    String username;
    String password;
    try {
      username = secrets.value(secret, "username");
      password = secrets.value(secret, "password");
    } catch (SecretStore.MissingSecret e) {
      throw new Unresolvable(
          "CredentialsMissing", "spec.datasource.credentialsSecret: " + e.getMessage());
    }
    return new DatasourceSettings(
        ds.getHost(),
        ds.getPort() != null ? ds.getPort() : 5432,
        ds.getDatabase(),
        ds.getSchemas(),
        sslMode(ds.getSslMode()),
        username,
        password,
        maxConnections,
        connectTimeout,
        "Secret " + secret);
  }

  private static String sslMode(DatasourceSpec.SslMode mode) {
    return mode == null ? "prefer" : mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
