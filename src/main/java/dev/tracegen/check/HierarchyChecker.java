package dev.tracegen.check;

import java.util.Map;

/**
 * {@code hierarchy}: the number of headings (Markdown or HTML) is exactly {@code count}, or lies
 * within {@code min}..{@code max} when no count is given.
 */
public final class HierarchyChecker extends FailClosedChecker<Bounds> {
  @Override
  public String id() {
    return "hierarchy";
  }

  @Override
  Bounds params(Map<String, Object> params) {
    return params.containsKey("count") ? Bounds.exactly(count(params, "count")) : Bounds.of(params);
  }

  @Override
  CheckResult verify(Bounds bounds, String response) {
    int headings = TextMetrics.headings(response);
    return verdict(bounds.contains(headings), headings + " headings, needs " + bounds);
  }
}
