package dev.tracegen.eval;

import dev.tracegen.llm.MalformedOutputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's answer in the official TRACE format: an explanation and a 0-10 score per
 * constraint, then {@code Constraints Overall Score: [[d]]}, which the official script finds with
 * {@link #OFFICIAL}. Real judges vary the layout (markdown emphasis, a full-width colon, spaces or
 * {@code /10} inside the brackets, the brackets dropped, a Chinese label); those variants are read
 * too. An answer without an overall score, or with one outside 0-10, is malformed: the caller asks
 * once more and then counts a parse failure, never a 0 or a 10.
 */
public final class JudgeVerdictParser {
  /** The official script's pattern. */
  public static final Pattern OFFICIAL = Pattern.compile("Constraints Overall Score:\\s*\\[\\[([0-9.]+)\\]\\]");

  private static final String NUMBER = "(\\d{1,3}(?:\\.\\d+)?)";
  private static final String OUT_OF_TEN = "(?:\\s*/\\s*10)?";
  /** Emphasis and spacing a judge puts between a label and its value. */
  private static final String GAP = "[\\s*_]*";
  private static final String OVERALL_LABEL = "(?:constraints?\\s+overall\\s+score|overall\\s+(?:constraints?\\s+)?score"
      + "|约束(?:整体|总体|综合)(?:得分|评分)|(?:整体|总体|综合)(?:得分|评分)|总(?:得)?分)";

  /** The overall score in double brackets after its label, however it is dressed. */
  private static final Pattern OVERALL_BRACKETED = Pattern.compile("(?i)" + OVERALL_LABEL + GAP + "[:：]?" + GAP
      + "\\[\\[\\s*" + NUMBER + OUT_OF_TEN + "\\s*]]");
  /** The overall score after its label and a colon, brackets forgotten. */
  private static final Pattern OVERALL_BARE = Pattern.compile("(?i)" + OVERALL_LABEL + GAP + "[:：]" + GAP
      + "\\[?\\s*" + NUMBER + OUT_OF_TEN + "\\s*]?(?![\\d.])");

  /** A line that opens the part about one constraint: "Constraint 2", "**约束 2**", "2.", "（2）". */
  private static final Pattern CONSTRAINT_HEADER = Pattern.compile("(?i)^[\\s#*>_-]*(?:"
      + "(?:constraint|requirement)\\s*#?\\s*(\\d{1,2})(?!\\d)"
      + "|约束\\s*(?:第)?\\s*[（(]?\\s*(\\d{1,2})\\s*[）)]?"
      + "|[（(]\\s*(\\d{1,2})\\s*[）)]"
      + "|(\\d{1,2})\\s*[.、)）](?!\\d))");
  /** A score within a constraint's part: "Score: 8", "score: [[8]]", "得分：8分", "Score - 8/10". */
  private static final Pattern SCORE = Pattern.compile("(?i)(?:score|得分|评分|分数|打分)" + GAP + "[:：=-]?" + GAP
      + "\\[{0,2}\\s*" + NUMBER + OUT_OF_TEN + "\\s*]{0,2}\\s*(?:分|points?)?");

  private JudgeVerdictParser() {}

  /**
   * The verdict in {@code text} on an instruction with {@code constraints} constraints. Scores of
   * constraints outside 1..constraints are ignored; a constraint scored twice keeps its first score.
   *
   * @throws MalformedOutputException (reason {@code judge_unparseable}) when there is no overall
   *     score, or a score is outside 0-10
   */
  public static JudgeVerdict parse(String text, int constraints) throws MalformedOutputException {
    if (text == null || text.isBlank()) {
      throw new MalformedOutputException(REASON, "the answer is empty; end it with the line "
          + "\"Constraints Overall Score: [[d]]\"");
    }
    Double overall = overall(text);
    if (overall == null) {
      throw new MalformedOutputException(REASON, "no overall score: end the answer with the line "
          + "\"Constraints Overall Score: [[d]]\", d from 0 to 10");
    }
    if (overall < 0 || overall > 10) {
      throw new MalformedOutputException(REASON, "the overall score " + format(overall) + " is outside 0-10");
    }
    List<JudgeVerdict.ConstraintScore> scores = constraintScores(text, constraints);
    return new JudgeVerdict(scores, overall);
  }

  /** The reason a judgement that could not be read is counted under. */
  public static final String REASON = "judge_unparseable";

  /** The last overall score in the text: the official form first, then its variants. */
  static Double overall(String text) {
    for (Pattern p : List.of(OFFICIAL, OVERALL_BRACKETED, OVERALL_BARE)) {
      Matcher m = p.matcher(text);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last != null) {
        try {
          return Double.parseDouble(last);
        } catch (NumberFormatException e) {
          // "[[1.2.3]]" matches the official pattern's character class but is no number; try the variants.
        }
      }
    }
    return null;
  }

  private static List<JudgeVerdict.ConstraintScore> constraintScores(String text, int constraints)
      throws MalformedOutputException {
    Map<Integer, JudgeVerdict.ConstraintScore> found = new TreeMap<>();
    Integer current = null;
    StringBuilder explanation = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (OVERALL_BRACKETED.matcher(line).find() || OVERALL_BARE.matcher(line).find() || OFFICIAL.matcher(line).find()) {
        current = null;
        continue;
      }
      Matcher header = CONSTRAINT_HEADER.matcher(line);
      String rest = line;
      if (header.find()) {
        int n = Integer.parseInt(firstGroup(header));
        Integer next = n >= 1 && n <= constraints && !found.containsKey(n) ? n : null;
        // "Constraint 1 explanation: ..." then "Constraint 1 score: 3" is one constraint's part.
        if (next == null || !next.equals(current)) {
          explanation.setLength(0);
        }
        current = next;
        rest = line.substring(header.end());
      }
      if (current == null) {
        continue;
      }
      Matcher score = SCORE.matcher(rest);
      if (score.find()) {
        double s = Double.parseDouble(score.group(1));
        if (s < 0 || s > 10) {
          throw new MalformedOutputException(REASON, "constraint " + current + " scored " + format(s)
              + ", outside 0-10");
        }
        append(explanation, rest.substring(0, score.start()));
        found.put(current, new JudgeVerdict.ConstraintScore(current, s, clean(explanation.toString())));
        current = null;
      } else {
        append(explanation, rest);
      }
    }
    return new ArrayList<>(found.values());
  }

  private static String firstGroup(Matcher m) {
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    throw new IllegalStateException("a header without its number: " + m.group());
  }

  private static void append(StringBuilder sb, String part) {
    String p = part.strip();
    if (!p.isEmpty()) {
      sb.append(sb.length() == 0 ? "" : " ").append(p);
    }
  }

  /** An explanation without the labels and emphasis around it, at most 1,000 characters. */
  private static String clean(String s) {
    String c = s.replaceAll("(?i)^[\\s*_:：-]*(?:explanation|analysis|reason|解释|分析|理由|说明)?[\\s*_]*[:：]?[\\s*_]*", "")
        .replaceAll("[\\s*_,，;；(（\\[-]*$", "").strip();
    return c.length() <= 1000 ? c : c.substring(0, 1000);
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
