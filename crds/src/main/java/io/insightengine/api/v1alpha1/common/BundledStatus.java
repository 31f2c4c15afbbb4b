package io.insightengine.api.v1alpha1.common;

/** Status of a resource that goes into an engine's config bundle. */
public interface BundledStatus {
  /** Revision of the engine's bundle that contains this resource as it is now; null when none. */
  String getBundleRevision();

  void setBundleRevision(String bundleRevision);
}
