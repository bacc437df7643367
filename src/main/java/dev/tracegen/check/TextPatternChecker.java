package dev.tracegen.check;

import dev.tracegen.model.Constraint;
import java.util.List;

/**
 * {@code text_pattern}, by {@code pattern}: {@code bold_keyword} (some bold span mentions {@code
 * keyword}), {@code no_bold}, {@code emoji_min} (at least {@code count} emoji) or {@code no_emoji}.
 * Bold is read from the raw response (Markdown or HTML markup), emoji from the plain-text
 * projection (JSON may escape them).
 */
public final class TextPatternChecker extends FailClosedChecker {
  @Override
  public String id() {
    return "text_pattern";
  }

  @Override
  CheckResult verify(Constraint constraint, String response) {
    String pattern = text(constraint, "pattern");
    switch (pattern) {
      case "bold_keyword" -> {
        String keyword = text(constraint, "keyword");
        List<String> spans = TextMetrics.boldSpans(response);
        boolean found = spans.stream().anyMatch(span -> TextMetrics.containsTerm(span, keyword));
        return verdict(
            found,
            (found ? "'" + keyword + "' is in bold" : "no bold span mentions '" + keyword + "'")
                + " ("
                + spans.size()
                + " bold spans)");
      }
      case "no_bold" -> {
        int spans = TextMetrics.boldSpans(response).size();
        return verdict(spans == 0, spans + " bold spans, needs none");
      }
      case "emoji_min" -> {
        int min = count(constraint, "count");
        int emoji = TextMetrics.emojiCount(TextMetrics.plainText(response));
        return verdict(emoji >= min, emoji + " emoji, needs at least " + min);
      }
      case "no_emoji" -> {
        int emoji = TextMetrics.emojiCount(TextMetrics.plainText(response));
        return verdict(emoji == 0, emoji + " emoji, needs none");
      }
      default -> throw unknown("pattern", pattern, "bold_keyword, no_bold, emoji_min or no_emoji");
    }
  }
}
