package io.insightengine.operator.validation;

/**
 * Whether a custom resource may go into its engine's bundle: valid, or the CamelCase reason and a
 * message that tells the user what to fix.
 */
public record Verdict(boolean valid, String reason, String message) {
  public static final String VALID = "Valid";

  public static Verdict ok(String message) {
    return new Verdict(true, VALID, message);
  }

  public static Verdict invalid(String reason, String message) {
    return new Verdict(false, reason, message);
  }
}
