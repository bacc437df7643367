package dev.tracegen.check;

import dev.tracegen.model.Constraint;

/**
 * {@code numerical}: the count of {@code metric} (words, sentences, paragraphs or items) in the
 * plain-text projection lies within {@code min}..{@code max}.
 */
public final class NumericalChecker extends FailClosedChecker {
  @Override
  public String id() {
    return "numerical";
  }

  @Override
  CheckResult verify(Constraint constraint, String response) {
    String metric = text(constraint, "metric");
    Bounds bounds = Bounds.of(constraint);
    String plain = TextMetrics.plainText(response);
    int value =
        switch (metric) {
          case "words" -> TextMetrics.words(plain);
          case "sentences" -> TextMetrics.sentences(plain);
          case "paragraphs" -> TextMetrics.paragraphs(plain);
          case "items" -> TextMetrics.listItems(plain);
          default -> throw unknown("metric", metric, "words, sentences, paragraphs or items");
        };
    return verdict(bounds.contains(value), value + " " + metric + ", needs " + bounds);
  }
}
