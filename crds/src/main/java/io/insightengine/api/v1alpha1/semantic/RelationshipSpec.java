package io.insightengine.api.v1alpha1.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import java.util.ArrayList;
import java.util.List;

/** A join between two models on key columns. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "size(self.fromColumns) == size(self.toColumns)",
    message = "fromColumns and toColumns must have the same number of columns")
public class RelationshipSpec {
  @Size(max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("Name of the relationship; defaults to from_to.")
  private String name;

  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("The model holding the foreign key (e.g. orders).")
  private String from;

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription("Foreign key columns of from.")
  private List<String> fromColumns = new ArrayList<>();

  @Required
  @Size(min = 1, max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @JsonPropertyDescription("The model referenced (e.g. customers).")
  private String to;

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription("Key columns of to, in the order of fromColumns.")
  private List<String> toColumns = new ArrayList<>();

  @Default("manyToOne")
  @JsonPropertyDescription(
      "How many rows of to match one row of from, and back: manyToOne, oneToOne, oneToMany. Default: manyToOne.")
  private Cardinality cardinality;

  @Default("left")
  @JsonPropertyDescription(
      "Join used: left keeps rows of from without a match, inner drops them. Default: left.")
  private JoinType joinType;

  @JsonProperty("default")
  @JsonPropertyDescription(
      "Whether this is the join used between from and to when several relationships join them"
          + " (a table in two roles, such as an origin and a destination) and a question names no"
          + " role; at most one per pair. Without one such a question is asked back. dbt: the"
          + " foreign entity named like the other model's primary entity.")
  private Boolean defaultJoin;

  /** Cardinalities. */
  public enum Cardinality {
    @JsonProperty("manyToOne")
    MANY_TO_ONE,
    @JsonProperty("oneToOne")
    ONE_TO_ONE,
    @JsonProperty("oneToMany")
    ONE_TO_MANY
  }

  /** Join kinds. */
  public enum JoinType {
    @JsonProperty("left")
    LEFT,
    @JsonProperty("inner")
    INNER
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public List<String> getFromColumns() {
    return fromColumns;
  }

  public void setFromColumns(List<String> fromColumns) {
    this.fromColumns = fromColumns;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public List<String> getToColumns() {
    return toColumns;
  }

  public void setToColumns(List<String> toColumns) {
    this.toColumns = toColumns;
  }

  public Cardinality getCardinality() {
    return cardinality;
  }

  public void setCardinality(Cardinality cardinality) {
    this.cardinality = cardinality;
  }

  public JoinType getJoinType() {
    return joinType;
  }

  public void setJoinType(JoinType joinType) {
    this.joinType = joinType;
  }

  public Boolean getDefaultJoin() {
    return defaultJoin;
  }

  public void setDefaultJoin(Boolean defaultJoin) {
    this.defaultJoin = defaultJoin;
  }

  /** Whether this is the default join of its pair of models. */
  public boolean joinsByDefault() {
    return Boolean.TRUE.equals(defaultJoin);
  }
}
