package dev.tracegen.eval;

import java.util.List;

/**
 * How often the judge agrees with the checkers on the rule-checkable constraints it scored: it
 * agrees when it gives 10 to a constraint the checker passes, or less than 10 to one it fails.
 *
 * @param constraints rule-checkable constraints of judged items that the judge scored
 * @param rate {@code agree / constraints}; null when there is none
 * @param judgeFullCheckerFail the judge gave 10, the checker failed the answer
 * @param judgeShortCheckerPass the judge gave less than 10, the checker passed the answer
 */
public record JudgeCheckerAgreement(long constraints, long agree, Double rate, long judgeFullCheckerFail,
    long judgeShortCheckerPass) {

  static JudgeCheckerAgreement of(List<EvalResult> results) {
    long n = 0;
    long fullFail = 0;
    long shortPass = 0;
    for (EvalResult r : results) {
      if (r.verdict() == null) {
        continue;
      }
      for (CheckerVerdict c : r.checks()) {
        for (JudgeVerdict.ConstraintScore s : r.verdict().scores()) {
          if (s.constraint() == c.constraint()) {
            n++;
            boolean full = s.score() >= 10;
            fullFail += full && !c.pass() ? 1 : 0;
            shortPass += !full && c.pass() ? 1 : 0;
          }
        }
      }
    }
    long agree = n - fullFail - shortPass;
    return new JudgeCheckerAgreement(n, agree, n == 0 ? null : Math.round(10_000.0 * agree / n) / 10_000.0, fullFail,
        shortPass);
  }
}
