package io.insightengine.engine.semantic;

import io.insightengine.api.v1alpha1.semantic.ColumnSpec;
import io.insightengine.api.v1alpha1.semantic.DimensionSpec;
import io.insightengine.api.v1alpha1.semantic.GlossaryTermSpec;
import io.insightengine.api.v1alpha1.semantic.MeasureSpec;
import io.insightengine.api.v1alpha1.semantic.MetricSpec;
import io.insightengine.api.v1alpha1.semantic.ModelSpec;
import io.insightengine.api.v1alpha1.semantic.NamedFilterSpec;
import io.insightengine.api.v1alpha1.semantic.NonAdditiveDimensionSpec;
import io.insightengine.api.v1alpha1.semantic.RelationshipSpec;
import io.insightengine.api.v1alpha1.semantic.SemanticModelSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's compiled semantic model, indexed for the pipeline: models with their columns,
 * dimensions and measures; metrics; joins; named filters; glossary; and the {@link Lexicon} of
 * every phrase that names one of them. Immutable once built.
 */
public final class SemanticLayer {
  /** A queryable model. */
  public record Model(
      String name,
      String table,
      String description,
      List<String> primaryKey,
      String defaultTimeDimension,
      Map<String, ColumnSpec> columns,
      Map<String, Dimension> dimensions,
      Map<String, Measure> measures) {}

  /** A dimension of a model; {@code expr} is SQL over the model's columns. */
  public record Dimension(String model, String name, String expr, boolean time, String label) {}

  /**
   * A measure: an aggregation of an expression over a model's columns. {@code timeDimension} is the
   * dimension it is dated by (its own aggTimeDimension, else the model's default; null when the
   * model has none); {@code nonAdditive} is set when it must not be summed across a time dimension.
   */
  public record Measure(
      String model,
      String name,
      MeasureSpec.Aggregation agg,
      String expr,
      String description,
      String timeDimension,
      NonAdditive nonAdditive) {}

  /**
   * A time dimension a measure is not additive over: only the rows at the period's end ({@code
   * latest}: the max of the dimension, else the min) count, per {@code groupings} columns.
   */
  public record NonAdditive(String dimension, boolean latest, List<String> groupings) {}

  /** A metric as declared. */
  public record Metric(MetricSpec spec) {
    public String name() {
      return spec.getName();
    }

    public String label() {
      return spec.getLabel() != null ? spec.getLabel() : spec.getName().replace('_', ' ');
    }
  }

  /** A join between two models, seen from one side. */
  public record Join(
      String from,
      List<String> fromColumns,
      String to,
      List<String> toColumns,
      RelationshipSpec.JoinType type,
      boolean toOne) {}

  /** A named filter. */
  public record Filter(String name, String model, String expr, String description) {}

  private final Map<String, Model> models = new LinkedHashMap<>();
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, Measure> measures = new LinkedHashMap<>();
  private final Map<String, Filter> filters = new LinkedHashMap<>();
  private final Map<String, List<Join>> joins = new HashMap<>();
  private final List<GlossaryTermSpec> glossary;
  private final Lexicon lexicon;

  public SemanticLayer(SemanticModelSpec spec) {
    for (ModelSpec m : spec.getModels()) {
      Map<String, ColumnSpec> columns = new LinkedHashMap<>();
      m.getColumns().forEach(c -> columns.put(c.getName(), c));
      Map<String, Dimension> dimensions = new LinkedHashMap<>();
      for (DimensionSpec d : m.getDimensions()) {
        dimensions.put(
            d.getName(),
            new Dimension(
                m.getName(),
                d.getName(),
                d.getExpr() != null ? d.getExpr() : d.getName(),
                d.getType() == DimensionSpec.Type.TIME,
                d.getLabel()));
      }
      String timeDimension = m.getDefaultTimeDimension();
      if (timeDimension == null) {
        timeDimension =
            dimensions.values().stream()
                .filter(Dimension::time)
                .map(Dimension::name)
                .findFirst()
                .orElse(null);
      }
      Map<String, Measure> modelMeasures = new LinkedHashMap<>();
      for (MeasureSpec ms : m.getMeasures()) {
        String expr =
            ms.getExpr() != null
                ? ms.getExpr()
                : ms.getAgg() == MeasureSpec.Aggregation.COUNT && !m.getPrimaryKey().isEmpty()
                    ? m.getPrimaryKey().get(0)
                    : ms.getName();
        NonAdditiveDimensionSpec na = ms.getNonAdditiveDimension();
        Measure measure =
            new Measure(
                m.getName(),
                ms.getName(),
                ms.getAgg(),
                expr,
                ms.getDescription(),
                ms.getAggTimeDimension() != null ? ms.getAggTimeDimension() : timeDimension,
                na == null
                    ? null
                    : new NonAdditive(
                        na.getName(),
                        na.getWindowChoice() == NonAdditiveDimensionSpec.WindowChoice.MAX,
                        List.copyOf(na.getWindowGroupings())));
        modelMeasures.put(ms.getName(), measure);
        measures.put(ms.getName(), measure);
      }
      models.put(
          m.getName(),
          new Model(
              m.getName(),
              m.getTable() != null ? m.getTable() : m.getName(),
              m.getDescription(),
              List.copyOf(m.getPrimaryKey()),
              timeDimension,
              columns,
              dimensions,
              modelMeasures));
    }
    spec.getMetrics().forEach(m -> metrics.put(m.getName(), new Metric(m)));
    for (NamedFilterSpec f : spec.getFilters()) {
      filters.put(
          f.getName(), new Filter(f.getName(), f.getModel(), f.getExpr(), f.getDescription()));
    }
    for (RelationshipSpec r : spec.getRelationships()) {
      boolean manyToOne =
          r.getCardinality() == null
              || r.getCardinality() != RelationshipSpec.Cardinality.ONE_TO_MANY;
      boolean oneToOne = r.getCardinality() == RelationshipSpec.Cardinality.ONE_TO_ONE;
      RelationshipSpec.JoinType type =
          r.getJoinType() != null ? r.getJoinType() : RelationshipSpec.JoinType.LEFT;
      joins
          .computeIfAbsent(r.getFrom(), k -> new ArrayList<>())
          .add(
              new Join(
                  r.getFrom(), r.getFromColumns(), r.getTo(), r.getToColumns(), type, manyToOne));
      joins
          .computeIfAbsent(r.getTo(), k -> new ArrayList<>())
          .add(
              new Join(
                  r.getTo(),
                  r.getToColumns(),
                  r.getFrom(),
                  r.getFromColumns(),
                  RelationshipSpec.JoinType.LEFT,
                  oneToOne || !manyToOne));
    }
    glossary = List.copyOf(spec.getGlossary());
    lexicon = Lexicon.build(spec, this);
  }

  public Collection<Model> models() {
    return models.values();
  }

  public Optional<Model> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public Optional<Metric> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }

  public Collection<Metric> metrics() {
    return metrics.values();
  }

  public Optional<Measure> measure(String name) {
    return Optional.ofNullable(measures.get(name));
  }

  public Optional<Filter> filter(String name) {
    return Optional.ofNullable(filters.get(name));
  }

  public List<GlossaryTermSpec> glossary() {
    return glossary;
  }

  public Lexicon lexicon() {
    return lexicon;
  }

  /**
   * The model a metric is computed on. Besides metric names, the interpreter's pseudo-metrics are
   * understood: {@code count:<model>}, {@code avg:<model>.<column>}, {@code sum:<model>.<column>}
   * and {@code measure:<measure>}. Null when unknown.
   */
  public String modelOf(String metric) {
    if (metric.startsWith("count:")) {
      return metric.substring(6);
    }
    Optional<ColumnAggregate> aggregate = ColumnAggregate.parse(metric);
    if (aggregate.isPresent()) {
      return aggregate.get().model();
    }
    if (metric.startsWith("measure:")) {
      return measure(metric.substring(8)).map(Measure::model).orElse(null);
    }
    Metric m = metrics.get(metric);
    if (m == null) {
      return null;
    }
    MetricSpec spec = m.spec();
    return switch (spec.getType()) {
      case SIMPLE -> measure(spec.getMeasure()).map(Measure::model).orElse(null);
      case RATIO -> spec.getNumerator() == null ? null : modelOf(spec.getNumerator());
      case DERIVED -> spec.getMetrics().isEmpty() ? null : modelOf(spec.getMetrics().get(0));
    };
  }

  /**
   * The {@code model.dimension} a metric is dated by: its measure's own time dimension (for ratio
   * metrics the numerator's, for derived ones the first input's); for the interpreter's
   * pseudo-metrics the model's default. Null when unknown.
   */
  public String timeDimensionOf(String metric) {
    String model = modelOf(metric);
    if (model == null) {
      return null;
    }
    String dimension = null;
    if (metric.startsWith("measure:")) {
      dimension = measure(metric.substring(8)).map(Measure::timeDimension).orElse(null);
    } else if (metrics.containsKey(metric)) {
      MetricSpec spec = metrics.get(metric).spec();
      return switch (spec.getType()) {
        case SIMPLE ->
            measure(spec.getMeasure())
                .map(Measure::timeDimension)
                .map(d -> model + "." + d)
                .orElse(null);
        case RATIO -> spec.getNumerator() == null ? null : timeDimensionOf(spec.getNumerator());
        case DERIVED ->
            spec.getMetrics().isEmpty() ? null : timeDimensionOf(spec.getMetrics().get(0));
      };
    } else {
      dimension = model(model).map(Model::defaultTimeDimension).orElse(null);
    }
    return dimension == null ? null : model + "." + dimension;
  }

  /** Every table the model exposes, schema-qualified as declared. */
  public List<String> tables() {
    return models.values().stream().map(Model::table).toList();
  }

  /**
   * The joins that reach {@code to} from {@code from} following only to-one steps (so rows of
   * {@code from} are never multiplied), shortest first; empty when there is none.
   */
  public Optional<List<Join>> toOnePath(String from, String to) {
    if (from.equals(to)) {
      return Optional.of(List.of());
    }
    Map<String, Join> via = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      String current = queue.poll();
      for (Join join : joins.getOrDefault(current, List.of())) {
        if (!join.toOne() || via.containsKey(join.to()) || join.to().equals(from)) {
          continue;
        }
        via.put(join.to(), join);
        if (join.to().equals(to)) {
          List<Join> path = new ArrayList<>();
          for (String at = to; !at.equals(from); at = via.get(at).from()) {
            path.add(0, via.get(at));
          }
          return Optional.of(path);
        }
        queue.add(join.to());
      }
    }
    return Optional.empty();
  }
}
