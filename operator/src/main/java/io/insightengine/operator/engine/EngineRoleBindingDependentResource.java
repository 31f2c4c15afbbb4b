package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** Binds the engine's Role to its ServiceAccount. */
public class EngineRoleBindingDependentResource
    extends CRUDKubernetesDependentResource<RoleBinding, InsightEngine> {
  public EngineRoleBindingDependentResource() {
    super(RoleBinding.class);
  }

  @Override
  protected RoleBinding desired(InsightEngine engine, Context<InsightEngine> context) {
    String name = EngineResources.name(engine);
    return new RoleBindingBuilder()
        .withMetadata(EngineResources.metadata(engine, name))
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(name)
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(name)
        .withNamespace(engine.getMetadata().getNamespace())
        .endSubject()
        .build();
  }
}
