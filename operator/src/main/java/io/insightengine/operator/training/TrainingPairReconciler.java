package io.insightengine.operator.training;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.api.v1alpha1.training.TrainingPairStatus;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.common.BundledResourceReconciler;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * TrainingPair: its project exists and its SQL passes the query firewall over the project's tables.
 */
@ControllerConfiguration(name = "insight-engine-trainingpair")
public class TrainingPairReconciler
    extends BundledResourceReconciler<TrainingPair, TrainingPairStatus> {
  public TrainingPairReconciler() {
    super(TrainingPair.class, TrainingPair::new, TrainingPairStatus::new);
  }

  @Override
  protected Verdict validate(TrainingPair resource, BundleResources in) {
    return validator.validate(resource, in);
  }

  @Override
  protected Optional<String> projectOf(TrainingPair resource) {
    return Optional.of(resource.getSpec().getProjectRef().getName());
  }

  @Override
  protected List<Class<? extends HasMetadata>> reads() {
    return List.of(Project.class, SemanticModel.class);
  }
}
