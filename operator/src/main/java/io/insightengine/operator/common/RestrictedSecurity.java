package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security contexts of every pod the operator creates, after the "restricted" Pod Security
 * Standard: non-root, no privilege escalation, no capabilities, the runtime's seccomp profile.
 */
public final class RestrictedSecurity {
  private RestrictedSecurity() {}

  public static SecurityContextBuilder container() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities();
  }

  public static PodSecurityContextBuilder pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile();
  }

  /** Built, for callers that add nothing. */
  public static SecurityContext containerContext() {
    return container().build();
  }

  public static PodSecurityContext podContext() {
    return pod().build();
  }
}
