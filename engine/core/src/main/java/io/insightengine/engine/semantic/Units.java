package io.insightengine.engine.semantic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words that name a column's unit ({@code ColumnSpec.unit}): the unit as written, its WordNet
 * synonyms ("kilogram" for "kg") and, for a currency code, the currency's name ("euro" for "EUR").
 * Nothing is converted: a question in another unit ("tonnes" of a column in kg) is not placed.
 */
public final class Units {
  private Units() {}

  /** A project has few units and every question asks for their words: read WordNet once each. */
  private static final Map<String, Set<String>> WORDS = new ConcurrentHashMap<>();

  /** The normalized words ({@link Words#tokens}) that name this unit. */
  public static Set<String> words(String unit) {
    if (unit == null || unit.isBlank()) {
      return Set.of();
    }
    return WORDS.computeIfAbsent(unit, Units::read);
  }

  private static Set<String> read(String unit) {
    Set<String> words = new LinkedHashSet<>();
    List<String> tokens = Words.tokens(unit);
    words.addAll(tokens);
    if (tokens.size() == 1) {
      Words.nounSynonyms(Words.written(unit).get(0)).forEach(s -> words.addAll(Words.tokens(s)));
    }
    String currency = ReferenceNames.currencyName(unit.trim());
    if (currency != null) {
      List<String> name = Words.tokens(currency);
      words.add(name.get(name.size() - 1)); // "euro" of "Euro", "dollar" of "US Dollar"
    }
    return Set.copyOf(words);
  }

  /** The words of the calendar's units of time ("minute", "hour", "day"), from java.time. */
  private static final Set<String> TIME_UNIT_WORDS =
      java.util.Arrays.stream(java.time.temporal.ChronoUnit.values())
          .flatMap(u -> Words.tokens(u.name()).stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Whether the unit is one of time ("minutes", "h", "days"): the column holds a duration. */
  public static boolean isDuration(String unit) {
    return words(unit).stream().anyMatch(TIME_UNIT_WORDS::contains);
  }

  /**
   * The column's name without a trailing unit ("list price" of {@code list_price_eur} in EUR), as
   * normalized tokens; empty when the name does not end in its unit or is only the unit.
   */
  public static List<String> nameWithoutUnit(String column, String unit) {
    List<String> name = new ArrayList<>(Words.tokens(column));
    Set<String> unitWords = words(unit);
    int end = name.size();
    while (end > 0 && unitWords.contains(name.get(end - 1))) {
      end--;
    }
    return end == name.size() || end == 0 ? List.of() : List.copyOf(name.subList(0, end));
  }
}
