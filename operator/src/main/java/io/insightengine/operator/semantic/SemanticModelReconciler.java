package io.insightengine.operator.semantic;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelStatus;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.common.BundledResourceReconciler;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.util.List;
import java.util.Optional;

/**
 * SemanticModel: its project exists, its dbt source exists (a ConfigMap of the namespace, or a
 * DbtRun of the same project), its model names are unique, its joins name declared columns.
 */
@ControllerConfiguration(name = "insight-engine-semanticmodel")
// ConfigMaps: existence only (their informer caches metadata, not the artifacts).
@RBACRule(
    apiGroups = "",
    resources = "configmaps",
    verbs = {"get", "list", "watch"})
@RBACRule(
    apiGroups = "insight-engine.io",
    resources = "dbtruns",
    verbs = {"get", "list", "watch"})
public class SemanticModelReconciler
    extends BundledResourceReconciler<SemanticModel, SemanticModelStatus> {
  public SemanticModelReconciler() {
    super(SemanticModel.class, SemanticModel::new, SemanticModelStatus::new);
  }

  @Override
  protected Verdict validate(SemanticModel resource, BundleResources in) {
    return validator.validate(resource, in);
  }

  /**
   * Models and metrics as declared inline; a dbt source's are compiled by the engine from a
   * manifest the operator does not read, so then they stay unset, and a DbtRun source reports the
   * artifacts it delivered.
   */
  @Override
  protected void observe(SemanticModel resource, SemanticModelStatus status, BundleResources in) {
    var dbt = resource.getSpec().getDbt();
    boolean inlineOnly = dbt == null;
    status.setModels(inlineOnly ? resource.getSpec().getModels().size() : null);
    status.setMetrics(inlineOnly ? resource.getSpec().getMetrics().size() : null);
    String run = dbt != null && dbt.getDbtRunRef() != null ? dbt.getDbtRunRef().getName() : null;
    status.setDbtArtifactsRevision(
        in.dbtRuns().stream()
            .filter(r -> r.getMetadata().getName().equals(run))
            .map(r -> r.getStatus() != null ? r.getStatus().getArtifactsRevision() : null)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(null));
  }

  @Override
  protected Optional<String> projectOf(SemanticModel resource) {
    return Optional.of(resource.getSpec().getProjectRef().getName());
  }

  @Override
  protected List<Class<? extends HasMetadata>> reads() {
    return List.of(Project.class, SemanticModel.class, ConfigMap.class, DbtRun.class);
  }
}
