package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * The verdict on one constraint: {@code constraint} is its 1-based index, {@code score} 0-10,
 * {@code method} is {@code checker:<id>} or {@code llm}. {@code judgeScore} is set only on a
 * checker verdict that the LLM judge was asked about too (judge calibration); the checker decides.
 */
public record Score(int constraint, int score, String method, String reason,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer judgeScore) implements Serializable {
  public static final int FULL = 10;

  public Score(int constraint, int score, String method, String reason) {
    this(constraint, score, method, reason, null);
  }

  public boolean full() {
    return score >= FULL;
  }

  /** Whether the LLM judge, asked about a checker verdict, reached the same pass/fail. */
  public boolean judgeAgrees() {
    return judgeScore != null && (judgeScore >= FULL) == full();
  }

  public Score withJudgeScore(int judged) {
    return new Score(constraint, score, method, reason, judged);
  }
}
