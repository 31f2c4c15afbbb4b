package io.insightengine.engine.pipeline;

import io.insightengine.api.sql.FirewallVerdict;
import io.insightengine.api.sql.QueryFirewall;
import io.insightengine.engine.bundle.ProjectRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import net.sf.jsqlparser.statement.select.Select;
import org.jboss.logging.Logger;

/**
 * Stage 3: every query — generated or supplied by the caller — passes the query firewall for its
 * project: one read-only SELECT over the project's semantic-model tables, no denied function, no
 * system catalog. Refusals are HTTP 422 problems whose type names the reason.
 */
@ApplicationScoped
public class ValidateStage {
  private static final Logger LOG = Logger.getLogger(ValidateStage.class);
  private final QueryFirewall firewall = new QueryFirewall();
  private final MeterRegistry metrics;

  public ValidateStage(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  /** Warms the parser up before the engine reports ready (see {@link QueryFirewall#warmUp}). */
  void warmUp(@Observes StartupEvent event) {
    LOG.infof("SQL parser warmed up in %d ms", firewall.warmUp().toMillis());
  }

  /** The parsed query and the tables it reads. */
  public record Validated(Select select, List<String> tables) {}

  /**
   * Checks {@code sql}; {@code generated} when the engine wrote it. A parse of the engine's own SQL
   * that runs out of its budget is tried once more before it is refused: that SQL is analytical by
   * construction, so a timeout says the machine was busy (or the JVM cold), not that the query is
   * hostile. Caller SQL gets no second try: an attacker could double the parsing time.
   */
  public Validated validate(String sql, ProjectRuntime project, boolean generated) {
    FirewallVerdict verdict = firewall.check(sql, project.firewallPolicy());
    if (generated && verdict.reason() == FirewallVerdict.Reason.PARSE_TIMEOUT) {
      metrics.counter("insight.firewall.parse.retries").increment();
      verdict = firewall.check(sql, project.firewallPolicy());
    }
    metrics.counter("insight.firewall.decisions", "reason", verdict.reason().name()).increment();
    if (!verdict.allowed()) {
      throw PipelineException.refused(verdict.reason().slug(), verdict.message());
    }
    return new Validated(verdict.select(), verdict.tables());
  }
}
