package dev.tracegen.check;

import java.util.List;
import java.util.Map;

/**
 * {@code numerical}: the count of {@code metric} (words, sentences, paragraphs or items) in the
 * plain-text projection lies within {@code min}..{@code max}.
 */
public final class NumericalChecker extends FailClosedChecker<NumericalChecker.Params> {
  record Params(String metric, Bounds bounds) {}

  @Override
  public String id() {
    return "numerical";
  }

  @Override
  Params params(Map<String, Object> params) {
    return new Params(oneOf(params, "metric", List.of("words", "sentences", "paragraphs", "items")), Bounds.of(params));
  }

  @Override
  CheckResult verify(Params p, String response) {
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
