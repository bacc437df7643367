package dev.tracegen.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whose verdict counts ({@code --scoring}): the judge's alone, as in the paper; the checkers'
 * first, where a constraint is rule-checkable (10 when its checker passes it, else 0) and the
 * judge's for the rest; or both, reported side by side.
 */
public enum Scoring {
  JUDGE("judge"),
  CHECKER_FIRST("checker-first"),
  BOTH("both");

  private final String option;

  Scoring(String option) {
    this.option = option;
  }

  public String option() {
    return option;
  }

  public static Scoring parse(String value) {
    return Arrays.stream(values()).filter(s -> s.option.equals(value)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("--scoring must be judge, checker-first or both, not '" + value + "'"));
  }

  /**
   * The item's verdict with its checkers' verdicts in place of the judge's scores of those
   * constraints: when every constraint then has a score, the overall score is their mean (the
   * judge's overall did not see the checkers); otherwise the judge's overall stands. A judgement
   * that could not be read stays a parse failure.
   */
  static EvalResult checkerFirst(EvalResult r) {
    if (r.verdict() == null || r.checks().isEmpty()) {
      return r;
    }
    Map<Integer, JudgeVerdict.ConstraintScore> scores = new TreeMap<>();
    r.verdict().scores().forEach(s -> scores.put(s.constraint(), s));
    for (CheckerVerdict c : r.checks()) {
      scores.put(c.constraint(), new JudgeVerdict.ConstraintScore(c.constraint(), c.pass() ? 10 : 0,
          "checker:" + c.checker() + ": " + c.reason()));
    }
    List<JudgeVerdict.ConstraintScore> list = new ArrayList<>(scores.values());
    int n = r.item().count();
    double overall = r.verdict().overall();
    if (list.size() == n) {
      overall = Math.round(list.stream().mapToDouble(JudgeVerdict.ConstraintScore::score).average().orElse(0) * 100)
          / 100.0;
    }
    return r.judged(new JudgeVerdict(list, overall), r.judgeText());
  }
}
