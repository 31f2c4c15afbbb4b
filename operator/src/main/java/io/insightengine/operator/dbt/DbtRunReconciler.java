package io.insightengine.operator.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.dbt.DbtRunStatus;
import io.insightengine.api.v1alpha1.project.DatasourceSpec;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.operator.common.Events;
import io.insightengine.operator.common.Informers;
import io.insightengine.operator.common.NamespaceMappers;
import io.insightengine.operator.common.PerReconciliation;
import io.insightengine.operator.common.StatusPatches;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DbtRun → real dbt as a Job (or a CronJob when scheduled), against the warehouse of the project it
 * names, with that project's credentials. Status: phase, start and finish times, progress and
 * model/test results from run_results.json (summarized by the dbt container into its termination
 * message), failures. Retries are the Job's backoff (spec.retries), the timeout its active
 * deadline, cleanup its TTL.
 */
@Workflow(
    dependents = {
      @Dependent(
          name = "job",
          type = DbtRunJobDependentResource.class,
          reconcilePrecondition = DbtRunJobDependentResource.OneOff.class),
      @Dependent(
          name = "cron-job",
          type = DbtRunCronJobDependentResource.class,
          reconcilePrecondition = DbtRunCronJobDependentResource.Scheduled.class)
    })
@ControllerConfiguration(name = "insight-engine-dbtrun")
// The dbt pods' termination messages carry the results; Secrets are only checked for existence.
@RBACRule(
    apiGroups = "",
    resources = "pods",
    verbs = {"get", "list", "watch"})
@RBACRule(
    apiGroups = "",
    resources = "secrets",
    verbs = {"get", "list", "watch"})
public class DbtRunReconciler implements Reconciler<DbtRun> {
  private static final String VERDICT = "insight-engine.io/dbt-run-verdict";

  /**
   * Ready's reason, and the event's, when dbt succeeded but the engine did not get the artifacts.
   */
  static final String ARTIFACTS_NOT_DELIVERED = "ArtifactsNotDelivered";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock = Clock.systemUTC();

  @Override
  public UpdateControl<DbtRun> reconcile(DbtRun run, Context<DbtRun> context) {
    String before = StatusPatches.snapshot(run.getStatus());
    DbtRunStatus status = run.getStatus() != null ? run.getStatus() : new DbtRunStatus();
    DbtRunStatus.Phase phaseBefore = status.getPhase();
    long generation = run.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    Verdict verdict = verdict(run, context);
    Condition ready;
    if (!verdict.valid()) {
      status.setPhase(DbtRunStatus.Phase.Pending);
      ready =
          new Condition(
              Conditions.READY, ConditionStatus.False, verdict.reason(), verdict.message());
    } else if (run.getSpec().getSchedule() != null) {
      status.setPhase(DbtRunStatus.Phase.Scheduled);
      status.setJobName(null);
      context
          .getSecondaryResource(CronJob.class)
          .map(c -> c.getStatus() == null ? null : c.getStatus().getLastScheduleTime())
          .ifPresent(status::setLastScheduleTime);
      ready =
          new Condition(
              Conditions.READY,
              ConditionStatus.True,
              "Scheduled",
              "runs on the schedule " + run.getSpec().getSchedule());
    } else {
      ready = oneOff(run, context, status);
    }
    if (phaseBefore != status.getPhase()
        && (status.getPhase() == DbtRunStatus.Phase.Succeeded
            || status.getPhase() == DbtRunStatus.Phase.Failed)) {
      if (ARTIFACTS_NOT_DELIVERED.equals(ready.getReason())) {
        Events.warning(context.getClient(), run, ARTIFACTS_NOT_DELIVERED, ready.getMessage());
      } else if (status.getPhase() == DbtRunStatus.Phase.Succeeded) {
        Events.normal(context.getClient(), run, "DbtRunSucceeded", ready.getMessage());
      } else {
        Events.warning(context.getClient(), run, "DbtRunFailed", ready.getMessage());
      }
    }
    Conditions.set(status.getConditions(), ready, generation, clock);
    return StatusPatches.patchIfChanged(run, before, status, DbtRun::new);
  }

  private Condition oneOff(DbtRun run, Context<DbtRun> context, DbtRunStatus status) {
    String jobName = DbtJobs.jobName(run);
    status.setJobName(jobName);
    // Earlier generations' Jobs are secondaries too (until their TTL): take this generation's.
    Optional<Job> job =
        context.getSecondaryResources(Job.class).stream()
            .filter(j -> j.getMetadata().getName().equals(jobName))
            .findFirst();
    if (job.isEmpty() || job.get().getStatus() == null) {
      status.setPhase(DbtRunStatus.Phase.Pending);
      return new Condition(
          Conditions.READY,
          ConditionStatus.False,
          "Pending",
          "Job " + jobName + " created, not started yet");
    }
    var jobStatus = job.get().getStatus();
    status.setStartTime(jobStatus.getStartTime());
    status.setCompletionTime(jobStatus.getCompletionTime());
    Optional<JsonNode> results = results(run, jobName, context);
    results.ifPresentOrElse(r -> applyResults(r, status), () -> clearResults(status));
    if (condition(jobStatus.getConditions(), "Complete")) {
      status.setPhase(DbtRunStatus.Phase.Succeeded);
      Optional<String> undelivered =
          results
              .filter(r -> r.hasNonNull("deliveryError"))
              .map(r -> r.path("deliveryError").asText());
      if (undelivered.isPresent()) {
        // dbt built the warehouse; the engine still serves the artifacts it had.
        return new Condition(
            Conditions.READY,
            ConditionStatus.True,
            ARTIFACTS_NOT_DELIVERED,
            summary(status)
                + "; the artifacts were not delivered to the engine: "
                + undelivered.get());
      }
      return new Condition(Conditions.READY, ConditionStatus.True, "Succeeded", summary(status));
    }
    if (condition(jobStatus.getConditions(), "Failed")) {
      status.setPhase(DbtRunStatus.Phase.Failed);
      String why =
          jobStatus.getConditions().stream()
              .filter(c -> c.getType().equals("Failed"))
              .map(c -> c.getReason() + (c.getMessage() != null ? ": " + c.getMessage() : ""))
              .findFirst()
              .orElse("failed");
      return new Condition(
          Conditions.READY, ConditionStatus.False, "JobFailed", why + "; " + summary(status));
    }
    status.setPhase(
        jobStatus.getActive() != null && jobStatus.getActive() > 0
            ? DbtRunStatus.Phase.Running
            : DbtRunStatus.Phase.Pending);
    return new Condition(
        Conditions.READY, ConditionStatus.False, "Running", "dbt is running in Job " + jobName);
  }

  /**
   * The summary the dbt container of the Job's newest pod left in its termination message. Only the
   * newest: while a retry runs, the attempt before it is not the run's result.
   */
  private static Optional<JsonNode> results(DbtRun run, String jobName, Context<DbtRun> context) {
    return context.getSecondaryResources(Pod.class).stream()
        .filter(p -> jobName.equals(p.getMetadata().getLabels().get("job-name")))
        .max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()))
        .stream()
        .flatMap(
            p ->
                p.getStatus() == null
                    ? java.util.stream.Stream.empty()
                    : p.getStatus().getContainerStatuses().stream())
        .filter(
            c ->
                c.getName().equals("dbt")
                    && c.getState() != null
                    && c.getState().getTerminated() != null)
        .map(c -> c.getState().getTerminated().getMessage())
        .filter(m -> m != null && !m.isBlank())
        .map(DbtRunReconciler::parse)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<JsonNode> parse(String message) {
    try {
      return Optional.of(JSON.readTree(message));
    } catch (java.io.IOException e) {
      return Optional.empty(); // not our summary (dbt died before writing it)
    }
  }

  /** No results yet for the attempt running now. */
  private static void clearResults(DbtRunStatus status) {
    status.setModels(null);
    status.setTests(null);
    status.setProgress(null);
    status.setFailures(new ArrayList<>());
  }

  private static void applyResults(JsonNode r, DbtRunStatus status) {
    DbtRunStatus.ResultCounts models = counts(r.path("models"));
    DbtRunStatus.ResultCounts tests = counts(r.path("tests"));
    status.setModels(models);
    status.setTests(tests);
    DbtRunStatus.Progress progress = new DbtRunStatus.Progress();
    progress.setTotal(r.path("total").asInt());
    progress.setDone(r.path("total").asInt());
    status.setProgress(progress);
    List<DbtRunStatus.NodeFailure> failures = new ArrayList<>();
    for (JsonNode f : r.path("failures")) {
      DbtRunStatus.NodeFailure failure = new DbtRunStatus.NodeFailure();
      failure.setNode(f.path("node").asText());
      failure.setMessage(f.path("message").asText());
      failures.add(failure);
    }
    status.setFailures(failures);
    if (r.hasNonNull("artifactsRevision")) {
      status.setArtifactsRevision(r.path("artifactsRevision").asText());
    }
  }

  private static DbtRunStatus.ResultCounts counts(JsonNode n) {
    DbtRunStatus.ResultCounts counts = new DbtRunStatus.ResultCounts();
    counts.setPassed(n.path("passed").asInt());
    counts.setFailed(n.path("failed").asInt());
    counts.setWarned(n.path("warned").asInt());
    counts.setSkipped(n.path("skipped").asInt());
    return counts;
  }

  private static String summary(DbtRunStatus status) {
    if (status.getModels() == null) {
      return "no run results reported";
    }
    return "models "
        + status.getModels().getPassed()
        + " passed, "
        + status.getModels().getFailed()
        + " failed; tests "
        + status.getTests().getPassed()
        + " passed, "
        + status.getTests().getFailed()
        + " failed";
  }

  private static boolean condition(List<JobCondition> conditions, String type) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> c.getType().equals(type) && "True".equals(c.getStatus()));
  }

  /** Whether the run can be started; computed once per reconciliation. */
  static Verdict verdict(DbtRun run, Context<DbtRun> context) {
    return PerReconciliation.get(context, VERDICT, Verdict.class, () -> check(run, context));
  }

  private static Verdict check(DbtRun run, Context<DbtRun> context) {
    String name = run.getSpec().getProjectRef().getName();
    Optional<Project> project = project(run, context);
    if (project.isEmpty()) {
      return Verdict.invalid(
          "ProjectNotFound",
          "spec.projectRef names Project " + name + ", which does not exist here");
    }
    DatasourceSpec ds = project.get().getSpec().getDatasource();
    if (ds == null || Boolean.TRUE.equals(ds.getEmbedded()) || ds.getHost() == null) {
      return Verdict.invalid(
          "EmbeddedWarehouse",
          "Project "
              + name
              + " uses the warehouse embedded in the engine pod, which a dbt Job"
              + " cannot reach; give the project an external warehouse (datasource.host)");
    }
    Set<String> secrets = secrets(run, context);
    List<String> missing = new ArrayList<>();
    if (ds.getCredentialsSecret() != null
        && !secrets.contains(ds.getCredentialsSecret().getName())) {
      missing.add(ds.getCredentialsSecret().getName());
    }
    var git = run.getSpec().getSource().getGit();
    if (git != null
        && git.getCredentialsSecret() != null
        && !secrets.contains(git.getCredentialsSecret().getName())) {
      missing.add(git.getCredentialsSecret().getName());
    }
    if (!missing.isEmpty()) {
      return Verdict.invalid(
          "SecretNotFound", "create the Secret(s) " + String.join(", ", missing) + " first");
    }
    return Verdict.ok("valid");
  }

  static Optional<Project> project(DbtRun run, Context<DbtRun> context) {
    String name = run.getSpec().getProjectRef().getName();
    return Informers.list(context, Project.class, run.getMetadata().getNamespace()).stream()
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst();
  }

  private static Set<String> secrets(DbtRun run, Context<DbtRun> context) {
    return Informers.list(context, Secret.class, run.getMetadata().getNamespace()).stream()
        .map(s -> s.getMetadata().getName())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Override
  public List<EventSource<?, DbtRun>> prepareEventSources(EventSourceContext<DbtRun> context) {
    return List.of(
        Informers.of(Project.class, context, NamespaceMappers.allPrimaries(context)),
        Informers.of(Secret.class, context, NamespaceMappers.allPrimaries(context)),
        // The dbt pods, for the results their termination message carries.
        Informers.of(
            Pod.class,
            context,
            NamespaceMappers.named(pod -> pod.getMetadata().getLabels().get(DbtJobs.RUN_LABEL)),
            DbtJobs.RUN_LABEL));
  }
}
