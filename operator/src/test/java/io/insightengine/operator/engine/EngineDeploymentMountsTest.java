package io.insightengine.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Volume names the API server accepts for any Secret or ConfigMap name. */
class EngineDeploymentMountsTest {
  @Test
  void volumeNamesAreShortDnsLabelsForAnyObjectName() {
    String longName = "warehouse.reader." + "x".repeat(230);
    for (String name : new String[] {"a", "creds.v2", longName}) {
      String volume = EngineDeploymentDependentResource.volumeName("secret-", name);
      assertThat(volume).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
    assertThat(EngineDeploymentDependentResource.volumeName("secret-", "creds.v2"))
        .isNotEqualTo(EngineDeploymentDependentResource.volumeName("secret-", "creds-v2"));
  }
}
