package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.Select;
import org.junit.jupiter.api.Test;

class OptimizeStageTest {
  private static Select parse(String sql) throws Exception {
    return (Select) CCJSqlParserUtil.parse(sql);
  }

  @Test
  void addsALimitWhenThereIsNone() throws Exception {
    Select select = parse("SELECT region FROM marts.fct_orders");
    assertThat(OptimizeStage.enforceLimit(select, 1000)).isTrue();
    assertThat(select.toString()).endsWith("LIMIT 1000");
  }

  @Test
  void lowersALimitAboveTheMaximumAndKeepsTheOffset() throws Exception {
    Select select = parse("SELECT region FROM marts.fct_orders LIMIT 50000 OFFSET 10");
    assertThat(OptimizeStage.enforceLimit(select, 1000)).isTrue();
    assertThat(select.toString()).contains("LIMIT 1000").contains("OFFSET 10");
  }

  @Test
  void keepsASmallerLimit() throws Exception {
    Select select = parse("SELECT region FROM marts.fct_orders LIMIT 5");
    assertThat(OptimizeStage.enforceLimit(select, 1000)).isFalse();
    assertThat(select.toString()).endsWith("LIMIT 5");
  }

  @Test
  void limitsSetOperationsAsAWhole() throws Exception {
    Select select =
        parse("SELECT region FROM marts.fct_orders UNION SELECT region FROM marts.dim_customers");
    OptimizeStage.enforceLimit(select, 10);
    assertThat(select.toString()).endsWith("LIMIT 10");
  }

  @Test
  void boundsAFetchFirstInsteadOfAddingALimit() throws Exception {
    Select small = parse("SELECT region FROM marts.fct_orders FETCH FIRST 5 ROWS ONLY");
    assertThat(OptimizeStage.enforceLimit(small, 1000)).isFalse();
    assertThat(small.toString()).doesNotContain("LIMIT");

    Select large =
        parse("SELECT region FROM marts.fct_orders OFFSET 3 ROWS FETCH FIRST 50000 ROWS ONLY");
    assertThat(OptimizeStage.enforceLimit(large, 1000)).isTrue();
    assertThat(large.toString()).doesNotContain("LIMIT").contains("FETCH FIRST 1000 ROWS ONLY");

    Select one = parse("SELECT region FROM marts.fct_orders FETCH FIRST ROW ONLY");
    assertThat(OptimizeStage.enforceLimit(one, 1000)).isFalse();
    assertThat(one.toString()).doesNotContain("LIMIT");
  }
}
