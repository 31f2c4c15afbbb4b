package io.insightengine.engine.interpret;

import info.debatty.java.stringsimilarity.OptimalStringAlignment;
import io.insightengine.engine.semantic.Words;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Misspelt words of a question ("actvie", "diferent") read as the one word of the project's
 * vocabulary or the question grammar they are one edit from (a letter added, dropped, changed, or
 * two letters swapped). Only a word that is not English (WordNet does not know it) and not the
 * project's own is corrected, only when it has at least five letters, its first letter is right and
 * exactly one word is that close; otherwise it stays as written and, unplaced, is asked back.
 */
public final class Spelling {
  /** Shorter words have too many neighbours one edit away to pick one. */
  private static final int SHORTEST = 5;

  private static final Pattern WORD = Pattern.compile("\\p{L}+");

  private static final OptimalStringAlignment DISTANCE = new OptimalStringAlignment();

  /** Words the time expressions read: month and weekday names, the calendar's units. */
  private static final Set<String> TIME_WORDS = timeWords();

  private Spelling() {}

  /** A word as written and the word it is read as. */
  public record Correction(String written, String read) {
    @Override
    public String toString() {
      return "\"" + written + "\" read as \"" + read + "\"";
    }
  }

  /** The question with its misspelt words replaced, and the replacements. */
  public record Corrected(String text, List<Correction> corrections) {}

  /**
   * Adjectives read as the value they pertain to ("French" as "France", "German" as "Germany", from
   * WordNet's pertainyms) when that value is the project's and the adjective is not.
   */
  public static Corrected valueAdjectives(
      String question, Set<String> vocabulary, java.util.function.Predicate<String> namesAValue) {
    return replaceWords(
        question,
        written -> {
          if (known(written, vocabulary)) {
            return null;
          }
          List<String> values = Words.pertainyms(written).stream().filter(namesAValue).toList();
          return values.size() == 1 ? values.get(0) : null;
        });
  }

  /** Corrects the question against these normalized words (the project's vocabulary). */
  public static Corrected correct(String question, Set<String> vocabulary) {
    return replaceWords(question, written -> correction(written, vocabulary));
  }

  /**
   * Each word of the question replaced by what {@code reading} reads the lower-case word as, when
   * it reads it as anything (not null), with the replacements.
   */
  private static Corrected replaceWords(
      String question, java.util.function.Function<String, String> reading) {
    Matcher words = WORD.matcher(question);
    StringBuilder text = new StringBuilder();
    List<Correction> corrections = new ArrayList<>();
    while (words.find()) {
      String read = reading.apply(words.group().toLowerCase(Locale.ROOT));
      if (read != null) {
        corrections.add(new Correction(words.group(), read));
      }
      words.appendReplacement(text, Matcher.quoteReplacement(read != null ? read : words.group()));
    }
    words.appendTail(text);
    return new Corrected(text.toString(), corrections);
  }

  private static String correction(String written, Set<String> vocabulary) {
    if (written.length() < SHORTEST || known(written, vocabulary) || Words.isEnglishWord(written)) {
      return null;
    }
    Set<String> near = new HashSet<>();
    for (Set<String> words : List.of(vocabulary, QuestionGrammar.functionWords(), TIME_WORDS)) {
      for (String word : words) {
        if (word.length() >= SHORTEST - 1
            && word.charAt(0) == written.charAt(0)
            && Math.abs(word.length() - written.length()) <= 1
            && DISTANCE.distance(word, written) <= 1) {
          near.add(word);
        }
      }
    }
    return near.size() == 1 ? near.iterator().next() : null;
  }

  private static boolean known(String written, Set<String> vocabulary) {
    String lemma = Words.key(written);
    return vocabulary.contains(lemma)
        || QuestionGrammar.isFunctionWord(lemma)
        || TIME_WORDS.contains(lemma);
  }

  private static Set<String> timeWords() {
    Set<String> words = new HashSet<>();
    for (Month m : Month.values()) {
      words.add(Words.key(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      words.add(Words.key(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
    }
    words.addAll(Words.tokens("year quarter month week weekday weekend daily weekly monthly"));
    words.addAll(Words.tokens("quarterly yearly annual today yesterday previous since until"));
    return Set.copyOf(words);
  }
}
