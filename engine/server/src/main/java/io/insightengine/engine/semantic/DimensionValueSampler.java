package io.insightengine.engine.semantic;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import io.insightengine.engine.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reads the distinct values of low-cardinality text columns (countries, cities, brands ...) from a
 * project's warehouse into its lexicon, so questions can name them though the semantic model does
 * not enumerate them. Runs off the request path (see {@code ValueSampling}); every query has a
 * statement timeout and reads at most {@code maxDistinct + 1} values. Columns tagged as PII are
 * never sampled.
 */
public final class DimensionValueSampler {
  private static final Logger LOG = Logger.getLogger(DimensionValueSampler.class);
  private static final Pattern SAFE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private DimensionValueSampler() {}

  /** What one sampling pass did. */
  public record Sampled(int columns, int values, int skipped) {}

  /**
   * The warehouse's type of every column of the layer's tables ({@code model -> column -> type}).
   */
  public static Map<String, Map<String, String>> columnTypes(
      SemanticLayer layer, Warehouse warehouse, Duration statementTimeout) throws SQLException {
    try (Connection c = warehouse.readOnlyTransaction(statementTimeout)) {
      Map<String, Map<String, String>> types = columnTypes(c, layer);
      c.rollback();
      return types;
    }
  }

  /**
   * Records the warehouse's column types in the layer and samples every eligible column of every
   * model into its lexicon.
   */
  public static Sampled sample(
      SemanticLayer layer,
      Map<String, Map<String, String>> columnTypes,
      Warehouse warehouse,
      Duration statementTimeout,
      int maxDistinct)
      throws SQLException {
    int columns = 0;
    int added = 0;
    int skipped = 0;
    layer.learnColumnTypes(columnTypes);
    try (Connection c = warehouse.readOnlyTransaction(statementTimeout)) {
      for (SemanticLayer.Model model : layer.models()) {
        for (ColumnSpec column : model.columns().values()) {
          if (!eligible(layer, model, column)) {
            continue;
          }
          List<String> values;
          try {
            values = distinct(c, model.table(), column.getName(), maxDistinct);
          } catch (SQLException e) {
            if (warehouse.failure(e).isPresent()) {
              throw e;
            }
            // A timeout or a missing column spoils one column, not the others.
            LOG.debugf("%s.%s not sampled: %s", model.table(), column.getName(), e.getMessage());
            c.rollback();
            limit(c, statementTimeout);
            skipped++;
            continue;
          }
          if (values.size() <= maxDistinct) {
            layer.lexicon().addValues(model.name(), column.getName(), values);
            added += values.size();
            columns++;
          } else {
            skipped++;
          }
        }
      }
      c.rollback();
    }
    return new Sampled(columns, added, skipped);
  }

  /** Sets the transaction's statement timeout (again after a rollback, which resets it). */
  private static void limit(Connection c, Duration statementTimeout) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
    }
  }

  /**
   * The warehouse's type of every column of the model's tables (information_schema, so the
   * connection's search_path resolves unqualified table names as queries will).
   */
  private static Map<String, Map<String, String>> columnTypes(Connection c, SemanticLayer layer)
      throws SQLException {
    Map<String, Map<String, String>> types = new HashMap<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "select column_name, data_type from information_schema.columns"
                + " where table_name = ? and table_schema = coalesce(?, current_schema())")) {
      for (SemanticLayer.Model model : layer.models()) {
        String table = model.table();
        int dot = table.lastIndexOf('.');
        st.setString(1, dot < 0 ? table : table.substring(dot + 1));
        st.setString(2, dot < 0 ? null : table.substring(0, dot));
        try (ResultSet rs = st.executeQuery()) {
          Map<String, String> columns = new HashMap<>();
          while (rs.next()) {
            columns.put(rs.getString(1), rs.getString(2));
          }
          types.put(model.name(), columns);
        }
      }
    }
    return types;
  }

  private static boolean eligible(
      SemanticLayer layer, SemanticLayer.Model model, ColumnSpec column) {
    boolean text = layer.isText(model.name(), column.getName());
    boolean pii = column.getPii() != null && column.getPii() != PiiClass.NONE;
    return text
        && !pii
        && column.getValues().isEmpty()
        && SAFE_NAME.matcher(model.table()).matches()
        && SAFE_NAME.matcher(column.getName()).matches();
  }

  private static List<String> distinct(Connection c, String table, String column, int max)
      throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select distinct "
                    + column
                    + " from "
                    + table
                    + " where "
                    + column
                    + " is not null limit "
                    + (max + 1))) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
