package io.insightengine.operator.engine;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.insightengine.api.v1alpha1.engine.InsightEngine;
import io.insightengine.operator.apiserver.ApiServerTest;
import io.insightengine.operator.apiserver.ExampleManifests;
import io.insightengine.operator.apiserver.TestOperators;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas on the real API server: one leads through a Lease, the other takes over.
 */
class LeaderElectionTest extends ApiServerTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private final Map<String, Operator> replicas = new java.util.HashMap<>();

  @AfterEach
  void stopReplicas() {
    replicas.values().forEach(Operator::stop);
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndAnotherTakesOver() {
    for (String identity : new String[] {"replica-a", "replica-b"}) {
      Operator operator =
          TestOperators.start(
              client,
              namespace,
              TestOperators.leaderElection(namespace, identity),
              new InsightEngineReconciler());
      replicas.put(identity, operator);
    }
    ExampleManifests.apply(client, namespace, "examples/quickstart");

    String leader =
        await().atMost(WAIT).until(() -> holder(), h -> h != null && replicas.containsKey(h));
    await().atMost(WAIT).until(() -> deployment() != null);

    // The leader goes away; the other replica acquires the Lease and reconciles the next change.
    replicas.remove(leader).stop();
    String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";
    edit(
        InsightEngine.class,
        "insight",
        e -> {
          e.getSpec().setReplicas(2);
          return e;
        });
    await().atMost(WAIT).until(() -> follower.equals(holder()));
    await().atMost(WAIT).until(() -> deployment().getSpec().getReplicas() == 2);
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(namespace).withName("insight-engine-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(namespace).withName("insight").get();
  }
}
