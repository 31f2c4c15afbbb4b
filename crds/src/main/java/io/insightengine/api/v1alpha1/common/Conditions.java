package io.insightengine.api.v1alpha1.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a list of conditions keyed by {@code type}: setting a condition replaces the one of the
 * same type, and keeps its {@code lastTransitionTime} unless the status flips, so a reconcile that
 * observes nothing new produces an identical status (no needless status patches).
 */
public final class Conditions {
  public static final String READY = "Ready";

  private Conditions() {}

  /**
   * Sets {@code update} in {@code conditions} (which is modified) and returns whether anything
   * changed other than the observed generation.
   */
  public static boolean set(
      List<Condition> conditions, Condition update, long generation, Clock clock) {
    Objects.requireNonNull(update.getType(), "condition type");
    Objects.requireNonNull(update.getStatus(), "condition status");
    update.setObservedGeneration(generation);
    Optional<Condition> existing = find(conditions, update.getType());
    if (existing.isEmpty()) {
      update.setLastTransitionTime(now(clock));
      conditions.add(update);
      return true;
    }
    Condition current = existing.get();
    boolean flipped = current.getStatus() != update.getStatus();
    update.setLastTransitionTime(
        flipped || current.getLastTransitionTime() == null
            ? now(clock)
            : current.getLastTransitionTime());
    boolean changed =
        flipped
            || !Objects.equals(current.getReason(), update.getReason())
            || !Objects.equals(current.getMessage(), update.getMessage());
    conditions.set(conditions.indexOf(current), update);
    return changed;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the condition of {@code type} is present with status True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> c.getStatus() == ConditionStatus.True).orElse(false);
  }

  private static String now(Clock clock) {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
