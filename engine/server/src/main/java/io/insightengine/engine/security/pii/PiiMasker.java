package io.insightengine.engine.security.pii;

import io.insightengine.api.v1alpha1.semantic.PiiClass;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in text: e-mail addresses, US social security numbers, card numbers (only
 * digit runs that pass the Luhn check, so order numbers stay readable), international phone numbers
 * and IBANs (only those with a valid mod-97 checksum). Used on query results and on anything
 * logged. Values of columns the semantic model tags with a PII class are masked by class whatever
 * they look like.
 *
 * <p>Masking takes time linear in the length of the text: every pattern does bounded work from each
 * place it may start, and the e-mail pattern starts once per run of the characters a local part may
 * hold (see {@link #EMAIL}). java.util.regex rather than a linear engine such as RE2/J: the
 * patterns need a lookbehind and possessive quantifiers, which RE2/J does not have, and with them
 * they are linear already.
 */
public final class PiiMasker {
  /**
   * The local part is matched from the start of its run of {@code [A-Za-z0-9._%+-]} only (or where
   * the previous address ended), possessively. With {@code \b} before its first letter it was tried
   * again from every '.', '-' or '+' of a run with no '@' after it, which is quadratic: 80,000
   * characters of "1-1-1-…" took 13-17 s. The run's leading '.', '_', '%', '+' or '-' stay visible,
   * the rest of the local part is masked (a leading '_' used to leave it whole).
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?:(?<![A-Za-z0-9._%+-])|\\G)([._%+-]*+[A-Za-z0-9])[A-Za-z0-9._%+-]*+@"
              + "([A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\b");

  private static final Pattern SSN = Pattern.compile("\\b\\d{3}-\\d{2}-(\\d{4})\\b");
  private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
  private static final Pattern PHONE =
      Pattern.compile("\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}");
  private static final Pattern IBAN =
      Pattern.compile("\\b([A-Z]{2})(\\d{2})((?:[ ]?[A-Z0-9]){11,30})\\b");
  private static final Pattern NON_DIGIT = Pattern.compile("\\D");
  private static final List<Pattern> ALL = List.of(IBAN, EMAIL, SSN, CARD, PHONE);

  /** The longest address (RFC 5321: 64 characters, '@', 255): longer than any other item. */
  private static final int LONGEST_ITEM = 320;

  /** Masks every kind of PII found in {@code text}. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // Cheap pre-checks: most text has no '@', '+' or digit, and is then not scanned for them.
    boolean digit = hasDigit(text);
    String out = text;
    if (digit) {
      out =
          replace(
              IBAN,
              out,
              m ->
                  validIban(m.group())
                      ? m.group(1) + "**" + stars(m.group(3).replace(" ", ""), 4)
                      : m.group());
    }
    if (out.indexOf('@') >= 0) {
      out = replace(EMAIL, out, m -> m.group(1) + "***@" + m.group(2));
    }
    if (digit) {
      out = replace(SSN, out, m -> "***-**-" + m.group(1));
      out =
          replace(
              CARD,
              out,
              m ->
                  luhn(m.group())
                      ? "**** **** **** "
                          + digits(m.group()).substring(digits(m.group()).length() - 4)
                      : m.group());
    }
    if (digit && out.indexOf('+') >= 0) {
      out =
          replace(
              PHONE,
              out,
              m -> {
                String digits = digits(m.group());
                return digits.length() < 8
                    ? m.group()
                    : "+" + "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
              });
    }
    return out;
  }

  /**
   * Where to cut {@code text} to at most {@code length} characters without cutting through
   * something that may be personal data: cut in two, its first half would not be masked
   * ("jane.doe@" is no address, "4111 1111" no card), so the cut moves to before it. Only the
   * characters around the cut are looked at, so this takes constant time.
   */
  public static int cutBefore(String text, int length) {
    if (text.length() <= length) {
      return text.length();
    }
    int cut = length;
    if (cut > 0
        && Character.isHighSurrogate(text.charAt(cut - 1))
        && Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    int from = Math.max(0, cut - LONGEST_ITEM);
    int to = Math.min(text.length(), cut + LONGEST_ITEM);
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Pattern pattern : ALL) {
        // Transparent bounds: the lookbehind and \\b see the characters outside the window.
        Matcher m =
            pattern
                .matcher(text)
                .region(from, to)
                .useTransparentBounds(true)
                .useAnchoringBounds(false);
        while (m.find() && m.start() < cut) {
          if (m.end() > cut) {
            cut = m.start();
            moved = true;
            break;
          }
        }
      }
    }
    return cut;
  }

  /** Masks a value of a column tagged with {@code pii}, whatever it looks like. */
  public String mask(String value, PiiClass pii) {
    if (value == null || pii == null || pii == PiiClass.NONE) {
      return value;
    }
    return switch (pii) {
      case NAME -> maskWords(value);
      case EMAIL, PHONE, NATIONAL_ID, CREDIT_CARD, IBAN -> {
        String masked = mask(value);
        yield masked.equals(value)
            ? "*".repeat(Math.max(4, value.length() - 4)) + last(value, 4)
            : masked;
      }
      default -> "*".repeat(Math.min(8, value.length()));
    };
  }

  private static String maskWords(String value) {
    StringBuilder out = new StringBuilder();
    for (String word : value.split(" ")) {
      if (!word.isEmpty()) {
        out.append(out.length() == 0 ? "" : " ").append(word.charAt(0)).append("***");
      }
    }
    return out.toString();
  }

  private static String last(String value, int n) {
    return value.length() <= n ? "" : value.substring(value.length() - n);
  }

  private static String stars(String value, int keep) {
    return "*".repeat(Math.max(0, value.length() - keep))
        + value.substring(Math.max(0, value.length() - keep));
  }

  private interface Replacement {
    String apply(Matcher m);
  }

  private static String replace(Pattern pattern, String text, Replacement replacement) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }

  private static String digits(String text) {
    return NON_DIGIT.matcher(text).replaceAll("");
  }

  /** The Luhn checksum card numbers carry. */
  static boolean luhn(String text) {
    String digits = digits(text);
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  /** ISO 13616 mod-97 check. */
  static boolean validIban(String text) {
    String iban = text.replace(" ", "");
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder numeric = new StringBuilder();
    for (char ch : rearranged.toCharArray()) {
      numeric.append(Character.isLetter(ch) ? String.valueOf(ch - 'A' + 10) : String.valueOf(ch));
    }
    return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }
}
