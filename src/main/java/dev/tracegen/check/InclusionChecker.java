package dev.tracegen.check;

import dev.tracegen.model.Constraint;

/**
 * {@code inclusion}: the plain-text projection mentions {@code keyword} (see {@link
 * TextMetrics#containsTerm}).
 */
public final class InclusionChecker extends FailClosedChecker {
  @Override
  public String id() {
    return "inclusion";
  }

  @Override
  CheckResult verify(Constraint constraint, String response) {
    String keyword = text(constraint, "keyword");
    boolean found = TextMetrics.containsTerm(TextMetrics.plainText(response), keyword);
    return verdict(found, (found ? "mentions '" : "does not mention '") + keyword + "'");
  }
}
