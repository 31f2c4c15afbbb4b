package io.insightengine.engine.interpret;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recogniser of rankings: "top 5", "the five busiest", "which 3 …", "lowest" — how many rows a
 * question wants and in which order. The number is blanked from the text (the word, "top", "which",
 * stays for the resolver to read).
 */
final class Rankings {
  private static final Pattern TOP_N =
      Pattern.compile(
          "\\b(?:(top|best|highest|biggest|largest|bottom|worst|lowest|smallest|first|which|what)\\s+(\\d+|"
              + TimeExpressions.NUMBER_WORD
              + ")|(\\d+|"
              + TimeExpressions.NUMBER_WORD
              + ")\\s+(?:most|highest|biggest|largest|best|top|least|lowest|smallest|worst|fewest))\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DESCENDING =
      Pattern.compile(
          "\\b(most|highest|biggest|largest|best|top|maximum|max)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ASCENDING =
      Pattern.compile(
          "\\b(least|lowest|smallest|fewest|worst|bottom|minimum|min)\\b",
          Pattern.CASE_INSENSITIVE);

  private Rankings() {}

  /**
   * A ranking read: {@code limit} rows (null: all), {@code descending} (null: the question says no
   * order), and the text left for the other recognisers.
   */
  record Ranking(Integer limit, Boolean descending, String text) {}

  static Ranking read(String text) {
    Integer limit = null;
    Boolean descending = null;
    Matcher top = TOP_N.matcher(text);
    if (top.find()) {
      String number = top.group(2) != null ? top.group(2) : top.group(3);
      String word =
          top.group(1) != null ? top.group(1) : top.group().substring(number.length()).trim();
      limit = TimeExpressions.number(number);
      descending = word.matches("(?i)which|what") ? null : !ASCENDING.matcher(word).find();
      // Keep the word ("top", "which") for the reading; drop the number.
      int at = top.start(top.group(2) != null ? 2 : 3);
      text =
          text.substring(0, at)
              + " ".repeat(number.length())
              + text.substring(at + number.length());
    }
    if (descending == null) {
      if (DESCENDING.matcher(text).find()) {
        descending = true;
      } else if (ASCENDING.matcher(text).find()) {
        descending = false;
      }
    }
    return new Ranking(limit, descending, text);
  }
}
