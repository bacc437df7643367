package dev.tracegen.check;

import dev.tracegen.model.Params;

/**
 * {@code exclusion}: "Do not use the word X anywhere": {@code keyword}, in any of its forms
 * ("leveraging", "utilized", "synergies"; see {@link TextMetrics#containsWordForm}), appears
 * neither in the plain-text projection nor in the raw response, so a forbidden word in a JSON key
 * or an HTML attribute also fails.
 */
public final class ExclusionChecker extends FailClosedChecker<String> {
  @Override
  public String id() {
    return "exclusion";
  }

  @Override
  String params(Params params) {
    return text(params, "keyword");
  }

  @Override
  CheckResult verify(String keyword, String response) {
    boolean found =
        TextMetrics.containsWordForm(response, keyword)
            || TextMetrics.containsWordForm(TextMetrics.plainText(response), keyword);
    return verdict(!found, (found ? "uses '" : "avoids '") + keyword + "'");
  }
}
