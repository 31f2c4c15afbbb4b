package io.insightengine.engine.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.insightengine.engine.interpret.TimeGrain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a question asks, in the semantic model's own terms: the one contract between the interpreter
 * (or an LLM generator) and the SQL compiler. Every reference names a model element; no SQL travels
 * in it, so a query sent back by a client (a chosen clarification) can be compiled exactly like one
 * the interpreter built. Serialised as JSON with a {@code kind} on each variant; the schema is
 * {@code docs/semantic-query.schema.json}.
 *
 * @param select what is computed or listed, in output order (at least one)
 * @param groupBy the dimensions to group by, each with a time grain when it is a time dimension
 * @param filters row conditions, all of which hold
 * @param having conditions on computed selections
 * @param orderBy the sort
 * @param limit how many rows, or null
 * @param percent ratios and shares on a 0–100 scale rather than 0–1
 * @param compareWith an earlier period to compare the query's own period (its one {@link
 *     TimeWindow}) with, or null: the answer has each selection over the earlier period, over the
 *     query's period, and the change in percent
 * @param roles which relationship joins a model to another where the semantic model declares
 *     several between them (a table in two roles, such as an origin and a destination) and marks
 *     none {@code default}; without one such a query cannot compile
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SemanticQuery(
    List<Selection> select,
    List<GroupBy> groupBy,
    List<Filter> filters,
    List<Having> having,
    List<OrderBy> orderBy,
    Integer limit,
    boolean percent,
    Period compareWith,
    List<Role> roles) {

  /** A query that chooses no roles. */
  public SemanticQuery(
      List<Selection> select,
      List<GroupBy> groupBy,
      List<Filter> filters,
      List<Having> having,
      List<OrderBy> orderBy,
      Integer limit,
      boolean percent,
      Period compareWith) {
    this(select, groupBy, filters, having, orderBy, limit, percent, compareWith, List.of());
  }

  /** A query without a period comparison. */
  public SemanticQuery(
      List<Selection> select,
      List<GroupBy> groupBy,
      List<Filter> filters,
      List<Having> having,
      List<OrderBy> orderBy,
      Integer limit,
      boolean percent) {
    this(select, groupBy, filters, having, orderBy, limit, percent, null);
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public SemanticQuery {
    select = select == null ? List.of() : List.copyOf(select);
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    filters = filters == null ? List.of() : List.copyOf(filters);
    having = having == null ? List.of() : List.copyOf(having);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** This query with these roles chosen. */
  public SemanticQuery withRoles(List<Role> chosen) {
    return new SemanticQuery(
        select, groupBy, filters, having, orderBy, limit, percent, compareWith, chosen);
  }

  /** This query with one more filter. */
  public SemanticQuery withFilter(Filter filter) {
    List<Filter> more = new java.util.ArrayList<>(filters);
    more.add(filter);
    return new SemanticQuery(
        select, groupBy, more, having, orderBy, limit, percent, compareWith, roles);
  }

  /**
   * The relationship from {@code from} by its {@code fromColumns} to {@code to}: one of the
   * semantic model's relationships, chosen where several join the same two models.
   */
  public record Role(String from, List<String> fromColumns, String to) {
    public Role {
      fromColumns = fromColumns == null ? List.of() : List.copyOf(fromColumns);
    }
  }

  /** A column or dimension of a model. */
  public record Field(String model, String name) {
    /** {@code model.name}, as the model writes it. */
    public static Field of(String qualified) {
      int dot = qualified.indexOf('.');
      if (dot < 1) {
        throw new IllegalArgumentException("not model.name: " + qualified);
      }
      return new Field(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
      return model + "." + name;
    }
  }

  /** Something computed (an aggregate) or listed (a column) per output row. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Metric.class, name = "metric"),
    @JsonSubTypes.Type(value = Measure.class, name = "measure"),
    @JsonSubTypes.Type(value = RowCount.class, name = "count"),
    @JsonSubTypes.Type(value = Aggregate.class, name = "aggregate"),
    @JsonSubTypes.Type(value = Listed.class, name = "column"),
    @JsonSubTypes.Type(value = Share.class, name = "share")
  })
  public sealed interface Selection permits Metric, Measure, RowCount, Aggregate, Listed, Share {}

  /** A declared metric, by name. */
  public record Metric(String name) implements Selection {}

  /** A declared measure, by name. */
  public record Measure(String name) implements Selection {}

  /** The number of rows of a model. */
  public record RowCount(String model) implements Selection {}

  /** An aggregation of one column that the model declares no measure for. */
  public record Aggregate(Function function, Field field) implements Selection {}

  /** The aggregate functions a question can ask of a column. */
  public enum Function {
    SUM,
    AVG,
    MIN,
    MAX,
    COUNT_DISTINCT
  }

  /** A column listed as it is, one value per row: for "list / show / which" questions. */
  public record Listed(Field field) implements Selection {}

  /**
   * The part of {@code of} (a count, a metric, an aggregate) that the rows meeting {@code where}
   * make up, under the query's filters: "what share of orders were refunded".
   */
  public record Share(Selection of, List<Filter> where) implements Selection {}

  /** Group by a dimension; {@code grain} truncates a time dimension (null otherwise). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GroupBy(Field field, TimeGrain grain) {}

  /** A row condition. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = ValueFilter.class, name = "values"),
    @JsonSubTypes.Type(value = RangeFilter.class, name = "compare"),
    @JsonSubTypes.Type(value = TimeWindow.class, name = "period"),
    @JsonSubTypes.Type(value = NamedFilter.class, name = "filter"),
    @JsonSubTypes.Type(value = TermFilter.class, name = "term"),
    @JsonSubTypes.Type(value = Exists.class, name = "exists")
  })
  public sealed interface Filter
      permits ValueFilter, RangeFilter, TimeWindow, NamedFilter, TermFilter, Exists {}

  /** The field equals one of the values (or none of them, when negated). */
  public record ValueFilter(Field field, List<String> values, boolean negated) implements Filter {}

  /** The field compared with a number. */
  public record RangeFilter(Field field, Operator operator, BigDecimal value) implements Filter {
    public RangeFilter {
      value = canonical(value);
    }
  }

  /** Days [from, until): {@code until} is exclusive. */
  public record Period(LocalDate from, LocalDate until) {}

  /** A time dimension within [from, until): {@code until} is exclusive. */
  public record TimeWindow(Field field, LocalDate from, LocalDate until) implements Filter {}

  /** A filter the semantic model declares, by name. */
  public record NamedFilter(String name) implements Filter {}

  /** A glossary term that defines a row condition, by its term. */
  public record TermFilter(String term) implements Filter {}

  /**
   * Rows of {@code model} that have at least one related row of {@code related} meeting {@code
   * where}: "customers who opened a ticket in March". Compiled as a semi-join, so nothing is
   * counted twice.
   */
  public record Exists(String related, List<Filter> where) implements Filter {}

  /** A condition on a selection (by its index in {@code select}). */
  public record Having(int selection, Operator operator, BigDecimal value) {
    public Having {
      value = canonical(value);
    }
  }

  /** One spelling per number (500, 500.0 and 5E+2 are equal), so queries compare by value. */
  private static BigDecimal canonical(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros();
  }

  /** Sort by a selection (its index) or by a group-by field; exactly one of them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OrderBy(Integer selection, Field field, boolean descending) {}

  /** Comparison operators. */
  public enum Operator {
    EQ("="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String sql;

    Operator(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }

    public static Operator ofSql(String sql) {
      for (Operator o : values()) {
        if (o.sql.equals(sql)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown operator " + sql);
    }
  }
}
