package dev.tracegen.check;

import dev.tracegen.model.Constraint;

/**
 * {@code numbering_list}: exactly {@code count} numbered or bulleted ({@code style}) items in the
 * plain-text projection.
 */
public final class NumberingListChecker extends FailClosedChecker {
  @Override
  public String id() {
    return "numbering_list";
  }

  @Override
  CheckResult verify(Constraint constraint, String response) {
    String style = text(constraint, "style");
    int count = count(constraint, "count");
    String plain = TextMetrics.plainText(response);
    int items =
        switch (style) {
          case "numbered" -> TextMetrics.numberedItems(plain);
          case "bulleted" -> TextMetrics.bulletedItems(plain);
          default -> throw unknown("style", style, "numbered or bulleted");
        };
    return verdict(items == count, items + " " + style + " items, needs exactly " + count);
  }
}
