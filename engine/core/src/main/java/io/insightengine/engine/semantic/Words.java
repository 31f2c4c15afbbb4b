package io.insightengine.engine.semantic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import net.sf.extjwnl.dictionary.MorphologicalProcessor;

/**
 * Normalizes words so that a question meets the names of the semantic model: "Orders", "order" and
 * "orders'" meet, and so do "shipped" and "ship_date", "sold" and "sell". Lower case, then each
 * word's lemma.
 *
 * <p>The lemmas come from a dictionary, not from rules of thumb: WordNet's morphology (its
 * exception lists and suffix rules, checked against its index) through extJWNL, BSD-licensed, with
 * the Princeton WordNet 3.1 data (WordNet licence, BSD-like), both from Maven Central. So irregular
 * forms come out right ("analyses", "sold", "paid"), words that are their own plural stay
 * ("series", "news"), and what WordNet does not know — codes and identifiers like "emea", "usd",
 * "sku123" — stays as it is. A word of a question has no part of speech here, so among its noun and
 * verb lemmas the one WordNet's sense-tagged texts use most wins: "orders" is "order", "was" is
 * "be", "days" is "day", "data" stays "data". Adjectives and adverbs are left alone ("highest",
 * "most"), and so are words with digits or letters outside a-z ("zürich").
 *
 * <p>Looking a new word up costs about a millisecond (the dictionary itself loads once, on first
 * use, in about a second and a half, and keeps some 45 MB of heap); lemmas are cached, so a word
 * seen before costs a map read.
 */
public final class Words {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}&]+");

  /** WordNet's English words are written in these letters; other words are not looked up. */
  private static final Pattern LETTERS = Pattern.compile("[a-z]+");

  private static final Pattern PHRASE = Pattern.compile("[a-z]+(?: [a-z]+)*");

  /** Lemmas of the words seen; cleared when full, as questions bring new words without end. */
  private static final Map<String, String> LEMMAS = new ConcurrentHashMap<>();

  private static final int CACHED_WORDS = 50_000;

  private Words() {}

  /** The normalized tokens of a text; underscores and punctuation separate words. */
  public static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String raw : SPLIT.split(text.toLowerCase(Locale.ROOT).replace('_', ' '))) {
      if (!raw.isEmpty()) {
        tokens.add(lemma(raw));
      }
    }
    return tokens;
  }

  /** A phrase as one normalized key: tokens joined by single spaces. */
  /** The keys of phrases ({@link #key}), to compare with a question's tokens. */
  public static Set<String> keys(String... phrases) {
    return Stream.of(phrases).map(Words::key).collect(Collectors.toUnmodifiableSet());
  }

  public static String key(String text) {
    return String.join(" ", tokens(text));
  }

  /**
   * The words of a text as written, in lower case but not lemmatized, one for each of {@link
   * #tokens}: whether a question's word was inflected ("opened", not "open") shows here.
   */
  public static List<String> written(String text) {
    List<String> words = new ArrayList<>();
    for (String raw : SPLIT.split(text.toLowerCase(Locale.ROOT).replace('_', ' '))) {
      if (!raw.isEmpty()) {
        words.add(raw);
      }
    }
    return words;
  }

  /**
   * For each of {@link #tokens}, the word as written when it is written in capitals ("DE", "USA")
   * in a text that is not all capitals; null otherwise. A code is told from a word so ("US" from
   * "us").
   */
  public static List<String> capitals(String text) {
    List<String> capitals = new ArrayList<>();
    boolean shouting = text.codePoints().noneMatch(Character::isLowerCase);
    for (String raw : SPLIT.split(text.replace('_', ' '))) {
      if (!raw.isEmpty()) {
        capitals.add(
            !shouting && raw.length() > 1 && raw.codePoints().allMatch(Character::isUpperCase)
                ? raw
                : null);
      }
    }
    // Lower case splits a word differently only in odd scripts; then there are no capitals.
    int count = written(text).size();
    return capitals.size() == count ? capitals : new ArrayList<>(Collections.nCopies(count, null));
  }

  /** Whether WordNet knows the lower-case word, in any part of speech, as it is or inflected. */
  public static boolean isEnglishWord(String word) {
    return LETTERS.matcher(word).matches() && WordNet.known(word);
  }

  /** Whether the lower-case word is a noun in WordNet and nothing else: no verb, no adjective. */
  public static boolean isOnlyANoun(String word) {
    return LETTERS.matcher(word).matches() && WordNet.onlyANoun(word);
  }

  /**
   * The other single words of a lower-case noun's most used sense in WordNet ("kilogram" and "kilo"
   * for "kg"), lemmatized; empty when WordNet has no such noun.
   */
  public static List<String> nounSynonyms(String word) {
    return LETTERS.matcher(word).matches()
        ? WordNet.firstNounSense(word, false).stream()
            .filter(s -> LETTERS.matcher(s).matches())
            .toList()
        : List.of();
  }

  /**
   * The nouns a lower-case adjective pertains to in WordNet ("france" for "french", "germany" for
   * "german"), lower case; empty when it is no such adjective.
   */
  public static List<String> pertainyms(String word) {
    return LETTERS.matcher(word).matches() ? WordNet.pertainyms(word) : List.of();
  }

  /**
   * The nouns WordNet derives from a lower-case verb's senses ("handler" and "handling" of
   * "handle"), lower case; empty when it is no verb.
   */
  public static List<String> derivedNouns(String verb) {
    return LETTERS.matcher(verb).matches() ? WordNet.derivedNouns(verb) : List.of();
  }

  /**
   * The other names of a phrase of several words that WordNet knows as one ("postcode", "zip code"
   * for "postal code"), lower case, from its most used sense; empty otherwise.
   */
  public static List<String> phraseSynonyms(String phrase) {
    String spaced = phrase.toLowerCase(Locale.ROOT).replace('_', ' ').trim();
    return spaced.contains(" ") ? WordNet.firstNounSense(spaced, true) : List.of();
  }

  /** The lemma of a lower-case word: itself when WordNet has no noun or verb for it. */
  static String lemma(String word) {
    String known = LEMMAS.get(word);
    if (known != null) {
      return known;
    }
    String lemma = LETTERS.matcher(word).matches() ? WordNet.lemma(word) : word;
    if (LEMMAS.size() >= CACHED_WORDS) {
      LEMMAS.clear();
    }
    LEMMAS.put(word, lemma);
    return lemma;
  }

  /** The dictionary, loaded on first use. */
  private static final class WordNet {
    private static final Dictionary DICTIONARY = load();
    private static final MorphologicalProcessor MORPHOLOGY = DICTIONARY.getMorphologicalProcessor();
    private static final POS[] LEMMA_POS = {POS.NOUN, POS.VERB};

    private static Dictionary load() {
      try {
        return Dictionary.getDefaultResourceInstance();
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet data not found on the classpath", e);
      }
    }

    /** Of the noun and verb lemmas, the most used; on a tie the word itself, then the first. */
    static synchronized String lemma(String word) {
      try {
        String best = word;
        long bestUses = -1;
        for (POS pos : LEMMA_POS) {
          for (String base : MORPHOLOGY.lookupAllBaseForms(pos, word)) {
            if (!LETTERS.matcher(base).matches()) {
              continue; // a collocation ("go_on"): never a single word's lemma here
            }
            long uses = uses(pos, base);
            if (uses > bestUses || (uses == bestUses && base.equals(word))) {
              best = base;
              bestUses = uses;
            }
          }
        }
        return best;
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet lookup failed for " + word, e);
      }
    }

    /**
     * The words of a noun's first sense; {@code exact} looks the text up as it is (a phrase: the
     * morphology would reduce "created at" to one of its words), else by its base form.
     */
    static synchronized List<String> firstNounSense(String word, boolean exact) {
      try {
        IndexWord index =
            exact
                ? DICTIONARY.getIndexWord(POS.NOUN, word)
                : DICTIONARY.lookupIndexWord(POS.NOUN, word);
        if (index == null || index.getSenses().isEmpty()) {
          return List.of();
        }
        List<String> synonyms = new ArrayList<>();
        for (Word w : index.getSenses().get(0).getWords()) {
          String lemma = w.getLemma().toLowerCase(Locale.ROOT).replace('_', ' ');
          if (PHRASE.matcher(lemma).matches() && !lemma.equals(word)) {
            synonyms.add(lemma);
          }
        }
        return synonyms;
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet lookup failed for " + word, e);
      }
    }

    static List<String> pertainyms(String word) {
      return related(POS.ADJECTIVE, word, PointerType.PERTAINYM, null);
    }

    static List<String> derivedNouns(String verb) {
      return related(POS.VERB, verb, PointerType.DERIVATION, POS.NOUN).stream()
          .filter(n -> LETTERS.matcher(n).matches())
          .toList();
    }

    /**
     * The single words a word's senses point to by a lexical pointer (word to word), lower case, of
     * the given part of speech when one is given.
     */
    private static synchronized List<String> related(
        POS pos, String word, PointerType pointer, POS targetPos) {
      try {
        IndexWord index = DICTIONARY.lookupIndexWord(pos, word);
        if (index == null) {
          return List.of();
        }
        List<String> words = new ArrayList<>();
        for (Synset sense : index.getSenses()) {
          for (Word w : sense.getWords()) {
            if (!w.getLemma().equalsIgnoreCase(index.getLemma())) {
              continue;
            }
            for (Pointer p : w.getPointers(pointer)) {
              if (p.getTarget() instanceof Word target
                  && (targetPos == null || target.getPOS() == targetPos)) {
                String related = target.getLemma().toLowerCase(Locale.ROOT);
                if (!words.contains(related)) {
                  words.add(related);
                }
              }
            }
          }
        }
        return words;
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet lookup failed for " + word, e);
      }
    }

    static synchronized boolean known(String word) {
      try {
        for (POS pos : POS.getAllPOS()) {
          if (!MORPHOLOGY.lookupAllBaseForms(pos, word).isEmpty()) {
            return true;
          }
        }
        return false;
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet lookup failed for " + word, e);
      }
    }

    static synchronized boolean onlyANoun(String word) {
      try {
        for (POS pos : POS.getAllPOS()) {
          boolean is = !MORPHOLOGY.lookupAllBaseForms(pos, word).isEmpty();
          if (is != (pos == POS.NOUN)) {
            return false;
          }
        }
        return true;
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet lookup failed for " + word, e);
      }
    }

    /** How often the lemma's senses of that part of speech occur in WordNet's tagged texts. */
    private static long uses(POS pos, String lemma) throws JWNLException {
      IndexWord index = DICTIONARY.getIndexWord(pos, lemma);
      if (index == null) {
        return 0;
      }
      long uses = 0;
      for (Synset sense : index.getSenses()) {
        for (Word w : sense.getWords()) {
          if (w.getLemma().equalsIgnoreCase(lemma)) {
            uses += w.getUseCount();
          }
        }
      }
      return uses;
    }
  }
}
