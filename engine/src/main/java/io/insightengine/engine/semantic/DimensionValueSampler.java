package io.insightengine.engine.semantic;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Reads the distinct values of low-cardinality text columns (countries, cities, brands ...) from
 * the warehouse into the lexicon, so questions can name them ("revenue in Germany") though the
 * semantic model does not enumerate them. Columns tagged as PII are never sampled.
 */
public final class DimensionValueSampler {
  private static final Logger LOG = Logger.getLogger(DimensionValueSampler.class);
  private static final Pattern SAFE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  /** Above this many distinct values a column is an identifier or free text, not a dimension. */
  static final int MAX_DISTINCT = 200;

  private DimensionValueSampler() {}

  /** Samples every eligible column of every model; returns how many values were added. */
  public static int sample(SemanticLayer layer, DataSource warehouse) {
    int added = 0;
    try (Connection c = warehouse.getConnection()) {
      c.setReadOnly(true);
      for (SemanticLayer.Model model : layer.models()) {
        for (ColumnSpec column : model.columns().values()) {
          if (!eligible(model, column)) {
            continue;
          }
          List<String> values = distinct(c, model.table(), column.getName());
          if (values.size() <= MAX_DISTINCT) {
            layer.lexicon().addValues(model.name(), column.getName(), values);
            added += values.size();
          }
        }
      }
    } catch (SQLException e) {
      LOG.warnf("dimension values not sampled: %s", e.getMessage());
    }
    return added;
  }

  private static boolean eligible(SemanticLayer.Model model, ColumnSpec column) {
    String type = column.getType() == null ? "" : column.getType().toLowerCase(Locale.ROOT);
    boolean text =
        type.startsWith("text") || type.startsWith("varchar") || type.startsWith("character");
    boolean pii = column.getPii() != null && column.getPii() != PiiClass.NONE;
    return text
        && !pii
        && column.getValues().isEmpty()
        && SAFE_NAME.matcher(model.table()).matches()
        && SAFE_NAME.matcher(column.getName()).matches();
  }

  private static List<String> distinct(Connection c, String table, String column)
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
                    + (MAX_DISTINCT + 1))) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
