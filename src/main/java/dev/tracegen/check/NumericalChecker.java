package dev.tracegen.check;

import dev.tracegen.model.Params;
import java.util.List;

/**
 * {@code numerical}: the count of {@code metric} (words, sentences, paragraphs or items) in the
 * plain-text projection lies within {@code min}..{@code max}.
 */
public final class NumericalChecker extends FailClosedChecker<NumericalChecker.Spec> {
  record Spec(String metric, Bounds bounds) {}

  @Override
  public String id() {
    return "numerical";
  }

  @Override
  Spec params(Params params) {
    return new Spec(oneOf(params, "metric", List.of("words", "sentences", "paragraphs", "items")), Bounds.of(params));
  }

  @Override
  CheckResult verify(Spec p, String response) {
    String plain = TextMetrics.plainText(response);
    int value =
        switch (p.metric()) {
          case "words" -> TextMetrics.words(plain);
          case "sentences" -> TextMetrics.sentences(plain);
          case "paragraphs" -> TextMetrics.paragraphs(plain);
          default -> TextMetrics.listItems(plain);
        };
    return verdict(p.bounds().contains(value), value + " " + p.metric() + ", needs " + p.bounds());
  }
}
