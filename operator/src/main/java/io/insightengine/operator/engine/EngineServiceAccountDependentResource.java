package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The engine pods' identity: allowed to create DbtRuns and nothing else (see the Role). */
public class EngineServiceAccountDependentResource
    extends CRUDKubernetesDependentResource<ServiceAccount, InsightEngine> {
  public EngineServiceAccountDependentResource() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(InsightEngine engine, Context<InsightEngine> context) {
    return new ServiceAccountBuilder()
        .withMetadata(EngineResources.metadata(engine, EngineResources.name(engine)))
        .withAutomountServiceAccountToken(true)
        .build();
  }
}
