package io.insightengine.operator.common;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/** Container environment variables, literal or from a Secret key (never copied into the spec). */
public final class EnvVars {
  private EnvVars() {}

  public static EnvVar of(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** From a Secret key that must exist: the container does not start without it. */
  public static EnvVar fromSecret(String name, String secret, String key) {
    return fromSecret(name, secret, key, false);
  }

  /** From a Secret key; {@code optional}: unset when the Secret or key is missing. */
  public static EnvVar fromSecret(String name, String secret, String key, boolean optional) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(optional ? true : null)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
