package io.insightengine.api.dbt;

import io.insightengine.api.v1alpha1.semantic.PiiClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the compiler reads of a dbt {@code meta} block (meta and config.meta, merged by the
 * readers): synonyms, value synonyms, PII tags, the grain and units, under the spellings teams use
 * for them. Keys are compared without regard to case, underscores and hyphens, so {@code
 * value_synonyms}, {@code valueSynonyms} and {@code Value-Synonyms} are one key. Keys it does not
 * read are reported by {@link #unread} so the compiler can warn about them instead of dropping them
 * silently.
 */
final class DbtMeta {
  static final List<String> SYNONYM_KEYS =
      List.of(
          "synonyms",
          "synonym",
          "aliases",
          "alias",
          "alternate_names",
          "alternative_names",
          "also_known_as",
          "aka");
  static final List<String> VALUE_SYNONYM_KEYS =
      List.of(
          "value_synonyms",
          "value_synonym",
          "value_aliases",
          "value_alias",
          "synonyms_by_value",
          "aliases_by_value");
  static final List<String> PII_KEYS = List.of("pii", "is_pii", "contains_pii", "has_pii");
  static final List<String> PII_TYPE_KEYS =
      List.of(
          "pii_type",
          "pii_class",
          "pii_category",
          "pii_kind",
          "personal_data_type",
          "data_classification");
  static final List<String> GRAIN_KEYS = List.of("grain");
  static final List<String> UNIT_KEYS =
      List.of("unit", "units", "unit_of_measure", "unit_of_measurement", "uom", "currency");

  /** Words teams use for PII classes, normalised as {@link #normal} does, to our classes. */
  private static final Map<String, PiiClass> PII_WORDS = new LinkedHashMap<>();

  static {
    words(PiiClass.NONE, "none", "false", "no", "public");
    words(PiiClass.NAME, "name", "fullname", "firstname", "lastname", "personname", "person");
    words(PiiClass.EMAIL, "email", "emailaddress", "mail");
    words(PiiClass.PHONE, "phone", "phonenumber", "telephone", "mobile", "mobilenumber");
    words(PiiClass.ADDRESS, "address", "streetaddress", "postaladdress", "homeaddress");
    words(PiiClass.DATE_OF_BIRTH, "dateofbirth", "dob", "birthdate", "birthday");
    words(PiiClass.NATIONAL_ID, "nationalid", "ssn", "taxid", "passport", "passportnumber");
    words(PiiClass.CREDIT_CARD, "creditcard", "cardnumber", "pan", "creditcardnumber");
    words(PiiClass.IBAN, "iban", "bankaccount", "accountnumber");
    words(PiiClass.IP_ADDRESS, "ipaddress", "ip");
    words(PiiClass.OTHER, "other", "true", "yes", "pii", "sensitive", "personal");
  }

  private static void words(PiiClass pii, String... words) {
    Arrays.stream(words).forEach(w -> PII_WORDS.put(w, pii));
  }

  private static final Set<String> READ =
      Set.copyOf(
          java.util.stream.Stream.of(
                  SYNONYM_KEYS, VALUE_SYNONYM_KEYS, PII_KEYS, PII_TYPE_KEYS, GRAIN_KEYS, UNIT_KEYS)
              .flatMap(List::stream)
              .map(DbtMeta::normal)
              .toList());

  private final Map<String, Object> meta;

  DbtMeta(Map<String, Object> meta) {
    this.meta = meta == null ? Map.of() : meta;
  }

  static String normal(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
  }

  /** The first value under any of {@code keys}. */
  private Optional<Map.Entry<String, Object>> entry(List<String> keys) {
    for (String key : keys) {
      for (Map.Entry<String, Object> e : meta.entrySet()) {
        if (normal(e.getKey()).equals(normal(key)) && e.getValue() != null) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  List<String> synonyms() {
    List<String> all = new ArrayList<>();
    for (Map.Entry<String, Object> e : meta.entrySet()) {
      if (SYNONYM_KEYS.stream().anyMatch(k -> normal(k).equals(normal(e.getKey())))) {
        strings(e.getValue()).stream().filter(s -> !all.contains(s)).forEach(all::add);
      }
    }
    return all;
  }

  String grain() {
    return entry(GRAIN_KEYS).map(e -> String.valueOf(e.getValue())).orElse(null);
  }

  /** The unit of a column's values, as written ("kg", "EUR"); null when none or not a word. */
  String unit() {
    return entry(UNIT_KEYS)
        .map(e -> String.valueOf(e.getValue()).trim())
        .filter(u -> !u.isEmpty() && u.length() <= 63)
        .orElse(null);
  }

  /**
   * Value synonyms as a map (value → words) or as a list of {@code {value, synonyms}} entries;
   * {@code problems} gets what cannot be read.
   */
  Map<String, List<String>> valueSynonyms(List<String> problems) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    Optional<Map.Entry<String, Object>> found = entry(VALUE_SYNONYM_KEYS);
    if (found.isEmpty()) {
      return result;
    }
    Object value = found.get().getValue();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> add(result, String.valueOf(k), strings(v)));
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> entry && entry.get("value") != null) {
          Object words =
              entry.containsKey("synonyms") ? entry.get("synonyms") : entry.get("aliases");
          add(result, String.valueOf(entry.get("value")), strings(words));
        } else {
          problems.add(
              "meta."
                  + found.get().getKey()
                  + " entry "
                  + item
                  + " is not {value: ..., synonyms: [...]}");
        }
      }
    } else {
      problems.add("meta." + found.get().getKey() + " is not a map of value to synonyms");
    }
    return result;
  }

  private static void add(Map<String, List<String>> into, String value, List<String> words) {
    if (!words.isEmpty()) {
      into.computeIfAbsent(value, k -> new ArrayList<>()).addAll(words);
    }
  }

  /**
   * The PII class: {@code pii: email}; {@code pii: true} with {@code pii_type: email}; {@code pii:
   * true} alone is {@code other}; {@code pii: false} is none (null). {@code problems} gets an
   * unknown class (recorded as other).
   */
  PiiClass pii(List<String> problems) {
    Optional<Map.Entry<String, Object>> flag = entry(PII_KEYS);
    Optional<Map.Entry<String, Object>> type = entry(PII_TYPE_KEYS);
    if (flag.isEmpty() && type.isEmpty()) {
      return null;
    }
    String flagWord = flag.map(e -> normal(String.valueOf(e.getValue()))).orElse("true");
    if (PII_WORDS.get(flagWord) == PiiClass.NONE) {
      return null;
    }
    Map.Entry<String, Object> named =
        type.orElseGet(() -> PII_WORDS.get(flagWord) == PiiClass.OTHER ? null : flag.get());
    if (named == null) {
      return PiiClass.OTHER;
    }
    PiiClass pii = PII_WORDS.get(normal(String.valueOf(named.getValue())));
    if (pii == null) {
      problems.add(
          "meta."
              + named.getKey()
              + ": unknown pii class "
              + named.getValue()
              + ", recorded as other");
      return PiiClass.OTHER;
    }
    return pii == PiiClass.NONE ? null : pii;
  }

  /** True when {@code contains_pii} (or a spelling of it) says the model holds personal data. */
  boolean flagsPii() {
    Optional<Map.Entry<String, Object>> flag = entry(PII_KEYS);
    return flag.isPresent()
        && PII_WORDS.get(normal(String.valueOf(flag.get().getValue()))) != PiiClass.NONE;
  }

  /** Keys of this meta the compiler does not read. */
  List<String> unread() {
    return meta.keySet().stream().filter(k -> !READ.contains(normal(k))).toList();
  }

  /** meta values written as a YAML list or as a comma-separated string. */
  static List<String> strings(Object value) {
    List<String> list = new ArrayList<>();
    if (value instanceof List<?> items) {
      items.stream().filter(i -> i != null).forEach(i -> list.add(String.valueOf(i)));
    } else if (value != null) {
      Arrays.stream(value.toString().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(list::add);
    }
    return list;
  }
}
