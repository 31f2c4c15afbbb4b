package io.insightengine.api.dbt;

/**
 * dbt artifacts or project files that cannot be read: broken, foreign, or of an unknown version.
 */
public class DbtArtifactException extends Exception {
  public DbtArtifactException(String message) {
    super(message);
  }

  public DbtArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
