package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * The engine's only Kubernetes permission: creating DbtRuns (the internet-facing component stays
 * least-privileged; it cannot read Secrets or change its own configuration).
 */
public class EngineRoleDependentResource
    extends CRUDKubernetesDependentResource<Role, InsightEngine> {
  public EngineRoleDependentResource() {
    super(Role.class);
  }

  @Override
  protected Role desired(InsightEngine engine, Context<InsightEngine> context) {
    return new RoleBuilder()
        .withMetadata(EngineResources.metadata(engine, EngineResources.name(engine)))
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups("insight-engine.io")
                .withResources("dbtruns")
                .withVerbs("create")
                .build())
        .build();
  }
}
