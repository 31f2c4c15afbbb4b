package io.insightengine.engine.db;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether a database the engine depends on (the app database, a project's warehouse) can be used
 * now, and when not, why and since when. Failures of real work mark it unavailable at once, so
 * later requests are answered 503 without waiting on the network; only a background check marks it
 * available again.
 */
public final class DatabaseAvailability {

  /** The state; {@code reason} is a CamelCase slug ({@code Unreachable}, {@code NotResponding}). */
  public record State(boolean available, String reason, String message, Instant since) {}

  private final Clock clock;
  private volatile State state;

  public DatabaseAvailability(Clock clock) {
    this.clock = clock;
    this.state = new State(true, "Available", "not checked yet", clock.instant());
  }

  public State current() {
    return state;
  }

  /** Marks it unavailable; true when this changed the state or its reason (worth a log line). */
  public synchronized boolean markUnavailable(String reason, String message) {
    State before = state;
    if (!before.available() && before.reason().equals(reason)) {
      return false;
    }
    state =
        new State(false, reason, message, before.available() ? clock.instant() : before.since());
    return true;
  }

  /** Marks it available; how long it was down when it was. */
  public synchronized Optional<Duration> markAvailable(String message) {
    State before = state;
    state = new State(true, "Available", message, clock.instant());
    return before.available()
        ? Optional.empty()
        : Optional.of(Duration.between(before.since(), clock.instant()));
  }

  /**
   * The outage an exception reports, as a reason slug, or null when it is about the query: a read
   * that timed out on the client (the server stopped answering), SQLSTATE classes 08 (connection),
   * 28 (authorization), 3D000 (no such database), 53300 (too many connections), 57P01-57P03 (server
   * shutting down or starting).
   */
  public static String outageReason(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return "NotResponding";
      }
    }
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

  private static final Driver DRIVER = new org.postgresql.Driver();

  /**
   * Opens a connection of its own (not a pooled one: a pool whose connections are all running
   * queries is busy, not down) and makes it answer within {@code timeout}; throws what failed.
   */
  public static void probe(String jdbcUrl, Properties login, Duration timeout) throws SQLException {
    try (Connection c = DRIVER.connect(jdbcUrl, login)) {
      if (c == null) {
        throw new SQLException("not a PostgreSQL JDBC URL", "08001");
      }
      if (!c.isValid((int) Math.max(1, timeout.toSeconds()))) {
        throw new SQLException("the connection did not answer", "08006");
      }
    }
  }

  /** The first line of a driver message (the rest is the server's detail and hint). */
  public static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
