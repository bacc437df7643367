package dev.tracegen.check;

import dev.tracegen.check.TextMetrics.HeadingOutline;
import dev.tracegen.model.Params;

/**
 * {@code hierarchy}: the answer is organised under exactly {@code count} headings (Markdown, or
 * h1-h6 in an HTML document), or within {@code min}..{@code max} when no count is given, and every
 * heading has content of its own (prose, a list, a table or code) before the next heading: a stack
 * of empty headings does not organise anything (see {@link TextMetrics#headingOutline}). Content
 * before the first heading is allowed: a short introduction is not a section, and the wording
 * counts headings.
 */
public final class HierarchyChecker extends FailClosedChecker<Bounds> {
  @Override
  public String id() {
    return "hierarchy";
  }

  @Override
  Bounds params(Params params) {
    return params.has("count") ? Bounds.exactly(count(params, "count")) : Bounds.of(params);
  }

  @Override
  CheckResult verify(Bounds bounds, String response) {
    HeadingOutline outline = TextMetrics.headingOutline(response);
    String measured = outline.headings() + " headings, needs " + bounds;
    if (!outline.empty().isEmpty()) {
      return verdict(false, measured + "; nothing under heading " + outline.empty());
    }
    return verdict(bounds.contains(outline.headings()), measured);
  }
}
