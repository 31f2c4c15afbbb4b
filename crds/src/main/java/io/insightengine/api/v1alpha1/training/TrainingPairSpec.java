package io.insightengine.api.v1alpha1.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/** The desired training pair. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class TrainingPairSpec {
  @Required
  @JsonPropertyDescription("The Project in this namespace the pair belongs to.")
  private LocalObjectReference projectRef;

  @Required
  @Size(min = 3, max = 2000)
  @JsonPropertyDescription("The question as a business user asks it.")
  private String question;

  @Required
  @Size(min = 6, max = 20000)
  @Pattern("(?i)^\\s*(select|with)\\b[\\s\\S]*$")
  @JsonPropertyDescription(
      "The SQL that answers it: one SELECT (or WITH ... SELECT) over the project's models; it must"
          + " pass the query firewall.")
  private String sql;

  @Size(max = 4096)
  @JsonPropertyDescription("Why this SQL is right (e.g. which statuses count as revenue).")
  private String explanation;

  @Size(max = 20)
  @JsonPropertyDescription("Free-form tags, e.g. revenue, finance.")
  private List<String> tags = new ArrayList<>();

  public LocalObjectReference getProjectRef() {
    return projectRef;
  }

  public void setProjectRef(LocalObjectReference projectRef) {
    this.projectRef = projectRef;
  }

  public String getQuestion() {
    return question;
  }

  public void setQuestion(String question) {
    this.question = question;
  }

  public String getSql() {
    return sql;
  }

  public void setSql(String sql) {
    this.sql = sql;
  }

  public String getExplanation() {
    return explanation;
  }

  public void setExplanation(String explanation) {
    this.explanation = explanation;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }
}
