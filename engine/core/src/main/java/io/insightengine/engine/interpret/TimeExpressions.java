package io.insightengine.engine.interpret;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads time ranges and grains from questions, against an injectable clock so that "last month"
 * means the same thing in tests whatever the calendar says.
 *
 * <p>Conventions (documented for users): weeks start on Monday (ISO); "last N days" are the N days
 * up to and including today (as in most BI tools), "the last N full weeks" the N whole weeks before
 * this one; "this month" and the like run to the end of the period; "since X" runs through today;
 * "between X and Y" includes both ends.
 */
public final class TimeExpressions {
  /**
   * The months by the names English writes them with, from java.time: the full name and its
   * abbreviation, the American and the British one ("Sep", "Sept"), in lower case.
   */
  private static final Map<String, Month> MONTH_NAMES =
      Stream.of(Month.values())
          .flatMap(
              m ->
                  Stream.of(
                          m.getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                          m.getDisplayName(TextStyle.SHORT, Locale.US),
                          m.getDisplayName(TextStyle.SHORT, Locale.UK))
                      .map(name -> Map.entry(name.toLowerCase(Locale.ROOT), m)))
          .distinct()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  /** A month's name, longest names first. */
  private static final String MONTHS =
      MONTH_NAMES.keySet().stream()
          .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s))
          .collect(Collectors.joining("|", "(", ")"));

  private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";

  /** A number said in words, as questions say small counts ("the last four weeks", "top five"). */
  static final String NUMBER_WORD =
      "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fourteen"
          + "|thirty|ninety)";

  private static final String NUMBER_WORDS = "(\\d+|" + NUMBER_WORD + ")";

  private final Clock clock;

  public TimeExpressions(Clock clock) {
    this.clock = clock;
  }

  /** A rule: a pattern and how to turn its match into a range. */
  private interface Rule {
    Optional<TimeRange> apply(Matcher m, LocalDate today);
  }

  private record PatternRule(Pattern pattern, Rule rule) {}

  private static final List<PatternRule> RULES = new ArrayList<>();

  private static void rule(String regex, Rule rule) {
    RULES.add(
        new PatternRule(Pattern.compile("\\b" + regex + "\\b", Pattern.CASE_INSENSITIVE), rule));
  }

  static {
    rule(
        "between " + DATE + " and " + DATE,
        (m, t) ->
            range(
                LocalDate.parse(m.group(1)),
                LocalDate.parse(m.group(2)).plusDays(1),
                m,
                "between " + m.group(1) + " and " + m.group(2)));
    rule(
        "(?:from) " + DATE + " (?:to|until|through) " + DATE,
        (m, t) ->
            range(
                LocalDate.parse(m.group(1)),
                LocalDate.parse(m.group(2)).plusDays(1),
                m,
                "from " + m.group(1) + " to " + m.group(2)));
    rule(
        "since " + DATE,
        (m, t) -> range(LocalDate.parse(m.group(1)), t.plusDays(1), m, "since " + m.group(1)));
    rule(
        "since " + MONTHS + " (\\d{4})",
        (m, t) ->
            range(
                monthStart(m.group(1), m.group(2)),
                t.plusDays(1),
                m,
                "since " + monthName(m.group(1)) + " " + m.group(2)));
    rule(
        "since (\\d{4})",
        (m, t) ->
            range(
                LocalDate.of(Integer.parseInt(m.group(1)), 1, 1),
                t.plusDays(1),
                m,
                "since " + m.group(1)));
    rule(
        "(?:on )?" + DATE,
        (m, t) ->
            range(
                LocalDate.parse(m.group(1)),
                LocalDate.parse(m.group(1)).plusDays(1),
                m,
                "on " + m.group(1)));
    rule(
        "(?:in |during )?(?:the )?(q[1-4]|first quarter|second quarter|third quarter|fourth quarter)(?: of)? (\\d{4})",
        (m, t) -> {
          int q = quarter(m.group(1));
          LocalDate start = LocalDate.of(Integer.parseInt(m.group(2)), 3 * q - 2, 1);
          return range(start, start.plusMonths(3), m, "Q" + q + " " + m.group(2));
        });
    rule(
        "(?:in |during )?" + MONTHS + ",? (\\d{4})",
        (m, t) -> {
          LocalDate start = monthStart(m.group(1), m.group(2));
          return range(start, start.plusMonths(1), m, monthName(m.group(1)) + " " + m.group(2));
        });
    // A bare year: not a number compared against ("more than 2025"), not part of a date.
    rule(
        "(?:(?:in|during|for) (?:the year )?)?(?<!than |above |over |under |below |least |most |top |first )(20[1-3]\\d)(?![-\\d])",
        (m, t) -> {
          LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
          return range(start, start.plusYears(1), m, m.group(1));
        });
    rule("today", (m, t) -> range(t, t.plusDays(1), m, "today"));
    rule("yesterday", (m, t) -> range(t.minusDays(1), t, m, "yesterday"));
    rule(
        "(?:the )?(?:last|past|previous|trailing) "
            + NUMBER_WORDS
            + " (day|week|month|quarter|year)s?",
        (m, t) -> {
          int n = number(m.group(1));
          String unit = m.group(2).toLowerCase(Locale.ROOT);
          LocalDate end = t.plusDays(1);
          LocalDate start =
              switch (unit) {
                case "day" -> end.minusDays(n);
                case "week" -> end.minusWeeks(n);
                case "month" -> end.minusMonths(n);
                case "quarter" -> end.minusMonths(3L * n);
                default -> end.minusYears(n);
              };
          return range(start, end, m, "the last " + n + " " + unit + (n == 1 ? "" : "s"));
        });
    rule(
        "(?:the |over the )?(?:last|past|previous) "
            + NUMBER_WORDS
            + " (?:full|complete|whole) (week|month|quarter|year)s?",
        (m, t) -> {
          int n = number(m.group(1));
          String unit = m.group(2).toLowerCase(Locale.ROOT);
          LocalDate end = periodStart(unit, t);
          LocalDate start = end;
          for (int i = 0; i < n; i++) {
            start = minus(unit, start);
          }
          return range(start, end, m, "the last " + n + " full " + unit + (n == 1 ? "" : "s"));
        });
    rule(
        "(?:in |during )?(?:the )?(first|second) half(?: of)? (\\d{4})|\\b(h[12]) (\\d{4})",
        (m, t) -> {
          boolean first =
              m.group(1) != null
                  ? m.group(1).equalsIgnoreCase("first")
                  : m.group(3).equalsIgnoreCase("h1");
          int year = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
          LocalDate start = LocalDate.of(year, first ? 1 : 7, 1);
          return range(start, start.plusMonths(6), m, (first ? "H1 " : "H2 ") + year);
        });
    rule(
        "since the (?:start|beginning) of (\\d{4})",
        (m, t) ->
            range(
                LocalDate.of(Integer.parseInt(m.group(1)), 1, 1),
                t.plusDays(1),
                m,
                "since the start of " + m.group(1)));
    // "since March": the latest March that has begun.
    rule(
        "since " + MONTHS + "(?! \\d)",
        (m, t) -> {
          LocalDate start = LocalDate.of(t.getYear(), month(m.group(1)), 1);
          if (start.isAfter(t)) {
            start = start.minusYears(1);
          }
          return range(
              start, t.plusDays(1), m, "since " + monthName(m.group(1)) + " " + start.getYear());
        });
    rule(
        "(year|month|quarter|week)[- ]to[- ]date|\\b(ytd|mtd|qtd)",
        (m, t) -> {
          String unit =
              m.group(1) != null
                  ? m.group(1).toLowerCase(Locale.ROOT)
                  : switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ytd" -> "year";
                    case "mtd" -> "month";
                    default -> "quarter";
                  };
          return range(periodStart(unit, t), t.plusDays(1), m, unit + " to date");
        });
    rule(
        "(this|current|last|previous|past) (week|month|quarter|year)",
        (m, t) -> {
          String unit = m.group(2).toLowerCase(Locale.ROOT);
          boolean current =
              List.of("this", "current").contains(m.group(1).toLowerCase(Locale.ROOT));
          LocalDate thisStart = periodStart(unit, t);
          LocalDate start = current ? thisStart : minus(unit, thisStart);
          return range(start, plus(unit, start), m, (current ? "this " : "last ") + unit);
        });
  }

  /** The first time range the question names, if any. */
  public Optional<TimeRange> range(String question) {
    LocalDate today = LocalDate.now(clock);
    TimeRange best = null;
    int bestStart = Integer.MAX_VALUE;
    for (PatternRule rule : RULES) {
      Matcher m = rule.pattern().matcher(question);
      // Earlier rules are more specific: only a match that starts earlier in the question wins.
      if (m.find() && m.start() < bestStart) {
        Optional<TimeRange> range = rule.rule().apply(m, today);
        if (range.isPresent()) {
          best = range.get();
          bestStart = m.start();
        }
      }
    }
    LocalDate tomorrow = today.plusDays(1);
    if (best != null && best.end().isAfter(tomorrow) && !best.start().isAfter(today)) {
      // "so far in 2026", "2026 to date": the period ends today, not at the end of the year.
      Matcher toDate = TO_DATE.matcher(question);
      if (toDate.find()) {
        best = new TimeRange(best.start(), tomorrow, best.phrase(), best.label() + " to date");
      }
    }
    return Optional.ofNullable(best);
  }

  private static final Pattern TO_DATE =
      Pattern.compile(
          "\\b(?:so far|to date|until now|up to now|thus far|till now)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern GRAIN =
      Pattern.compile(
          "\\b(?:(?:by|per|each|every|over|for each) (day|week|month|quarter|year)|(daily|weekly|monthly|quarterly|yearly|annually|annual)|"
              + "(?:by|per) (?:calendar )?(date))\\b",
          Pattern.CASE_INSENSITIVE);

  /** The grain a question groups time by ("by month", "weekly"), if any, with the words. */
  public Optional<GrainMatch> grain(String question) {
    Matcher m = GRAIN.matcher(question);
    if (!m.find()) {
      return Optional.empty();
    }
    String word =
        (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "day")
            .toLowerCase(Locale.ROOT);
    TimeGrain grain =
        switch (word) {
          case "day", "daily", "date" -> TimeGrain.DAY;
          case "week", "weekly" -> TimeGrain.WEEK;
          case "month", "monthly" -> TimeGrain.MONTH;
          case "quarter", "quarterly" -> TimeGrain.QUARTER;
          default -> TimeGrain.YEAR;
        };
    return Optional.of(new GrainMatch(grain, m.group()));
  }

  /** A grain and the words it was read from. */
  public record GrainMatch(TimeGrain grain, String phrase) {}

  private static final Pattern ROLLING =
      Pattern.compile(
          "(?i)(?:the )?(?:last|past|previous|trailing) "
              + NUMBER_WORDS
              + " (week|month|quarter|year)s?");

  /**
   * A series by the unit of a rolling range ("per month over the last 12 months") shows that many
   * whole periods before the current one, as BI tools' "previous 12 months" do: a partial current
   * month would read as a drop. Any other range is returned as it is.
   */
  public TimeRange wholePeriods(TimeRange range, TimeGrain grain) {
    Matcher m = ROLLING.matcher(range.phrase().trim());
    if (grain == null || !m.matches() || !m.group(2).equalsIgnoreCase(grain.sqlName())) {
      return range;
    }
    int n = number(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    LocalDate end = periodStart(unit, today());
    LocalDate start = end;
    for (int i = 0; i < n; i++) {
      start = minus(unit, start);
    }
    return new TimeRange(
        start, end, range.phrase(), "the last " + n + " full " + unit + (n == 1 ? "" : "s"));
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  private static Optional<TimeRange> range(
      LocalDate start, LocalDate end, Matcher m, String label) {
    return end.isAfter(start)
        ? Optional.of(new TimeRange(start, end, m.group(), label))
        : Optional.empty();
  }

  private static LocalDate periodStart(String unit, LocalDate t) {
    return switch (unit) {
      case "week" -> t.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> t.withDayOfMonth(1);
      case "quarter" -> LocalDate.of(t.getYear(), 3 * t.get(IsoFields.QUARTER_OF_YEAR) - 2, 1);
      default -> t.withDayOfYear(1);
    };
  }

  private static LocalDate plus(String unit, LocalDate d) {
    return switch (unit) {
      case "week" -> d.plusWeeks(1);
      case "month" -> d.plusMonths(1);
      case "quarter" -> d.plusMonths(3);
      default -> d.plusYears(1);
    };
  }

  private static LocalDate minus(String unit, LocalDate d) {
    return switch (unit) {
      case "week" -> d.minusWeeks(1);
      case "month" -> d.minusMonths(1);
      case "quarter" -> d.minusMonths(3);
      default -> d.minusYears(1);
    };
  }

  private static LocalDate monthStart(String month, String year) {
    return LocalDate.of(Integer.parseInt(year), month(month), 1);
  }

  private static Month month(String name) {
    Month month = MONTH_NAMES.get(name.toLowerCase(Locale.ROOT));
    if (month == null) {
      throw new IllegalArgumentException(name);
    }
    return month;
  }

  private static String monthName(String name) {
    return month(name).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  private static int quarter(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.startsWith("q")) {
      return t.charAt(1) - '0';
    }
    return t.startsWith("first") ? 1 : t.startsWith("second") ? 2 : t.startsWith("third") ? 3 : 4;
  }

  static int number(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "one" -> 1;
      case "two" -> 2;
      case "three" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      case "eight" -> 8;
      case "nine" -> 9;
      case "ten" -> 10;
      case "eleven" -> 11;
      case "twelve" -> 12;
      case "fourteen" -> 14;
      case "fifteen" -> 15;
      case "twenty" -> 20;
      case "thirty" -> 30;
      case "ninety" -> 90;
      default -> Integer.parseInt(word);
    };
  }
}
