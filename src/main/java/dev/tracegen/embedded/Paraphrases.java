package dev.tracegen.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realistic persona's rewordings of taxonomy phrasings. Each pair keeps the numbers of the
 * original, so a reader who knows the table can undo it: that is how the simulator, like a real
 * model, still understands a constraint it (or another model) worded differently.
 */
final class Paraphrases {
  private Paraphrases() {}

  /** One rewording; {@code #} stands for a number, the same numbers in the same order on both sides. */
  private record Pair(Pattern original, String originalText, Pattern reworded, String rewordedText) {
    static Pair of(String original, String reworded) {
      return new Pair(compile(original), original, compile(reworded), reworded);
    }

    private static Pattern compile(String template) {
      StringBuilder re = new StringBuilder();
      for (String part : template.split("#", -1)) {
        re.append(re.length() == 0 ? "" : "(\\d+)").append(Pattern.quote(part));
      }
      return Pattern.compile(re.toString());
    }
  }

  static final List<Pair> TABLE = List.of(
      Pair.of("Write at least # complete sentences.", "Your answer needs no fewer than # complete sentences."),
      Pair.of("Use no more than # sentences in total.", "Keep the answer to # sentences at most."),
      Pair.of("The answer must be between # and # words long.", "Aim for a length of # to # words."),
      Pair.of("Include exactly # list items.", "The answer should contain precisely # list items."),
      Pair.of("Organise the prose into exactly # paragraphs separated by blank lines.",
          "Split the prose into precisely # paragraphs with a blank line between them."),
      Pair.of("Organise the answer under exactly # Markdown headings.", "Give the answer precisely # Markdown headings."),
      Pair.of("Use at least # emoji.", "Include no fewer than # emoji."),
      Pair.of("Do not use any emoji.", "Leave emoji out of the answer entirely."),
      Pair.of("Do not use bold text anywhere.", "Avoid bold formatting throughout."),
      Pair.of("Do not include citations or a reference list.", "Leave out citations and any reference list."));

  /** {@code line} reworded when it is a whole phrasing of the table, else {@code null}. */
  static String reword(String line) {
    for (Pair p : TABLE) {
      Matcher m = p.original().matcher(line.strip());
      if (m.matches()) {
        return fill(p.rewordedText(), m);
      }
    }
    return null;
  }

  /** Text with every rewording in it turned back into the original phrasing. */
  record Undone(String text, Map<String, String> rewordedByOriginal) {
    /** {@code answer} with the original phrasings put back into the rewording they came from. */
    String restore(String answer) {
      String out = answer;
      for (Map.Entry<String, String> e : rewordedByOriginal.entrySet()) {
        out = out.replace(e.getKey(), e.getValue());
      }
      return out;
    }
  }

  static Undone undo(String text) {
    String out = text;
    Map<String, String> pairs = new LinkedHashMap<>();
    for (Pair p : TABLE) {
      Matcher m = p.reworded().matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String original = fill(p.originalText(), m);
        pairs.put(original, m.group());
        m.appendReplacement(sb, Matcher.quoteReplacement(original));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return new Undone(out, pairs);
  }

  private static String fill(String template, Matcher m) {
    List<String> numbers = new ArrayList<>();
    for (int i = 1; i <= m.groupCount(); i++) {
      numbers.add(m.group(i));
    }
    StringBuilder sb = new StringBuilder();
    String[] parts = template.split("#", -1);
    for (int i = 0; i < parts.length; i++) {
      sb.append(i == 0 ? "" : numbers.get(i - 1)).append(parts[i]);
    }
    return sb.toString();
  }
}
