package io.insightengine.engine.warehouse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A warehouse connection resolved from a Project's datasource and its credentials Secret. Two
 * projects with equal settings still get a pool each (pools are sized per project); a reload that
 * leaves a project's settings unchanged keeps its pool.
 *
 * @param source what the settings came from, for messages ("Secret sales-reader"); never a value
 */
public record DatasourceSettings(
    String host,
    int port,
    String database,
    List<String> schemas,
    String sslMode,
    String username,
    String password,
    int maxConnections,
    Duration connectTimeout,
    String source) {

  public DatasourceSettings {
    schemas = List.copyOf(schemas);
  }

  /**
   * The JDBC URL: the schemas as search_path (unqualified names resolve as the project declares), a
   * read-only session, libpq's TLS mode, and timeouts so a dead host fails instead of hanging.
   */
  public String jdbcUrl() {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://")
            .append(host.contains(":") ? "[" + host + "]" : host)
            .append(':')
            .append(port)
            .append('/')
            .append(encode(database))
            .append("?ApplicationName=insight-engine")
            .append("&readOnly=true&readOnlyMode=always")
            .append("&sslmode=")
            .append(sslMode)
            .append("&connectTimeout=")
            .append(Math.max(1, connectTimeout.toSeconds()))
            .append("&loginTimeout=")
            .append(Math.max(1, connectTimeout.toSeconds()))
            .append("&tcpKeepAlive=true");
    if (!schemas.isEmpty()) {
      url.append("&currentSchema=").append(encode(String.join(",", schemas)));
    }
    return url.toString();
  }

  /** Where the warehouse is, for messages: host:port/database. */
  public String address() {
    return host + ":" + port + "/" + database;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Never prints the password (records print every component). */
  @Override
  public String toString() {
    return address() + " as " + username + " (" + source + ")";
  }
}
