package dev.tracegen.eval;

import java.io.Serializable;
import java.util.List;

/**
 * One instruction on its way through the evaluation, and then its line in {@code items.jsonl}:
 * the model under test's answer (or why there is none), the judge's verdict (or why it could not
 * be read, with the judge's last answer) and the checkers' verdicts on its rule-checkable constraints.
 *
 * @param answerFailure why the model under test gave no answer (a filtered or twice cut-off
 *     answer); such an item scores 0, as an answer that ignores the instruction does
 * @param judgeFailure why the judgement could not be read after its repair re-ask; such an item
 *     counts as a parse failure and is left out of the scores
 * @param judgeText the judge's last answer as it wrote it
 * @param checks the checkers' verdicts ({@link CheckAnswers}); empty when no constraint is rule-checkable
 */
public record EvalResult(EvalItem item, String answer, String answerFailure, JudgeVerdict verdict,
    String judgeFailure, String judgeText, List<CheckerVerdict> checks) implements Serializable {

  public EvalResult {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  /** An item not yet answered. */
  public static EvalResult of(EvalItem item) {
    return new EvalResult(item, null, null, null, null, null, List.of());
  }

  public EvalResult withAnswer(String text) {
    return new EvalResult(item, text, null, null, null, null, checks);
  }

  public EvalResult withAnswerFailure(String why) {
    return new EvalResult(item, null, why, null, null, null, checks);
  }

  public EvalResult judged(JudgeVerdict v, String text) {
    return new EvalResult(item, answer, answerFailure, v, null, text, checks);
  }

  public EvalResult unjudged(String why, String text) {
    return new EvalResult(item, answer, answerFailure, null, why, text, checks);
  }

  public EvalResult withChecks(List<CheckerVerdict> verdicts) {
    return new EvalResult(item, answer, answerFailure, verdict, judgeFailure, judgeText, verdicts);
  }

  /** Whether the judge's verdict could not be read: the item is left out of the scores. */
  public boolean parseFailure() {
    return judgeFailure != null;
  }

  /** Whether the model under test gave no answer: the item scores 0. */
  public boolean unanswered() {
    return answerFailure != null;
  }
}
