package dev.tracegen.model;

import java.io.Serializable;
import java.util.List;

/** Scores for every judged constraint plus an overall score (0-10). */
public record Judgement(List<Score> scores, double overall) implements Serializable {
  public Judgement {
    scores = scores == null ? List.of() : List.copyOf(scores);
  }

  /** Full marks on every judged constraint, as the paper requires for a kept pair. */
  public boolean full() {
    return !scores.isEmpty() && scores.stream().allMatch(Score::full);
  }
}
