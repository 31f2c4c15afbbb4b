package io.insightengine.engine.interpret;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recogniser of one period compared with another: a second period and a word of comparing ("Q3
 * 2026 compared with Q3 2025", "year to date against the same period last year", "better so far in
 * 2026 than in 2025"). The later period is the question's own, the earlier the one it is compared
 * with; both, and the words of comparing, are blanked from the text.
 */
final class PeriodComparisons {
  /** Words that compare two periods, placed when the question names two. */
  private static final Pattern COMPARING =
      Pattern.compile(
          "(?i)\\b(?:compare[ds]?|comparing|comparison|versus|vs|against|growth|grew|grow[ns]?"
              + "|change[ds]?|better|worse|than|difference|increase[ds]?|decrease[ds]?)\\b");

  private static final Pattern SAME_PERIOD_LAST_YEAR =
      Pattern.compile(
          "(?i)\\b(?:the\\s+)?same\\s+(?:period|time|months?|quarter|weeks?|days)\\s+"
              + "(?:of\\s+|in\\s+)?(?:last|the\\s+previous|the\\s+prior|a|one)\\s+year"
              + "(?:\\s+ago)?\\b");

  private PeriodComparisons() {}

  /** The question's own period, the earlier one, and the text without either. */
  record Comparison(TimeRange period, TimeRange earlier, String text) {}

  /**
   * The comparison in a text whose first period ({@code period}) is already blanked from it; empty
   * when it names no second period or no word of comparing.
   */
  static Optional<Comparison> read(String text, TimeRange period, TimeExpressions time) {
    Optional<TimeRange> other = samePeriodAYearEarlier(text, period);
    if (other.isEmpty()) {
      other = time.range(text);
    }
    if (other.isEmpty() || !COMPARING.matcher(text).find()) {
      return Optional.empty();
    }
    text = QuestionInterpreter.blank(text, other.get().phrase());
    text = COMPARING.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
    return Optional.of(
        other.get().start().isAfter(period.start())
            ? new Comparison(other.get(), period, text)
            : new Comparison(period, other.get(), text));
  }

  /** "the same period last year": the question's period, one year earlier. */
  private static Optional<TimeRange> samePeriodAYearEarlier(String text, TimeRange period) {
    Matcher same = SAME_PERIOD_LAST_YEAR.matcher(text);
    if (!same.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new TimeRange(
            period.start().minusYears(1),
            period.end().minusYears(1),
            same.group(),
            "the same period a year earlier"));
  }
}
