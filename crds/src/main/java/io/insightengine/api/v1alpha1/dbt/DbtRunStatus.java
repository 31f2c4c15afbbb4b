package io.insightengine.api.v1alpha1.dbt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.insightengine.api.v1alpha1.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** The observed state of a dbt run (the latest run, for a schedule). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DbtRunStatus extends ResourceStatus {
  @JsonPropertyDescription(
      "Pending, Running, Succeeded or Failed; Scheduled between scheduled runs.")
  private Phase phase;

  @JsonPropertyDescription("The Job of the latest run.")
  private String jobName;

  @JsonPropertyDescription("When the latest run started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the latest run finished (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("When the schedule last started a run (RFC 3339).")
  private String lastScheduleTime;

  @JsonPropertyDescription("Nodes finished out of the nodes selected.")
  private Progress progress;

  @JsonPropertyDescription("Results of models, from run_results.json.")
  private ResultCounts models;

  @JsonPropertyDescription("Results of data tests, from run_results.json.")
  private ResultCounts tests;

  @JsonPropertyDescription("The first failed nodes with dbt's message (at most 20).")
  private List<NodeFailure> failures = new ArrayList<>();

  @JsonPropertyDescription(
      "invocation_id of the artifacts last delivered to the engine's semantic compiler.")
  private String artifactsRevision;

  /** Phases of a run. */
  public enum Phase {
    Pending,
    Scheduled,
    Running,
    Succeeded,
    Failed
  }

  /** Progress of a run. */
  public static class Progress {
    @JsonPropertyDescription("Nodes finished.")
    private Integer done;

    @JsonPropertyDescription("Nodes selected.")
    private Integer total;

    public Integer getDone() {
      return done;
    }

    public void setDone(Integer done) {
      this.done = done;
    }

    public Integer getTotal() {
      return total;
    }

    public void setTotal(Integer total) {
      this.total = total;
    }
  }

  /** Counts of node results. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResultCounts {
    @JsonPropertyDescription("Nodes that passed (success or pass).")
    private Integer passed;

    @JsonPropertyDescription("Nodes that failed (error or fail).")
    private Integer failed;

    @JsonPropertyDescription("Tests that warned.")
    private Integer warned;

    @JsonPropertyDescription("Nodes skipped because something upstream failed.")
    private Integer skipped;

    public Integer getPassed() {
      return passed;
    }

    public void setPassed(Integer passed) {
      this.passed = passed;
    }

    public Integer getFailed() {
      return failed;
    }

    public void setFailed(Integer failed) {
      this.failed = failed;
    }

    public Integer getWarned() {
      return warned;
    }

    public void setWarned(Integer warned) {
      this.warned = warned;
    }

    public Integer getSkipped() {
      return skipped;
    }

    public void setSkipped(Integer skipped) {
      this.skipped = skipped;
    }
  }

  /** A failed node. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NodeFailure {
    @JsonPropertyDescription("dbt unique_id of the node, e.g. model.shop.fct_orders.")
    private String node;

    @JsonPropertyDescription("dbt's message for it.")
    private String message;

    public String getNode() {
      return node;
    }

    public void setNode(String node) {
      this.node = node;
    }

    public String getMessage() {
      return message;
    }

    public void setMessage(String message) {
      this.message = message;
    }
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(String lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public Progress getProgress() {
    return progress;
  }

  public void setProgress(Progress progress) {
    this.progress = progress;
  }

  public ResultCounts getModels() {
    return models;
  }

  public void setModels(ResultCounts models) {
    this.models = models;
  }

  public ResultCounts getTests() {
    return tests;
  }

  public void setTests(ResultCounts tests) {
    this.tests = tests;
  }

  public List<NodeFailure> getFailures() {
    return failures;
  }

  public void setFailures(List<NodeFailure> failures) {
    this.failures = failures;
  }

  public String getArtifactsRevision() {
    return artifactsRevision;
  }

  public void setArtifactsRevision(String artifactsRevision) {
    this.artifactsRevision = artifactsRevision;
  }
}
