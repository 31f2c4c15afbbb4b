package io.insightengine.api.sql;

import io.insightengine.api.sql.FirewallVerdict.Reason;
import io.insightengine.api.sql.PostgresLexer.Kind;
import io.insightengine.api.sql.PostgresLexer.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Stage 3's query firewall, fail-closed: what it cannot read is refused. Three layers:
 *
 * <ol>
 *   <li>Lexical, with {@link PostgresLexer} (PostgreSQL's own rules for comments and quoting):
 *       size, NUL bytes, exactly one statement, nesting depth; then over every code token — in any
 *       subquery, CTE, CASE or ORDER BY alike — the statement must start as a query, no writing or
 *       session keyword, no INTO, no locking clause, no denied function, no system catalog.
 *   <li>Syntactic, with JSqlParser under a hard time budget (nested CASE and parentheses make its
 *       parse time explode): it must parse, as one SELECT, whose every table is one of the semantic
 *       model's.
 *   <li>The database (not here): the execute stage runs as a SELECT-only role in a read-only
 *       transaction.
 * </ol>
 */
public final class QueryFirewall {
  /** Functions that sleep, read or write files, leak or change server state, or reach out. */
  public static final Set<String> DENIED_FUNCTIONS =
      Set.of(
          "pg_sleep",
          "pg_sleep_for",
          "pg_sleep_until",
          "pg_read_file",
          "pg_read_binary_file",
          "pg_ls_dir",
          "pg_ls_logdir",
          "pg_ls_waldir",
          "pg_ls_tmpdir",
          "pg_ls_archive_statusdir",
          "pg_stat_file",
          "pg_file_write",
          "pg_file_rename",
          "pg_file_unlink",
          "pg_logdir_ls",
          "set_config",
          "current_setting",
          "pg_terminate_backend",
          "pg_cancel_backend",
          "pg_reload_conf",
          "pg_rotate_logfile",
          "pg_switch_wal",
          "pg_promote",
          "pg_create_restore_point",
          "pg_start_backup",
          "pg_stop_backup",
          "pg_backup_start",
          "pg_backup_stop",
          "query_to_xml",
          "query_to_xml_and_xmlschema",
          "query_to_xmlschema",
          "table_to_xml",
          "table_to_xml_and_xmlschema",
          "table_to_xmlschema",
          "cursor_to_xml",
          "cursor_to_xmlschema",
          "schema_to_xml",
          "schema_to_xml_and_xmlschema",
          "schema_to_xmlschema",
          "database_to_xml",
          "database_to_xml_and_xmlschema",
          "database_to_xmlschema",
          "nextval",
          "setval",
          "currval",
          "lastval",
          "txid_current",
          "pg_current_xact_id",
          "pg_notify",
          "pg_import_system_collations",
          "copy",
          "pg_execute_server_program");

  /**
   * Name prefixes of denied function families: large objects, dblink, advisory locks, replication.
   */
  public static final List<String> DENIED_PREFIXES =
      List.of(
          "lo_",
          "dblink",
          "pg_advisory_",
          "pg_try_advisory_",
          "pg_logical_",
          "pg_replication_",
          "pg_create_",
          "pg_drop_",
          "pg_read_",
          "pg_write_",
          "pg_ls_",
          "pg_file_");

  /** Keywords that only writing, DDL or session statements contain. */
  private static final Set<String> WRITE_KEYWORDS =
      Set.of(
          "INSERT",
          "UPDATE",
          "DELETE",
          "MERGE",
          "TRUNCATE",
          "DROP",
          "ALTER",
          "CREATE",
          "GRANT",
          "REVOKE",
          "COPY",
          "CALL",
          "EXECUTE",
          "PREPARE",
          "DEALLOCATE",
          "LOCK",
          "VACUUM",
          "NOTIFY",
          "LISTEN",
          "UNLISTEN",
          "REINDEX",
          "CLUSTER",
          "REFRESH",
          "IMPORT",
          "DISCARD",
          "CHECKPOINT",
          "LOAD",
          "SECURITY",
          "REASSIGN");

  private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "(");

  /**
   * Enforces the parser's time budget. JSqlParser checks a cooperative {@code interrupted} flag as
   * it parses; the watchdog sets it when the budget is spent. Why not {@code
   * CCJSqlParserUtil.parse(sql, executor, ...)}: it hands every parse to another thread and back
   * (two context switches per query, which showed under load), and on a timeout returns while that
   * thread keeps parsing; here the request's own thread parses and stops. Daemon: never holds the
   * JVM.
   */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor watchdog =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "sql-firewall-parse-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    watchdog.setRemoveOnCancelPolicy(true); // finished parses leave no task behind
    return watchdog;
  }

  private static final Set<String> CATALOG_SCHEMAS =
      Set.of("pg_catalog", "information_schema", "pg_toast");

  /**
   * Whether the firewall allows calling {@code function} (a name as PostgreSQL prints it, maybe
   * schema-qualified): for checks of what the planner says a query runs.
   */
  public static boolean allowsFunction(String function) {
    return AnalyticalFunctions.allowed(function);
  }

  public FirewallVerdict check(String sql, FirewallPolicy policy) {
    long start = System.nanoTime();
    Verdict v = new Verdict(start);
    if (sql == null || sql.isBlank()) {
      return v.refuse(Reason.EMPTY, "the query is empty");
    }
    if (sql.length() > policy.maxLength()) {
      return v.refuse(
          Reason.TOO_LONG,
          "the query is "
              + sql.length()
              + " characters long; at most "
              + policy.maxLength()
              + " are accepted");
    }
    if (sql.indexOf('\0') >= 0) {
      return v.refuse(Reason.NUL_BYTE, "the query contains a NUL byte");
    }
    PostgresLexer.Result lexed = PostgresLexer.scan(sql);
    if (!lexed.ok()) {
      return v.refuse(Reason.LEXICAL_ERROR, lexed.error());
    }
    if (lexed.statements().isEmpty()) {
      return v.refuse(Reason.EMPTY, "the query has no statement, only comments");
    }
    if (lexed.statements().size() > 1) {
      return v.refuse(
          Reason.MULTIPLE_STATEMENTS,
          "only one statement is allowed; found " + lexed.statements().size());
    }
    if (lexed.maxDepth() > policy.maxNestingDepth()) {
      return v.refuse(
          Reason.TOO_DEEP,
          "parentheses nest "
              + lexed.maxDepth()
              + " deep; at most "
              + policy.maxNestingDepth()
              + " are accepted");
    }
    List<Token> tokens = lexed.statements().get(0);
    FirewallVerdict lexical = checkTokens(tokens, policy, v);
    if (lexical != null) {
      return lexical;
    }

    Statement statement;
    try {
      statement = parse(lexed.code(), policy.parseTimeout()); // comments blanked as PostgreSQL does
    } catch (ParseTimeout e) {
      return v.refuse(
          Reason.PARSE_TIMEOUT,
          "the query took longer than " + policy.parseTimeout().toMillis() + " ms to parse");
    } catch (ParseException | TokenMgrException e) {
      return v.refuse(
          Reason.UNPARSEABLE, "the query cannot be parsed: " + firstLine(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return v.refuse(
          Reason.UNPARSEABLE, "the query cannot be parsed: " + e.getClass().getSimpleName());
    }
    if (!(statement instanceof Select select)) {
      return v.refuse(
          Reason.NOT_A_SELECT, "only SELECT queries are allowed, not " + kind(statement));
    }
    List<String> tables = new ArrayList<>();
    try {
      CallsAndTables finder = new CallsAndTables();
      finder.getTables((Statement) select);
      Set<String> read = finder.tablesRead;
      for (String function : finder.functions) {
        // Denied names were refused before parsing, from the tokens (checkTokens).
        if (!AnalyticalFunctions.allowed(function)) {
          return v.refuse(
              Reason.DENIED_FUNCTION,
              "function "
                  + function
                  + " is not allowed: only the functions of analytical SQL are (docs/sql-firewall.md)");
        }
      }
      for (String table : read) {
        String resolved = resolve(unquote(table), policy);
        if (resolved == null) {
          return v.refuse(
              Reason.TABLE_NOT_ALLOWED,
              "table " + table + " is not part of this project's semantic model");
        }
        if (!tables.contains(resolved)) {
          tables.add(resolved);
        }
      }
    } catch (UnsupportedOperationException e) {
      return v.refuse(
          Reason.UNPARSEABLE,
          "the query uses a construct the firewall cannot inspect: " + e.getMessage());
    }
    return new FirewallVerdict(Reason.ALLOWED, "allowed", select, List.copyOf(tables), v.took());
  }

  /**
   * Parses on the calling thread within the budget: first without JSqlParser's complex-expression
   * rules (fast), then with them, as {@code CCJSqlParserUtil.parse} does.
   */
  private static Statement parse(String sql, Duration budget) throws ParseException, ParseTimeout {
    ParseBudget left = ParseBudget.forCurrentThread(budget.toNanos());
    try {
      return parse(sql, false, left);
    } catch (ParseException | TokenMgrException e) {
      return parse(sql, true, left);
    }
  }

  private static Statement parse(String sql, boolean complex, ParseBudget budget)
      throws ParseException, ParseTimeout {
    CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
    parser.withAllowComplexParsing(complex);
    if (budget.spent()) {
      throw new ParseTimeout();
    }
    Alarm alarm = new Alarm(parser, budget);
    try {
      Statement statement = parser.Statement();
      if (parser.interrupted) {
        throw new ParseTimeout();
      }
      return statement;
    } catch (ParseException | RuntimeException e) {
      if (parser.interrupted) {
        throw new ParseTimeout();
      }
      throw e;
    } finally {
      alarm.cancel();
    }
  }

  /**
   * Looks at the parse when its budget could first be spent, and again until it is (CPU time runs
   * slower than the clock on a busy machine), then interrupts it.
   */
  private static final class Alarm implements Runnable {
    private final CCJSqlParser parser;
    private final ParseBudget budget;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> next;

    Alarm(CCJSqlParser parser, ParseBudget budget) {
      this.parser = parser;
      this.budget = budget;
      this.next = WATCHDOG.schedule(this, budget.left(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
      if (cancelled) {
        return;
      }
      long left = budget.left();
      if (left <= 0) {
        parser.interrupted = true;
      } else {
        next = WATCHDOG.schedule(this, left, TimeUnit.NANOSECONDS);
      }
    }

    void cancel() {
      cancelled = true;
      next.cancel(false);
    }
  }

  /**
   * The tables a query reads and every function it calls. A name is a CTE's only where that CTE is
   * in scope, as PostgreSQL resolves it: in the body of the SELECT whose WITH defines it, and in
   * the WITH items after it. JSqlParser's own finder treats a CTE's name as a CTE everywhere in the
   * statement, so a real table named like a CTE of some subquery (or like a later WITH item) went
   * unchecked; the scope is kept here.
   */
  private static final class CallsAndTables extends TablesNamesFinder<Void> {
    final Set<String> functions = new java.util.LinkedHashSet<>();
    final Set<String> tablesRead = new java.util.LinkedHashSet<>();
    private final java.util.Deque<Set<String>> cteScopes = new java.util.ArrayDeque<>();

    @Override
    public <S> Void visit(Select select, S context) {
      // Only dispatch: each kind of SELECT visits its own WITH items, inside its scope.
      select.accept((net.sf.jsqlparser.statement.select.SelectVisitor<Void>) this, context);
      return null;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.statement.select.PlainSelect select, S context) {
      return inScope(() -> super.visit(select, context));
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.statement.select.SetOperationList select, S context) {
      return inScope(() -> super.visit(select, context));
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.statement.select.ParenthesedSelect select, S context) {
      return inScope(() -> super.visit(select, context));
    }

    /** Visits one SELECT in a scope of its own: the CTEs its WITH defines live until it ends. */
    private Void inScope(java.util.function.Supplier<Void> visit) {
      cteScopes.push(new HashSet<>());
      try {
        return visit.get();
      } finally {
        cteScopes.pop();
      }
    }

    @Override
    public <S> Void visit(WithItem<?> item, S context) {
      super.visit(item, context); // its body first: there, its own name is not yet a CTE
      if (item.getAlias() != null && !cteScopes.isEmpty()) {
        cteScopes.peek().add(unquote(item.getAlias().getName()).toLowerCase(Locale.ROOT));
      }
      return null;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.schema.Table table, S context) {
      String name = table.getFullyQualifiedName();
      String lower = unquote(name).toLowerCase(Locale.ROOT);
      boolean cte = !lower.contains(".") && cteScopes.stream().anyMatch(s -> s.contains(lower));
      if (!cte) {
        tablesRead.add(name);
      }
      return null;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.Function function, S context) {
      functions.add(function.getName());
      return super.visit(function, context);
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.AnalyticExpression analytic, S context) {
      functions.add(analytic.getName());
      return super.visit(analytic, context);
    }
  }

  /** The parse ran out of its time budget. */
  private static final class ParseTimeout extends Exception {
    ParseTimeout() {
      super("parse timeout", null, false, false);
    }
  }

  /**
   * Parses a few typical queries without a time budget. The first parses of a JVM load and
   * interpret JSqlParser's very large parser class and can take longer than the budget; done at
   * startup, they cannot make the first real query fail with a parse timeout.
   */
  public Duration warmUp() {
    long start = System.nanoTime();
    FirewallPolicy policy =
        new FirewallPolicy(
            Set.of("s.t", "s.u"),
            List.of("s"),
            false,
            Set.of(),
            FirewallPolicy.DEFAULT_MAX_LENGTH,
            FirewallPolicy.DEFAULT_MAX_NESTING,
            Duration.ofMinutes(1));
    List<String> typical =
        List.of(
            "SELECT a, sum(b) AS total FROM s.t WHERE c = 'x' AND d >= DATE '2024-01-01'"
                + " GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
            "WITH m AS (SELECT date_trunc('month', d)::date AS month, count(*) AS n FROM s.t"
                + " GROUP BY 1) SELECT month, n, lag(n) OVER (ORDER BY month) FROM m",
            "SELECT t.a, CASE WHEN u.b > 1 THEN 'big' ELSE 'small' END, count(DISTINCT t.c)"
                + " FILTER (WHERE t.e IN ('p', 'q')) FROM s.t AS t JOIN s.u AS u ON u.id = t.u_id"
                + " WHERE t.x IN (SELECT x FROM s.u) GROUP BY 1, 2 HAVING count(*) > 5");
    for (int round = 0; round < 20; round++) {
      for (String sql : typical) {
        FirewallVerdict verdict = check(sql, policy);
        if (!verdict.allowed()) { // the warm-up must exercise the whole path
          throw new IllegalStateException("warm-up query refused: " + verdict.message());
        }
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The lexical layer over the code tokens; null when they pass. */
  private FirewallVerdict checkTokens(List<Token> tokens, FirewallPolicy policy, Verdict v) {
    Token first = tokens.get(0);
    String firstWord = first.kind() == Kind.OPEN_PAREN ? "(" : first.upper();
    if (!QUERY_STARTS.contains(firstWord) || first.kind() == Kind.QUOTED_IDENTIFIER) {
      return v.refuse(Reason.NOT_A_SELECT, "only SELECT queries are allowed, not " + first.text());
    }
    boolean inWith = firstWord.equals("WITH");
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      boolean qualified =
          previous != null && previous.kind() == Kind.OPERATOR && previous.text().equals(".");
      if (t.kind() == Kind.WORD && !qualified) {
        String word = t.upper();
        if (word.equals("FOR")
            && next != null
            && next.kind() == Kind.WORD
            && Set.of("UPDATE", "SHARE", "NO", "KEY").contains(next.upper())) {
          return v.refuse(
              Reason.LOCKING_CLAUSE, "locking clauses (FOR " + next.upper() + ") are not allowed");
        }
        if (word.equals("RECURSIVE") && previous != null && previous.upper().equals("WITH")) {
          // Whether a recursion ends is not something the firewall can prove, and a LIMIT added
          // afterwards hides one that does not; a series of dates is generate_series.
          return v.refuse(
              Reason.RECURSIVE_CTE,
              "recursive CTEs are not allowed: use generate_series for a series of values");
        }
        if (word.equals("INTO")) {
          return v.refuse(Reason.SELECT_INTO, "SELECT INTO and INSERT INTO are not allowed");
        }
        if (WRITE_KEYWORDS.contains(word) && startsACteBody(tokens, i)) {
          return v.refuse(
              inWith ? Reason.WRITABLE_CTE : Reason.NOT_A_SELECT,
              word + " is not allowed: queries may only read");
        }
      }
      if ((t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER)) {
        String name = t.text().toLowerCase(Locale.ROOT);
        boolean call = next != null && next.kind() == Kind.OPEN_PAREN;
        if (call && denied(name, policy)) {
          return v.refuse(Reason.DENIED_FUNCTION, "function " + name + " is not allowed");
        }
        if (!policy.allowSystemCatalogs()
            && !call
            && (CATALOG_SCHEMAS.contains(name) || name.startsWith("pg_"))) {
          return v.refuse(Reason.SYSTEM_CATALOG, "system catalogs (" + name + ") are not readable");
        }
      }
    }
    return null;
  }

  /**
   * Whether the token at {@code i} opens the body of a common table expression ({@code AS (} or
   * {@code AS [NOT] MATERIALIZED (}), the only place inside a query that starts with SELECT, WITH,
   * VALUES or "(" where PostgreSQL accepts a writing statement. Anywhere else such a word is a
   * name: an alias {@code cluster}, a column {@code load} (a ban on the bare word refused them).
   */
  private static boolean startsACteBody(List<Token> tokens, int i) {
    if (i < 2 || tokens.get(i - 1).kind() != Kind.OPEN_PAREN) {
      return false;
    }
    Token before = tokens.get(i - 2);
    return before.kind() == Kind.WORD
        && (before.upper().equals("AS") || before.upper().equals("MATERIALIZED"));
  }

  private static boolean denied(String function, FirewallPolicy policy) {
    return DENIED_FUNCTIONS.contains(function)
        || policy.extraDeniedFunctions().contains(function)
        || DENIED_PREFIXES.stream().anyMatch(function::startsWith);
  }

  /** The allowed table a reference names, or null. */
  private static String resolve(String table, FirewallPolicy policy) {
    String name = table.toLowerCase(Locale.ROOT);
    if (policy.allowedTables().contains(name)) {
      return name;
    }
    if (!name.contains(".")) {
      for (String schema : policy.searchSchemas()) {
        if (policy.allowedTables().contains(schema + "." + name)) {
          return schema + "." + name;
        }
      }
    }
    return null;
  }

  private static String unquote(String name) {
    return name.replace("\"", "");
  }

  private static String kind(Statement statement) {
    return statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse(message);
  }

  /** Measures the time of one check. */
  private static final class Verdict {
    private final long start;

    Verdict(long start) {
      this.start = start;
    }

    Duration took() {
      return Duration.ofNanos(System.nanoTime() - start);
    }

    FirewallVerdict refuse(Reason reason, String message) {
      return new FirewallVerdict(reason, message, null, List.of(), took());
    }
  }
}
