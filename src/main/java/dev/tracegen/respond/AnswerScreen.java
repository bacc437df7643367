package dev.tracegen.respond;

import dev.tracegen.check.TextMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Screens a response before it is kept: a refusal, or an answer not in the instruction's language,
 * is not a response to the instruction. Both tests are deliberately narrow (documented in
 * docs/persona.md), because a false alarm silently drops a good record.
 */
public final class AnswerScreen {
  private AnswerScreen() {}

  /** Why a response is not kept: a rejection reason and its detail. */
  public record Problem(String reason, String detail) {}

  /**
   * What is wrong with {@code response} as an answer to {@code instruction} before any constraint
   * is judged: empty, a refusal, or in another language; empty when nothing is.
   */
  public static Optional<Problem> problem(String instruction, String response) {
    if (response.isEmpty()) {
      return Optional.of(new Problem("empty_response", "the model returned an empty response"));
    }
    if (refusal(response)) {
      return Optional.of(new Problem("refusal",
          "the model refused: " + response.substring(0, Math.min(120, response.length()))));
    }
    return wrongLanguage(instruction, response).map(d -> new Problem("wrong_language", d));
  }

  /** How a response opens when the model refuses; only the opening is looked at. */
  static final List<Pattern> REFUSALS = List.of(
      Pattern.compile("^(?:i'm|i am) sorry,? but i (?:can't|cannot|can not|won't|will not|am unable to|'m unable to)\\b"),
      Pattern.compile("^i apologi[sz]e,? but i (?:can't|cannot|can not|won't|am unable to)\\b"),
      Pattern.compile("^i (?:can't|cannot|won't|will not|am unable to|'m unable to) "
          + "(?:help|assist|comply|provide|fulfil|fulfill|do that|create|write)\\b"),
      Pattern.compile("^as an ai(?: language model)?,? i (?:can't|cannot|am not able to|am unable to)\\b"));

  private static final Pattern LEADING_MARKUP = Pattern.compile("^[\\s#*>_\"'`-]+");
  private static final Pattern WORD = Pattern.compile("\\p{L}+");

  /** Frequent English function words: ordinary English prose is full of them, other languages are not. */
  static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "in", "is", "it", "that", "for", "on", "with",
      "as", "be", "this", "are", "by", "or", "from", "at", "can", "not", "you", "your", "we", "what", "which",
      "more", "than", "should", "each", "when", "how", "an", "its", "into", "about", "will", "but", "they", "if", "so",
      "do", "does", "has", "have", "was", "there", "their", "who", "why", "all", "some", "out", "up");

  /** Frequent French, Spanish, German, Italian and Portuguese function words that are not English words. */
  static final Set<String> OTHER = Set.of("le", "la", "les", "des", "du", "et", "est", "une", "qui", "pour", "dans",
      "nous", "avec", "sur", "aux", "el", "los", "las", "del", "y", "es", "una", "que", "para", "en", "con", "lo",
      "se", "por", "al", "más", "der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "il", "di", "che",
      "per", "non", "della", "não", "uma", "os", "ao", "também", "ce", "de", "un", "au", "à", "sobre");

  /**
   * An instruction that asks for a translation or for the answer in a named language makes another
   * language legitimate ("a closing sentence written in Greek" does not: the rest stays English).
   */
  private static final Pattern ASKS_FOR_LANGUAGE = Pattern.compile("(?i)\\btranslat\\w*|\\b(?:answer|respond|reply|"
      + "write|writing)\\b(?:\\W+\\w+){0,4}?\\W+in\\W+(?:chinese|japanese|korean|russian|arabic|greek|hindi|french|"
      + "spanish|german|italian|portuguese|mandarin)\\b");

  /** Whether the response is a refusal: it opens with one of {@link #REFUSALS}. */
  static boolean refusal(String response) {
    String head = response.strip().replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    head = LEADING_MARKUP.matcher(head.substring(0, Math.min(200, head.length()))).replaceFirst("");
    for (Pattern p : REFUSALS) {
      if (p.matcher(head).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why the response is not in the instruction's language, if it is not. Only English
   * instructions are tested (mostly Latin letters, and more English function words than other
   * European ones: instructions are short and terse), and
   * only when they do not ask for another language. The response fails when most of its letters
   * are in another script, or when its words show under 3% English and at least 8% other European
   * function words.
   */
  static Optional<String> wrongLanguage(String instruction, String response) {
    Profile in = Profile.of(instruction);
    if (in.words() < 5 || in.latinShare() < 0.8 || in.englishShare() == 0 || in.englishShare() <= in.otherShare()
        || ASKS_FOR_LANGUAGE.matcher(instruction).find()) {
      return Optional.empty();
    }
    Profile out = Profile.of(TextMetrics.plainText(response));
    if (out.letters() >= 20 && out.latinShare() < 0.5) {
      return Optional.of(String.format(Locale.ROOT,
          "the instruction is in English but %.0f%% of the response's letters are not Latin", 100 * (1 - out.latinShare())));
    }
    if (out.words() >= 8 && out.englishShare() < 0.03 && out.otherShare() >= 0.08) {
      return Optional.of(String.format(Locale.ROOT, "the instruction is in English but the response is not "
          + "(%.0f%% English and %.0f%% French/Spanish/German/Italian/Portuguese function words)",
          100 * out.englishShare(), 100 * out.otherShare()));
    }
    return Optional.empty();
  }

  private record Profile(int letters, double latinShare, int words, double englishShare, double otherShare) {
    static Profile of(String text) {
      int letters = 0;
      int latin = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        if (cp < 0x80) {
          // ASCII letters are Latin; no script lookup for most of an English answer.
          int lower = cp | 0x20;
          if (lower >= 'a' && lower <= 'z') {
            letters++;
            latin++;
          }
        } else if (Character.isLetter(cp)) {
          letters++;
          latin += Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN ? 1 : 0;
        }
        i += Character.charCount(cp);
      }
      int words = 0;
      int english = 0;
      int other = 0;
      var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
      while (m.find()) {
        words++;
        english += ENGLISH.contains(m.group()) ? 1 : 0;
        other += OTHER.contains(m.group()) ? 1 : 0;
      }
      return new Profile(letters, letters == 0 ? 1 : latin / (double) letters, words,
          words == 0 ? 0 : english / (double) words, words == 0 ? 0 : other / (double) words);
    }
  }
}
