package dev.tracegen.check;

import dev.tracegen.model.Constraint;

/**
 * {@code exclusion}: {@code keyword} appears neither in the plain-text projection nor in the raw
 * response, so a forbidden word in a JSON key or an HTML attribute also fails.
 */
public final class ExclusionChecker extends FailClosedChecker {
  @Override
  public String id() {
    return "exclusion";
  }

  @Override
  CheckResult verify(Constraint constraint, String response) {
    String keyword = text(constraint, "keyword");
    boolean found =
        TextMetrics.containsTerm(response, keyword)
            || TextMetrics.containsTerm(TextMetrics.plainText(response), keyword);
    return verdict(!found, (found ? "uses '" : "avoids '") + keyword + "'");
  }
}
