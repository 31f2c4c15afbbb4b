package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** A table that questions may use: a dbt model, usually a mart. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ModelSpec {
  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the model, unique in the project (e.g. orders).")
  private String name;

  @Size(max = 253)
  @JsonPropertyDescription("Name of the dbt model this is built by (e.g. fct_orders).")
  private String dbtModel;

  @Size(max = 253)
  @Pattern(ApiConstants.TABLE_NAME)
  @JsonPropertyDescription(
      "The relation queried, optionally schema-qualified (e.g. marts.fct_orders); defaults to"
          + " the dbt model's relation or to name.")
  private String table;

  @Size(max = 4096)
  @JsonPropertyDescription("What one row is and what the table is for.")
  private String description;

  @Size(max = 50)
  @JsonPropertyDescription("Other words users say for this model (e.g. purchases for orders).")
  private List<String> synonyms = new ArrayList<>();

  @Size(max = 8)
  @JsonPropertyDescription("Columns that identify one row.")
  private List<String> primaryKey = new ArrayList<>();

  @Size(max = 253)
  @JsonPropertyDescription("The grain in words, e.g. one row per order.")
  private String grain;

  @Size(max = 63)
  @JsonPropertyDescription(
      "The time dimension used when a question gives a time range but names no date column.")
  private String defaultTimeDimension;

  @Size(max = 1000)
  @JsonPropertyDescription("Columns of the table with their meaning and sensitivity.")
  private List<ColumnSpec> columns = new ArrayList<>();

  @Size(max = 500)
  @JsonPropertyDescription("Attributes to group and filter by (categorical or time).")
  private List<DimensionSpec> dimensions = new ArrayList<>();

  @Size(max = 500)
  @JsonPropertyDescription("Aggregations over the model's rows, the building blocks of metrics.")
  private List<MeasureSpec> measures = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDbtModel() {
    return dbtModel;
  }

  public void setDbtModel(String dbtModel) {
    this.dbtModel = dbtModel;
  }

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getSynonyms() {
    return synonyms;
  }

  public void setSynonyms(List<String> synonyms) {
    this.synonyms = synonyms;
  }

  public List<String> getPrimaryKey() {
    return primaryKey;
  }

  public void setPrimaryKey(List<String> primaryKey) {
    this.primaryKey = primaryKey;
  }

  public String getGrain() {
    return grain;
  }

  public void setGrain(String grain) {
    this.grain = grain;
  }

  public String getDefaultTimeDimension() {
    return defaultTimeDimension;
  }

  public void setDefaultTimeDimension(String defaultTimeDimension) {
    this.defaultTimeDimension = defaultTimeDimension;
  }

  public List<ColumnSpec> getColumns() {
    return columns;
  }

  public void setColumns(List<ColumnSpec> columns) {
    this.columns = columns;
  }

  public List<DimensionSpec> getDimensions() {
    return dimensions;
  }

  public void setDimensions(List<DimensionSpec> dimensions) {
    this.dimensions = dimensions;
  }

  public List<MeasureSpec> getMeasures() {
    return measures;
  }

  public void setMeasures(List<MeasureSpec> measures) {
    this.measures = measures;
  }
}
