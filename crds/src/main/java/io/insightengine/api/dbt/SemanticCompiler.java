package io.insightengine.api.dbt;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.insightengine.api.dbt.DbtProject.DataTest;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DimensionSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.PiiClass;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles a dbt project into the models, columns, keys, joins, dimensions, measures and metrics of
 * a {@link SemanticModelSpec}:
 *
 * <ul>
 *   <li>descriptions from the YAML; column types from the catalog; synonyms, PII class and grain
 *       from {@code meta} ({@code synonyms}, {@code pii}, {@code grain});
 *   <li>primary keys from the semantic model's primary entity, a {@code
 *       unique_combination_of_columns} test, or a column tested {@code unique} and {@code
 *       not_null};
 *   <li>enumerated values from {@code accepted_values}; joins from {@code relationships} tests
 *       (inner when the foreign key is {@code not_null}, one-to-one when it is {@code unique});
 *   <li>dimensions and measures from {@code semantic_models}, plus a categorical dimension for
 *       every enumerated column and a time dimension for every date column; metrics from {@code
 *       metrics} (simple, ratio, derived). What cannot be expressed is left out with a warning.
 * </ul>
 *
 * A model is named after the dbt semantic model built on it, else after the dbt model without its
 * layer prefix ({@code dim_}, {@code fct_}, {@code fact_}, {@code agg_}, {@code mart_}).
 */
public final class SemanticCompiler {
  private static final Pattern LAYER_PREFIX = Pattern.compile("^(dim|fct|fact|agg|mart)_");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(\\w+)\\(([^)]*)\\)\\s*}}");
  private static final List<String> GRAINS =
      List.of("hour", "day", "week", "month", "quarter", "year");
  private static final Set<String> TIME_TYPES =
      Set.of("date", "timestamp", "timestamptz", "datetime");

  /** The compiled spec, what was left out and why, and the artifacts it came from. */
  public record Result(SemanticModelSpec spec, List<String> warnings, String revision) {}

  /**
   * Compiles the models matched by {@code select} (dbt-style selectors: a model name, {@code
   * tag:name}, {@code path:models/marts}; all models when empty).
   */
  public Result compile(DbtProject project, List<String> select) {
    List<String> warnings = new ArrayList<>();
    Map<String, DbtProject.SemanticModel> semanticByModel = new LinkedHashMap<>();
    project.semanticModels().forEach(sm -> semanticByModel.putIfAbsent(sm.model(), sm));

    Map<String, DbtProject.Model> selected = new LinkedHashMap<>();
    for (DbtProject.Model model : project.models()) {
      if (!model.timeSpine() && selected(model, select)) {
        selected.put(model.name(), model);
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    selected
        .values()
        .forEach(m -> names.put(m.name(), modelName(m, semanticByModel.get(m.name()))));

    SemanticModelSpec spec = new SemanticModelSpec();
    for (DbtProject.Model model : selected.values()) {
      spec.getModels()
          .add(model(model, names.get(model.name()), semanticByModel.get(model.name()), warnings));
      spec.getRelationships().addAll(relationships(model, names, warnings));
    }
    Map<String, MeasureOwner> measures = new LinkedHashMap<>();
    for (DbtProject.SemanticModel sm : project.semanticModels()) {
      if (selected.containsKey(sm.model())) {
        sm.measures().forEach(m -> measures.put(m.name(), new MeasureOwner(sm)));
      }
    }
    for (DbtProject.Metric metric : project.metrics()) {
      metric(metric, measures, warnings).ifPresent(spec.getMetrics()::add);
    }
    // Metrics whose inputs were left out cannot stand either.
    Set<String> kept =
        spec.getMetrics().stream().map(MetricSpec::getName).collect(Collectors.toSet());
    spec.getMetrics()
        .removeIf(
            m -> {
              List<String> inputs = new ArrayList<>(m.getMetrics());
              Optional.ofNullable(m.getNumerator()).ifPresent(inputs::add);
              Optional.ofNullable(m.getDenominator()).ifPresent(inputs::add);
              List<String> missing = inputs.stream().filter(i -> !kept.contains(i)).toList();
              if (!missing.isEmpty()) {
                warnings.add(
                    "metric "
                        + m.getName()
                        + " left out: its inputs "
                        + missing
                        + " are not compiled");
              }
              return !missing.isEmpty();
            });
    return new Result(spec, warnings, project.revision());
  }

  private record MeasureOwner(DbtProject.SemanticModel semanticModel) {}

  static boolean selected(DbtProject.Model model, List<String> select) {
    if (select == null || select.isEmpty()) {
      return true;
    }
    for (String selector : select) {
      if (selector.startsWith("tag:") && model.tags().contains(selector.substring(4))) {
        return true;
      }
      if (selector.startsWith("path:")
          && model.path() != null
          && model.path().startsWith(selector.substring(5).replaceAll("/$", ""))) {
        return true;
      }
      if (selector.equals(model.name())) {
        return true;
      }
    }
    return false;
  }

  private static String modelName(DbtProject.Model model, DbtProject.SemanticModel semantic) {
    return semantic != null ? semantic.name() : LAYER_PREFIX.matcher(model.name()).replaceFirst("");
  }

  private ModelSpec model(
      DbtProject.Model dbt, String name, DbtProject.SemanticModel semantic, List<String> warnings) {
    ModelSpec model = new ModelSpec();
    model.setName(name);
    model.setDbtModel(dbt.name());
    model.setTable(dbt.schema() == null ? dbt.alias() : dbt.schema() + "." + dbt.alias());
    model.setDescription(dbt.description());
    model.setSynonyms(strings(dbt.meta().get("synonyms")));
    model.setGrain(string(dbt.meta().get("grain")));
    model.setPrimaryKey(primaryKey(dbt, semantic));

    Map<String, List<String>> accepted = new LinkedHashMap<>();
    for (DataTest test : dbt.tests()) {
      if (test.kind() == DataTest.Kind.ACCEPTED_VALUES && test.column() != null) {
        accepted.put(test.column(), test.values());
      }
    }
    for (DbtProject.Column c : dbt.columns()) {
      ColumnSpec column = new ColumnSpec();
      column.setName(c.name());
      column.setType(c.type());
      column.setDescription(c.description());
      column.setSynonyms(strings(c.meta().get("synonyms")));
      column.setPii(pii(c.meta().get("pii"), dbt.name() + "." + c.name(), warnings));
      column.setValues(new ArrayList<>(accepted.getOrDefault(c.name(), List.of())));
      model.getColumns().add(column);
    }

    if (semantic != null) {
      model.setDefaultTimeDimension(semantic.aggTimeDimension());
      if (model.getDescription() == null) {
        model.setDescription(semantic.description());
      }
      semantic.dimensions().forEach(d -> model.getDimensions().add(dimension(d)));
      for (DbtProject.Measure m : semantic.measures()) {
        measure(m, dbt.name(), warnings).ifPresent(model.getMeasures()::add);
      }
    }
    Set<String> dimensionNames =
        model.getDimensions().stream().map(DimensionSpec::getName).collect(Collectors.toSet());
    for (ColumnSpec column : model.getColumns()) {
      if (dimensionNames.contains(column.getName())) {
        continue;
      }
      if (!column.getValues().isEmpty()) {
        model
            .getDimensions()
            .add(simpleDimension(column.getName(), DimensionSpec.Type.CATEGORICAL));
      } else if (column.getType() != null
          && TIME_TYPES.contains(
              column.getType().toLowerCase(Locale.ROOT).replaceAll("\\(.*|\\s.*", ""))) {
        model.getDimensions().add(simpleDimension(column.getName(), DimensionSpec.Type.TIME));
      }
    }
    if (model.getDefaultTimeDimension() == null) {
      model.getDimensions().stream()
          .filter(d -> d.getType() == DimensionSpec.Type.TIME)
          .map(DimensionSpec::getName)
          .findFirst()
          .ifPresent(model::setDefaultTimeDimension);
    }
    return model;
  }

  private static List<String> primaryKey(DbtProject.Model dbt, DbtProject.SemanticModel semantic) {
    Set<String> columns =
        dbt.columns().stream().map(DbtProject.Column::name).collect(Collectors.toSet());
    if (semantic != null) {
      for (DbtProject.Entity entity : semantic.entities()) {
        String expr = entity.expr() != null ? entity.expr() : entity.name();
        if ("primary".equals(entity.type()) && columns.contains(expr)) {
          return new ArrayList<>(List.of(expr));
        }
      }
    }
    for (DataTest test : dbt.tests()) {
      if (test.kind() == DataTest.Kind.UNIQUE_COMBINATION && !test.columns().isEmpty()) {
        return new ArrayList<>(test.columns());
      }
    }
    List<String> candidates =
        dbt.columns().stream()
            .map(DbtProject.Column::name)
            .filter(c -> has(dbt, DataTest.Kind.UNIQUE, c) && has(dbt, DataTest.Kind.NOT_NULL, c))
            .toList();
    return candidates.stream()
        .filter(c -> c.endsWith("_id"))
        .findFirst()
        .or(() -> candidates.stream().findFirst())
        .map(c -> new ArrayList<>(List.of(c)))
        .orElseGet(ArrayList::new);
  }

  private static boolean has(DbtProject.Model model, DataTest.Kind kind, String column) {
    return model.tests().stream().anyMatch(t -> t.kind() == kind && column.equals(t.column()));
  }

  private static List<RelationshipSpec> relationships(
      DbtProject.Model dbt, Map<String, String> names, List<String> warnings) {
    List<RelationshipSpec> relationships = new ArrayList<>();
    for (DataTest test : dbt.tests()) {
      if (test.kind() != DataTest.Kind.RELATIONSHIPS) {
        continue;
      }
      if (test.toModel() == null || test.toColumn() == null || test.column() == null) {
        warnings.add("relationships test on " + dbt.name() + " left out: target not resolved");
        continue;
      }
      if (!names.containsKey(test.toModel())) {
        continue; // the referenced model is not exposed
      }
      RelationshipSpec r = new RelationshipSpec();
      r.setFrom(names.get(dbt.name()));
      r.setFromColumns(new ArrayList<>(List.of(test.column())));
      r.setTo(names.get(test.toModel()));
      r.setToColumns(new ArrayList<>(List.of(test.toColumn())));
      r.setCardinality(
          has(dbt, DataTest.Kind.UNIQUE, test.column())
              ? RelationshipSpec.Cardinality.ONE_TO_ONE
              : RelationshipSpec.Cardinality.MANY_TO_ONE);
      r.setJoinType(
          has(dbt, DataTest.Kind.NOT_NULL, test.column())
              ? RelationshipSpec.JoinType.INNER
              : RelationshipSpec.JoinType.LEFT);
      relationships.add(r);
    }
    return relationships;
  }

  private static DimensionSpec dimension(DbtProject.Dimension d) {
    DimensionSpec dimension = new DimensionSpec();
    dimension.setName(d.name());
    boolean time = "time".equalsIgnoreCase(d.type());
    dimension.setType(time ? DimensionSpec.Type.TIME : DimensionSpec.Type.CATEGORICAL);
    if (d.expr() != null && !d.expr().equals(d.name())) {
      dimension.setExpr(d.expr());
    }
    dimension.setDescription(d.description());
    dimension.setLabel(d.label());
    if (time && d.timeGranularity() != null) {
      int from = GRAINS.indexOf(d.timeGranularity().toLowerCase(Locale.ROOT));
      if (from >= 0) {
        GRAINS
            .subList(from, GRAINS.size())
            .forEach(
                g ->
                    dimension
                        .getTimeGrains()
                        .add(DimensionSpec.TimeGrain.valueOf(g.toUpperCase(Locale.ROOT))));
      }
    }
    return dimension;
  }

  private static DimensionSpec simpleDimension(String name, DimensionSpec.Type type) {
    DimensionSpec dimension = new DimensionSpec();
    dimension.setName(name);
    dimension.setType(type);
    return dimension;
  }

  private static Optional<MeasureSpec> measure(
      DbtProject.Measure m, String model, List<String> warnings) {
    MeasureSpec measure = new MeasureSpec();
    measure.setName(m.name());
    measure.setDescription(m.description());
    String expr = m.expr() != null ? m.expr() : m.name();
    MeasureSpec.Aggregation agg =
        switch (m.agg() == null ? "" : m.agg().toLowerCase(Locale.ROOT)) {
          case "sum" -> MeasureSpec.Aggregation.SUM;
          case "count" -> MeasureSpec.Aggregation.COUNT;
          case "count_distinct" -> MeasureSpec.Aggregation.COUNT_DISTINCT;
          case "average", "avg" -> MeasureSpec.Aggregation.AVG;
          case "min" -> MeasureSpec.Aggregation.MIN;
          case "max" -> MeasureSpec.Aggregation.MAX;
          case "median" -> MeasureSpec.Aggregation.MEDIAN;
          case "sum_boolean" -> {
            expr = "CASE WHEN " + expr + " THEN 1 ELSE 0 END";
            yield MeasureSpec.Aggregation.SUM;
          }
          default -> null;
        };
    if (agg == null) {
      warnings.add(
          "measure "
              + m.name()
              + " of "
              + model
              + " left out: aggregation "
              + m.agg()
              + " is not supported");
      return Optional.empty();
    }
    measure.setAgg(agg);
    measure.setExpr(expr);
    return Optional.of(measure);
  }

  private Optional<MetricSpec> metric(
      DbtProject.Metric dbt, Map<String, MeasureOwner> measures, List<String> warnings) {
    if (dbt.unsupported() != null) {
      warnings.add(
          "metric " + dbt.name() + " left out: " + dbt.unsupported() + " are not supported");
      return Optional.empty();
    }
    MetricSpec metric = new MetricSpec();
    metric.setName(dbt.name());
    metric.setLabel(dbt.label());
    metric.setDescription(dbt.description());
    metric.setSynonyms(strings(dbt.meta().get("synonyms")));
    switch (dbt.type()) {
      case "simple" -> {
        MeasureOwner owner = measures.get(dbt.measure());
        if (owner == null) {
          warnings.add(
              "metric " + dbt.name() + " left out: measure " + dbt.measure() + " is not compiled");
          return Optional.empty();
        }
        metric.setType(MetricSpec.Type.SIMPLE);
        metric.setMeasure(dbt.measure());
        if (!dbt.filters().isEmpty()) {
          List<String> predicates = new ArrayList<>();
          for (String filter : dbt.filters()) {
            Optional<String> sql = filterSql(filter, owner.semanticModel());
            if (sql.isEmpty()) {
              warnings.add(
                  "metric "
                      + dbt.name()
                      + " left out: filter "
                      + filter
                      + " cannot be expressed on "
                      + owner.semanticModel().model());
              return Optional.empty();
            }
            predicates.add(sql.get());
          }
          metric.setFilter(
              predicates.size() == 1
                  ? predicates.get(0)
                  : predicates.stream()
                      .map(p -> "(" + p + ")")
                      .collect(Collectors.joining(" AND ")));
        }
      }
      case "ratio" -> {
        metric.setType(MetricSpec.Type.RATIO);
        metric.setNumerator(dbt.numerator());
        metric.setDenominator(dbt.denominator());
      }
      case "derived" -> {
        metric.setType(MetricSpec.Type.DERIVED);
        metric.setExpr(dbt.expr());
        metric.setMetrics(new ArrayList<>(dbt.inputs()));
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(metric);
  }

  /**
   * Turns a metric filter template such as {@code {{ Dimension('order__status') }} in ('shipped')}
   * into SQL over the measure's model; empty when it refers to anything else.
   */
  static Optional<String> filterSql(String template, DbtProject.SemanticModel owner) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    owner
        .dimensions()
        .forEach(d -> dimensions.put(d.name(), d.expr() != null ? d.expr() : d.name()));
    Matcher m = TEMPLATE.matcher(template);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      String function = m.group(1);
      List<String> args =
          Arrays.stream(m.group(2).split(","))
              .map(a -> a.trim().replaceAll("^['\"]|['\"]$", ""))
              .toList();
      if (!function.equals("Dimension") && !function.equals("TimeDimension")) {
        return Optional.empty();
      }
      String path = args.get(0);
      String dimension = path.contains("__") ? path.substring(path.lastIndexOf("__") + 2) : path;
      String entity = path.contains("__") ? path.substring(0, path.lastIndexOf("__")) : null;
      boolean ownEntity =
          entity == null
              || owner.entities().stream()
                  .anyMatch(e -> e.name().equals(entity) && !"foreign".equals(e.type()));
      if (!ownEntity || !dimensions.containsKey(dimension)) {
        return Optional.empty();
      }
      m.appendReplacement(sql, Matcher.quoteReplacement(dimensions.get(dimension)));
    }
    m.appendTail(sql);
    return Optional.of(sql.toString().trim());
  }

  private static PiiClass pii(Object value, String column, List<String> warnings) {
    String text = string(value);
    if (text == null) {
      return null;
    }
    for (PiiClass pii : PiiClass.values()) {
      try {
        String json = PiiClass.class.getField(pii.name()).getAnnotation(JsonProperty.class).value();
        if (json.equalsIgnoreCase(text)) {
          return pii;
        }
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }
    warnings.add("column " + column + ": unknown pii class " + text + ", recorded as other");
    return PiiClass.OTHER;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  /** meta values written as a YAML list or as a comma-separated string. */
  private static List<String> strings(Object value) {
    List<String> list = new ArrayList<>();
    if (value instanceof List<?> items) {
      items.forEach(i -> list.add(String.valueOf(i)));
    } else if (value != null) {
      Arrays.stream(value.toString().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(list::add);
    }
    return list;
  }
}
