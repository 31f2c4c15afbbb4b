package io.insightengine.engine.query;

import io.insightengine.api.sql.PostgresLexer;
import io.insightengine.api.v1alpha1.semantic.GlossaryTermSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.engine.query.SemanticQuery.Aggregate;
import io.insightengine.engine.query.SemanticQuery.Exists;
import io.insightengine.engine.query.SemanticQuery.Field;
import io.insightengine.engine.query.SemanticQuery.Filter;
import io.insightengine.engine.query.SemanticQuery.GroupBy;
import io.insightengine.engine.query.SemanticQuery.Having;
import io.insightengine.engine.query.SemanticQuery.Listed;
import io.insightengine.engine.query.SemanticQuery.NamedFilter;
import io.insightengine.engine.query.SemanticQuery.OrderBy;
import io.insightengine.engine.query.SemanticQuery.RangeFilter;
import io.insightengine.engine.query.SemanticQuery.RowCount;
import io.insightengine.engine.query.SemanticQuery.Selection;
import io.insightengine.engine.query.SemanticQuery.Share;
import io.insightengine.engine.query.SemanticQuery.TermFilter;
import io.insightengine.engine.query.SemanticQuery.TimeWindow;
import io.insightengine.engine.query.SemanticQuery.ValueFilter;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.SemanticLayer.Join;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Compiles a {@link SemanticQuery} to PostgreSQL through the JSqlParser AST. The model's own SQL
 * (measure, dimension and filter expressions) is parsed, and its column references are qualified
 * with their model's alias on the tree, so a column named {@code date} or {@code text} is a column
 * like any other.
 *
 * <p>Metrics become aggregates (a metric's filter becomes the aggregate's FILTER clause, so several
 * metrics combine in one query). Other models are reached only along declared to-one relationships,
 * so no row is counted twice; related rows of a one-to-many relationship are asked about with
 * EXISTS (a semi-join). A measure with a non-additive dimension (a daily balance) is never summed
 * across it: the base table becomes a derived table, under the same alias, that applies the period
 * and the base model's own filters and computes, per window grouping (and time bucket), the latest
 * (or earliest) value of that dimension; the measure aggregates only the rows at that period end.
 */
public final class SemanticQueryCompiler {
  private final SemanticLayer layer;

  public SemanticQueryCompiler(SemanticLayer layer) {
    this.layer = layer;
  }

  /** The query cannot be compiled against this semantic model; the message says why. */
  public static final class CannotCompile extends RuntimeException {
    public CannotCompile(String message) {
      super(message);
    }
  }

  /**
   * The SQL for a query; {@code today} (when set) replaces {@code current_date} in the model's
   * expressions, so they mean the day the question was read against.
   */
  public String compile(SemanticQuery query, LocalDate today) {
    if (query.select().isEmpty()) {
      throw new CannotCompile("nothing to compute: the query selects nothing");
    }
    requireComplete(query);
    if (query.compareWith() != null) {
      return comparison(query, today).toString();
    }
    return new Compilation(query, today).build().toString();
  }

  /**
   * A period compared with an earlier one: the query compiled once per period, side by side (one
   * row each), with each selection's earlier value, its value, and the change in percent.
   */
  private PlainSelect comparison(SemanticQuery query, LocalDate today) {
    SemanticQuery.Period earlier = query.compareWith();
    List<TimeWindow> windows =
        query.filters().stream()
            .filter(TimeWindow.class::isInstance)
            .map(TimeWindow.class::cast)
            .toList();
    if (windows.size() != 1) {
      throw new CannotCompile(
          "Comparing periods needs the query's own period: one period filter on a time dimension");
    }
    if (!query.groupBy().isEmpty()
        || !query.having().isEmpty()
        || query.select().stream().anyMatch(Listed.class::isInstance)) {
      throw new CannotCompile(
          "Periods are compared on totals, not per group or per row: ask for each period's"
              + " breakdown on its own");
    }
    TimeWindow own = windows.get(0);
    List<Filter> earlierFilters =
        query.filters().stream()
            .map(
                f ->
                    f == own
                        ? (Filter) new TimeWindow(own.field(), earlier.from(), earlier.until())
                        : f)
            .toList();
    PlainSelect now = totals(query, query.filters(), today);
    PlainSelect before = totals(query, earlierFilters, today);
    PlainSelect outer = new PlainSelect();
    outer.setFromItem(derived(now, THIS_PERIOD));
    net.sf.jsqlparser.statement.select.Join cross = new net.sf.jsqlparser.statement.select.Join();
    cross.setCross(true);
    cross.setRightItem(derived(before, EARLIER_PERIOD));
    outer.addJoins(cross);
    for (var item : now.getSelectItems()) {
      String alias = item.getAlias().getName();
      Column current = new Column(new Table(THIS_PERIOD), alias);
      Column previous = new Column(new Table(EARLIER_PERIOD), alias);
      outer.addSelectItem(previous, new Alias(alias + "_earlier", true));
      outer.addSelectItem(current, new Alias(alias, true));
      Expression change =
          new Function(
              "round",
              new Multiplication(
                  new LongValue(100),
                  ratio(
                      new net.sf.jsqlparser.expression.operators.arithmetic.Subtraction()
                          .withLeftExpression(current)
                          .withRightExpression(previous),
                      previous)),
              new LongValue(2));
      outer.addSelectItem(change, new Alias(alias + "_change_pct", true));
    }
    return outer;
  }

  /** The query's selections over rows meeting {@code filters}: one row, unordered. */
  private PlainSelect totals(SemanticQuery query, List<Filter> filters, LocalDate today) {
    return new Compilation(
            new SemanticQuery(
                query.select(),
                List.of(),
                filters,
                List.of(),
                List.of(),
                null,
                query.percent(),
                null,
                query.roles()),
            today)
        .build();
  }

  private static final String THIS_PERIOD = "this_period";
  private static final String EARLIER_PERIOD = "earlier_period";

  private static ParenthesedSelect derived(PlainSelect select, String alias) {
    ParenthesedSelect derived = new ParenthesedSelect();
    derived.setSelect(select);
    derived.setAlias(new Alias(alias, true));
    return derived;
  }

  /** Every part a query names is there: a client's query may leave anything out. */
  private static void requireComplete(SemanticQuery query) {
    for (int i = 0; i < query.select().size(); i++) {
      requireComplete(query.select().get(i), "select[" + i + "]");
    }
    for (int i = 0; i < query.groupBy().size(); i++) {
      GroupBy g = query.groupBy().get(i);
      require(g != null, "groupBy[" + i + "]");
      requireField(g.field(), "groupBy[" + i + "].field");
    }
    for (int i = 0; i < query.filters().size(); i++) {
      requireComplete(query.filters().get(i), "filters[" + i + "]");
    }
    for (int i = 0; i < query.having().size(); i++) {
      Having h = query.having().get(i);
      require(h != null && h.operator() != null && h.value() != null, "having[" + i + "]");
    }
    for (int i = 0; i < query.orderBy().size(); i++) {
      OrderBy o = query.orderBy().get(i);
      require(o != null && (o.selection() == null) != (o.field() == null), "orderBy[" + i + "]");
    }
    for (int i = 0; i < query.roles().size(); i++) {
      SemanticQuery.Role r = query.roles().get(i);
      require(
          r != null && r.from() != null && r.to() != null && !r.fromColumns().isEmpty(),
          "roles[" + i + "]");
    }
    SemanticQuery.Period earlier = query.compareWith();
    if (earlier != null) {
      require(earlier.from() != null, "compareWith.from");
      require(
          earlier.until() != null && earlier.until().isAfter(earlier.from()), "compareWith.until");
    }
  }

  private static void requireComplete(Selection s, String at) {
    require(s != null, at);
    if (s instanceof SemanticQuery.Metric m) {
      require(m.name() != null, at + ".name");
    } else if (s instanceof SemanticQuery.Measure m) {
      require(m.name() != null, at + ".name");
    } else if (s instanceof RowCount c) {
      require(c.model() != null, at + ".model");
    } else if (s instanceof Aggregate a) {
      require(a.function() != null, at + ".function");
      requireField(a.field(), at + ".field");
    } else if (s instanceof Listed l) {
      requireField(l.field(), at + ".field");
    } else if (s instanceof Share share) {
      requireComplete(share.of(), at + ".of");
      require(share.where() != null, at + ".where");
      for (int i = 0; i < share.where().size(); i++) {
        requireComplete(share.where().get(i), at + ".where[" + i + "]");
      }
    }
  }

  private static void requireComplete(Filter f, String at) {
    require(f != null, at);
    if (f instanceof ValueFilter v) {
      requireField(v.field(), at + ".field");
      require(
          v.values() != null && v.values().stream().noneMatch(java.util.Objects::isNull),
          at + ".values");
    } else if (f instanceof RangeFilter r) {
      requireField(r.field(), at + ".field");
      require(r.operator() != null && r.value() != null, at);
    } else if (f instanceof TimeWindow t) {
      requireField(t.field(), at + ".field");
      require(t.from() != null && t.until() != null, at + ".from/until");
    } else if (f instanceof NamedFilter n) {
      require(n.name() != null, at + ".name");
    } else if (f instanceof TermFilter t) {
      require(t.term() != null, at + ".term");
    } else if (f instanceof Exists e) {
      require(e.related() != null && e.where() != null, at);
      for (int i = 0; i < e.where().size(); i++) {
        requireComplete(e.where().get(i), at + ".where[" + i + "]");
      }
    }
  }

  private static void requireField(Field field, String at) {
    require(field != null && field.model() != null && field.name() != null, at);
  }

  private static void require(boolean present, String at) {
    if (!present) {
      throw new CannotCompile("the query is incomplete at " + at);
    }
  }

  private final class Compilation {
    final SemanticQuery query;
    final LocalDate today;
    final String base;
    final Map<String, Join> joins = new LinkedHashMap<>();
    final Map<SemanticLayer.NonAdditive, String> periodEnds = new LinkedHashMap<>();

    /** The related model whose conditions are being compiled into a semi-join, or null. */
    String correlated;

    Compilation(SemanticQuery query, LocalDate today) {
      this.query = query;
      this.today = today;
      this.base = layer.modelOf(query.select().get(0));
      if (base == null || layer.model(base).isEmpty()) {
        throw new CannotCompile(
            "I could not tell which table " + describe(query.select().get(0)) + " is computed on");
      }
    }

    PlainSelect build() {
      boolean aggregated = query.select().stream().anyMatch(s -> !(s instanceof Listed));
      for (Selection s : query.select()) {
        String model = layer.modelOf(s);
        if (model == null) {
          throw new CannotCompile("unknown " + describe(s));
        }
        if (!(s instanceof Listed) && !base.equals(model)) {
          throw new CannotCompile(
              "Ask about "
                  + describe(query.select().get(0))
                  + " and "
                  + describe(s)
                  + " separately: they are counted on different tables");
        }
      }
      PlainSelect select = new PlainSelect();
      List<String> aliases = new ArrayList<>();
      Map<Field, String> groupAliases = new LinkedHashMap<>();
      List<Expression> groupExpressions = new ArrayList<>();
      for (GroupBy g : query.groupBy()) {
        Expression expr = dimension(g.field());
        String alias = g.field().name();
        if (g.grain() != null) {
          expr = cast(new Function("date_trunc", new StringValue(g.grain().sqlName()), expr));
          alias = alias + "_" + g.grain().sqlName();
        }
        alias = unique(alias, aliases);
        select.addSelectItem(expr, new Alias(alias, true));
        groupAliases.put(g.field(), alias);
        groupExpressions.add(new LongValue(aliases.size()));
      }
      List<String> selectionAliases = new ArrayList<>();
      for (Selection s : query.select()) {
        String alias = unique(alias(s), aliases);
        select.addSelectItem(selectionSql(s), new Alias(alias, true));
        selectionAliases.add(alias);
        if (s instanceof Listed && aggregated) {
          groupExpressions.add(new LongValue(aliases.size()));
        }
      }

      List<Expression> where = new ArrayList<>();
      List<Expression> baseWhere = new ArrayList<>();
      for (Filter f : query.filters()) {
        Expression condition = filter(f);
        (base.equals(modelOf(f)) ? baseWhere : where).add(condition);
      }
      List<Expression> having = new ArrayList<>();
      for (Having h : query.having()) {
        if (h.selection() < 0 || h.selection() >= query.select().size()) {
          throw new CannotCompile("having refers to selection " + h.selection() + ": no such");
        }
        having.add(
            compare(
                selectionSql(query.select().get(h.selection())), h.operator(), number(h.value())));
      }

      if (periodEnds.isEmpty()) {
        where.addAll(0, baseWhere);
        select.setFromItem(table(base));
      } else {
        ParenthesedSelect derived = new ParenthesedSelect();
        derived.setSelect(periodEndTable(baseWhere));
        derived.setAlias(new Alias(base, true));
        select.setFromItem(derived);
      }
      for (Join join : joins.values()) {
        net.sf.jsqlparser.statement.select.Join sqlJoin =
            new net.sf.jsqlparser.statement.select.Join();
        if (join.type() == RelationshipSpec.JoinType.INNER || groupsByItsRows(query, join.to())) {
          sqlJoin.setInner(false);
        } else {
          sqlJoin.setLeft(true);
        }
        sqlJoin.setRightItem(table(join.to()));
        List<Expression> on = new ArrayList<>();
        for (int i = 0; i < join.fromColumns().size(); i++) {
          on.add(
              new EqualsTo(
                  column(join.from(), join.fromColumns().get(i)),
                  column(join.to(), join.toColumns().get(i))));
        }
        sqlJoin.addOnExpression(and(on));
        select.addJoins(sqlJoin);
      }
      if (!where.isEmpty()) {
        select.setWhere(and(where));
      }
      if (!groupExpressions.isEmpty() && aggregated) {
        GroupByElement groupBy = new GroupByElement();
        groupExpressions.forEach(groupBy::addGroupByExpression);
        select.setGroupByElement(groupBy);
      }
      if (!having.isEmpty()) {
        select.setHaving(and(having));
      }
      List<OrderByElement> order = new ArrayList<>();
      for (OrderBy o : query.orderBy()) {
        String target;
        if (o.selection() != null) {
          if (o.selection() < 0 || o.selection() >= selectionAliases.size()) {
            throw new CannotCompile("order refers to selection " + o.selection() + ": no such");
          }
          target = selectionAliases.get(o.selection());
        } else {
          target = groupAliases.get(o.field());
          if (target == null) {
            throw new CannotCompile("order by " + o.field() + ", which is not grouped by");
          }
        }
        OrderByElement element = new OrderByElement();
        element.setExpression(new Column(target));
        element.setAsc(!o.descending());
        if (o.descending()) {
          element.setNullOrdering(OrderByElement.NullOrdering.NULLS_LAST);
        }
        order.add(element);
      }
      if (!order.isEmpty()) {
        select.setOrderByElements(order);
      }
      if (query.limit() != null) {
        if (query.limit() < 1) {
          throw new CannotCompile("limit must be at least 1");
        }
        select.setLimit(new Limit().withRowCount(new LongValue(query.limit())));
      }
      return select;
    }

    private String modelOf(Filter f) {
      String model = layer.modelOf(f);
      if (model == null && !(f instanceof Exists)) {
        throw new CannotCompile("unknown filter " + f);
      }
      return model == null ? base : model;
    }

    /** A row condition as SQL; joins in the models it reaches. */
    private Expression filter(Filter f) {
      if (f instanceof ValueFilter v) {
        if (v.values().isEmpty()) {
          throw new CannotCompile("a value filter on " + v.field() + " needs a value");
        }
        Expression column = dimension(v.field());
        boolean numeric = numeric(v.field());
        List<Expression> values =
            v.values().stream()
                .map(value -> numeric ? number(new BigDecimal(value)) : literal(value))
                .toList();
        Expression condition;
        if (values.size() == 1) {
          condition = new EqualsTo(column, values.get(0));
        } else {
          condition = new InExpression(column, new ParenthesedExpressionList<>(values));
        }
        return v.negated() ? new NotExpression(paren(condition)) : condition;
      } else if (f instanceof RangeFilter r) {
        return compare(dimension(r.field()), r.operator(), number(r.value()));
      } else if (f instanceof TimeWindow t) {
        if (t.from() == null || t.until() == null || !t.from().isBefore(t.until())) {
          throw new CannotCompile("a period needs a start before its end");
        }
        Expression column = dimension(t.field());
        return and(
            List.of(
                new GreaterThanEquals(column, date(t.from())),
                new MinorThan(dimension(t.field()), date(t.until()))));
      } else if (f instanceof NamedFilter n) {
        SemanticLayer.Filter named = namedFilter(n.name());
        return paren(model(named.model(), named.expr()));
      } else if (f instanceof TermFilter t) {
        GlossaryTermSpec term = term(t.term());
        if (term.getFilter() != null) {
          SemanticLayer.Filter named = namedFilter(term.getFilter());
          return paren(model(named.model(), named.expr()));
        }
        if (term.getExpr() == null || term.getModel() == null) {
          throw new CannotCompile("the term \"" + t.term() + "\" does not define a condition");
        }
        return paren(model(term.getModel(), term.getExpr()));
      }
      return exists((Exists) f);
    }

    /** Rows of the base with at least one related row meeting the conditions: a semi-join. */
    private Expression exists(Exists e) {
      SemanticLayer.Model related = require(e.related());
      Optional<List<Join>> back = layer.toOnePath(e.related(), base);
      if (back.isEmpty() || back.get().size() != 1) {
        throw new CannotCompile(
            "I cannot relate "
                + e.related().replace('_', ' ')
                + " to "
                + base.replace('_', ' ')
                + " directly");
      }
      Join join = back.get().get(0);
      String alias = e.related() + "_related";
      PlainSelect inner = new PlainSelect();
      inner.addSelectItem(new LongValue(1));
      Table table = tableOf(related);
      table.setAlias(new Alias(alias, true));
      inner.setFromItem(table);
      List<Expression> conditions = new ArrayList<>();
      for (int i = 0; i < join.fromColumns().size(); i++) {
        conditions.add(
            new EqualsTo(
                new Column(new Table(alias), join.fromColumns().get(i)),
                column(base, join.toColumns().get(i))));
      }
      if (correlated != null) {
        throw new CannotCompile("related rows of related rows are not supported");
      }
      correlated = e.related();
      try {
        for (Filter f : e.where()) {
          if (!e.related().equals(modelOf(f)) || f instanceof Exists) {
            throw new CannotCompile("a condition on related rows must be on " + e.related());
          }
          Expression condition = filter(f);
          condition.accept(new Realias(e.related(), alias), null);
          conditions.add(condition);
        }
      } finally {
        correlated = null;
      }
      inner.setWhere(and(conditions));
      ParenthesedSelect sub = new ParenthesedSelect();
      sub.setSelect(inner);
      ExistsExpression exists = new ExistsExpression();
      exists.setRightExpression(sub);
      return exists;
    }

    private Expression selectionSql(Selection s) {
      Expression sql = aggregateSql(s);
      boolean ratio =
          s instanceof SemanticQuery.Metric m
                  && layer
                      .metric(m.name())
                      .map(x -> x.spec().getType() == MetricSpec.Type.RATIO)
                      .orElse(false)
              || s instanceof Share;
      return query.percent() && ratio ? new Multiplication(new LongValue(100), paren(sql)) : sql;
    }

    private Expression aggregateSql(Selection s) {
      if (s instanceof RowCount) {
        return countStar();
      } else if (s instanceof Aggregate a) {
        Function f =
            new Function(
                a.function() == SemanticQuery.Function.COUNT_DISTINCT
                    ? "count"
                    : a.function().name().toLowerCase(Locale.ROOT),
                dimension(a.field()));
        f.setDistinct(a.function() == SemanticQuery.Function.COUNT_DISTINCT);
        return f;
      } else if (s instanceof Listed l) {
        return dimension(l.field());
      } else if (s instanceof Share share) {
        if (share.where().isEmpty()
            || share.of() instanceof Share
            || share.of() instanceof Listed) {
          throw new CannotCompile(
              "a share needs a count or an amount and the condition its part meets");
        }
        List<Expression> conditions = new ArrayList<>();
        share.where().forEach(f -> conditions.add(filter(f)));
        Expression whole = aggregateSql(share.of());
        return ratio(restricted(aggregateSql(share.of()), and(conditions)), whole);
      } else if (s instanceof SemanticQuery.Measure m) {
        return measureSql(
            layer
                .measure(m.name())
                .orElseThrow(() -> new CannotCompile("unknown measure " + m.name())),
            null);
      }
      return metricSql(((SemanticQuery.Metric) s).name());
    }

    /** An aggregate over only the rows meeting {@code condition}: its FILTER clause, extended. */
    private Expression restricted(Expression aggregate, Expression condition) {
      if (aggregate instanceof AnalyticExpression a && a.getType() == AnalyticType.FILTER_ONLY) {
        a.setFilterExpression(new AndExpression(paren(a.getFilterExpression()), paren(condition)));
        return a;
      }
      if (aggregate instanceof Function f) {
        AnalyticExpression filtered;
        if (f.getParameters() != null
            && f.getParameters().size() == 1
            && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns) {
          filtered = new AnalyticExpression();
          filtered.setName(f.getName());
          filtered.setAllColumns(true);
        } else {
          filtered = new AnalyticExpression(f);
        }
        filtered.setType(AnalyticType.FILTER_ONLY);
        filtered.setFilterExpression(condition);
        return filtered;
      }
      throw new CannotCompile("a share of a ratio or derived metric is not supported");
    }

    private Expression metricSql(String name) {
      MetricSpec spec =
          layer.metric(name).orElseThrow(() -> new CannotCompile("unknown metric " + name)).spec();
      return switch (spec.getType()) {
        case SIMPLE ->
            measureSql(
                layer
                    .measure(spec.getMeasure())
                    .orElseThrow(() -> new CannotCompile("unknown measure " + spec.getMeasure())),
                spec.getFilter());
        case RATIO -> ratio(metricSql(spec.getNumerator()), metricSql(spec.getDenominator()));
        case DERIVED -> derived(spec);
      };
    }

    /**
     * A derived metric's expression over its input metrics. Inputs are replaced token by token (the
     * PostgreSQL lexer, so names inside strings are left alone), then the whole is parsed.
     */
    private Expression derived(MetricSpec spec) {
      String expr = spec.getExpr();
      PostgresLexer.Result lexed = PostgresLexer.scan(expr);
      if (!lexed.ok() || lexed.statements().size() != 1) {
        throw new CannotCompile("the expression of metric " + spec.getName() + " does not parse");
      }
      StringBuilder text = new StringBuilder();
      int at = 0;
      for (PostgresLexer.Token token : lexed.statements().get(0)) {
        if (token.kind() == PostgresLexer.Kind.WORD && spec.getMetrics().contains(token.text())) {
          text.append(expr, at, token.offset())
              .append('(')
              .append(cast(paren(metricSql(token.text())), "numeric"))
              .append(')');
          at = token.offset() + token.text().length();
        }
      }
      text.append(expr.substring(at));
      return paren(parse(text.toString()));
    }

    private Expression measureSql(SemanticLayer.Measure measure, String filter) {
      Expression expr = model(measure.model(), measure.expr());
      Expression sql =
          switch (measure.agg()) {
            case SUM -> new Function("sum", expr);
            case COUNT -> new Function("count", expr);
            case COUNT_DISTINCT -> {
              Function f = new Function("count", expr);
              f.setDistinct(true);
              yield f;
            }
            case AVG -> new Function("avg", expr);
            case MIN -> new Function("min", expr);
            case MAX -> new Function("max", expr);
            // An ordered-set aggregate: parsed whole, the model's expression inside.
            case MEDIAN -> parse("percentile_cont(0.5) WITHIN GROUP (ORDER BY " + expr + ")");
          };
      List<Expression> conditions = new ArrayList<>();
      if (filter != null) {
        conditions.add(paren(model(measure.model(), filter)));
      }
      if (measure.nonAdditive() != null) {
        conditions.add(atPeriodEnd(measure));
      }
      if (conditions.isEmpty()) {
        return sql;
      }
      if (!(sql instanceof Function function)) {
        throw new CannotCompile(
            "a median with a condition is not supported: " + measure.name().replace('_', ' '));
      }
      AnalyticExpression filtered = new AnalyticExpression(function);
      filtered.setType(AnalyticType.FILTER_ONLY);
      filtered.setFilterExpression(and(conditions));
      return filtered;
    }

    /** The condition that keeps a non-additive measure's rows at the period end. */
    private Expression atPeriodEnd(SemanticLayer.Measure measure) {
      SemanticLayer.NonAdditive na = measure.nonAdditive();
      SemanticLayer.Model model = require(measure.model());
      if (!measure.model().equals(base) || !model.dimensions().containsKey(na.dimension())) {
        throw new CannotCompile(
            "I cannot tell at which "
                + na.dimension().replace('_', ' ')
                + " to take "
                + measure.name().replace('_', ' ')
                + ", which must not be added up over time");
      }
      for (String grouping : na.groupings()) {
        if (!model.columns().isEmpty() && !model.columns().containsKey(grouping)) {
          throw new CannotCompile(
              "I cannot take "
                  + measure.name().replace('_', ' ')
                  + " per "
                  + grouping.replace('_', ' ')
                  + ": no such column");
        }
      }
      String alias = periodEnds.computeIfAbsent(na, k -> "period_end_" + (periodEnds.size() + 1));
      return new EqualsTo(dimension(new Field(base, na.dimension())), column(base, alias));
    }

    /**
     * The base table with, for each non-additive dimension used, the period end per window grouping
     * (and time bucket) over the rows of {@code baseWhere}.
     */
    private PlainSelect periodEndTable(List<Expression> baseWhere) {
      SemanticLayer.Model model = require(base);
      PlainSelect inner = new PlainSelect();
      if (model.columns().isEmpty()) {
        inner.addSelectItem(
            new net.sf.jsqlparser.statement.select.AllTableColumns(new Table(base)));
      }
      model.columns().keySet().forEach(c -> inner.addSelectItem(column(base, c)));
      Expression bucket = null;
      GroupBy timeGroup =
          query.groupBy().stream().filter(g -> g.grain() != null).findFirst().orElse(null);
      if (timeGroup != null) {
        if (!timeGroup.field().model().equals(base)) {
          throw new CannotCompile(
              "I cannot take a balance at the end of each period of "
                  + timeGroup.field().name().replace('_', ' ')
                  + ": that date is on another table");
        }
        bucket =
            new Function(
                "date_trunc",
                new StringValue(timeGroup.grain().sqlName()),
                dimension(timeGroup.field()));
      }
      for (Map.Entry<SemanticLayer.NonAdditive, String> end : periodEnds.entrySet()) {
        List<Expression> partition = new ArrayList<>();
        end.getKey().groupings().forEach(g -> partition.add(model(base, g)));
        if (bucket != null) {
          partition.add(bucket);
        }
        AnalyticExpression window = new AnalyticExpression();
        window.setName(end.getKey().latest() ? "max" : "min");
        window.setExpression(dimension(new Field(base, end.getKey().dimension())));
        window.setType(AnalyticType.OVER);
        if (!partition.isEmpty()) {
          window.setPartitionExpressionList(new ExpressionList<>(partition));
        }
        inner.addSelectItem(window, new Alias(end.getValue(), true));
      }
      inner.setFromItem(table(base));
      if (!baseWhere.isEmpty()) {
        inner.setWhere(and(baseWhere));
      }
      return inner;
    }

    // ----- model expressions and references

    /** A dimension's (or plain column's) expression, qualified and joined in. */
    private Expression dimension(Field field) {
      SemanticLayer.Model m = require(field.model());
      SemanticLayer.Dimension d = m.dimensions().get(field.name());
      if (d == null && !m.columns().isEmpty() && !m.columns().containsKey(field.name())) {
        throw new CannotCompile(
            field.model().replace('_', ' ') + " has no " + field.name().replace('_', ' '));
      }
      return d != null ? model(field.model(), d.expr()) : column(field.model(), field.name());
    }

    /** The model's SQL text parsed, its columns qualified with the model's alias. */
    private Expression model(String model, String sql) {
      SemanticLayer.Model m = require(model);
      reach(model);
      Expression expr = parse(sql);
      expr.accept(new Qualify(model, m), null);
      return expr;
    }

    private Column column(String model, String column) {
      reach(model);
      return new Column(new Table(model), column);
    }

    private boolean numeric(Field field) {
      return layer.isNumeric(field.model(), field.name());
    }

    /** Qualifies unqualified column references of one model; pins current_date to today. */
    private final class Qualify extends ExpressionVisitorAdapter<Void> {
      final String alias;
      final SemanticLayer.Model model;

      Qualify(String alias, SemanticLayer.Model model) {
        this.alias = alias;
        this.model = model;
      }

      @Override
      public <S> Void visit(Column column, S context) {
        if (column.getTable() == null || column.getTable().getName() == null) {
          String name = column.getColumnName();
          if (model.columns().isEmpty()
              || model.columns().containsKey(name)
              || model.columns().containsKey(name.toLowerCase(Locale.ROOT))) {
            column.setTable(new Table(alias));
          } else if (name.equalsIgnoreCase("current_date") && today != null) {
            column.setColumnName("DATE '" + today + "'");
          }
        }
        return null;
      }

      @Override
      public <S> Void visit(TimeKeyExpression key, S context) {
        if (today != null && key.getStringValue().equalsIgnoreCase("current_date")) {
          // The AST has no node to swap in place; the literal is written where the key was.
          key.setStringValue("DATE '" + today + "'");
        }
        return null;
      }
    }

    /** Moves a condition's references from one alias to another (a subquery's own). */
    private static final class Realias extends ExpressionVisitorAdapter<Void> {
      final String from;
      final String to;

      Realias(String from, String to) {
        this.from = from;
        this.to = to;
      }

      @Override
      public <S> Void visit(Column column, S context) {
        if (column.getTable() != null && from.equals(column.getTable().getName())) {
          column.setTable(new Table(to));
        }
        return null;
      }
    }

    /** Joins a model in along to-one relationships, or refuses: nothing may be counted twice. */
    private void reach(String model) {
      if (model.equals(base) || model.equals(correlated) || joins.containsKey(model)) {
        return;
      }
      List<Join> path =
          layer
              .toOnePath(base, model)
              .orElseThrow(
                  () ->
                      new CannotCompile(
                          "I cannot relate "
                              + model.replace('_', ' ')
                              + " to "
                              + base.replace('_', ' ')
                              + " without counting rows twice"));
      for (Join step : path) {
        List<Join> roles = layer.directToOneJoins(step.from(), step.to());
        Optional<Join> chosen = chosenRole(step, roles);
        Join join = chosen.orElse(step);
        boolean byDefault =
            chosen.isPresent()
                || layer.defaultJoin(join.from(), join.to()).filter(join::equals).isPresent();
        if (roles.size() > 1 && !byDefault) {
          // Two roles of one table (an origin and a destination) and none the project's default:
          // asked, never picked.
          throw new CannotCompile(
              "I can relate "
                  + join.to().replace('_', ' ')
                  + " to "
                  + join.from().replace('_', ' ')
                  + " in "
                  + roles.size()
                  + " ways ("
                  + String.join(
                      ", ",
                      roles.stream()
                          .map(r -> "by " + String.join(" and ", r.fromColumns()).replace('_', ' '))
                          .toList())
                  + "): say which");
        }
        joins.putIfAbsent(join.to(), join);
      }
    }

    /**
     * The relationship the query's {@code roles} choose between the step's two models, if they
     * choose one. A role that names no declared relationship is refused.
     */
    private Optional<Join> chosenRole(Join step, List<Join> declared) {
      for (SemanticQuery.Role role : query.roles()) {
        if (role.from().equals(step.from()) && role.to().equals(step.to())) {
          return Optional.of(
              declared.stream()
                  .filter(j -> j.fromColumns().equals(role.fromColumns()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new CannotCompile(
                              "no relationship joins "
                                  + role.from()
                                  + " by "
                                  + String.join(", ", role.fromColumns())
                                  + " to "
                                  + role.to())));
        }
      }
      return Optional.empty();
    }

    private SemanticLayer.Model require(String model) {
      return layer.model(model).orElseThrow(() -> new CannotCompile("unknown model " + model));
    }

    private Table table(String model) {
      Table table = tableOf(require(model));
      table.setAlias(new Alias(model, true));
      return table;
    }

    private SemanticLayer.Filter namedFilter(String name) {
      return layer.filter(name).orElseThrow(() -> new CannotCompile("unknown filter " + name));
    }

    private GlossaryTermSpec term(String term) {
      return layer.term(term).orElseThrow(() -> new CannotCompile("unknown term " + term));
    }

    private Expression date(LocalDate day) {
      return new DateTimeLiteralExpression()
          .withType(DateTimeLiteralExpression.DateTime.DATE)
          .withValue("'" + day + "'");
    }
  }

  // ----- AST helpers that need no compilation state

  private static Table tableOf(SemanticLayer.Model model) {
    String[] parts = model.table().split("\\.");
    return parts.length == 2 ? new Table(parts[0], parts[1]) : new Table(model.table());
  }

  private static Function countStar() {
    Function count = new Function();
    count.setName("count");
    count.setParameters(new ExpressionList<>(new net.sf.jsqlparser.statement.select.AllColumns()));
    return count;
  }

  private static Expression ratio(Expression numerator, Expression denominator) {
    return new Division(
        cast(paren(numerator), "numeric"), new Function("NULLIF", denominator, new LongValue(0)));
  }

  private static Expression cast(Expression expr) {
    return cast(expr, "date");
  }

  private static Expression cast(Expression expr, String type) {
    CastExpression cast = new CastExpression();
    cast.setLeftExpression(expr);
    cast.setColDataType(new ColDataType(type));
    cast.setUseCastKeyword(false);
    return cast;
  }

  /** A string literal, its quotes doubled: a value is data, never SQL. */
  private static StringValue literal(String value) {
    StringValue literal = new StringValue();
    literal.setValue(value.replace("'", "''"));
    return literal;
  }

  private static Expression paren(Expression expr) {
    return expr instanceof ParenthesedExpressionList<?> list && list.size() == 1
        ? expr
        : new ParenthesedExpressionList<>(expr);
  }

  private static Expression and(List<Expression> conditions) {
    Expression all = conditions.get(0);
    for (int i = 1; i < conditions.size(); i++) {
      all = new AndExpression(all, conditions.get(i));
    }
    return all;
  }

  private static Expression compare(
      Expression left, SemanticQuery.Operator operator, Expression right) {
    return switch (operator) {
      case EQ -> new EqualsTo(left, right);
      case GT -> new GreaterThan(left, right);
      case GE -> new GreaterThanEquals(left, right);
      case LT -> new MinorThan(left, right);
      case LE -> new MinorThanEquals(left, right);
    };
  }

  private static Expression number(BigDecimal value) {
    if (value == null) {
      throw new CannotCompile("a comparison needs a number");
    }
    try {
      return CCJSqlParserUtil.parseExpression(value.toPlainString());
    } catch (JSQLParserException e) {
      throw new CannotCompile("not a number: " + value);
    }
  }

  private static Expression parse(String sql) {
    try {
      return CCJSqlParserUtil.parseExpression(sql);
    } catch (JSQLParserException e) {
      throw new CannotCompile("the semantic model's expression does not parse: " + sql);
    }
  }

  private static String unique(String alias, List<String> taken) {
    String candidate = alias;
    for (int i = 2; taken.contains(candidate); i++) {
      candidate = alias + "_" + i;
    }
    taken.add(candidate);
    return candidate;
  }

  /** The answer column's name for a selection. */
  static String alias(Selection s) {
    if (s instanceof SemanticQuery.Metric m) {
      return m.name();
    } else if (s instanceof SemanticQuery.Measure m) {
      return m.name();
    } else if (s instanceof RowCount c) {
      return c.model() + "_count";
    } else if (s instanceof Aggregate a) {
      return a.function().name().toLowerCase(Locale.ROOT) + "_" + a.field().name();
    } else if (s instanceof Listed l) {
      return l.field().name();
    }
    return "share_of_" + alias(((Share) s).of());
  }

  /** How messages name a selection. */
  static String describe(Selection s) {
    return alias(s).replace('_', ' ');
  }

  /**
   * Whether the query groups by the key of a joined model ("which members", "per store"): its
   * groups are that model's rows, so facts without one (a trip by no member) make no group of their
   * own and the join is inner.
   */
  private boolean groupsByItsRows(SemanticQuery query, String model) {
    List<String> key = layer.model(model).map(SemanticLayer.Model::primaryKey).orElse(List.of());
    return !key.isEmpty()
        && key.stream()
            .allMatch(
                k ->
                    query.groupBy().stream()
                        .anyMatch(
                            g -> g.field().model().equals(model) && g.field().name().equals(k)));
  }
}
