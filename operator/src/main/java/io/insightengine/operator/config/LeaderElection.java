package io.insightengine.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Two or more operator replicas are safe: they compete for a Lease in the operator's own namespace
 * and only the holder reconciles; when it goes away another takes over within the lease duration.
 * The SDK activates this in the profiles {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles} names (prod by default).
 */
public class LeaderElection {
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(
      @ConfigProperty(
              name = "insight.operator.lease-name",
              defaultValue = "insight-engine-operator")
          String leaseName) {
    return new LeaderElectionConfiguration(leaseName);
  }
}
