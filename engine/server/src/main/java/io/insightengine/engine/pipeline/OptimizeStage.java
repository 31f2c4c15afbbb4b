package io.insightengine.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.engine.bundle.ProjectRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Stage 4: bounds the query. The LIMIT is added, or lowered to the project's max rows; then the
 * planner's cost estimate (EXPLAIN, never ANALYZE: nothing runs) is checked against the project's
 * ceiling, so a query that would scan too much is refused before it runs.
 */
@ApplicationScoped
public class OptimizeStage {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The optimized SQL and the plan's estimated total cost. */
  public record Optimized(String sql, double planCost, boolean limitChanged) {}

  /**
   * Bounds {@code select}; the plan's cost is checked only when the query is about to run ({@code
   * willRun}): the ceiling protects the warehouse, and SQL that is only shown costs it nothing.
   */
  public Optimized optimize(Select select, ProjectRuntime project, boolean willRun) {
    boolean changed = enforceLimit(select, project.maxRows());
    String sql = select.toString();
    if (!willRun) {
      return new Optimized(sql, Double.NaN, changed);
    }
    double cost = planCost(sql, project);
    Long ceiling = project.maxPlanCost();
    if (ceiling != null && cost > ceiling) {
      throw PipelineException.refused(
          "too-expensive",
          String.format(
              "the query's estimated cost %.0f is above this project's ceiling of %d: narrow the time range or add filters",
              cost, ceiling));
    }
    return new Optimized(sql, cost, changed);
  }

  /**
   * Adds a LIMIT, or lowers a LIMIT or FETCH FIRST above {@code maxRows}; returns whether the query
   * changed.
   */
  static boolean enforceLimit(Select select, int maxRows) {
    Fetch fetch = select.getFetch();
    if (fetch != null) {
      // FETCH FIRST n ROWS ONLY: PostgreSQL refuses it together with a LIMIT, so the bound goes
      // in it. Without a count it is one row.
      if (fetch.getExpression() == null
          || fetch.getExpression() instanceof LongValue value && value.getValue() <= maxRows) {
        return false;
      }
      fetch.setExpression(new LongValue(maxRows));
      return true;
    }
    Limit limit =
        select instanceof PlainSelect plain
            ? plain.getLimit()
            : select instanceof SetOperationList set ? set.getLimit() : select.getLimit();
    long current = -1;
    if (limit != null && limit.getRowCount() instanceof LongValue value) {
      current = value.getValue();
    }
    if (current >= 0 && current <= maxRows) {
      return false;
    }
    Limit bounded = new Limit().withRowCount(new LongValue(maxRows));
    if (limit != null && limit.getOffset() != null) {
      bounded.setOffset(limit.getOffset());
    }
    if (select instanceof PlainSelect plain) {
      plain.setLimit(bounded);
    } else if (select instanceof SetOperationList set) {
      set.setLimit(bounded);
    } else {
      select.setLimit(bounded);
    }
    return true;
  }

  private double planCost(String sql, ProjectRuntime project) {
    // Planning can be slow too (PostgreSQL folds constant expressions while planning): EXPLAIN
    // runs under the same statement timeout as the query.
    try (Connection c = project.warehouse().readOnlyTransaction(project.queryTimeout())) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
        rs.next();
        JsonNode plan = JSON.readTree(rs.getString(1));
        return plan.path(0).path("Plan").path("Total Cost").asDouble();
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      project.warehouse().throwIfOutage(e);
      throw new PipelineException(
          "sql-invalid",
          422,
          "the database cannot plan this query: "
              + io.insightengine.engine.warehouse.WarehouseErrors.withoutData(e.getMessage()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable EXPLAIN output", e);
    }
  }
}
