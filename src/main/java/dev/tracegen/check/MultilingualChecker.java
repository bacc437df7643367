package dev.tracegen.check;

import java.util.Map;

/**
 * {@code multilingual}: the response has at least {@value #MIN_CHARS} characters of the Unicode
 * {@code script} (han, cyrillic, greek, arabic, hangul, devanagari...). The {@code language} param
 * only names the language for the reader; the script is what can be checked.
 */
public final class MultilingualChecker extends FailClosedChecker<String> {
  /** One stray character (a symbol, a name) is not a sentence in the language. */
  static final int MIN_CHARS = 2;

  @Override
  public String id() {
    return "multilingual";
  }

  @Override
  String params(Map<String, Object> params) {
    String script = text(params, "script");
    try {
      Character.UnicodeScript.forName(script);
    } catch (IllegalArgumentException e) {
      throw unknown("script", script, "a Unicode script name");
    }
    return script;
  }

  @Override
  CheckResult verify(String script, String response) {
    int chars = TextMetrics.scriptChars(TextMetrics.plainText(response), script);
    return verdict(
        chars >= MIN_CHARS, chars + " " + script + " characters, needs at least " + MIN_CHARS);
  }
}
