package dev.tracegen.check;

import dev.tracegen.model.Params;
import java.util.List;

/**
 * {@code numbering_list}: "Include a numbered (bulleted) list with exactly {count} items": one list
 * of that {@code style} in the plain-text projection has exactly {@code count} top-level items
 * (see {@link TextMetrics#listSizes}). Items spread over several lists do not make one list, and
 * sub-items belong to their item. Other lists may appear as well.
 */
public final class NumberingListChecker extends FailClosedChecker<NumberingListChecker.Spec> {
  record Spec(String style, int count) {}

  @Override
  public String id() {
    return "numbering_list";
  }

  @Override
  Spec params(Params params) {
    return new Spec(
        oneOf(params, "style", List.of("numbered", "bulleted")), count(params, "count"));
  }

  @Override
  CheckResult verify(Spec p, String response) {
    String plain = TextMetrics.plainText(response);
    List<Integer> sizes = TextMetrics.listSizes(plain, p.style().equals("numbered"));
    return verdict(
        sizes.contains(p.count()),
        p.style() + " lists of " + sizes + " items, needs one of exactly " + p.count());
  }
}
