package io.insightengine.api.v1alpha1.common;

/** The status of a condition, as in every Kubernetes API. */
public enum ConditionStatus {
  True,
  False,
  Unknown
}
