package io.insightengine.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.sql.QueryFirewall;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import org.jboss.logging.Logger;

/**
 * Stage 4: bounds the query. The LIMIT is added, or lowered to the project's max rows; then, for a
 * query about to run, PostgreSQL plans it (EXPLAIN, never ANALYZE: nothing runs) and the plan is a
 * second opinion on the firewall's: every relation it scans must be one the firewall allowed (or
 * what such a view is defined over) and every function it scans one the firewall allows, else the
 * query is refused and the disagreement logged as a firewall defect. Last, the plan's cost estimate
 * is checked against the project's ceiling.
 */
@ApplicationScoped
public class OptimizeStage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(OptimizeStage.class);
  private final MeterRegistry metrics;

  public OptimizeStage(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  /** The optimized SQL and the plan's estimated total cost. */
  public record Optimized(String sql, double planCost, boolean limitChanged) {}

  /**
   * Bounds {@code select}; the plan's cost is checked only when the query is about to run ({@code
   * willRun}): the ceiling protects the warehouse, and SQL that is only shown costs it nothing.
   */
  public Optimized optimize(
      Select select,
      List<String> allowedTables,
      ProjectRuntime project,
      boolean willRun,
      Deadline deadline) {
    boolean changed = enforceLimit(select, project.maxRows());
    String sql = select.toString();
    if (!willRun) {
      return new Optimized(sql, Double.NaN, changed);
    }
    double cost = plannedCost(sql, allowedTables, project, deadline);
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

  /** Refuses a query whose plan reads what the firewall did not allow (see the class comment). */
  private void checkReads(
      PlanReads reads, Set<String> allowedRelations, String sql, ProjectRuntime project) {
    List<String> notAllowed = notAllowed(reads, allowedRelations);
    if (notAllowed.isEmpty()) {
      return;
    }
    metrics.counter("insight.firewall.plan.disagreements").increment();
    LOG.errorf(
        "firewall defect: project %s: the plan of an allowed query reads %s, which the firewall"
            + " did not allow; refused: %s",
        project.name(), notAllowed, sql);
    throw PipelineException.refused(
        "plan-check",
        "the database's plan of this query reads "
            + String.join(", ", notAllowed)
            + ", which the firewall did not allow; the query is refused and the firewall defect"
            + " logged");
  }

  /**
   * What a plan reads beyond {@code allowedRelations} ({@code schema.name}): relations, by name
   * when the plan gives no schema, and scanned functions the firewall does not allow ({@code
   * name()}).
   */
  static List<String> notAllowed(PlanReads reads, Set<String> allowedRelations) {
    // A plan that is not VERBOSE names relations without their schema: compare by name then.
    Set<String> names = new java.util.HashSet<>(allowedRelations);
    allowedRelations.forEach(r -> names.add(r.substring(r.indexOf('.') + 1)));
    List<String> extra = new java.util.ArrayList<>();
    reads.relations().stream().filter(r -> !names.contains(r)).forEach(extra::add);
    reads.functions().stream()
        .filter(f -> !QueryFirewall.allowsFunction(f))
        .forEach(f -> extra.add(f + "()"));
    return extra;
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

  private double plannedCost(
      String sql, List<String> allowedTables, ProjectRuntime project, Deadline deadline) {
    // Planning can be slow too (PostgreSQL folds constant expressions while planning): EXPLAIN
    // runs under the same statement timeout as the query.
    try (Connection c =
        project.warehouse().readOnlyTransaction(deadline.remaining("before it was planned"))) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
        rs.next();
        JsonNode plan = JSON.readTree(rs.getString(1));
        checkReads(
            PlanReads.of(plan),
            project.warehouse().relationsBehind(c, allowedTables),
            sql,
            project);
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
