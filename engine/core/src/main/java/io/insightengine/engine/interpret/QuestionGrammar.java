package io.insightengine.engine.interpret;

import io.insightengine.engine.semantic.Words;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The function words of the question grammar: words that carry no reference to data (articles,
 * pronouns, auxiliaries, prepositions, the verbs of asking, and the words of counting, ordering and
 * grouping that the interpreter reads itself). Every other word of a question must be placed —
 * matched to a model element, a value or a time expression — or the question is asked back.
 *
 * <p>Written out rather than taken from a stop-word list: general stop-word lists hold words that
 * matter here ("not", "no", "only", "without", "more", "most") and lack the verbs of asking.
 * Adjectives that qualify data ("best", "new", "important", "at risk") are deliberately absent:
 * without a definition in the project they are asked back.
 */
public final class QuestionGrammar {
  private static final Set<String> FUNCTION_WORDS =
      Stream.of(
              // articles, determiners, pronouns
              "a an the this that these those there here it its we our ours us you your i me my"
                  + " they them their he she his her who whom whose which what when where why how"
                  + " all any each every some both either other such own same one",
              // auxiliaries and modals
              "is are was were be been being am do does did done doing have has had having can"
                  + " could will would shall should may might must s ve re ll d m",
              // prepositions and conjunctions
              "of in on at by for to from with into onto per across between among during"
                  + " through about after before than as via and or but also versus vs",
              // the verbs of asking and light verbs
              "show list give tell find display get got see want need know provide"
                  + " break broken down up look make made take let please come came bring brought record work",
              // counting, aggregating, ordering and grouping, read by the interpreter
              "many much number count total sum average avg mean maximum max minimum min"
                  + " highest lowest largest smallest biggest most least fewest top bottom"
                  + " split breakdown overall altogether percent percentage share proportion fraction"
                  + " distinct different unique",
              // time words read with the time expressions
              "currently now today ever so far still yet already right moment over date")
          .flatMap(group -> List.of(group.split(" ")).stream())
          .map(Words::key)
          .collect(Collectors.toUnmodifiableSet());

  private QuestionGrammar() {}

  /** Every function word, normalised. */
  public static Set<String> functionWords() {
    return FUNCTION_WORDS;
  }

  /** Whether a normalised token is a function word of the question grammar. */
  public static boolean isFunctionWord(String token) {
    return FUNCTION_WORDS.contains(token);
  }
}
