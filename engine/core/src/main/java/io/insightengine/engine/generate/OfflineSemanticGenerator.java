package io.insightengine.engine.generate;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.engine.interpret.Intent;
import io.insightengine.engine.interpret.Intent.Condition;
import io.insightengine.engine.semantic.ColumnAggregate;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.SemanticLayer.Join;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic generator: compiles an {@link Intent} to SQL using only the semantic model.
 * Metrics become aggregates (a metric's filter becomes the aggregate's FILTER clause, so several
 * metrics combine in one query), dimensions and filters of other models are reached through the
 * declared relationships — only along to-one joins, so no row is counted twice — and every column
 * is qualified by its model's alias.
 *
 * <p>A measure with a non-additive dimension (a daily balance) is never summed across it: the base
 * table becomes a derived table, under the same alias, that applies the period and the base model's
 * own filters and computes, per window grouping (and per time bucket when grouping by a time
 * grain), the latest (or earliest) value of that dimension; the measure aggregates only the rows at
 * that period end.
 */
public final class OfflineSemanticGenerator implements SqlGenerator {
  public static final String NAME = "offline";
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.'])([A-Za-z_][A-Za-z0-9_]*)(?![\\w'(])");
  private static final Set<String> SQL_WORDS =
      Set.of(
          "and",
          "or",
          "not",
          "in",
          "is",
          "null",
          "true",
          "false",
          "between",
          "like",
          "ilike",
          "case",
          "when",
          "then",
          "else",
          "end",
          "interval",
          "current_date",
          "current_timestamp",
          "date",
          "as",
          "distinct",
          "nullif",
          "coalesce",
          "cast",
          "numeric",
          "integer",
          "bigint",
          "text",
          "day",
          "days",
          "month",
          "year");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GenerationResult generate(GenerationRequest request) {
    Intent intent = request.intent();
    if (!intent.understood()) {
      return new GenerationResult.NeedsClarification(
          String.join("; ", intent.clarifications()), intent.clarifications());
    }
    try {
      String sql = new QueryBuilder(request.semantics(), intent).build();
      return new GenerationResult.Generated(
          pinToday(sql, request.today()), NAME, intent.confidence());
    } catch (CannotAnswer e) {
      return new GenerationResult.NeedsClarification(e.getMessage(), List.of(e.getMessage()));
    }
  }

  private static final Pattern CURRENT_DATE = Pattern.compile("(?i)\\bcurrent_date\\b");

  /**
   * Writes the day the question was read against for {@code current_date} (outside string
   * literals), so that a glossary expression such as "in the last 180 days" means the same day as
   * the question's own time expressions.
   */
  static String pinToday(String sql, java.time.LocalDate today) {
    if (today == null) {
      return sql;
    }
    Matcher m = CURRENT_DATE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      boolean inString = QueryBuilder.countQuotes(sql, m.start()) % 2 == 1;
      m.appendReplacement(out, inString ? m.group() : "DATE '" + today + "'");
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The question cannot be answered from the semantic model as read. */
  static final class CannotAnswer extends RuntimeException {
    CannotAnswer(String message) {
      super(message);
    }
  }

  private static final class QueryBuilder {
    final SemanticLayer layer;
    final Intent intent;
    final String base;
    final Map<String, Join> joins = new LinkedHashMap<>();

    /** Non-additive dimensions the query needs a period end for, with their column alias. */
    final Map<SemanticLayer.NonAdditive, String> periodEnds = new LinkedHashMap<>();

    QueryBuilder(SemanticLayer layer, Intent intent) {
      this.layer = layer;
      this.intent = intent;
      this.base = modelOf(intent.metrics().get(0));
      if (base == null || layer.model(base).isEmpty()) {
        throw new CannotAnswer(
            "I could not tell which table " + intent.metrics().get(0) + " is computed on");
      }
    }

    String build() {
      for (String metric : intent.metrics()) {
        String model = modelOf(metric);
        if (!base.equals(model)) {
          throw new CannotAnswer(
              "Ask about "
                  + label(intent.metrics().get(0))
                  + " and "
                  + label(metric)
                  + " separately: they are counted on different tables");
        }
      }
      List<String> select = new ArrayList<>();
      List<String> aliases = new ArrayList<>();
      String timeAlias = null;
      if (intent.grain() != null && intent.timeDimension() != null) {
        String[] td = intent.timeDimension().split("\\.", 2);
        timeAlias = td[1] + "_" + intent.grain().sqlName();
        select.add(
            "date_trunc('"
                + intent.grain().sqlName()
                + "', "
                + dimensionSql(td[0], td[1])
                + ")::date AS "
                + timeAlias);
        aliases.add(timeAlias);
      }
      for (String dimension : intent.groupBy()) {
        String[] d = dimension.split("\\.", 2);
        String alias = uniqueAlias(d[1], aliases);
        select.add(dimensionSql(d[0], d[1]) + " AS " + alias);
        aliases.add(alias);
      }
      int groupColumns = select.size();
      Map<String, String> metricAliases = new LinkedHashMap<>();
      for (String metric : intent.metrics()) {
        String alias = uniqueAlias(metricAlias(metric), aliases);
        select.add(shownMetricSql(metric) + " AS " + alias);
        aliases.add(alias);
        metricAliases.put(metric, alias);
      }

      List<String> having = new ArrayList<>();
      for (Condition c : intent.havings()) {
        having.add(
            shownMetricSql(c.column()) + " " + c.operator() + " " + number(c.values().get(0)));
      }
      // Rows the period end is taken over: the period and the base model's own filters.
      List<String> where = new ArrayList<>();
      List<String> baseWhere = new ArrayList<>();
      if (intent.timeRange() != null && intent.timeDimension() != null) {
        String[] td = intent.timeDimension().split("\\.", 2);
        String column = dimensionSql(td[0], td[1]);
        (td[0].equals(base) ? baseWhere : where)
            .add(column + " >= DATE '" + intent.timeRange().start() + "'");
        (td[0].equals(base) ? baseWhere : where)
            .add(column + " < DATE '" + intent.timeRange().end() + "'");
      }
      for (Condition c : intent.filters()) {
        (base.equals(c.model()) ? baseWhere : where).add(conditionSql(c));
      }

      StringBuilder sql = new StringBuilder("SELECT ").append(String.join(",\n       ", select));
      if (periodEnds.isEmpty()) {
        where.addAll(0, baseWhere);
        sql.append("\nFROM ").append(table(base)).append(" AS ").append(base);
      } else {
        sql.append("\nFROM (").append(periodEndTable(baseWhere)).append(") AS ").append(base);
      }
      for (Join join : joins.values()) {
        sql.append('\n')
            .append(join.type() == RelationshipSpec.JoinType.INNER ? "JOIN " : "LEFT JOIN ")
            .append(table(join.to()))
            .append(" AS ")
            .append(join.to())
            .append(" ON ");
        for (int i = 0; i < join.fromColumns().size(); i++) {
          sql.append(i == 0 ? "" : " AND ")
              .append(join.from())
              .append('.')
              .append(join.fromColumns().get(i))
              .append(" = ")
              .append(join.to())
              .append('.')
              .append(join.toColumns().get(i));
        }
      }
      if (!where.isEmpty()) {
        sql.append("\nWHERE ").append(String.join("\n  AND ", where));
      }
      if (groupColumns > 0) {
        sql.append("\nGROUP BY ");
        for (int i = 1; i <= groupColumns; i++) {
          sql.append(i == 1 ? "" : ", ").append(i);
        }
      }
      if (!having.isEmpty()) {
        sql.append("\nHAVING ").append(String.join(" AND ", having));
      }
      Intent.Order order = intent.order();
      if (order != null && (groupColumns > 0 || intent.limit() != null)) {
        String target =
            metricAliases.getOrDefault(
                order.target(),
                order.target() != null
                        && order.target().equals(intent.timeDimension())
                        && timeAlias != null
                    ? timeAlias
                    : null);
        if (target != null) {
          sql.append("\nORDER BY ")
              .append(target)
              .append(order.descending() ? " DESC NULLS LAST" : " ASC");
        }
      } else if (timeAlias != null) {
        sql.append("\nORDER BY ").append(timeAlias);
      }
      if (intent.limit() != null) {
        sql.append("\nLIMIT ").append(intent.limit());
      }
      return sql.toString();
    }

    private String modelOf(String metric) {
      String model = layer.modelOf(metric);
      if (model == null) {
        throw new CannotAnswer("I could not tell which table " + metric + " is computed on");
      }
      return model;
    }

    private String label(String metric) {
      return layer
          .metric(metric)
          .map(SemanticLayer.Metric::label)
          .orElse(metric.replaceAll("^\\w+:", "").replace('_', ' '));
    }

    private static String metricAlias(String metric) {
      if (metric.startsWith("count:")) {
        return metric.substring(6) + "_count";
      }
      var aggregate = ColumnAggregate.parse(metric);
      if (aggregate.isPresent()) {
        return aggregate.get().alias();
      }
      return metric.startsWith("measure:") ? metric.substring(8) : metric;
    }

    private static String uniqueAlias(String alias, List<String> taken) {
      String candidate = alias;
      for (int i = 2; taken.contains(candidate); i++) {
        candidate = alias + "_" + i;
      }
      return candidate;
    }

    /**
     * A metric as the answer shows it: a ratio asked "in percent" on a 0-100 scale (a threshold
     * given with it is in percent too).
     */
    private String shownMetricSql(String metric) {
      boolean ratio =
          layer.metric(metric).map(m -> m.spec().getType() == MetricSpec.Type.RATIO).orElse(false);
      return intent.percent() && ratio ? "100 * (" + metricSql(metric) + ")" : metricSql(metric);
    }

    private String metricSql(String metric) {
      if (metric.startsWith("count:")) {
        return "count(*)";
      }
      var aggregate = ColumnAggregate.parse(metric);
      if (aggregate.isPresent()) {
        return aggregate.get().function()
            + "("
            + qualify(aggregate.get().model(), aggregate.get().column())
            + ")";
      }
      if (metric.startsWith("measure:")) {
        return aggregate(layer.measure(metric.substring(8)).orElseThrow(), null);
      }
      MetricSpec spec = layer.metric(metric).orElseThrow().spec();
      return switch (spec.getType()) {
        case SIMPLE -> aggregate(layer.measure(spec.getMeasure()).orElseThrow(), spec.getFilter());
        case RATIO ->
            "("
                + metricSql(spec.getNumerator())
                + ")::numeric / NULLIF("
                + metricSql(spec.getDenominator())
                + ", 0)";
        case DERIVED -> derived(spec);
      };
    }

    private String derived(MetricSpec spec) {
      String expr = spec.getExpr();
      for (String input : spec.getMetrics()) {
        expr =
            expr.replaceAll(
                "\\b" + Pattern.quote(input) + "\\b",
                Matcher.quoteReplacement("(" + metricSql(input) + ")::numeric"));
      }
      return "(" + expr + ")";
    }

    /**
     * The base table with, for each non-additive dimension used, the period end per window grouping
     * (and time bucket) over the rows of {@code baseWhere}.
     */
    private String periodEndTable(List<String> baseWhere) {
      SemanticLayer.Model model = require(base);
      List<String> columns = new ArrayList<>();
      model.columns().keySet().forEach(c -> columns.add(base + "." + c));
      if (columns.isEmpty()) {
        columns.add(base + ".*");
      }
      String bucket = null;
      if (intent.grain() != null && intent.timeDimension() != null) {
        String[] td = intent.timeDimension().split("\\.", 2);
        if (!td[0].equals(base)) {
          throw new CannotAnswer(
              "I cannot take a balance at the end of each period of "
                  + td[1].replace('_', ' ')
                  + ": that date is on another table");
        }
        bucket =
            "date_trunc('" + intent.grain().sqlName() + "', " + dimensionSql(td[0], td[1]) + ")";
      }
      for (Map.Entry<SemanticLayer.NonAdditive, String> end : periodEnds.entrySet()) {
        List<String> partition = new ArrayList<>();
        end.getKey().groupings().forEach(g -> partition.add(qualify(base, g)));
        if (bucket != null) {
          partition.add(bucket);
        }
        columns.add(
            (end.getKey().latest() ? "max(" : "min(")
                + dimensionSql(base, end.getKey().dimension())
                + ") OVER ("
                + (partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition))
                + ") AS "
                + end.getValue());
      }
      StringBuilder inner =
          new StringBuilder("SELECT ")
              .append(String.join(", ", columns))
              .append(" FROM ")
              .append(table(base))
              .append(" AS ")
              .append(base);
      if (!baseWhere.isEmpty()) {
        inner.append(" WHERE ").append(String.join(" AND ", baseWhere));
      }
      return inner.toString();
    }

    /** The condition that keeps a non-additive measure's rows at the period end. */
    private String atPeriodEnd(SemanticLayer.Measure measure) {
      SemanticLayer.NonAdditive na = measure.nonAdditive();
      SemanticLayer.Model model = require(measure.model());
      if (!measure.model().equals(base) || !model.dimensions().containsKey(na.dimension())) {
        throw new CannotAnswer(
            "I cannot tell at which "
                + na.dimension().replace('_', ' ')
                + " to take "
                + measure.name().replace('_', ' ')
                + ", which must not be added up over time");
      }
      for (String grouping : na.groupings()) {
        if (!model.columns().isEmpty() && !model.columns().containsKey(grouping)) {
          throw new CannotAnswer(
              "I cannot take "
                  + measure.name().replace('_', ' ')
                  + " per "
                  + grouping.replace('_', ' ')
                  + ": no such column");
        }
      }
      String alias = periodEnds.computeIfAbsent(na, k -> "period_end_" + (periodEnds.size() + 1));
      return dimensionSql(base, na.dimension()) + " = " + base + "." + alias;
    }

    private String aggregate(SemanticLayer.Measure measure, String filter) {
      String expr = qualify(measure.model(), measure.expr());
      String sql =
          switch (measure.agg()) {
            case SUM -> "sum(" + expr + ")";
            case COUNT -> "count(" + expr + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + expr + ")";
            case AVG -> "avg(" + expr + ")";
            case MIN -> "min(" + expr + ")";
            case MAX -> "max(" + expr + ")";
            case MEDIAN -> "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + expr + ")";
          };
      List<String> conditions = new ArrayList<>();
      if (filter != null) {
        conditions.add(qualify(measure.model(), filter));
      }
      if (measure.nonAdditive() != null) {
        conditions.add(atPeriodEnd(measure));
      }
      return conditions.isEmpty()
          ? sql
          : sql
              + " FILTER (WHERE "
              + (conditions.size() == 1
                  ? conditions.get(0)
                  : "(" + String.join(") AND (", conditions) + ")")
              + ")";
    }

    private String dimensionSql(String model, String dimension) {
      SemanticLayer.Model m = require(model);
      SemanticLayer.Dimension d = m.dimensions().get(dimension);
      return qualify(model, d != null ? d.expr() : dimension);
    }

    private String conditionSql(Condition c) {
      if (c.sql() != null) {
        return "(" + qualify(c.model(), c.sql()) + ")";
      }
      String column = dimensionSql(c.model(), c.column());
      ColumnSpec spec = require(c.model()).columns().get(c.column());
      boolean numeric =
          spec != null
              && spec.getType() != null
              && spec.getType()
                  .toLowerCase(Locale.ROOT)
                  .matches("(big|small)?int.*|integer|numeric.*|decimal.*|double.*|real");
      List<String> values = c.values().stream().map(v -> numeric ? number(v) : literal(v)).toList();
      return c.operator().equals("IN")
          ? column + " IN (" + String.join(", ", values) + ")"
          : column + " " + c.operator() + " " + values.get(0);
    }

    /** Qualifies the model's column names in {@code expr} with the model's alias, joining it in. */
    private String qualify(String model, String expr) {
      SemanticLayer.Model m = require(model);
      reach(model);
      Set<String> columns = new LinkedHashSet<>(m.columns().keySet());
      Matcher matcher = IDENTIFIER.matcher(expr);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String word = matcher.group(1);
        boolean inString = countQuotes(expr, matcher.start()) % 2 == 1;
        boolean isColumn =
            !inString
                && (columns.contains(word) || columns.isEmpty())
                && !SQL_WORDS.contains(word.toLowerCase(Locale.ROOT));
        matcher.appendReplacement(
            out, Matcher.quoteReplacement(isColumn ? model + "." + word : word));
      }
      matcher.appendTail(out);
      return out.toString();
    }

    private static int countQuotes(String s, int end) {
      int n = 0;
      for (int i = 0; i < end; i++) {
        if (s.charAt(i) == '\'') {
          n++;
        }
      }
      return n;
    }

    private void reach(String model) {
      if (model.equals(base) || joins.containsKey(model)) {
        return;
      }
      List<Join> path =
          layer
              .toOnePath(base, model)
              .orElseThrow(
                  () ->
                      new CannotAnswer(
                          "I cannot relate "
                              + model.replace('_', ' ')
                              + " to "
                              + base.replace('_', ' ')
                              + " without counting rows twice"));
      for (Join join : path) {
        joins.putIfAbsent(join.to(), join);
      }
    }

    private SemanticLayer.Model require(String model) {
      return layer.model(model).orElseThrow(() -> new CannotAnswer("unknown model " + model));
    }

    private String table(String model) {
      return require(model).table();
    }

    private static String literal(String value) {
      return "'" + value.replace("'", "''") + "'";
    }

    private static String number(String value) {
      return new java.math.BigDecimal(value).toPlainString();
    }
  }
}
