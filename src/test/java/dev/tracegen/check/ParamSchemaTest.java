package dev.tracegen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each built-in checker reads its params before any response: the same reading judges and validates. */
class ParamSchemaTest {
  static List<String> problems(String checker, Params params) {
    return Checkers.load().get(checker).orElseThrow().paramProblems(params);
  }

  @Test
  void wellFormedParamsHaveNoProblem() {
    assertEquals(List.of(), problems("numerical", Params.of("metric", "words", "min", 120, "max", "200")));
    assertEquals(List.of(), problems("text_pattern", Params.of("pattern", "no_emoji")));
    assertEquals(List.of(), problems("citation", Params.of("style", "none")));
    assertEquals(List.of(), problems("hierarchy", Params.of("count", 3)));
    assertEquals(List.of(), problems("multilingual", Params.of("script", "han", "language", "Chinese")));
  }

  @Test
  void everyBuiltInCheckerNamesTheBadParam() {
    Map<String, Params> bad = Map.of(
        "numerical", Params.of("metric", "words", "min", "three("),
        "output_format", Params.of("format", "yaml"),
        "inclusion", Params.of("word", "x"),
        "exclusion", Params.of("keyword", " "),
        "numbering_list", Params.of("style", "numbered"),
        "hierarchy", Params.of("min", 5, "max", 2),
        "multilingual", Params.of("script", "klingon"),
        "text_pattern", Params.of("pattern", "bold_keyword"),
        "citation", Params.of("style", "numeric", "min", -1));
    Map<String, String> expected = Map.of(
        "numerical", "param 'min' must be a non-negative integer, got 'three('",
        "output_format", "param 'format' must be one of json, markdown_table, html, got 'yaml'",
        "inclusion", "missing param 'keyword'",
        "exclusion", "missing param 'keyword'",
        "numbering_list", "missing param 'count'",
        "hierarchy", "param 'min' 5 exceeds 'max' 2",
        "multilingual",
        "param 'script' must be a non-Latin script, one of han, hiragana, katakana, hangul, cyrillic,"
            + " greek, arabic, hebrew, devanagari, bengali, ethiopic, armenian, georgian, got 'klingon'",
        "text_pattern", "missing param 'keyword'",
        "citation", "param 'min' must be a non-negative integer, got '-1'");
    expected.forEach((id, message) -> assertEquals(List.of(message), problems(id, bad.get(id)), id));
  }

  @Test
  void aCheckWithBadParamsFailsWithTheSameReason() {
    Constraint c = new Constraint("c1", "format", "text_pattern", "Use at least three( emoji.",
        Params.of("pattern", "emoji_min", "count", "three("));
    CheckResult r = Checkers.load().get("text_pattern").orElseThrow().check(c, "fine 🙂🙂🙂🙂");
    assertEquals(CheckResult.fail("param 'count' must be a non-negative integer, got 'three('"), r);
  }
}
