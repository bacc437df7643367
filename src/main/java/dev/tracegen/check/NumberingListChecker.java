package dev.tracegen.check;

import java.util.List;
import java.util.Map;

/**
 * {@code numbering_list}: exactly {@code count} numbered or bulleted ({@code style}) items in the
 * plain-text projection.
 */
public final class NumberingListChecker extends FailClosedChecker<NumberingListChecker.Params> {
  record Params(String style, int count) {}

  @Override
  public String id() {
    return "numbering_list";
  }

  @Override
  Params params(Map<String, Object> params) {
    return new Params(oneOf(params, "style", List.of("numbered", "bulleted")), count(params, "count"));
  }

  @Override
  CheckResult verify(Params p, String response) {
    String plain = TextMetrics.plainText(response);
    int items = p.style().equals("numbered") ? TextMetrics.numberedItems(plain) : TextMetrics.bulletedItems(plain);
    return verdict(items == p.count(), items + " " + p.style() + " items, needs exactly " + p.count());
  }
}
