package dev.tracegen.check;

import dev.tracegen.model.Constraint;

/**
 * {@code hierarchy}: the number of headings (Markdown or HTML) is exactly {@code count}, or lies
 * within {@code min}..{@code max} when no count is given.
 */
public final class HierarchyChecker extends FailClosedChecker {
  @Override
  public String id() {
    return "hierarchy";
  }

  @Override
  CheckResult verify(Constraint constraint, String response) {
    Bounds bounds =
        constraint.params().containsKey("count")
            ? Bounds.exactly(count(constraint, "count"))
            : Bounds.of(constraint);
    int headings = TextMetrics.headings(response);
    return verdict(bounds.contains(headings), headings + " headings, needs " + bounds);
  }
}
