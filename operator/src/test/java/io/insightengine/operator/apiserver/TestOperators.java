package io.insightengine.operator.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;

/**
 * The operator as tests run it: JOSDK's {@link Operator} with the given reconcilers, watching one
 * namespace, on a client the test owns (stopping the operator leaves the client open).
 */
public final class TestOperators {
  private TestOperators() {}

  public static Operator start(
      KubernetesClient client, String namespace, Reconciler<?>... reconcilers) {
    return start(client, namespace, null, reconcilers);
  }

  /** With leader election when {@code leaderElection} is not null. */
  public static Operator start(
      KubernetesClient client,
      String namespace,
      LeaderElectionConfiguration leaderElection,
      Reconciler<?>... reconcilers) {
    try {
      return startOnce(client, namespace, leaderElection, reconcilers);
    } catch (io.javaoperatorsdk.operator.OperatorException e) {
      if (!connectionLost(e)) {
        throw e;
      }
      // The API server closed the connection an informer was starting on (seen once in CI, with
      // 2 cores busy): that is the connection's fault, not the test's; start once more.
      return startOnce(client, namespace, leaderElection, reconcilers);
    }
  }

  private static boolean connectionLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.core.http.HttpClosedException || t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static Operator startOnce(
      KubernetesClient client,
      String namespace,
      LeaderElectionConfiguration leaderElection,
      Reconciler<?>... reconcilers) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client).withCloseClientOnStop(false);
              if (leaderElection != null) {
                o.withLeaderElectionConfiguration(leaderElection);
              }
            });
    for (Reconciler<?> reconciler : reconcilers) {
      register(operator, reconciler, namespace);
    }
    try {
      operator.start();
    } catch (RuntimeException e) {
      operator.stop();
      throw e;
    }
    return operator;
  }

  /**
   * Leader election on the operator's Lease in {@code namespace}, with short durations so a test
   * sees a takeover within seconds; losing leadership never exits the test JVM.
   */
  public static LeaderElectionConfiguration leaderElection(String namespace, String identity) {
    return new LeaderElectionConfiguration(
        "insight-engine-operator",
        namespace,
        Duration.ofSeconds(4),
        Duration.ofSeconds(3),
        Duration.ofMillis(500),
        identity,
        null,
        false);
  }

  private static <P extends HasMetadata> void register(
      Operator operator, Reconciler<P> reconciler, String namespace) {
    operator.register(reconciler, c -> c.settingNamespace(namespace));
  }
}
