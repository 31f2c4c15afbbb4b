package io.insightengine.api.v1alpha1.dbt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.insightengine.api.v1alpha1.common.ApiConstants;
import io.insightengine.api.v1alpha1.common.LocalObjectReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired dbt run. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "!has(self.suspend) || !self.suspend || has(self.schedule)",
    message = "suspend applies only to scheduled runs")
public class DbtRunSpec {
  @Required
  @JsonPropertyDescription(
      "The Project in this namespace whose warehouse dbt builds; its credentials Secret is used.")
  private LocalObjectReference projectRef;

  @Required
  @JsonPropertyDescription("Where the dbt project comes from: a git repository or an image.")
  private DbtProjectSource source;

  @Size(max = 512)
  @JsonPropertyDescription(
      "Image that runs dbt (with dbt-core and the adapter); defaults to the official dbt-postgres"
          + " image. Ignored when source.image is set.")
  private String image;

  @Default("build")
  @JsonPropertyDescription("dbt command: build, run, test, seed or docs generate. Default: build.")
  private Command command;

  @Size(max = 50)
  @JsonPropertyDescription("Node selectors passed as --select.")
  private List<String> select = new ArrayList<>();

  @Size(max = 50)
  @JsonPropertyDescription("Node selectors passed as --exclude.")
  private List<String> exclude = new ArrayList<>();

  @Size(max = 63)
  @Pattern(ApiConstants.SQL_IDENTIFIER)
  @Default("postgres")
  @JsonPropertyDescription("profiles.yml target to run against. Default: postgres.")
  private String target;

  @Size(max = 100)
  @JsonPropertyDescription("Values passed as --vars.")
  private Map<String, String> vars = new LinkedHashMap<>();

  @JsonPropertyDescription("Rebuild incremental models from scratch (--full-refresh).")
  private Boolean fullRefresh;

  @Min(1)
  @Max(64)
  @JsonPropertyDescription("dbt threads; defaults to the profile's. Range: 1 to 64.")
  private Integer threads;

  @Size(max = 100)
  @Pattern("^(@(yearly|annually|monthly|weekly|daily|hourly)|\\S+( +\\S+){4})$")
  @JsonPropertyDescription(
      "Cron schedule (five fields, or @daily etc.) to run repeatedly as a CronJob; once when unset.")
  private String schedule;

  @JsonPropertyDescription("Pause the schedule without deleting the DbtRun.")
  private Boolean suspend;

  @Pattern(ApiConstants.DURATION)
  @Default("30m")
  @JsonPropertyDescription(
      "Longest a run may take before it is stopped and marked Failed. Default: 30m.")
  private String timeout;

  @Min(0)
  @Max(10)
  @Default("2")
  @JsonPropertyDescription(
      "Retries of a failed run, with exponential backoff. Range: 0 to 10. Default: 2.")
  private Integer retries;

  @Min(0)
  @Default("86400")
  @JsonPropertyDescription(
      "Seconds a finished Job is kept before it is deleted. At least 0. Default: 86400.")
  private Integer ttlSecondsAfterFinished;

  /** dbt commands. */
  public enum Command {
    @JsonProperty("build")
    BUILD,
    @JsonProperty("run")
    RUN,
    @JsonProperty("test")
    TEST,
    @JsonProperty("seed")
    SEED,
    @JsonProperty("docs generate")
    DOCS_GENERATE
  }

  public LocalObjectReference getProjectRef() {
    return projectRef;
  }

  public void setProjectRef(LocalObjectReference projectRef) {
    this.projectRef = projectRef;
  }

  public DbtProjectSource getSource() {
    return source;
  }

  public void setSource(DbtProjectSource source) {
    this.source = source;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Command getCommand() {
    return command;
  }

  public void setCommand(Command command) {
    this.command = command;
  }

  public List<String> getSelect() {
    return select;
  }

  public void setSelect(List<String> select) {
    this.select = select;
  }

  public List<String> getExclude() {
    return exclude;
  }

  public void setExclude(List<String> exclude) {
    this.exclude = exclude;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public Map<String, String> getVars() {
    return vars;
  }

  public void setVars(Map<String, String> vars) {
    this.vars = vars;
  }

  public Boolean getFullRefresh() {
    return fullRefresh;
  }

  public void setFullRefresh(Boolean fullRefresh) {
    this.fullRefresh = fullRefresh;
  }

  public Integer getThreads() {
    return threads;
  }

  public void setThreads(Integer threads) {
    this.threads = threads;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public Integer getRetries() {
    return retries;
  }

  public void setRetries(Integer retries) {
    this.retries = retries;
  }

  public Integer getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }
}
