package io.insightengine.engine.bundle;

import io.insightengine.api.sql.FirewallPolicy;
import io.insightengine.api.v1alpha1.common.Durations;
import io.insightengine.api.v1alpha1.policy.DataPolicy;
import io.insightengine.api.v1alpha1.project.Project;
import io.insightengine.api.v1alpha1.training.TrainingPair;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.warehouse.Warehouse;
import java.util.List;

/**
 * One project as the engine serves it: its CR, compiled semantic layer, policies, training pairs,
 * the firewall policy compiled from its semantic model, and its own warehouse (null only between
 * compiling the bundle and attaching the warehouses).
 */
public record ProjectRuntime(
    Project project,
    SemanticLayer semantics,
    List<DataPolicy> policies,
    List<TrainingPair> trainingPairs,
    FirewallPolicy firewallPolicy,
    Warehouse warehouse) {
  public String name() {
    return project.getMetadata().getName();
  }

  public ProjectRuntime withWarehouse(Warehouse warehouse) {
    return new ProjectRuntime(
        project, semantics, policies, trainingPairs, firewallPolicy, warehouse);
  }

  /** This project with another semantic layer over the same tables (the firewall policy stays). */
  public ProjectRuntime withSemantics(SemanticLayer semantics) {
    return new ProjectRuntime(
        project, semantics, policies, trainingPairs, firewallPolicy, warehouse);
  }

  public int maxRows() {
    var limits = project.getSpec().getLimits();
    return limits != null && limits.getMaxRows() != null ? limits.getMaxRows() : 1000;
  }

  public java.time.Duration queryTimeout() {
    var limits = project.getSpec().getLimits();
    String timeout =
        limits != null && limits.getQueryTimeout() != null ? limits.getQueryTimeout() : "30s";
    return Durations.parse(timeout);
  }

  /** The most bytes of values an answer carries ({@code limits.maxResultSize}, default 10Mi). */
  public long maxResultBytes() {
    var limits = project.getSpec().getLimits();
    String size =
        limits != null && limits.getMaxResultSize() != null ? limits.getMaxResultSize() : "10Mi";
    return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
            new io.fabric8.kubernetes.api.model.Quantity(size))
        .longValueExact();
  }

  public Long maxPlanCost() {
    var limits = project.getSpec().getLimits();
    return limits == null ? null : limits.getMaxPlanCost();
  }
}
