package io.insightengine.operator.engine;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The engine's REST API inside the cluster (port 80 to the pods' 8080). */
public class EngineServiceDependentResource
    extends CRUDKubernetesDependentResource<Service, InsightEngine> {
  public EngineServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected Service desired(InsightEngine engine, Context<InsightEngine> context) {
    return new ServiceBuilder()
        .withMetadata(EngineResources.metadata(engine, EngineResources.name(engine)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(EngineResources.selector(engine))
        .addNewPort()
        .withName("http")
        .withPort(EngineResources.SERVICE_PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
