package io.insightengine.operator.bundle;

import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.semantic.SemanticModel;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import java.util.List;
import java.util.Set;

/**
 * The custom resources of one namespace that a bundle is assembled from, and the names of the
 * Secrets that exist there (references are checked, never read).
 */
public record BundleResources(
    List<InsightEngine> engines,
    List<Project> projects,
    List<SemanticModel> semanticModels,
    List<DataPolicy> dataPolicies,
    List<TrainingPair> trainingPairs,
    Set<String> secrets) {}
