package io.insightengine.engine.warehouse;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.insightengine.engine.pipeline.PipelineException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One project's warehouse: its own connection pool (Agroal) built from the project's datasource,
 * and whether it is available. A connection failure, refused credentials or a shutting-down server
 * make the warehouse unavailable at once: its requests are answered 503 without waiting on the
 * network until a background check (every {@code retryInterval}) reaches it again. Other projects'
 * warehouses are not affected.
 */
public final class Warehouse implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Warehouse.class);

  /** Whether the warehouse can be used; when not, why (reason is a CamelCase slug). */
  public record Availability(boolean available, String reason, String message, Instant since) {}

  private final String project;
  private final DatasourceSettings settings;
  private final AgroalDataSource pool;
  private final Clock clock;
  private volatile Availability availability;
  private volatile Instant lastChecked = Instant.EPOCH;

  Warehouse(String project, DatasourceSettings settings, Clock clock) throws SQLException {
    this.project = project;
    this.settings = settings;
    this.clock = clock;
    this.pool = AgroalDataSource.from(poolConfiguration(settings));
    this.availability = new Availability(true, "Available", "not checked yet", clock.instant());
  }

  /** A warehouse outside the registry (tools and evaluations); the caller closes it. */
  public static Warehouse open(String project, DatasourceSettings settings) throws SQLException {
    return new Warehouse(project, settings, Clock.systemUTC());
  }

  private static AgroalDataSourceConfigurationSupplier poolConfiguration(DatasourceSettings s) {
    return new AgroalDataSourceConfigurationSupplier()
        .connectionPoolConfiguration(
            pool ->
                pool.maxSize(s.maxConnections())
                    .minSize(0)
                    .initialSize(0)
                    // Waiting for a free connection is bounded like connecting is.
                    .acquisitionTimeout(s.connectTimeout())
                    // A connection the server closed (restart, pg_terminate_backend) is found
                    // and replaced before a query uses it.
                    .validateOnBorrow(true)
                    .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(5))
                    .exceptionSorter(new PostgreSQLExceptionSorter())
                    .validationTimeout(Duration.ofSeconds(30))
                    .reapTimeout(Duration.ofMinutes(5))
                    .maxLifetime(Duration.ofMinutes(30))
                    .connectionFactoryConfiguration(
                        factory ->
                            factory
                                .jdbcUrl(s.jdbcUrl())
                                .principal(new NamePrincipal(s.username()))
                                .credential(new SimplePassword(s.password()))
                                .loginTimeout(s.connectTimeout())));
  }

  public String project() {
    return project;
  }

  public DatasourceSettings settings() {
    return settings;
  }

  public Availability availability() {
    return availability;
  }

  Instant lastChecked() {
    return lastChecked;
  }

  /** Connections of the pool sized for this project (for metrics and the benchmark). */
  public int maxConnections() {
    return settings.maxConnections();
  }

  /** A pooled connection; a 503 problem when the warehouse is (or turns out to be) unavailable. */
  public Connection connection() {
    Availability now = availability;
    if (!now.available()) {
      throw unavailable(now);
    }
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw failure(e).orElseGet(() -> busy(e));
    }
  }

  /**
   * Classifies a failure of a query on this warehouse: when it says the warehouse cannot be used
   * (connection lost, credentials refused, server shutting down), the warehouse becomes unavailable
   * and the 503 problem to answer is returned; otherwise (a bad query, a timeout) empty.
   */
  public Optional<PipelineException> failure(SQLException e) {
    String reason = outageReason(e);
    if (reason == null) {
      return Optional.empty();
    }
    markUnavailable(reason, firstLine(e.getMessage()));
    return Optional.of(unavailable(availability));
  }

  /** Throws the 503 problem when {@code e} reports an outage (see {@link #failure}). */
  public void throwIfOutage(SQLException e) {
    Optional<PipelineException> outage = failure(e);
    if (outage.isPresent()) {
      throw outage.get();
    }
  }

  /** Tries the warehouse now (a pooled connection, validated); updates and returns availability. */
  public Availability check() {
    lastChecked = clock.instant();
    try (Connection c = pool.getConnection()) {
      if (!c.isValid(5)) {
        throw new SQLException("the connection did not answer", "08006");
      }
      if (!availability.available()) {
        Duration down = Duration.between(availability.since(), clock.instant());
        LOG.infof(
            "project %s: warehouse %s is available again after %d ms",
            project, settings.address(), down.toMillis());
      }
      availability =
          new Availability(
              true, "Available", "connected to " + settings.address(), clock.instant());
    } catch (SQLException e) {
      String reason = outageReason(e);
      markUnavailable(reason != null ? reason : "Unreachable", firstLine(e.getMessage()));
    }
    return availability;
  }

  private synchronized void markUnavailable(String reason, String detail) {
    if (availability.available() || !availability.reason().equals(reason)) {
      LOG.warnf(
          "project %s: warehouse %s is unavailable (%s): %s",
          project, settings.address(), reason, detail);
      availability =
          new Availability(
              false,
              reason,
              "the warehouse " + settings.address() + " is unavailable: " + detail,
              availability.available() ? clock.instant() : availability.since());
      pool.flush(AgroalDataSource.FlushMode.ALL); // every pooled connection is suspect now
    }
  }

  private PipelineException unavailable(Availability a) {
    return new PipelineException(
        "warehouse-unavailable",
        503,
        "project " + project + " cannot be answered now (" + a.reason() + "): " + a.message());
  }

  private PipelineException busy(SQLException e) {
    return new PipelineException(
        "warehouse-busy",
        503,
        "project "
            + project
            + ": every one of its "
            + settings.maxConnections()
            + " warehouse connections is in use ("
            + firstLine(e.getMessage())
            + "); try again shortly");
  }

  /**
   * The outage an exception reports, as a reason slug, or null when it is about the query: SQLSTATE
   * classes 08 (connection), 28 (authorization), 3D000 (no such database), 53300 (too many
   * connections), 57P01-57P03 (server shutting down or starting).
   */
  static String outageReason(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")) {
          return "Unreachable";
        }
        if (state.startsWith("28")) {
          return "CredentialsRefused";
        }
        if (state.equals("3D000")) {
          return "DatabaseNotFound";
        }
        if (state.equals("53300")) {
          return "TooManyConnections";
        }
        if (state.startsWith("57P0")) {
          return "ShuttingDown";
        }
      }
    }
    return null;
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    pool.close();
  }
}
