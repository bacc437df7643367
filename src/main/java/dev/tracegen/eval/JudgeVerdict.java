package dev.tracegen.eval;

import java.io.Serializable;
import java.util.List;

/**
 * What a judge said about one answer: the score it gave each constraint it scored (by the
 * constraint's 1-based number), and its overall score, all on the official 0-10 scale.
 */
public record JudgeVerdict(List<ConstraintScore> scores, double overall) implements Serializable {
  /** The judge's score of constraint {@code constraint} (1-based) and why. */
  public record ConstraintScore(int constraint, double score, String explanation) implements Serializable {}

  public JudgeVerdict {
    scores = List.copyOf(scores);
  }

  /** Whether every one of the {@code n} constraints has a score. */
  public boolean complete(int n) {
    return scores.size() == n && scores.stream().mapToInt(ConstraintScore::constraint).distinct().count() == n;
  }

  /**
   * Whether the answer met every constraint in full: each of the {@code n} constraints scored 10;
   * where the judge did not score them one by one, its overall score is 10.
   */
  public boolean allFull(int n) {
    return complete(n) ? scores.stream().allMatch(s -> s.score() >= 10) : overall >= 10;
  }
}
