package io.insightengine.engine.security.sql;

import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.sql.QueryFirewall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Firewall validation time per query over the legitimate corpus, against two baselines measured in
 * the same run: JSqlParser's parser alone on the calling thread (the floor), and {@code
 * CCJSqlParserUtil.parse} as it is usually called (a parser thread per call, for its timeout). Also
 * the worst time of any attack (pathological nesting included). Run: scripts/bench-firewall.sh
 */
public final class FirewallBenchmark {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    List<String> queries = Corpus.read(Corpus.LEGITIMATE).stream().map(Corpus.Entry::sql).toList();
    List<String> attacks = Corpus.read(Corpus.ATTACKS).stream().map(Corpus.Entry::sql).toList();
    QueryFirewall firewall = new QueryFirewall();
    FirewallPolicy policy = FirewallPolicy.forTables(Corpus.MARTS);
    for (int i = 0; i < 20; i++) { // warm-up
      for (String q : queries) {
        firewall.check(q, policy);
        CCJSqlParserUtil.parse(q);
        CCJSqlParserUtil.newParser(q).Statement();
      }
    }
    List<Long> check = new ArrayList<>();
    List<Long> parse = new ArrayList<>();
    List<Long> bare = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (String q : queries) {
        long t = System.nanoTime();
        firewall.check(q, policy);
        check.add(System.nanoTime() - t);
        t = System.nanoTime();
        CCJSqlParserUtil.parse(q);
        parse.add(System.nanoTime() - t);
        t = System.nanoTime();
        CCJSqlParserUtil.newParser(q).Statement();
        bare.add(System.nanoTime() - t);
      }
    }
    long worstAttack = 0;
    for (int r = 0; r < 5; r++) {
      for (String a : attacks) {
        long t = System.nanoTime();
        firewall.check(a, policy);
        worstAttack = Math.max(worstAttack, System.nanoTime() - t);
      }
    }
    double p50 = percentile(check, 50);
    double base = percentile(bare, 50);
    double usual = percentile(parse, 50);
    System.out.printf("%d legitimate queries x %d rounds%n", queries.size(), rounds);
    System.out.printf(
        "baseline, JSqlParser's parser alone on this thread: p50 %.3f ms, p99 %.3f ms%n",
        base, percentile(bare, 99));
    System.out.printf(
        "baseline, CCJSqlParserUtil.parse (parser thread per call): p50 %.3f ms, p99 %.3f ms%n",
        usual, percentile(parse, 99));
    System.out.printf(
        "firewall check (lexer + rules + parse + tables): p50 %.3f ms, p99 %.3f ms"
            + " (%.2fx the bare parser, %.2fx CCJSqlParserUtil.parse at p50)%n",
        p50, percentile(check, 99), p50 / base, p50 / usual);
    System.out.printf(
        "worst of %d attacks (pathological nesting included): %.1f ms%n",
        attacks.size(), worstAttack / 1e6);
    System.out.printf(
        "goal: p50 under 1 ms -> %s; no input over the 200 ms parse budget -> %s%n",
        p50 < 1 ? "met" : "NOT met", worstAttack / 1e6 < 200 ? "met" : "NOT met");
  }

  private static double percentile(List<Long> nanos, int p) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100.0))] / 1e6;
  }
}
