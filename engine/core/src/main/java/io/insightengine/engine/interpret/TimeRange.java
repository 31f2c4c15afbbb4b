package io.insightengine.engine.interpret;

import java.time.LocalDate;

/**
 * A range of days, start inclusive and end exclusive, with the words it was read from and a label
 * for explanations (e.g. "last month (2026-10-01 to 2026-10-31)").
 */
public record TimeRange(LocalDate start, LocalDate end, String phrase, String label) {
  /** The last day in the range. */
  public LocalDate lastDay() {
    return end.minusDays(1);
  }

  public String describe() {
    return start.equals(lastDay())
        ? label + " (" + start + ")"
        : label + " (" + start + " to " + lastDay() + ")";
  }
}
