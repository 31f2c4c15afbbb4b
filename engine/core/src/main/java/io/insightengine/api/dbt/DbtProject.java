package io.insightengine.api.dbt;

import java.util.List;
import java.util.Map;

/**
 * What the semantic compiler needs of a dbt project, whichever way it was read: from the artifacts
 * dbt writes ({@code manifest.json}, {@code catalog.json}) or from the project's YAML files when no
 * manifest exists.
 *
 * @param name the dbt project name
 * @param revision identifies the artifacts compiled (the manifest's invocation id, or a hash)
 */
public record DbtProject(
    String name,
    String revision,
    List<Model> models,
    List<SemanticModel> semanticModels,
    List<Metric> metrics) {

  /** A dbt model (a relation in the warehouse) with its documented columns and data tests. */
  public record Model(
      String name,
      String database,
      String schema,
      String alias,
      String description,
      String path,
      List<String> tags,
      Map<String, Object> meta,
      List<Column> columns,
      List<DataTest> tests,
      boolean timeSpine) {}

  /** A column: type from the catalog (or the YAML's data_type), the rest from the YAML. */
  public record Column(String name, String type, String description, Map<String, Object> meta) {}

  /** A data test attached to a model, of the kinds the compiler understands. */
  public record DataTest(
      Kind kind,
      String column,
      List<String> columns,
      List<String> values,
      String toModel,
      String toColumn) {
    /** Test kinds that carry meaning for the semantic model. */
    public enum Kind {
      UNIQUE,
      NOT_NULL,
      ACCEPTED_VALUES,
      RELATIONSHIPS,
      UNIQUE_COMBINATION
    }
  }

  /** A semantic model of dbt's semantic layer. */
  public record SemanticModel(
      String name,
      String model,
      String description,
      String aggTimeDimension,
      List<Entity> entities,
      List<Dimension> dimensions,
      List<Measure> measures) {}

  /** An entity (primary, unique, foreign, natural) and its key expression. */
  public record Entity(String name, String type, String expr) {}

  /** A dimension; {@code timeGranularity} is set for time dimensions. */
  public record Dimension(
      String name,
      String type,
      String expr,
      String description,
      String label,
      String timeGranularity) {}

  /**
   * A measure: aggregation and expression; {@code aggTimeDimension} when the measure is dated by
   * another time dimension than its semantic model's default; {@code nonAdditive} when it must not
   * be summed across a time dimension.
   */
  public record Measure(
      String name,
      String agg,
      String expr,
      String description,
      String label,
      String aggTimeDimension,
      NonAdditive nonAdditive) {}

  /**
   * dbt's {@code non_additive_dimension}: the time dimension, which end of a period to keep ({@code
   * min} or {@code max}, dbt's default {@code min}), and the entities the end is taken per.
   */
  public record NonAdditive(String name, String windowChoice, List<String> windowGroupings) {}

  /**
   * A metric. For simple metrics {@code measure} (and {@code filter}, a where-template); for ratio
   * metrics {@code numerator}/{@code denominator}; for derived metrics {@code expr} and {@code
   * inputs}. {@code unsupported} names what the compiler cannot express, if anything.
   */
  public record Metric(
      String name,
      String label,
      String description,
      String type,
      Map<String, Object> meta,
      String measure,
      List<String> filters,
      String numerator,
      String denominator,
      String expr,
      List<String> inputs,
      String unsupported) {}
}
