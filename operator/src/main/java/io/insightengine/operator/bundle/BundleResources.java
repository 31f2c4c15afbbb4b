package io.insightengine.operator.bundle;

import io.insightengine.api.v1alpha1.dbt.DbtRun;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import java.util.List;
import java.util.Set;

/**
 * The custom resources of one namespace that a bundle is assembled from, the names of the Secrets
 * and ConfigMaps that exist there (references are checked, never read: the operator caches neither
 * Secret values nor the content of users' ConfigMaps), and the DbtRuns SemanticModels may name.
 */
public record BundleResources(
    List<InsightEngine> engines,
    List<Project> projects,
    List<SemanticModel> semanticModels,
    List<DataPolicy> dataPolicies,
    List<TrainingPair> trainingPairs,
    Set<String> secrets,
    Set<String> configMaps,
    List<DbtRun> dbtRuns) {
  /** Without ConfigMaps and DbtRuns: for what reads neither. */
  public BundleResources(
      List<InsightEngine> engines,
      List<Project> projects,
      List<SemanticModel> semanticModels,
      List<DataPolicy> dataPolicies,
      List<TrainingPair> trainingPairs,
      Set<String> secrets) {
    this(
        engines,
        projects,
        semanticModels,
        dataPolicies,
        trainingPairs,
        secrets,
        Set.of(),
        List.of());
  }
}
