package io.insightengine.api.sql;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the firewall allows for one project.
 *
 * @param allowedTables the tables of the semantic model, schema-qualified ({@code
 *     marts.fct_orders})
 * @param searchSchemas schemas an unqualified table name is looked up in, in order
 * @param allowSystemCatalogs let queries read pg_catalog and information_schema (off by default)
 * @param extraDeniedFunctions functions refused besides the built-in denylist
 * @param maxLength longest SQL text accepted
 * @param maxNestingDepth deepest parenthesis nesting accepted
 * @param parseTimeout the parser's time budget; a query that takes longer is refused
 */
public record FirewallPolicy(
    Set<String> allowedTables,
    java.util.List<String> searchSchemas,
    boolean allowSystemCatalogs,
    Set<String> extraDeniedFunctions,
    int maxLength,
    int maxNestingDepth,
    Duration parseTimeout) {

  public static final int DEFAULT_MAX_LENGTH = 20_000;
  public static final int DEFAULT_MAX_NESTING = 32;
  public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofMillis(200);

  public FirewallPolicy {
    allowedTables =
        allowedTables.stream()
            .map(t -> t.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    searchSchemas = searchSchemas.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    extraDeniedFunctions =
        extraDeniedFunctions.stream()
            .map(f -> f.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The defaults for a set of tables, with unqualified names looked up in {@code searchPath} — the
   * warehouse connection's search_path, so the firewall resolves a name exactly as the database
   * will — or, when it is empty, in the schemas the tables live in.
   */
  public static FirewallPolicy forTables(
      java.util.Collection<String> tables, java.util.List<String> searchPath) {
    FirewallPolicy derived = forTables(tables);
    return searchPath.isEmpty()
        ? derived
        : new FirewallPolicy(
            derived.allowedTables(),
            searchPath,
            false,
            Set.of(),
            DEFAULT_MAX_LENGTH,
            DEFAULT_MAX_NESTING,
            DEFAULT_PARSE_TIMEOUT);
  }

  /** This policy with another parse budget. */
  public FirewallPolicy withParseTimeout(Duration budget) {
    return new FirewallPolicy(
        allowedTables,
        searchSchemas,
        allowSystemCatalogs,
        extraDeniedFunctions,
        maxLength,
        maxNestingDepth,
        budget);
  }

  /** The defaults for a set of tables: schemas searched are those the tables live in. */
  public static FirewallPolicy forTables(java.util.Collection<String> tables) {
    java.util.List<String> schemas =
        tables.stream()
            .filter(t -> t.contains("."))
            .map(t -> t.substring(0, t.lastIndexOf('.')))
            .distinct()
            .toList();
    return new FirewallPolicy(
        Set.copyOf(tables),
        schemas,
        false,
        Set.of(),
        DEFAULT_MAX_LENGTH,
        DEFAULT_MAX_NESTING,
        DEFAULT_PARSE_TIMEOUT);
  }
}
