package io.insightengine.operator.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.policy.DataPolicyStatus;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.common.BundledResourceReconciler;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.List;
import java.util.Optional;

/** DataPolicy: its project exists and every row filter is a SQL condition. */
@ControllerConfiguration(name = "insight-engine-datapolicy")
public class DataPolicyReconciler extends BundledResourceReconciler<DataPolicy, DataPolicyStatus> {
  public DataPolicyReconciler() {
    super(DataPolicy.class, DataPolicy::new, DataPolicyStatus::new);
  }

  @Override
  protected Verdict validate(DataPolicy resource, BundleResources in) {
    return validator.validate(resource, in);
  }

  @Override
  protected Optional<String> projectOf(DataPolicy resource) {
    return Optional.of(resource.getSpec().getProjectRef().getName());
  }

  @Override
  protected List<Class<? extends HasMetadata>> reads() {
    return List.of(Project.class, SemanticModel.class); // the models its rules name
  }
}
