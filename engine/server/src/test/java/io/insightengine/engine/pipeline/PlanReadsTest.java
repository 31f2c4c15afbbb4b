package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a plan reads, from EXPLAIN (FORMAT JSON) output, against what was allowed. */
class PlanReadsTest {
  /** The shape PostgreSQL 17 prints: nested Plans, an InitPlan, a Function Scan. */
  private static final String PLAN =
      """
      [{"Plan": {"Node Type": "Nested Loop", "Plans": [
          {"Node Type": "Seq Scan", "Relation Name": "tickets", "Schema": "raw", "Alias": "t"},
          {"Node Type": "Aggregate", "Plans": [
              {"Node Type": "Seq Scan", "Parent Relationship": "InitPlan",
               "Relation Name": "salaries", "Schema": "desk", "Alias": "salaries"}]},
          {"Node Type": "Function Scan", "Function Name": "generate_series",
           "Schema": "pg_catalog", "Alias": "g"},
          {"Node Type": "Function Scan", "Function Name": "lo_import",
           "Schema": "pg_catalog", "Alias": "f"},
          {"Node Type": "CTE Scan", "CTE Name": "m", "Alias": "m"}]}}]
      """;

  @Test
  void readsEveryScannedRelationAndFunctionAtAnyDepth() throws Exception {
    PlanReads reads = PlanReads.of(new ObjectMapper().readTree(PLAN));
    assertThat(reads.relations()).containsExactly("desk.salaries", "raw.tickets");
    assertThat(reads.functions())
        .containsExactly("pg_catalog.generate_series", "pg_catalog.lo_import");
  }

  @Test
  void aPlanWithoutSchemasIsComparedByName() throws Exception {
    PlanReads reads =
        PlanReads.of(
            new ObjectMapper()
                .readTree(
                    "[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Relation Name\": \"tickets\"}}]"));
    assertThat(OptimizeStage.notAllowed(reads, Set.of("raw.tickets"))).isEmpty();
    assertThat(OptimizeStage.notAllowed(reads, Set.of("raw.agents"))).containsExactly("tickets");
  }

  @Test
  void whatTheFirewallDidNotAllowIsNamed() throws Exception {
    PlanReads reads = PlanReads.of(new ObjectMapper().readTree(PLAN));
    assertThat(OptimizeStage.notAllowed(reads, Set.of("raw.tickets", "desk.salaries")))
        .containsExactly("pg_catalog.lo_import()");
    assertThat(OptimizeStage.notAllowed(reads, Set.of("raw.tickets")))
        .containsExactly("desk.salaries", "pg_catalog.lo_import()");
  }
}
