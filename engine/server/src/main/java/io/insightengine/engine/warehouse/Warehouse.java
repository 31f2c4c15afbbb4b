package io.insightengine.engine.warehouse;

import static io.insightengine.engine.db.DatabaseAvailability.firstLine;
import static io.insightengine.engine.db.DatabaseAvailability.outageReason;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.insightengine.engine.db.DatabaseAvailability;
import io.insightengine.engine.pipeline.PipelineException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  private final String project;
  private final DatasourceSettings settings;
  private final AgroalDataSource pool;
  private final Clock clock;
  private final DatabaseAvailability availability;
  private final Map<List<String>, Behind> behind = new ConcurrentHashMap<>();

  /** The relations behind some tables, as read from the catalog at {@code at}. */
  private record Behind(Set<String> relations, Instant at) {}

  /** How long the relations behind a view are trusted: a dbt run can redefine a view. */
  private static final Duration BEHIND_FOR = Duration.ofSeconds(60);

  /**
   * The relations a scan of {@code tables} may read, as {@code schema.name}: the tables themselves,
   * resolved by the connection's search_path as a query's names are, and what views among them are
   * defined over (the planner replaces a view by its definition) and partitions of partitioned
   * tables, transitively. Read from the catalog, kept for a minute.
   */
  private static final String RELATIONS_BEHIND =
      """
      WITH RECURSIVE reads(oid) AS (
        SELECT to_regclass(t)::oid FROM unnest(?::text[]) AS t WHERE to_regclass(t) IS NOT NULL
        UNION
        SELECT e.child FROM reads r JOIN (
          SELECT w.ev_class AS parent, d.refobjid AS child
            FROM pg_catalog.pg_rewrite w
            JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass
             AND d.objid = w.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
          UNION ALL
          SELECT i.inhparent, i.inhrelid FROM pg_catalog.pg_inherits i) e ON e.parent = r.oid
      )
      SELECT n.nspname || '.' || c.relname
        FROM reads r
        JOIN pg_catalog.pg_class c ON c.oid = r.oid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      """;

  private volatile Instant lastChecked = Instant.EPOCH;

  Warehouse(String project, DatasourceSettings settings, Clock clock) throws SQLException {
    this.project = project;
    this.settings = settings;
    this.clock = clock;
    this.pool = AgroalDataSource.from(poolConfiguration(settings));
    this.availability = new DatabaseAvailability(clock);
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
                    // A validation bounded like connecting: a frozen server is found as fast.
                    .connectionValidator(
                        ConnectionValidator.defaultValidatorWithTimeout(
                            (int) Math.max(1, s.connectTimeout().toSeconds())))
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

  public DatabaseAvailability.State availability() {
    return availability.current();
  }

  Instant lastChecked() {
    return lastChecked;
  }

  /** Connections of the pool sized for this project (for metrics and the benchmark). */
  public int maxConnections() {
    return settings.maxConnections();
  }

  /**
   * A pooled connection in a read-only transaction whose statements the server stops after {@code
   * statementTimeout} (the caller rolls it back); a 503 problem when the warehouse is (or turns out
   * to be) unavailable. A server that stopped answering (a stalled host, a frozen process) cannot
   * apply its timeout, so reads on the connection also give up on the client a little later ({@link
   * #networkTimeout}) and the warehouse is then unavailable ({@code NotResponding}).
   */
  public Connection readOnlyTransaction(Duration statementTimeout) {
    DatabaseAvailability.State now = availability.current();
    if (!now.available()) {
      throw unavailable(now);
    }
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      throw failure(e).orElseGet(() -> busy(e));
    }
    try {
      c.setNetworkTimeout(Runnable::run, (int) networkTimeout(statementTimeout).toMillis());
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
      }
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure(e).orElseGet(() -> busy(e));
    }
  }

  /** See {@link #RELATIONS_BEHIND}; {@code c} is a connection of this warehouse. */
  public Set<String> relationsBehind(Connection c, List<String> tables) throws SQLException {
    List<String> key = tables.stream().sorted().toList();
    Behind known = behind.get(key);
    if (known != null && known.at().plus(BEHIND_FOR).isAfter(clock.instant())) {
      return known.relations();
    }
    Set<String> relations = new java.util.TreeSet<>();
    try (PreparedStatement st = c.prepareStatement(RELATIONS_BEHIND)) {
      st.setArray(1, c.createArrayOf("text", key.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          relations.add(rs.getString(1));
        }
      }
    }
    if (behind.size() > 1_000) {
      behind.clear(); // many distinct table sets: start over rather than grow
    }
    behind.put(key, new Behind(Set.copyOf(relations), clock.instant()));
    return relations;
  }

  /** The client-side bound of a statement: the server's timeout, plus time to hear it fire. */
  static Duration networkTimeout(Duration statementTimeout) {
    return statementTimeout.plus(Duration.ofSeconds(2)).plus(statementTimeout.dividedBy(10));
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the connection is being given up anyway
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
    return Optional.of(unavailable(availability.current()));
  }

  /** Throws the 503 problem when {@code e} reports an outage (see {@link #failure}). */
  public void throwIfOutage(SQLException e) {
    Optional<PipelineException> outage = failure(e);
    if (outage.isPresent()) {
      throw outage.get();
    }
  }

  /** Tries the warehouse now ({@link DatabaseAvailability#probe}); updates and returns it. */
  public DatabaseAvailability.State check() {
    lastChecked = clock.instant();
    Properties login = new Properties();
    login.setProperty("user", settings.username());
    login.setProperty("password", settings.password());
    try {
      DatabaseAvailability.probe(settings.jdbcUrl(), login, settings.connectTimeout());
      availability
          .markAvailable("connected to " + settings.address())
          .ifPresent(
              down ->
                  LOG.infof(
                      "project %s: warehouse %s is available again after %d ms",
                      project, settings.address(), down.toMillis()));
    } catch (SQLException e) {
      String reason = outageReason(e);
      markUnavailable(reason != null ? reason : "Unreachable", firstLine(e.getMessage()));
    }
    return availability.current();
  }

  private void markUnavailable(String reason, String detail) {
    if (availability.markUnavailable(
        reason, "the warehouse " + settings.address() + " is unavailable: " + detail)) {
      LOG.warnf(
          "project %s: warehouse %s is unavailable (%s): %s",
          project, settings.address(), reason, detail);
      pool.flush(AgroalDataSource.FlushMode.ALL); // every pooled connection is suspect now
    }
  }

  private PipelineException unavailable(DatabaseAvailability.State a) {
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

  @Override
  public void close() {
    pool.close();
  }
}
