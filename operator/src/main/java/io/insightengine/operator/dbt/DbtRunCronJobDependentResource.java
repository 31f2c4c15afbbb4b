package io.insightengine.operator.dbt;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.project.Project;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** A scheduled run: a CronJob whose Jobs are what a one-off run would create. */
public class DbtRunCronJobDependentResource
    extends CRUDKubernetesDependentResource<CronJob, DbtRun> {
  public DbtRunCronJobDependentResource() {
    super(CronJob.class);
  }

  /** Found by name, so finding it never needs the desired object (or the project). */
  @Override
  protected ResourceID targetSecondaryResourceID(DbtRun run, Context<DbtRun> context) {
    return new ResourceID(DbtJobs.cronJobName(run), run.getMetadata().getNamespace());
  }

  @Override
  protected CronJob desired(DbtRun run, Context<DbtRun> context) {
    Project project = DbtRunReconciler.project(run, context).orElseThrow();
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(DbtJobs.cronJobName(run))
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(DbtJobs.labels(run))
        .endMetadata()
        .withNewSpec()
        .withSchedule(run.getSpec().getSchedule() != null ? run.getSpec().getSchedule() : "@yearly")
        .withSuspend(Boolean.TRUE.equals(run.getSpec().getSuspend()))
        .withConcurrencyPolicy("Forbid") // two dbt builds of one warehouse must not overlap
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(DbtJobs.labels(run))
        .endMetadata()
        .withSpec(DbtJobs.jobSpec(run, project))
        .endJobTemplate()
        .endSpec()
        .build();
  }

  /** Scheduled, and the run is valid. */
  public static class Scheduled implements Condition<CronJob, DbtRun> {
    @Override
    public boolean isMet(
        DependentResource<CronJob, DbtRun> dependentResource, DbtRun run, Context<DbtRun> context) {
      return run.getSpec().getSchedule() != null && DbtRunReconciler.verdict(run, context).valid();
    }
  }
}
