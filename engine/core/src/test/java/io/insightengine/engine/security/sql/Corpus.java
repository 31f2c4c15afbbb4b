package io.insightengine.engine.security.sql;

import io.insightengine.api.sql.FirewallVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The firewall corpus files: entries separated by a line "-- ----", attacks headed by "-- expect:".
 */
public final class Corpus {
  /** Relative to engine/core (the server's tests resolve them from there). */
  public static final Path ATTACKS = Path.of("src/test/resources/sql-firewall/attacks.sql");

  public static final Path LEGITIMATE = Path.of("src/test/resources/sql-firewall/legitimate.sql");

  /** The demo warehouse's marts: what the quickstart's semantic model exposes. */
  public static final Set<String> MARTS =
      Set.of(
          "marts.dim_customers",
          "marts.dim_products",
          "marts.fct_orders",
          "marts.fct_order_items",
          "marts.fct_payments",
          "marts.fct_support_tickets",
          "marts.agg_daily_sales");

  /** One entry; {@code expected} is null for legitimate queries. */
  public record Entry(int number, String sql, FirewallVerdict.Reason expected) {
    @Override
    public String toString() {
      String oneLine = sql.replaceAll("\\s+", " ").replace("\0", "\\0");
      return "#"
          + number
          + " "
          + (oneLine.length() > 90 ? oneLine.substring(0, 90) + "..." : oneLine);
    }
  }

  private Corpus() {}

  public static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    FirewallVerdict.Reason expected = null;
    for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.equals("-- ----")) {
        entries.add(new Entry(entries.size() + 1, current.toString().strip(), expected));
        current.setLength(0);
        expected = null;
      } else if (line.startsWith("-- expect: ")) {
        expected = FirewallVerdict.Reason.valueOf(line.substring("-- expect: ".length()).trim());
      } else {
        current.append(line).append('\n');
      }
    }
    return entries;
  }
}
