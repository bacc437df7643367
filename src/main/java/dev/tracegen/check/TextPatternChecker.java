package dev.tracegen.check;

import dev.tracegen.model.Params;
import java.util.List;

/**
 * {@code text_pattern}, by {@code pattern}: {@code bold_keyword} (some bold span mentions {@code
 * keyword}), {@code no_bold}, {@code emoji_min} (at least {@code count} emoji) or {@code no_emoji}.
 * Bold is read from the raw response (Markdown or HTML markup), emoji from the plain-text
 * projection (JSON may escape them).
 */
public final class TextPatternChecker extends FailClosedChecker<TextPatternChecker.Spec> {
  /** {@code keyword} is read only for bold_keyword, {@code count} only for emoji_min. */
  record Spec(String pattern, String keyword, int count) {}

  @Override
  public String id() {
    return "text_pattern";
  }

  @Override
  Spec params(Params params) {
    String pattern = oneOf(params, "pattern", List.of("bold_keyword", "no_bold", "emoji_min", "no_emoji"));
    return switch (pattern) {
      case "bold_keyword" -> new Spec(pattern, text(params, "keyword"), 0);
      case "emoji_min" -> new Spec(pattern, "", count(params, "count"));
      default -> new Spec(pattern, "", 0);
    };
  }

  @Override
  CheckResult verify(Spec p, String response) {
    switch (p.pattern()) {
      case "bold_keyword" -> {
        List<String> spans = TextMetrics.boldSpans(response);
        boolean found = spans.stream().anyMatch(span -> TextMetrics.containsTerm(span, p.keyword()));
        return verdict(
            found,
            (found ? "'" + p.keyword() + "' is in bold" : "no bold span mentions '" + p.keyword() + "'")
                + " ("
                + spans.size()
                + " bold spans)");
      }
      case "no_bold" -> {
        int spans = TextMetrics.boldSpans(response).size();
        return verdict(spans == 0, spans + " bold spans, needs none");
      }
      case "emoji_min" -> {
        int emoji = TextMetrics.emojiCount(TextMetrics.plainText(response));
        return verdict(emoji >= p.count(), emoji + " emoji, needs at least " + p.count());
      }
      default -> {
        int emoji = TextMetrics.emojiCount(TextMetrics.plainText(response));
        return verdict(emoji == 0, emoji + " emoji, needs none");
      }
    }
  }
}
