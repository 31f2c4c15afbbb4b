package io.insightengine.engine.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Result sets compared the way an analyst would, by the scoring rule of the evaluation suites
 * ({@code dbt/eval/README.md}): the generated answer is right when, for some assignment of its
 * columns to the gold columns, it has the same rows — as a multiset (row order is a presentation
 * choice) or in order where the question asks for one. Extra generated columns (a key shown beside
 * a name) are allowed; numbers compare rounded to 2 decimals, text case-insensitively, NULL equal
 * to NULL, and a timestamp at midnight equal to its date.
 */
final class ResultSets {
  private ResultSets() {}

  static List<List<Object>> run(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(normalize(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * One comparable form for a value from JDBC or from the engine's JSON answer (where dates and
   * timestamps are ISO strings).
   */
  static Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      try {
        return new BigDecimal(number.toString())
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
      } catch (NumberFormatException e) {
        return number.toString(); // NaN, Infinity
      }
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return dateTime(ts.toLocalDateTime());
    }
    String text = value.toString();
    if (ISO_INSTANT.matcher(text).matches()) {
      // The engine writes timestamps as instants of this JVM's zone (ExecuteStage).
      return dateTime(LocalDateTime.ofInstant(Instant.parse(text), ZoneId.systemDefault()));
    }
    return text.toLowerCase(Locale.ROOT);
  }

  private static final Pattern ISO_INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

  private static String dateTime(LocalDateTime value) {
    return value.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? value.toLocalDate().toString()
        : value.toString();
  }

  /** Whether {@code actual} answers what {@code gold} answers, in any row order. */
  static boolean sameAnswer(List<List<Object>> gold, List<List<Object>> actual) {
    return sameAnswer(gold, actual, false);
  }

  /** Whether {@code actual} answers what {@code gold} answers; in gold's row order if asked. */
  static boolean sameAnswer(List<List<Object>> gold, List<List<Object>> actual, boolean ordered) {
    if (gold.size() != actual.size()) {
      return false;
    }
    if (gold.isEmpty()) {
      return true;
    }
    int goldColumns = gold.get(0).size();
    int actualColumns = actual.get(0).size();
    if (actualColumns < goldColumns) {
      return false;
    }
    // Candidate generated columns per gold column: those with the same multiset of values.
    List<List<Integer>> candidates = new ArrayList<>();
    for (int g = 0; g < goldColumns; g++) {
      List<Integer> matches = new ArrayList<>();
      Map<Object, Integer> goldValues = counts(gold, g);
      for (int a = 0; a < actualColumns; a++) {
        if (counts(actual, a).equals(goldValues)) {
          matches.add(a);
        }
      }
      if (matches.isEmpty()) {
        return false;
      }
      candidates.add(matches);
    }
    return assign(
        gold, actual, ordered, candidates, new int[goldColumns], 0, new boolean[actualColumns]);
  }

  private static boolean assign(
      List<List<Object>> gold,
      List<List<Object>> actual,
      boolean ordered,
      List<List<Integer>> candidates,
      int[] mapping,
      int g,
      boolean[] used) {
    if (g == mapping.length) {
      return rowsMatch(gold, actual, ordered, mapping);
    }
    for (int a : candidates.get(g)) {
      if (!used[a]) {
        used[a] = true;
        mapping[g] = a;
        if (assign(gold, actual, ordered, candidates, mapping, g + 1, used)) {
          return true;
        }
        used[a] = false;
      }
    }
    return false;
  }

  private static boolean rowsMatch(
      List<List<Object>> gold, List<List<Object>> actual, boolean ordered, int[] mapping) {
    List<List<Object>> projected = new ArrayList<>(actual.size());
    for (List<Object> row : actual) {
      List<Object> columns = new ArrayList<>(mapping.length);
      for (int index : mapping) {
        columns.add(row.get(index));
      }
      projected.add(columns);
    }
    if (ordered) {
      return gold.equals(projected);
    }
    Map<List<Object>, Integer> expected = new HashMap<>();
    gold.forEach(row -> expected.merge(row, 1, Integer::sum));
    Map<List<Object>, Integer> got = new HashMap<>();
    projected.forEach(row -> got.merge(row, 1, Integer::sum));
    return expected.equals(got);
  }

  private static Map<Object, Integer> counts(List<List<Object>> rows, int column) {
    Map<Object, Integer> counts = new HashMap<>();
    rows.forEach(
        row ->
            counts.merge(Objects.requireNonNullElse(row.get(column), "<null>"), 1, Integer::sum));
    return counts;
  }
}
