package io.insightengine.engine.semantic;

import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The standard names of a column's values when they are ISO codes, and the codes of its values when
 * they are standard names, from the JDK's reference data rather than lists in code: ISO 4217
 * currencies ({@link Currency}: "USD" is also "US Dollar") and ISO 3166 countries, alpha-2 and
 * alpha-3 ({@link Locale#getISOCountries()}: "DE" and "DEU" are also "Germany"), with their English
 * names.
 *
 * <p>A column is read as codes (or names) of one kind only when nearly all its values are, so that
 * a column of two-letter region or state codes is not mistaken for countries because a few of them
 * happen to be country codes too. A currency is also named by the last word of its name ("dollar")
 * when no other currency among the column's values shares it and the word is only a noun in
 * English, never a verb or an adjective ("pound", "real" and "won" are not taken alone).
 */
public final class ReferenceNames {
  /** The share of a column's values that must be of one kind: nine in ten. */
  private static final int KNOWN_OUT_OF_TEN = 9;

  private static final Map<String, String> COUNTRY_BY_ALPHA2 = countries(code -> code);
  private static final Map<String, String> COUNTRY_BY_ALPHA3 =
      countries(code -> new Locale("", code).getISO3Country());
  private static final Map<String, String> CURRENCY_BY_CODE = currencies();
  private static final Map<String, List<String>> CODES_BY_COUNTRY_NAME = countryCodesByName();
  private static final Map<String, String> CURRENCY_CODE_BY_NAME = invert(CURRENCY_BY_CODE);

  private ReferenceNames() {}

  /**
   * What names a column's values besides themselves.
   *
   * @param names phrases, as written, that name one value: the value's standard name
   * @param codes codes, in capitals, that name one value: the value's standard codes
   */
  public record Aliases(Map<String, String> names, Map<String, String> codes) {
    public static final Aliases NONE = new Aliases(Map.of(), Map.of());

    public boolean isEmpty() {
      return names.isEmpty() && codes.isEmpty();
    }
  }

  /** The aliases of a column's distinct values; none when they are not codes or names of a kind. */
  public static Aliases of(Collection<String> values) {
    List<String> distinct =
        values.stream()
            .filter(v -> v != null && !v.isBlank())
            .map(String::trim)
            .distinct()
            .toList();
    if (distinct.isEmpty()) {
      return Aliases.NONE;
    }
    boolean currencyCodes = mostly(distinct, v -> CURRENCY_BY_CODE.get(upper(v)));
    boolean alpha3 = mostly(distinct, v -> COUNTRY_BY_ALPHA3.get(upper(v)));
    if (currencyCodes && !alpha3) {
      return new Aliases(currencyNames(distinct), Map.of());
    }
    if (alpha3 && !currencyCodes) {
      return new Aliases(names(distinct, v -> COUNTRY_BY_ALPHA3.get(upper(v))), Map.of());
    }
    if (mostly(distinct, v -> COUNTRY_BY_ALPHA2.get(upper(v)))) {
      return new Aliases(names(distinct, v -> COUNTRY_BY_ALPHA2.get(upper(v))), Map.of());
    }
    if (mostly(distinct, v -> CODES_BY_COUNTRY_NAME.get(lower(v)))) {
      Map<String, String> codes = new LinkedHashMap<>();
      for (String v : distinct) {
        for (String code : CODES_BY_COUNTRY_NAME.getOrDefault(lower(v), List.of())) {
          codes.put(code, v);
        }
      }
      return new Aliases(Map.of(), codes);
    }
    if (mostly(distinct, v -> CURRENCY_CODE_BY_NAME.get(lower(v)))) {
      Map<String, String> codes = new LinkedHashMap<>();
      for (String v : distinct) {
        String code = CURRENCY_CODE_BY_NAME.get(lower(v));
        if (code != null) {
          codes.put(code, v);
        }
      }
      return new Aliases(Map.of(), codes);
    }
    return Aliases.NONE;
  }

  /** The English name of an ISO 4217 currency code ("Euro" for "EUR"); null when it is none. */
  public static String currencyName(String code) {
    return CURRENCY_BY_CODE.get(upper(code));
  }

  private static boolean mostly(List<String> values, Function<String, ?> lookup) {
    long known = values.stream().filter(v -> lookup.apply(v) != null).count();
    return known > 0 && known * 10 >= (long) values.size() * KNOWN_OUT_OF_TEN;
  }

  private static Map<String, String> names(List<String> values, Function<String, String> name) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String v : values) {
      String n = name.apply(v);
      if (n != null) {
        names.put(n, v);
      }
    }
    return names;
  }

  /** "US Dollar" for "USD", and "dollar" too when it is the only dollar among the values. */
  private static Map<String, String> currencyNames(List<String> values) {
    Map<String, String> names = names(values, v -> CURRENCY_BY_CODE.get(upper(v)));
    Map<String, Set<String>> byLastWord = new HashMap<>();
    names.forEach(
        (name, value) ->
            byLastWord.computeIfAbsent(lastWord(name), w -> new LinkedHashSet<>()).add(value));
    Map<String, String> all = new LinkedHashMap<>(names);
    byLastWord.forEach(
        (word, currencies) -> {
          if (currencies.size() == 1 && Words.isOnlyANoun(word)) {
            all.putIfAbsent(word, currencies.iterator().next());
          }
        });
    return all;
  }

  private static String lastWord(String name) {
    List<String> words = List.of(name.toLowerCase(Locale.ROOT).split("\\s+"));
    return words.get(words.size() - 1);
  }

  private static Map<String, String> countries(Function<String, String> code) {
    Map<String, String> names = new HashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      String name = new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH);
      if (!name.isBlank() && !name.equals(alpha2)) {
        names.put(code.apply(alpha2), name);
      }
    }
    return Map.copyOf(names);
  }

  private static Map<String, List<String>> countryCodesByName() {
    Map<String, List<String>> codes = new HashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      Locale country = new Locale("", alpha2);
      String name = country.getDisplayCountry(Locale.ENGLISH);
      if (!name.isBlank() && !name.equals(alpha2)) {
        codes.put(lower(name), List.of(alpha2, country.getISO3Country()));
      }
    }
    return Map.copyOf(codes);
  }

  private static Map<String, String> currencies() {
    Map<String, String> names = new HashMap<>();
    for (Currency currency : Currency.getAvailableCurrencies()) {
      String name = currency.getDisplayName(Locale.ENGLISH);
      if (!name.isBlank() && !name.equals(currency.getCurrencyCode())) {
        names.put(currency.getCurrencyCode(), name);
      }
    }
    return Map.copyOf(names);
  }

  /** Names to codes, leaving out a name that two codes share (an old and a new code). */
  private static Map<String, String> invert(Map<String, String> namesByCode) {
    Map<String, String> codes = new HashMap<>();
    Set<String> shared = new LinkedHashSet<>();
    namesByCode.forEach(
        (code, name) -> {
          if (codes.putIfAbsent(lower(name), code) != null) {
            shared.add(lower(name));
          }
        });
    shared.forEach(codes::remove);
    return Map.copyOf(codes);
  }

  private static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }

  private static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
