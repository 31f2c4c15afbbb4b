package io.insightengine.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.sql.FirewallVerdict;
import io.insightengine.api.sql.QueryFirewall;
import io.insightengine.engine.bundle.ConfigBundleHolder;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.insightengine.engine.security.sql.Corpus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential test of the firewall against PostgreSQL's own planner: for every legitimate
 * query of the firewall corpus, on the demo warehouse, the relations and scanned functions of
 * {@code EXPLAIN} are within what the firewall allowed. Prints the firewall's and the plan check's
 * latency.
 */
@QuarkusTest
class PlanAgreesWithFirewallTest {
  @Inject ConfigBundleHolder bundles;

  @Test
  void everyLegitimateQueryReadsOnlyWhatTheFirewallAllowed() throws Exception {
    ProjectRuntime shop = bundles.current().orElseThrow().project("shop").orElseThrow();
    QueryFirewall firewall = new QueryFirewall();
    FirewallPolicy policy = FirewallPolicy.forTables(Corpus.MARTS);
    ObjectMapper json = new ObjectMapper();
    List<String> disagreements = new ArrayList<>();
    List<String> unplannable = new ArrayList<>();
    List<Long> firewallNanos = new ArrayList<>();
    List<Long> planNanos = new ArrayList<>();
    int planned = 0;
    List<Corpus.Entry> corpus = Corpus.read(Path.of("../core").resolve(Corpus.LEGITIMATE));
    try (Connection c = shop.warehouse().readOnlyTransaction(Duration.ofSeconds(10))) {
      for (Corpus.Entry entry : corpus) {
        long start = System.nanoTime();
        FirewallVerdict verdict = firewall.check(entry.sql(), policy);
        firewallNanos.add(System.nanoTime() - start);
        assertThat(verdict.allowed()).as("%s", entry).isTrue();
        start = System.nanoTime();
        PlanReads reads;
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + verdict.select())) {
          rs.next();
          reads = PlanReads.of(json.readTree(rs.getString(1)));
        } catch (SQLException e) {
          // A corpus query may name a column the demo does not have: it cannot be compared.
          unplannable.add(entry + ": " + e.getMessage().lines().findFirst().orElse(""));
          c.rollback();
          continue;
        }
        List<String> extra =
            OptimizeStage.notAllowed(reads, shop.warehouse().relationsBehind(c, verdict.tables()));
        planNanos.add(System.nanoTime() - start);
        planned++;
        if (!extra.isEmpty()) {
          disagreements.add(entry + " reads " + extra);
        }
      }
      c.rollback();
    }
    System.out.printf(
        "[figures] %d legitimate queries: %d planned and compared, %d not plannable on the demo;"
            + " firewall p50 %.2f ms p99 %.2f ms; EXPLAIN + plan check p50 %.2f ms p99"
            + " %.2f ms%n",
        corpus.size(),
        planned,
        unplannable.size(),
        percentile(firewallNanos, 50),
        percentile(firewallNanos, 99),
        percentile(planNanos, 50),
        percentile(planNanos, 99));
    unplannable.forEach(u -> System.out.println("  not plannable: " + u));
    assertThat(disagreements).isEmpty();
    // Most of the corpus is written for the demo's marts and is compared for real.
    assertThat(planned).isGreaterThan(corpus.size() * 3 / 4);
  }

  private static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
  }
}
