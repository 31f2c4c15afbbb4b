package io.insightengine.operator.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Two or more operator replicas are safe: they compete for a Lease in the operator's own namespace
 * and only the holder reconciles; when it goes away another takes over. The SDK activates this in
 * the profiles {@code quarkus.operator-sdk.activate-leader-election-for-profiles} names (prod by
 * default).
 *
 * <p>The SDK's own reaction to losing the lease is {@code System.exit} from the elector's thread.
 * On a shutdown (SIGTERM) the elector stops too, and that exit, called inside the JVM's shutdown
 * hook, blocks forever: the pod waited out its grace period and the lease was never given up. So
 * the SDK is told not to exit; here a lease lost while running ends the process through Quarkus
 * (another replica may be reconciling already), and a shutdown gives the lease up (holder cleared,
 * one-second duration, as client-go's leader election does) so another replica takes over at once.
 */
@Singleton
public class LeaderElection {
  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  private final String leaseName;
  private final Optional<String> leaseNamespace;
  private final String identity;
  private volatile boolean shuttingDown;
  private volatile boolean leading;

  @Inject Instance<KubernetesClient> clients;

  public LeaderElection(
      @ConfigProperty(
              name = "insight.operator.lease-name",
              defaultValue = "insight-engine-operator")
          String leaseName,
      @ConfigProperty(name = "insight.operator.lease-namespace") Optional<String> leaseNamespace) {
    this.leaseName = leaseName;
    this.leaseNamespace = leaseNamespace;
    this.identity =
        Optional.ofNullable(System.getenv("HOSTNAME"))
            .filter(h -> !h.isBlank())
            .orElseGet(() -> UUID.randomUUID().toString());
  }

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection() {
    return new LeaderElectionConfiguration(
        leaseName,
        leaseNamespace.orElse(null), // unset: the namespace the operator runs in
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        identity,
        new LeaderCallbacks(() -> leading = true, this::stoppedLeading, leader -> {}),
        false);
  }

  private void stoppedLeading() {
    if (shuttingDown) {
      return; // still held: given up below
    }
    leading = false;
    LOG.errorf(
        "lost the lease %s (identity %s): exiting, another replica may be reconciling now",
        leaseName, identity);
    Quarkus.asyncExit(1);
  }

  /** First of the shutdown observers: the elector stopping now is no lost lease. */
  void shuttingDown(@Observes @Priority(1) ShutdownEvent event) {
    shuttingDown = true;
  }

  /** Last of the shutdown observers: after the operator (and its elector) stopped. */
  void releaseLease(
      @Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) ShutdownEvent event) {
    if (!leading || !clients.isResolvable()) {
      return;
    }
    // The operator may have closed its client on stop: a client of the same configuration.
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(clients.get().getConfiguration()).build()) {
      String namespace = leaseNamespace.orElse(client.getConfiguration().getNamespace());
      Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
      if (lease == null
          || lease.getSpec() == null
          || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(ZonedDateTime.now());
      client.resource(lease).update(); // a conflict means another replica holds it already
      LOG.infof("gave up the lease %s/%s (identity %s)", namespace, leaseName, identity);
    } catch (KubernetesClientException e) {
      LOG.warnf("could not give up the lease %s: %s", leaseName, e.getMessage());
    }
  }
}
