package io.insightengine.api.v1alpha1.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Clock T1 =
      Clock.fixed(Instant.parse("2026-01-01T10:00:00.5Z"), ZoneOffset.UTC);
  private static final Clock T2 =
      Clock.fixed(Instant.parse("2026-01-01T11:00:00Z"), ZoneOffset.UTC);

  private final List<Condition> conditions = new ArrayList<>();

  @Test
  void aNewConditionGetsTheCurrentTimeAndGeneration() {
    boolean changed = Conditions.set(conditions, ready(ConditionStatus.True, "Reconciled"), 3, T1);

    assertThat(changed).isTrue();
    assertThat(conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
            });
  }

  @Test
  void keepsTheTransitionTimeWhileTheStatusStaysTheSame() {
    Conditions.set(conditions, ready(ConditionStatus.True, "Reconciled"), 1, T1);

    boolean changed = Conditions.set(conditions, ready(ConditionStatus.True, "Reconciled"), 2, T2);

    assertThat(changed).as("only the generation moved").isFalse();
    assertThat(conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
              assertThat(c.getObservedGeneration()).isEqualTo(2L);
            });
  }

  @Test
  void aNewReasonIsAChangeButNotATransition() {
    Conditions.set(conditions, ready(ConditionStatus.False, "InvalidSql"), 1, T1);

    boolean changed =
        Conditions.set(conditions, ready(ConditionStatus.False, "ProjectNotFound"), 1, T2);

    assertThat(changed).isTrue();
    assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(conditions.get(0).getReason()).isEqualTo("ProjectNotFound");
  }

  @Test
  void aFlipMovesTheTransitionTime() {
    Conditions.set(conditions, ready(ConditionStatus.False, "InvalidSql"), 1, T1);

    Conditions.set(conditions, ready(ConditionStatus.True, "Reconciled"), 2, T2);

    assertThat(conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
              assertThat(c.getStatus()).isEqualTo(ConditionStatus.True);
            });
    assertThat(Conditions.isTrue(conditions, Conditions.READY)).isTrue();
  }

  @Test
  void conditionsOfOtherTypesAreKeptApart() {
    Conditions.set(conditions, ready(ConditionStatus.True, "Reconciled"), 1, T1);
    Conditions.set(
        conditions,
        new Condition("ConfigApplied", ConditionStatus.False, "Pending", "waiting"),
        1,
        T1);

    assertThat(conditions).extracting(Condition::getType).containsExactly("Ready", "ConfigApplied");
    assertThat(Conditions.isTrue(conditions, "ConfigApplied")).isFalse();
  }

  private static Condition ready(ConditionStatus status, String reason) {
    return new Condition(Conditions.READY, status, reason, "message for " + reason);
  }
}
