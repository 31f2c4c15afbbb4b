package io.insightengine.engine.security.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.sql.FirewallVerdict;
import io.insightengine.api.sql.QueryFirewall;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every attack of the corpus is refused for its expected reason; every legitimate query passes. */
class FirewallCorpusTest {
  private final QueryFirewall firewall = new QueryFirewall();
  private final FirewallPolicy policy = FirewallPolicy.forTables(Corpus.MARTS);

  static Stream<Corpus.Entry> attacks() throws IOException {
    return Corpus.read(Corpus.ATTACKS).stream();
  }

  static Stream<Corpus.Entry> legitimate() throws IOException {
    return Corpus.read(Corpus.LEGITIMATE).stream();
  }

  @Test
  void theCorpusIsLargeEnough() throws IOException {
    List<Corpus.Entry> attacks = Corpus.read(Corpus.ATTACKS);
    assertThat(attacks)
        .hasSizeGreaterThanOrEqualTo(100)
        .allSatisfy(e -> assertThat(e.expected()).isNotNull());
    assertThat(Corpus.read(Corpus.LEGITIMATE)).hasSizeGreaterThanOrEqualTo(100);
    // Every denied function appears in at least one attack.
    String all = String.join("\n", attacks.stream().map(Corpus.Entry::sql).toList()).toLowerCase();
    assertThat(
            List.of(
                "pg_sleep",
                "pg_read_file",
                "pg_ls_dir",
                "lo_import",
                "dblink",
                "set_config",
                "pg_terminate_backend",
                "pg_advisory_lock",
                "query_to_xml",
                "nextval",
                "setval"))
        .allSatisfy(f -> assertThat(all).contains(f + "("));
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void refusesAttack(Corpus.Entry attack) {
    FirewallVerdict verdict = firewall.check(attack.sql(), policy);

    assertThat(verdict.allowed()).as("%s was allowed", attack).isFalse();
    assertThat(verdict.reason())
        .as("%s: %s", attack, verdict.message())
        .isEqualTo(attack.expected());
    assertThat(verdict.message()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("legitimate")
  void allowsLegitimateQuery(Corpus.Entry query) {
    FirewallVerdict verdict = firewall.check(query.sql(), policy);

    assertThat(verdict.allowed())
        .as("%s refused: %s %s", query, verdict.reason(), verdict.message())
        .isTrue();
    assertThat(verdict.select()).isNotNull();
    assertThat(Corpus.MARTS).containsAll(verdict.tables());
  }

  @Test
  void pathologicalInputIsRefusedQuickly() {
    String deepCase =
        "SELECT "
            + "CASE WHEN 1 = 1 THEN ".repeat(25)
            + "1"
            + " END".repeat(25)
            + " FROM marts.fct_orders";
    String deepParens =
        "SELECT " + "(".repeat(30) + "1" + ")".repeat(30) + " FROM marts.fct_orders";
    for (String sql :
        List.of(deepCase, deepParens, "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000))) {
      FirewallVerdict verdict = firewall.check(sql, policy);
      // Generous bound for a noisy machine; the benchmark reports the real figure.
      assertThat(verdict.took()).as(verdict.reason().toString()).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aParseOverItsBudgetIsStoppedAndRefused() {
    // 25 nested CASE expressions take JSqlParser tens of milliseconds; the budget here is 1 ms.
    String deepCase =
        "SELECT "
            + "CASE WHEN 1 = 1 THEN ".repeat(25)
            + "1"
            + " END".repeat(25)
            + " FROM marts.fct_orders";
    FirewallPolicy tight =
        new FirewallPolicy(
            policy.allowedTables(),
            policy.searchSchemas(),
            false,
            java.util.Set.of(),
            policy.maxLength(),
            policy.maxNestingDepth(),
            Duration.ofMillis(1));

    FirewallVerdict verdict = firewall.check(deepCase, tight);

    assertThat(verdict.reason()).isEqualTo(FirewallVerdict.Reason.PARSE_TIMEOUT);
    assertThat(verdict.message()).contains("longer than 1 ms");
    // The parser stops soon after the budget rather than running on (generous for a noisy machine).
    assertThat(verdict.took()).isLessThan(Duration.ofMillis(500));
    // With the default budget the same query parses.
    assertThat(firewall.check(deepCase, policy).allowed()).isTrue();
  }

  @Test
  void theWarmUpRunsTheWholePath() {
    assertThat(new QueryFirewall().warmUp()).isPositive();
  }
}
