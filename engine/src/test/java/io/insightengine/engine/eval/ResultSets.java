package io.insightengine.engine.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Result sets compared the way an analyst would: the generated answer is right when, for some
 * assignment of its columns to the gold columns, it has the same rows (as a multiset: row order is
 * a presentation choice). Extra generated columns (a key shown beside a name) are allowed; numbers
 * are compared to 4 decimal places.
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

  static Object normalize(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString())
          .setScale(4, RoundingMode.HALF_UP)
          .stripTrailingZeros()
          .toPlainString();
    }
    if (value instanceof java.sql.Date || value instanceof java.sql.Timestamp) {
      return value.toString().substring(0, 10);
    }
    return value == null ? null : value.toString();
  }

  /** Whether {@code actual} answers what {@code gold} answers. */
  static boolean sameAnswer(List<List<Object>> gold, List<List<Object>> actual) {
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
    return assign(gold, actual, candidates, new int[goldColumns], 0, new boolean[actualColumns]);
  }

  private static boolean assign(
      List<List<Object>> gold,
      List<List<Object>> actual,
      List<List<Integer>> candidates,
      int[] mapping,
      int g,
      boolean[] used) {
    if (g == mapping.length) {
      return rowsMatch(gold, actual, mapping);
    }
    for (int a : candidates.get(g)) {
      if (!used[a]) {
        used[a] = true;
        mapping[g] = a;
        if (assign(gold, actual, candidates, mapping, g + 1, used)) {
          return true;
        }
        used[a] = false;
      }
    }
    return false;
  }

  private static boolean rowsMatch(
      List<List<Object>> gold, List<List<Object>> actual, int[] mapping) {
    Map<List<Object>, Integer> expected = new HashMap<>();
    gold.forEach(row -> expected.merge(row, 1, Integer::sum));
    Map<List<Object>, Integer> got = new HashMap<>();
    for (List<Object> row : actual) {
      List<Object> projected = new ArrayList<>(mapping.length);
      for (int index : mapping) {
        projected.add(row.get(index));
      }
      got.merge(projected, 1, Integer::sum);
    }
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
