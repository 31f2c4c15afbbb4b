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
import io.insightengine.engine.query.SemanticQuery;
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

  /**
   * A join between two models, seen from one side; {@code byDefault} when it is the relationship
   * marked default among several joining the same two models.
   */
  public record Join(
      String from,
      List<String> fromColumns,
      String to,
      List<String> toColumns,
      RelationshipSpec.JoinType type,
      boolean toOne,
      boolean byDefault) {}

  /** A named filter. */
  public record Filter(String name, String model, String expr, String description) {}

  /**
   * How a model, column, dimension, measure or metric describes itself: its name, label (null when
   * it has none), synonyms and description (null when it has none). A column that a dimension of
   * its model is named after is described by that dimension, its synonyms and description added.
   */
  public record Element(
      Lexicon.Target target,
      String name,
      String label,
      List<String> synonyms,
      String description) {}

  private final Map<String, Model> models = new LinkedHashMap<>();
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, Measure> measures = new LinkedHashMap<>();
  private final Map<String, Filter> filters = new LinkedHashMap<>();
  private final Map<String, List<Join>> joins = new HashMap<>();
  private final List<GlossaryTermSpec> glossary;
  private final List<Element> elements;
  private final Lexicon lexicon;
  private volatile ElementEmbeddings embeddings;
  private final SemanticModelSpec spec;

  public SemanticLayer(SemanticModelSpec spec) {
    this.spec = spec;
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
      // No default unless declared: the first date is not a reading of a question (DateColumns).
      String timeDimension = m.getDefaultTimeDimension();
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
                  r.getFrom(),
                  r.getFromColumns(),
                  r.getTo(),
                  r.getToColumns(),
                  type,
                  manyToOne,
                  r.joinsByDefault()));
      joins
          .computeIfAbsent(r.getTo(), k -> new ArrayList<>())
          .add(
              new Join(
                  r.getTo(),
                  r.getToColumns(),
                  r.getFrom(),
                  r.getFromColumns(),
                  RelationshipSpec.JoinType.LEFT,
                  oneToOne || !manyToOne,
                  r.joinsByDefault()));
    }
    glossary = List.copyOf(spec.getGlossary());
    elements = elementsOf(spec);
    lexicon = Lexicon.build(spec, this);
  }

  private static List<Element> elementsOf(SemanticModelSpec spec) {
    List<Element> elements = new ArrayList<>();
    for (MetricSpec m : spec.getMetrics()) {
      elements.add(
          new Element(
              new Lexicon.MetricRef(m.getName()),
              m.getName(),
              m.getLabel(),
              List.copyOf(m.getSynonyms()),
              m.getDescription()));
    }
    for (ModelSpec m : spec.getModels()) {
      for (MeasureSpec ms : m.getMeasures()) {
        elements.add(
            new Element(
                new Lexicon.MeasureRef(ms.getName()),
                ms.getName(),
                null,
                List.copyOf(ms.getSynonyms()),
                ms.getDescription()));
      }
      Map<String, ColumnSpec> columns = new LinkedHashMap<>();
      m.getColumns().forEach(c -> columns.put(c.getName(), c));
      for (DimensionSpec d : m.getDimensions()) {
        List<String> synonyms = new ArrayList<>(d.getSynonyms());
        String description = d.getDescription();
        ColumnSpec same = columns.remove(d.getName());
        if (same != null) {
          same.getSynonyms().stream().filter(s -> !synonyms.contains(s)).forEach(synonyms::add);
          description = description != null ? description : same.getDescription();
        }
        elements.add(
            new Element(
                new Lexicon.DimensionRef(m.getName(), d.getName()),
                d.getName(),
                d.getLabel(),
                List.copyOf(synonyms),
                description));
      }
      for (ColumnSpec c : columns.values()) {
        elements.add(
            new Element(
                new Lexicon.ColumnRef(m.getName(), c.getName()),
                c.getName(),
                null,
                List.copyOf(c.getSynonyms()),
                c.getDescription()));
      }
      elements.add(
          new Element(
              new Lexicon.ModelRef(m.getName()),
              m.getName(),
              null,
              List.copyOf(m.getSynonyms()),
              m.getDescription()));
    }
    return List.copyOf(elements);
  }

  /** The semantic model this layer was built from (not to be changed). */
  public SemanticModelSpec spec() {
    return spec;
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

  /**
   * Column types read from the warehouse, for columns the model declares without one (most dbt
   * projects declare none). Replaced whole: a background thread learns them while requests read.
   */
  private volatile Map<String, Map<String, String>> warehouseTypes = Map.of();

  /** Records the warehouse's types of each model's columns ({@code model -> column -> type}). */
  public void learnColumnTypes(Map<String, Map<String, String>> types) {
    Map<String, Map<String, String>> copy = new HashMap<>();
    types.forEach((model, columns) -> copy.put(model, Map.copyOf(columns)));
    warehouseTypes = Map.copyOf(copy);
  }

  /** The column's type, as declared or else as the warehouse reports it; null when unknown. */
  public String columnType(String model, String column) {
    Model m = models.get(model);
    ColumnSpec spec = m == null ? null : m.columns().get(column);
    if (spec != null && spec.getType() != null && !spec.getType().isBlank()) {
      return spec.getType().toLowerCase(java.util.Locale.ROOT);
    }
    String learned = warehouseTypes.getOrDefault(model, Map.of()).get(column);
    return learned == null ? null : learned.toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the column holds numbers (by its declared or warehouse type). */
  public boolean isNumeric(String model, String column) {
    String type = columnType(model, column);
    return type != null
        && type.matches(
            "(big|small)?int.*|integer|numeric.*|decimal.*|double.*|real|float.*|money");
  }

  /** Whether the column holds true/false. */
  public boolean isBoolean(String model, String column) {
    String type = columnType(model, column);
    return type != null && (type.equals("boolean") || type.equals("bool"));
  }

  /** Whether the column holds text. */
  public boolean isText(String model, String column) {
    String type = columnType(model, column);
    return type != null
        && (type.startsWith("text") || type.startsWith("varchar") || type.startsWith("character"));
  }

  public Lexicon lexicon() {
    return lexicon;
  }

  /** Every metric, measure, dimension, column and model, as it describes itself. */
  public List<Element> elements() {
    return elements;
  }

  /**
   * This project's embedding index of its {@link #elements()}: created on first call, its elements
   * embedded on first lookup (or by {@link ElementEmbeddings#prepareInBackground()}).
   */
  public ElementEmbeddings embeddings() {
    ElementEmbeddings e = embeddings;
    if (e == null) {
      synchronized (this) {
        e = embeddings;
        if (e == null) {
          embeddings = e = new ElementEmbeddings(elements);
        }
      }
    }
    return e;
  }

  /** The model a selection is computed on; null when unknown. */
  public String modelOf(SemanticQuery.Selection selection) {
    if (selection instanceof SemanticQuery.Metric m) {
      return modelOf(m.name());
    } else if (selection instanceof SemanticQuery.Measure m) {
      return measure(m.name()).map(Measure::model).orElse(null);
    } else if (selection instanceof SemanticQuery.RowCount c) {
      return c.model();
    } else if (selection instanceof SemanticQuery.Aggregate a) {
      return a.field().model();
    } else if (selection instanceof SemanticQuery.Listed l) {
      return l.field().model();
    }
    return modelOf(((SemanticQuery.Share) selection).of());
  }

  /**
   * The model whose rows a filter is a condition on; null for a semi-join (it correlates with the
   * query's base) and for unknown names.
   */
  public String modelOf(SemanticQuery.Filter filter) {
    if (filter instanceof SemanticQuery.ValueFilter v) {
      return v.field().model();
    } else if (filter instanceof SemanticQuery.RangeFilter r) {
      return r.field().model();
    } else if (filter instanceof SemanticQuery.TimeWindow t) {
      return t.field().model();
    } else if (filter instanceof SemanticQuery.NamedFilter n) {
      return filter(n.name()).map(Filter::model).orElse(null);
    } else if (filter instanceof SemanticQuery.TermFilter t) {
      return term(t.term())
          .map(
              g ->
                  g.getFilter() != null
                      ? filter(g.getFilter()).map(Filter::model).orElse(null)
                      : g.getModel())
          .orElse(null);
    }
    return null;
  }

  /** A glossary term by its term, ignoring case. */
  public Optional<GlossaryTermSpec> term(String term) {
    return glossary.stream().filter(g -> g.getTerm().equalsIgnoreCase(term)).findFirst();
  }

  /** The model a declared metric is computed on; null when unknown. */
  public String modelOf(String metric) {
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
   * The {@code model.dimension} a selection is dated by: a measure's own time dimension (for ratio
   * metrics the numerator's, for derived ones the first input's); for counts and column aggregates
   * the model's default. Null when unknown.
   */
  public String timeDimensionOf(SemanticQuery.Selection selection) {
    String model = modelOf(selection);
    if (model == null) {
      return null;
    }
    if (selection instanceof SemanticQuery.Metric m) {
      return timeDimensionOf(m.name());
    }
    String dimension =
        selection instanceof SemanticQuery.Measure m
            ? measure(m.name()).map(Measure::timeDimension).orElse(null)
            : model(model).map(Model::defaultTimeDimension).orElse(null);
    return dimension == null ? null : model + "." + dimension;
  }

  private String timeDimensionOf(String metric) {
    Metric m = metrics.get(metric);
    String model = modelOf(metric);
    if (m == null || model == null) {
      return null;
    }
    MetricSpec spec = m.spec();
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
  }

  /** Every table the model exposes, schema-qualified as declared. */
  public List<String> tables() {
    return models.values().stream().map(Model::table).toList();
  }

  /** The declared to-one joins from one model straight to another (more than one: roles). */
  public List<Join> directToOneJoins(String from, String to) {
    return joins.getOrDefault(from, List.of()).stream()
        .filter(j -> j.toOne() && j.to().equals(to))
        .toList();
  }

  /**
   * The one join of several between two models that is marked default; empty when none is, or when
   * more than one is (then the question must name the role).
   */
  public Optional<Join> defaultJoin(String from, String to) {
    List<Join> marked = directToOneJoins(from, to).stream().filter(Join::byDefault).toList();
    return marked.size() == 1 ? Optional.of(marked.get(0)) : Optional.empty();
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
      // Default joins first, so that a table in two roles is reached through its default one.
      List<Join> steps = new ArrayList<>(joins.getOrDefault(current, List.of()));
      steps.sort(java.util.Comparator.comparing(j -> !j.byDefault()));
      for (Join join : steps) {
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
