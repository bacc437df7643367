package dev.tracegen.model;

import java.io.Serializable;

/**
 * The verdict on one constraint: {@code constraint} is its 1-based index, {@code score} 0-10,
 * {@code method} is {@code checker:<id>} or {@code llm}.
 */
public record Score(int constraint, int score, String method, String reason) implements Serializable {
  public static final int FULL = 10;

  public boolean full() {
    return score >= FULL;
  }
}
