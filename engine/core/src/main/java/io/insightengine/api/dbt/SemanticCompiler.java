package io.insightengine.api.dbt;

import io.insightengine.api.dbt.DbtProject.DataTest;
import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DimensionSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.NonAdditiveDimensionSpec;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import io.insightengine.engine.semantic.DateColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles a dbt project into the models, columns, keys, joins, dimensions, measures and metrics of
 * a {@link SemanticModelSpec}:
 *
 * <ul>
 *   <li>descriptions from the YAML; column types from the catalog; synonyms, value synonyms, PII
 *       class and grain from {@code meta} (under the spellings {@link DbtMeta} lists);
 *   <li>primary keys from the semantic model's primary entity, a {@code
 *       unique_combination_of_columns} test, or a column tested {@code unique} and {@code
 *       not_null};
 *   <li>enumerated values from {@code accepted_values}; joins from {@code relationships} tests and
 *       from foreign entities of semantic models (inner when the foreign key is {@code not_null},
 *       one-to-one when it is {@code unique});
 *   <li>dimensions and measures from {@code semantic_models}, plus a categorical dimension for
 *       every enumerated column and a time dimension for every date column ({@link DateColumns}); a
 *       measure's own {@code agg_time_dimension} and {@code non_additive_dimension}; metrics from
 *       {@code metrics} (simple, ratio, derived). What cannot be expressed is left out with a
 *       warning that names it, and so is every {@code meta} key the compiler does not read.
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
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_VALUES = 500;
  private static final Set<String> PRIMARY_ENTITY_TYPES = Set.of("primary", "unique", "natural");

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
    Map<String, List<String>> unreadMeta = new TreeMap<>();
    for (DbtProject.Model model : selected.values()) {
      spec.getModels()
          .add(
              model(
                  model,
                  names.get(model.name()),
                  semanticByModel.get(model.name()),
                  warnings,
                  unreadMeta));
      spec.getRelationships().addAll(relationships(model, names, warnings));
    }
    spec.getRelationships()
        .addAll(entityRelationships(project, selected, names, spec.getRelationships(), warnings));
    markDefaultJoins(spec.getRelationships());
    Map<String, MeasureOwner> measures = new LinkedHashMap<>();
    for (DbtProject.SemanticModel sm : project.semanticModels()) {
      if (selected.containsKey(sm.model())) {
        sm.measures().forEach(m -> measures.put(m.name(), new MeasureOwner(sm)));
      }
    }
    for (DbtProject.Metric metric : project.metrics()) {
      metric(metric, measures, warnings).ifPresent(spec.getMetrics()::add);
      unread(new DbtMeta(metric.meta()), "metric " + metric.name(), unreadMeta);
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
    unreadMeta.forEach(
        (key, where) ->
            warnings.add(
                "meta."
                    + key
                    + " not carried over (a SemanticModel has no field for it), on "
                    + (where.size() <= 5
                        ? String.join(", ", where)
                        : String.join(", ", where.subList(0, 5))
                            + " and "
                            + (where.size() - 5)
                            + " more")));
    return new Result(spec, warnings, project.revision());
  }

  private static void unread(DbtMeta meta, String where, Map<String, List<String>> into) {
    meta.unread().forEach(k -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(where));
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
      DbtProject.Model dbt,
      String name,
      DbtProject.SemanticModel semantic,
      List<String> warnings,
      Map<String, List<String>> unreadMeta) {
    ModelSpec model = new ModelSpec();
    model.setName(name);
    model.setDbtModel(dbt.name());
    model.setTable(dbt.schema() == null ? dbt.alias() : dbt.schema() + "." + dbt.alias());
    model.setDescription(dbt.description());
    DbtMeta modelMeta = new DbtMeta(dbt.meta());
    model.setSynonyms(modelMeta.synonyms());
    model.setGrain(modelMeta.grain());
    model.setPrimaryKey(primaryKey(dbt, semantic));
    unread(modelMeta, "model " + dbt.name(), unreadMeta);

    Map<String, List<String>> accepted = new LinkedHashMap<>();
    for (DataTest test : dbt.tests()) {
      if (test.kind() == DataTest.Kind.ACCEPTED_VALUES && test.column() != null) {
        accepted.put(test.column(), test.values());
      }
    }
    for (DbtProject.Column c : dbt.columns()) {
      String where = dbt.name() + "." + c.name();
      if (!IDENTIFIER.matcher(c.name()).matches()) {
        warnings.add("column " + where + " left out: its name is not a plain SQL identifier");
        continue;
      }
      ColumnSpec column = new ColumnSpec();
      column.setName(c.name());
      column.setType(c.type());
      column.setDescription(c.description());
      DbtMeta meta = new DbtMeta(c.meta());
      List<String> problems = new ArrayList<>();
      column.setSynonyms(meta.synonyms());
      column.setUnit(meta.unit());
      if (has(dbt, DataTest.Kind.UNIQUE, c.name())) {
        column.setUnique(true);
      }
      column.setPii(meta.pii(problems));
      List<String> values = accepted.getOrDefault(c.name(), List.of());
      if (values.size() > MAX_VALUES) {
        warnings.add(
            "column "
                + where
                + ": accepted_values has "
                + values.size()
                + " values, only the first "
                + MAX_VALUES
                + " are kept");
        values = values.subList(0, MAX_VALUES);
      }
      column.setValues(new ArrayList<>(values));
      Map<String, List<String>> valueSynonyms = meta.valueSynonyms(problems);
      if (!values.isEmpty()) {
        valueSynonyms.keySet().stream()
            .filter(v -> !accepted.get(c.name()).contains(v))
            .forEach(
                v ->
                    problems.add(
                        "value synonyms for "
                            + v
                            + ", which is not among its accepted_values, kept as written"));
      }
      column.setValueSynonyms(valueSynonyms);
      problems.forEach(p -> warnings.add("column " + where + ": " + p));
      unread(meta, "column " + where, unreadMeta);
      model.getColumns().add(column);
    }
    if (modelMeta.flagsPii() && model.getColumns().stream().allMatch(c -> c.getPii() == null)) {
      warnings.add(
          "model "
              + dbt.name()
              + ": meta says it contains PII but no column is tagged pii; tag the columns"
              + " (meta pii / pii_type) so they are masked by class");
    }

    if (semantic != null) {
      model.setDefaultTimeDimension(semantic.aggTimeDimension());
      if (model.getDescription() == null) {
        model.setDescription(semantic.description());
      }
      semantic.dimensions().forEach(d -> model.getDimensions().add(dimension(d)));
      for (DbtProject.Measure m : semantic.measures()) {
        measure(m, semantic, dbt.name(), warnings).ifPresent(model.getMeasures()::add);
      }
    }
    Set<String> dimensionNames =
        model.getDimensions().stream().map(DimensionSpec::getName).collect(Collectors.toSet());
    for (ColumnSpec column : model.getColumns()) {
      if (!dimensionNames.contains(column.getName()) && !column.getValues().isEmpty()) {
        model
            .getDimensions()
            .add(simpleDimension(column.getName(), DimensionSpec.Type.CATEGORICAL));
      }
    }
    DateColumns.addTimeDimensions(model);
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
      DbtProject.Measure m,
      DbtProject.SemanticModel semantic,
      String model,
      List<String> warnings) {
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
    String where = "measure " + m.name() + " of " + model + " left out: ";
    Set<String> timeDimensions =
        semantic.dimensions().stream()
            .filter(d -> "time".equalsIgnoreCase(d.type()))
            .map(DbtProject.Dimension::name)
            .collect(Collectors.toSet());
    if (m.aggTimeDimension() != null && !m.aggTimeDimension().equals(semantic.aggTimeDimension())) {
      if (!timeDimensions.contains(m.aggTimeDimension())) {
        warnings.add(
            where
                + "agg_time_dimension "
                + m.aggTimeDimension()
                + " is not a time dimension of semantic model "
                + semantic.name());
        return Optional.empty();
      }
      measure.setAggTimeDimension(m.aggTimeDimension());
    }
    if (m.nonAdditive() != null) {
      DbtProject.NonAdditive na = m.nonAdditive();
      if (na.name() == null || !timeDimensions.contains(na.name())) {
        warnings.add(
            where
                + "non_additive_dimension "
                + na.name()
                + " is not a time dimension of semantic model "
                + semantic.name());
        return Optional.empty();
      }
      NonAdditiveDimensionSpec spec = new NonAdditiveDimensionSpec();
      spec.setName(na.name());
      String choice =
          na.windowChoice() == null ? "min" : na.windowChoice().toLowerCase(Locale.ROOT);
      switch (choice) {
        case "min" -> spec.setWindowChoice(NonAdditiveDimensionSpec.WindowChoice.MIN);
        case "max" -> spec.setWindowChoice(NonAdditiveDimensionSpec.WindowChoice.MAX);
        default -> {
          warnings.add(
              where + "non_additive_dimension window_choice " + choice + " is not min/max");
          return Optional.empty();
        }
      }
      for (String grouping : na.windowGroupings()) {
        // dbt names entities here; the engine needs the column the entity is keyed by.
        Optional<String> column =
            semantic.entities().stream()
                .filter(e -> grouping.equals(e.name()))
                .map(e -> e.expr() != null ? e.expr() : e.name())
                .findFirst();
        if (column.isEmpty() || !IDENTIFIER.matcher(column.get()).matches()) {
          warnings.add(
              where
                  + "non_additive_dimension window_groupings "
                  + grouping
                  + " is not an entity keyed by a column of semantic model "
                  + semantic.name());
          return Optional.empty();
        }
        spec.getWindowGroupings().add(column.get());
      }
      measure.setNonAdditiveDimension(spec);
    }
    return Optional.of(measure);
  }

  /**
   * Joins the semantic layer declares through entities: a foreign entity of one semantic model is
   * the primary (or unique, natural) entity of another. Joins a relationships test already gives
   * are not repeated; a foreign entity that leads nowhere is a warning unless such a test covers
   * its column.
   */
  private static List<RelationshipSpec> entityRelationships(
      DbtProject project,
      Map<String, DbtProject.Model> selected,
      Map<String, String> names,
      List<RelationshipSpec> existing,
      List<String> warnings) {
    Map<String, DbtProject.SemanticModel> byPrimaryEntity = new LinkedHashMap<>();
    for (DbtProject.SemanticModel sm : project.semanticModels()) {
      sm.entities().stream()
          .filter(e -> PRIMARY_ENTITY_TYPES.contains(e.type()))
          .forEach(e -> byPrimaryEntity.putIfAbsent(e.name(), sm));
    }
    List<RelationshipSpec> added = new ArrayList<>();
    for (DbtProject.SemanticModel sm : project.semanticModels()) {
      DbtProject.Model from = selected.get(sm.model());
      if (from == null) {
        continue;
      }
      for (DbtProject.Entity entity : sm.entities()) {
        if (!"foreign".equals(entity.type())) {
          continue;
        }
        String column = entity.expr() != null ? entity.expr() : entity.name();
        String fromName = names.get(from.name());
        boolean tested =
            existing.stream()
                .anyMatch(
                    r ->
                        r.getFrom().equals(fromName) && r.getFromColumns().equals(List.of(column)));
        DbtProject.SemanticModel target = byPrimaryEntity.get(entity.name());
        String where = "foreign entity " + entity.name() + " of semantic model " + sm.name();
        if (target == null || !selected.containsKey(target.model())) {
          if (!tested) {
            warnings.add(
                where
                    + ": no join, "
                    + (target == null
                        ? "no semantic model has it as its primary entity"
                        : "semantic model " + target.name() + " is not selected"));
          }
          continue;
        }
        DbtProject.Entity primary =
            target.entities().stream()
                .filter(e -> e.name().equals(entity.name()))
                .findFirst()
                .orElseThrow();
        String toColumn = primary.expr() != null ? primary.expr() : primary.name();
        if (!IDENTIFIER.matcher(column).matches() || !IDENTIFIER.matcher(toColumn).matches()) {
          warnings.add(where + ": no join, its key is an expression, not a column");
          continue;
        }
        String toName = names.get(target.model());
        Optional<RelationshipSpec> known =
            Stream.concat(existing.stream(), added.stream())
                .filter(
                    r ->
                        r.getFrom().equals(fromName)
                            && r.getFromColumns().equals(List.of(column))
                            && r.getTo().equals(toName))
                .findFirst();
        if (known.isPresent()) {
          known.get().setDefaultJoin(true);
          continue;
        }
        RelationshipSpec r = new RelationshipSpec();
        r.setFrom(fromName);
        r.setFromColumns(new ArrayList<>(List.of(column)));
        r.setTo(toName);
        r.setToColumns(new ArrayList<>(List.of(toColumn)));
        r.setCardinality(
            has(from, DataTest.Kind.UNIQUE, column)
                ? RelationshipSpec.Cardinality.ONE_TO_ONE
                : RelationshipSpec.Cardinality.MANY_TO_ONE);
        r.setJoinType(
            has(from, DataTest.Kind.NOT_NULL, column)
                ? RelationshipSpec.JoinType.INNER
                : RelationshipSpec.JoinType.LEFT);
        r.setDefaultJoin(true);
        added.add(r);
      }
    }
    return added;
  }

  /**
   * Keeps the default mark only where it chooses: between two models that several relationships
   * join (a table in two roles), the join of the entity named like the target's primary entity is
   * the one MetricFlow makes, so it is the default; a pair joined once needs no mark.
   */
  private static void markDefaultJoins(List<RelationshipSpec> relationships) {
    Map<String, Long> perPair =
        relationships.stream()
            .collect(
                Collectors.groupingBy(r -> r.getFrom() + " " + r.getTo(), Collectors.counting()));
    for (RelationshipSpec r : relationships) {
      if (perPair.get(r.getFrom() + " " + r.getTo()) < 2) {
        r.setDefaultJoin(null);
      }
    }
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
    metric.setSynonyms(new DbtMeta(dbt.meta()).synonyms());
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
}
