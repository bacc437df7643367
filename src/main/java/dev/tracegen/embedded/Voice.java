package dev.tracegen.embedded;

import dev.tracegen.check.TextMetrics;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The language the simulator writes in: its fixed wording ({@link Phrases} for English,
 * {@link ZhPhrases} for Chinese) and how that language joins sentences, quotes a word and keeps a
 * forbidden word out. The taxonomy the simulator was given decides it ({@code Taxonomy.language()}).
 *
 * @param spaced words are separated by spaces (English); otherwise a word is matched anywhere (Chinese)
 * @param sentenceGap what separates two sentences of a paragraph
 * @param clauseJoin what joins two clauses (an opening's lead and turn)
 * @param mergeJoin what folds two sentences into one
 */
record Voice(String language, boolean spaced, String sentenceGap, String clauseJoin, String mergeJoin,
    List<String> fillers, List<String> headings, List<String> openingLeads, List<String> openingTurns,
    List<String> references, String referencesTitle, String tableHeader, String boldSentence,
    String injectedSentence, List<String> contexts, List<String> fallbackTerms, JudgeWords judgeWords) {

  static final Voice ENGLISH = new Voice("en", true, " ", ", ", "; ", Phrases.FILLERS, Phrases.HEADINGS,
      Phrases.OPENING_LEADS, Phrases.OPENING_TURNS, Phrases.REFERENCES, "References:", "| # | Point |",
      "The **%s** deserves to be stated plainly.", "This point is %s worth repeating.", Phrases.CONTEXTS,
      Phrases.FALLBACK_TERMS, JudgeWords.ENGLISH);

  static final Voice CHINESE = new Voice("zh", false, "", "，", "；", ZhPhrases.FILLERS, ZhPhrases.HEADINGS,
      ZhPhrases.OPENING_LEADS, ZhPhrases.OPENING_TURNS, ZhPhrases.REFERENCES, ZhPhrases.REFERENCES_TITLE,
      ZhPhrases.TABLE_HEADER, ZhPhrases.BOLD_SENTENCE, ZhPhrases.INJECTED_SENTENCE, ZhPhrases.CONTEXTS,
      ZhPhrases.FALLBACK_TERMS, JudgeWords.CHINESE);

  /** The languages the simulator writes. */
  static final List<String> LANGUAGES = List.of(ENGLISH.language(), CHINESE.language());

  /** The voice for a language code, or null when the simulator does not write it. */
  static Voice of(String language) {
    return switch (language == null ? "en" : language) {
      case "en" -> ENGLISH;
      case "zh" -> CHINESE;
      default -> null;
    };
  }

  /** Words (English) or characters (Chinese) per filler, in the checkers' own count. */
  int[] fillerWords() {
    return fillers.stream().mapToInt(TextMetrics::words).toArray();
  }

  /** Sentence-final punctuation of this language, for sentences the simulator ends itself. */
  String fullStop() {
    return spaced ? "." : "。";
  }

  /** Whether a sentence already ends with a stop of either language. */
  static boolean ended(String s) {
    return !s.isEmpty() && ".!?。！？".indexOf(s.charAt(s.length() - 1)) >= 0;
  }

  /**
   * Rewords every occurrence of every forbidden word: English words in all their inflected forms
   * by one-word stand-in (word counts do not move); Chinese words, which have no word edges, by a
   * stand-in of the same number of characters (character counts do not move).
   */
  String avoid(String text, List<String> forbidden) {
    if (spaced) {
      return ResponseWriter.avoid(text, forbidden);
    }
    String out = text;
    for (String word : forbidden) {
      String w = word.strip();
      if (w.isEmpty()) {
        continue;
      }
      if (LATIN.matcher(w).matches()) {
        // A Latin word keeps its word edges inside Chinese text, and counts as one word there.
        out = Pattern.compile("(?i)(?<![A-Za-z0-9])" + Pattern.quote(w) + "(?:s|es|d|ed|ing)?(?![A-Za-z0-9])")
            .matcher(out).replaceAll(STAND_INS.get(0));
      } else {
        out = Pattern.compile(Pattern.quote(w), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(out)
            .replaceAll(standIn(w));
      }
    }
    return out;
  }

  /** Whether {@code text} uses none of {@code forbidden}, as {@link #avoid} reads them. */
  boolean clean(String text, List<String> forbidden) {
    return forbidden.stream().noneMatch(w -> !w.isBlank() && !avoid(text, List.of(w)).equals(text));
  }

  private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z0-9 '-]*");

  private static final List<String> STAND_INS = List.of("它", "此事", "这件事", "这一方面");

  /** A neutral Chinese phrase as long as {@code word} (Han characters count one each). */
  static String standIn(String word) {
    int n = word.codePointCount(0, word.length());
    if (n <= STAND_INS.size()) {
      return STAND_INS.get(Math.max(0, n - 1));
    }
    return "这一方面" + "的事".repeat((n - 4) / 2) + ((n - 4) % 2 == 1 ? "事" : "");
  }

  @Override
  public String toString() {
    return language.toUpperCase(Locale.ROOT);
  }
}
