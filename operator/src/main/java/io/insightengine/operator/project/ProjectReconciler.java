package io.insightengine.operator.project;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.insightengine.api.v1alpha1.common.Condition;
import io.insightengine.api.v1alpha1.common.ConditionStatus;
import io.insightengine.api.v1alpha1.common.Conditions;
import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.project.ProjectStatus;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.operator.bundle.BundleResources;
import io.insightengine.operator.common.BundledResourceReconciler;
import io.insightengine.operator.validation.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.util.List;
import java.util.Optional;

/**
 * Project: its engine and Secret exist and a valid SemanticModel describes it; then it is in the
 * bundle, and Ready unless the engine reports it refused or unavailable.
 */
@ControllerConfiguration(name = "insight-engine-project")
// Secrets and ConfigMaps: existence only (their informers cache metadata, no values).
@RBACRule(
    apiGroups = "",
    resources = {"secrets", "configmaps"},
    verbs = {"get", "list", "watch"})
@RBACRule(
    apiGroups = "insight-engine.io",
    resources = "dbtruns",
    verbs = {"get", "list", "watch"})
public class ProjectReconciler extends BundledResourceReconciler<Project, ProjectStatus> {
  static final String REFUSED = "Refused";
  static final String UNAVAILABLE = "Unavailable";

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
    // ConfigMaps and DbtRuns: the dbt sources that make its SemanticModels valid or not.
    return List.of(
        InsightEngine.class, SemanticModel.class, Secret.class, ConfigMap.class, DbtRun.class);
  }

  /** The engine's word on the project, when it says the project is refused or unavailable. */
  @Override
  protected Optional<Condition> notServed(Project project, String engine, BundleResources in) {
    return in.engines().stream()
        .filter(e -> e.getMetadata().getName().equals(engine) && e.getStatus() != null)
        .flatMap(e -> e.getStatus().getEngineProjects().stream())
        .filter(p -> project.getMetadata().getName().equals(p.getName()))
        .filter(p -> REFUSED.equals(p.getState()) || UNAVAILABLE.equals(p.getState()))
        .findFirst()
        .map(
            p ->
                new Condition(
                    Conditions.READY,
                    ConditionStatus.False,
                    p.getReason() != null ? p.getReason() : p.getState(),
                    "InsightEngine "
                        + engine
                        + " reports the project "
                        + p.getState()
                        + (p.getMessage() != null ? ": " + p.getMessage() : "")));
  }
}
