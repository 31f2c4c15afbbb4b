package io.insightengine.engine.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalizes words so "Orders", "order" and "orders'" meet: lower case, light singularization. */
public final class Words {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}&]+");

  private Words() {}

  /** The normalized tokens of a text; underscores and punctuation separate words. */
  public static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String raw : SPLIT.split(text.toLowerCase(Locale.ROOT).replace('_', ' '))) {
      if (!raw.isEmpty()) {
        tokens.add(singular(raw));
      }
    }
    return tokens;
  }

  /** A phrase as one normalized key: tokens joined by single spaces. */
  public static String key(String text) {
    return String.join(" ", tokens(text));
  }

  static String singular(String word) {
    if (word.length() <= 3 || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
      return word;
    }
    if (word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.endsWith("ches")
        || word.endsWith("shes")
        || word.endsWith("xes")
        || word.endsWith("sses")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.endsWith("s")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
