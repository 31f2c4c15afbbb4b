package io.insightengine.engine.warehouse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL error message as it may be shown and stored: its first line, with the values it
 * echoes masked. {@code SELECT email::int ...} fails with {@code invalid input syntax for type
 * integer: "jonas.rossi1@..."}: the warehouse's data, which the caller may not be allowed to read
 * and which history must not keep. Names of things (column "x", relation "y") stay: they are what
 * the caller needs to fix the query.
 */
public final class WarehouseErrors {
  private WarehouseErrors() {}

  /** A double-quoted part of a message and the word before it. */
  private static final Pattern QUOTED = Pattern.compile("(\\w+)?(\\s*)\"((?:[^\"]|\"\")*)\"");

  /** Words before a quoted name of a database object in PostgreSQL's messages. */
  private static final Set<String> NAMING_WORDS =
      Set.of(
          "column",
          "relation",
          "table",
          "function",
          "schema",
          "type",
          "operator",
          "constraint",
          "role",
          "database",
          "index",
          "view",
          "sequence",
          "extension",
          "cursor",
          "alias",
          "reference",
          "identifier",
          "collation",
          "language",
          "domain");

  /** The first line of the message, each quoted value replaced by {@code "…"}. */
  public static String withoutData(String message) {
    if (message == null) {
      return "";
    }
    String first = message.lines().findFirst().orElse("");
    Matcher m = QUOTED.matcher(first);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = m.group(1);
      boolean names = word != null && NAMING_WORDS.contains(word.toLowerCase(Locale.ROOT));
      String replacement = names ? m.group() : (word == null ? "" : word) + m.group(2) + "\"…\"";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
