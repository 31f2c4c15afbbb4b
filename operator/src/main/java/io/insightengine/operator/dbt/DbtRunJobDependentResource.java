package io.insightengine.operator.dbt;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.project.Project;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A one-off run: one Job per generation of the DbtRun, created and never updated (a Job's pod
 * template is immutable; a changed DbtRun gets a new Job). Finished Jobs go after their TTL; all of
 * them are owned by the run (garbage-collected with it, and found through their owner reference).
 */
public class DbtRunJobDependentResource extends KubernetesDependentResource<Job, DbtRun>
    implements Creator<Job, DbtRun>, GarbageCollected<DbtRun> {
  public DbtRunJobDependentResource() {
    super(Job.class);
  }

  /** Found by name, so finding it never needs the desired object (or the project). */
  @Override
  protected ResourceID targetSecondaryResourceID(DbtRun run, Context<DbtRun> context) {
    return new ResourceID(DbtJobs.jobName(run), run.getMetadata().getNamespace());
  }

  @Override
  protected Job desired(DbtRun run, Context<DbtRun> context) {
    Project project = DbtRunReconciler.project(run, context).orElseThrow();
    return new JobBuilder()
        .withNewMetadata()
        .withName(DbtJobs.jobName(run))
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(DbtJobs.labels(run))
        .endMetadata()
        .withSpec(DbtJobs.jobSpec(run, project))
        .build();
  }

  /** Runs once: no schedule, and the run is valid. */
  public static class OneOff implements Condition<Job, DbtRun> {
    @Override
    public boolean isMet(
        DependentResource<Job, DbtRun> dependentResource, DbtRun run, Context<DbtRun> context) {
      return run.getSpec().getSchedule() == null && DbtRunReconciler.verdict(run, context).valid();
    }
  }
}
