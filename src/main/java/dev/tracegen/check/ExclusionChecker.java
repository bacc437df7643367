package dev.tracegen.check;

import java.util.Map;

/**
 * {@code exclusion}: {@code keyword} appears neither in the plain-text projection nor in the raw
 * response, so a forbidden word in a JSON key or an HTML attribute also fails.
 */
public final class ExclusionChecker extends FailClosedChecker<String> {
  @Override
  public String id() {
    return "exclusion";
  }

  @Override
  String params(Map<String, Object> params) {
    return text(params, "keyword");
  }

  @Override
  CheckResult verify(String keyword, String response) {
    boolean found =
        TextMetrics.containsTerm(response, keyword)
            || TextMetrics.containsTerm(TextMetrics.plainText(response), keyword);
    return verdict(!found, (found ? "uses '" : "avoids '") + keyword + "'");
  }
}
