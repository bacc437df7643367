package dev.tracegen.check;

import dev.tracegen.model.Params;

/**
 * {@code inclusion}: the plain-text projection mentions {@code keyword} (see {@link
 * TextMetrics#containsTerm}).
 */
public final class InclusionChecker extends FailClosedChecker<String> {
  @Override
  public String id() {
    return "inclusion";
  }

  @Override
  String params(Params params) {
    return text(params, "keyword");
  }

  @Override
  CheckResult verify(String keyword, String response) {
    boolean found = TextMetrics.containsTerm(TextMetrics.plainText(response), keyword);
    return verdict(found, (found ? "mentions '" : "does not mention '") + keyword + "'");
  }
}
