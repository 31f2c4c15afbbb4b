package io.insightengine.engine.interpret;

import io.insightengine.engine.semantic.Words;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recogniser of thresholds: "more than 50", "at least 1,000", "under $2k" — an operator and a
 * number, blanked from the text. Which column or metric a threshold applies to (the nearest one) is
 * the resolver's to decide.
 */
final class Thresholds {
  private static final Pattern THRESHOLD =
      Pattern.compile(
          "\\b(more than|greater than|higher than|larger than|bigger than|over|above|exceeding|at least|less than|fewer than|lower than|smaller than|under|below|at most)\\s+\\$?([\\d][\\d,]*(?:\\.\\d+)?)\\s*(k|m)?\\b",
          Pattern.CASE_INSENSITIVE);

  private Thresholds() {}

  /** A threshold at a token position: {@code operator} in SQL, {@code value} a plain number. */
  record Threshold(int tokenIndex, String operator, BigDecimal value, String phrase) {}

  /** The thresholds read, and the text without them. */
  record Read(List<Threshold> thresholds, String text) {}

  static Read read(String text) {
    List<Threshold> thresholds = new ArrayList<>();
    Matcher m = THRESHOLD.matcher(text);
    while (m.find()) {
      thresholds.add(
          new Threshold(
              Words.tokens(text.substring(0, m.start())).size(),
              operator(m.group(1)),
              number(m.group(2), m.group(3)),
              m.group()));
    }
    for (Threshold t : thresholds) {
      text = QuestionInterpreter.blank(text, t.phrase());
    }
    return new Read(List.copyOf(thresholds), text);
  }

  private static String operator(String words) {
    return switch (words.toLowerCase(Locale.ROOT)) {
      case "at least" -> ">=";
      case "at most" -> "<=";
      case "less than", "fewer than", "lower than", "smaller than", "under", "below" -> "<";
      default -> ">";
    };
  }

  private static BigDecimal number(String digits, String suffix) {
    BigDecimal value = new BigDecimal(digits.replace(",", ""));
    if (suffix != null) {
      value = value.multiply(BigDecimal.valueOf(suffix.equalsIgnoreCase("k") ? 1_000 : 1_000_000));
    }
    return value;
  }
}
