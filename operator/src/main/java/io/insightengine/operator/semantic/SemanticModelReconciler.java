package io.insightengine.operator.semantic;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.semantic.SemanticModelStatus;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.common.BundledResourceReconciler;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * SemanticModel: its project exists, its model names are unique, its joins name declared columns.
 */
@ControllerConfiguration(name = "semanticmodel")
public class SemanticModelReconciler
    extends BundledResourceReconciler<SemanticModel, SemanticModelStatus> {
  public SemanticModelReconciler() {
    super(SemanticModel.class, SemanticModel::new, SemanticModelStatus::new);
  }

  @Override
  protected Verdict validate(SemanticModel resource, BundleResources in) {
    return validator.validate(resource, in);
  }

  @Override
  protected Optional<String> engineOf(SemanticModel resource, BundleResources in) {
    return engineOfProject(resource.getSpec().getProjectRef().getName(), in);
  }

  @Override
  protected List<Class<? extends HasMetadata>> reads() {
    return List.of(Project.class, SemanticModel.class);
  }
}
