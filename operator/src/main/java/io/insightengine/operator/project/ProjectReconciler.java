package io.insightengine.operator.project;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.project.ProjectStatus;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.common.BundledResourceReconciler;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.List;
import java.util.Optional;

/** Project: its engine and Secret exist and a SemanticModel describes it; then it is served. */
@ControllerConfiguration(name = "project")
public class ProjectReconciler extends BundledResourceReconciler<Project, ProjectStatus> {
  public ProjectReconciler() {
    super(Project.class, Project::new, ProjectStatus::new);
  }

  @Override
  protected Verdict validate(Project project, BundleResources in) {
    return validator.validate(project, in);
  }

  @Override
  protected Optional<String> engineOf(Project project, BundleResources in) {
    return Optional.of(project.getSpec().getEngineRef().getName());
  }

  @Override
  protected List<Class<? extends HasMetadata>> reads() {
    return List.of(InsightEngine.class, SemanticModel.class, Secret.class);
  }
}
