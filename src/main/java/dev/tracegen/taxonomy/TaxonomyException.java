package dev.tracegen.taxonomy;

import java.util.List;

/** A taxonomy that cannot be used; the message lists every problem as {@code file:line: problem}. */
public class TaxonomyException extends RuntimeException {
  private final List<String> problems;

  public TaxonomyException(List<String> problems) {
    super("invalid taxonomy (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
