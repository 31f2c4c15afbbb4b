package io.insightengine.engine.interpret;

import io.insightengine.engine.query.Interpretation;
import io.insightengine.engine.query.SemanticQuery;
import io.insightengine.engine.semantic.Lexicon;
import io.insightengine.engine.semantic.Lexicon.ValueRef;
import io.insightengine.engine.semantic.SemanticLayer;
import io.insightengine.engine.semantic.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stage 1's reader: turns a question into a {@link SemanticQuery} using only the semantic model —
 * names, labels, synonyms, glossary, enumerated and sampled values — and the time expressions. It
 * never guesses between readings: an ambiguous or unknown question yields clarifications instead.
 */
public final class QuestionInterpreter {
  private static final Pattern COMPARE_ACROSS =
      Pattern.compile("(?i)\\b(compar(?:e|es|ed|ing))(\\s+(?:across|between|among|by)\\b)");

  /** The confidence a reading loses per misspelt word it read as another. */
  private static final double SPELLING_COST = 0.05;

  /** Words the reading compares with the question's tokens, normalized as the tokens are. */
  private final TimeExpressions time;

  public QuestionInterpreter(TimeExpressions time) {
    this.time = time;
  }

  public Interpretation interpret(String question, SemanticLayer layer) {
    Set<String> vocabulary = layer.lexicon().words();
    Spelling.Corrected spelling = Spelling.correct(question, vocabulary);
    Spelling.Corrected adjectives =
        Spelling.valueAdjectives(spelling.text(), vocabulary, layer.lexicon()::namesAValue);
    Interpretation reading = interpretWritten(adjectives.text(), layer);
    List<Spelling.Correction> corrections = new ArrayList<>(spelling.corrections());
    corrections.addAll(adjectives.corrections());
    if (corrections.isEmpty()) {
      return reading;
    }
    // A word read as another is said in the reading and costs a little confidence.
    List<String> matched = new ArrayList<>(reading.matched());
    corrections.forEach(c -> matched.add(c.toString()));
    return new Interpretation(
        question,
        reading.query(),
        reading.period(),
        matched,
        reading.clarifications(),
        reading.unplaced(),
        reading.readings(),
        reading.confidence() - SPELLING_COST * corrections.size());
  }

  private Interpretation interpretWritten(String question, SemanticLayer layer) {
    String text = " " + question.trim() + " ";
    Optional<TimeRange> range = time.range(text);
    TimeRange earlier = null;
    if (range.isPresent()) {
      text = blank(text, range.get().phrase());
      Optional<PeriodComparisons.Comparison> compared =
          PeriodComparisons.read(text, range.get(), time);
      if (compared.isPresent()) {
        range = Optional.of(compared.get().period());
        earlier = compared.get().earlier();
        text = compared.get().text();
      }
    }
    String periodRead = text;
    Optional<TimeExpressions.GrainMatch> grain =
        time.grain(text)
            .filter(g -> !namesAValueOfTheNextWord(periodRead, g.phrase(), layer))
            .filter(g -> !opensANamedPhrase(periodRead, g.phrase(), layer));
    if (grain.isPresent()) {
      text = blank(text, grain.get().phrase());
      if (range.isPresent()) {
        range = Optional.of(time.wholePeriods(range.get(), grain.get().grain()));
      }
    }
    // "how does the rate compare across tiers": a breakdown by tier; the grouping word stays.
    text =
        COMPARE_ACROSS.matcher(text).replaceAll(m -> " ".repeat(m.group(1).length()) + m.group(2));
    Rankings.Ranking ranking = Rankings.read(text);
    text = ranking.text();
    Thresholds.Read thresholds = Thresholds.read(text);
    text = thresholds.text();

    List<String> tokens = Words.tokens(text);
    List<Mention> mentions = new ArrayList<>();
    for (Lexicon.Match m : layer.lexicon().scan(tokens, Words.capitals(text))) {
      mentions.add(new Mention(m.start(), m.end(), m.phrase(), m.targets()));
    }

    QuestionReading reading = new QuestionReading(layer, tokens, Words.written(text));
    reading.dated = range.isPresent() || grain.isPresent();
    if (earlier != null) {
      reading.compareWith = new SemanticQuery.Period(earlier.start(), earlier.end());
    }
    ElementRecogniser recogniser = new ElementRecogniser(reading);
    for (Mention mention : mentions) {
      if (mention.end() - mention.start() == 1
          && QuestionGrammar.isFunctionWord(mention.phrase())
          && mention.targets().stream().allMatch(ValueRef.class::isInstance)) {
        continue; // "at least", "be found": a function word, not the code 'AT' or 'BE'
      }
      reading.place(mention.start(), mention.end());
      recogniser.take(mention);
    }
    return new QueryResolver(reading)
        .finish(
            new QuestionFrame(
                question,
                range.orElse(null),
                grain.map(TimeExpressions.GrainMatch::grain).orElse(null),
                ranking.limit(),
                ranking.descending(),
                thresholds.thresholds()));
  }

  /** The state of reading one question. */

  /**
   * Whether a grain's word ("monthly", "yearly") is rather a value of the column or of the model
   * the next word names: "the monthly plan", "our yearly subscribers" (a plan 'MONTHLY', members on
   * it) rather than a breakdown by month.
   */
  private static boolean namesAValueOfTheNextWord(String text, String phrase, SemanticLayer layer) {
    List<Lexicon.ValueRef> values =
        Mention.only(layer.lexicon().lookup(phrase.trim()), Lexicon.ValueRef.class);
    if (values.isEmpty()) {
      return false;
    }
    int at = text.toLowerCase(Locale.ROOT).indexOf(phrase.toLowerCase(Locale.ROOT));
    List<String> after = Words.tokens(text.substring(at + phrase.length()));
    if (after.isEmpty()) {
      return false;
    }
    List<Lexicon.Target> next =
        layer.lexicon().scan(after).stream()
            .filter(m -> m.start() == 0)
            .findFirst()
            .map(Lexicon.Match::targets)
            .orElse(List.of());
    for (Lexicon.Target t : next) {
      for (Lexicon.ValueRef v : values) {
        if (t instanceof Lexicon.ModelRef m && m.model().equals(v.model())
            || t instanceof Lexicon.ColumnRef c
                && c.model().equals(v.model())
                && c.column().equals(v.column())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a grain's word opens a longer phrase that names only columns: "the annual fee" of a
   * column annual_fee is that column, not a breakdown by year. A metric or a model so named ("daily
   * net revenue", "daily sales") may still be asked per day.
   */
  private static boolean opensANamedPhrase(String text, String phrase, SemanticLayer layer) {
    int at = text.toLowerCase(Locale.ROOT).indexOf(phrase.toLowerCase(Locale.ROOT));
    if (at < 0) {
      return false;
    }
    int words = Words.tokens(phrase).size();
    return layer.lexicon().scan(Words.tokens(text.substring(at))).stream()
        .anyMatch(
            m ->
                m.start() == 0
                    && m.end() > words
                    && m.targets().stream().allMatch(Lexicon.ColumnRef.class::isInstance));
  }

  /** The text with the first occurrence of a phrase blanked, so nothing else reads it again. */
  static String blank(String text, String phrase) {
    int at = text.toLowerCase(Locale.ROOT).indexOf(phrase.toLowerCase(Locale.ROOT));
    return at < 0
        ? text
        : text.substring(0, at)
            + " ".repeat(phrase.length())
            + text.substring(at + phrase.length());
  }
}
