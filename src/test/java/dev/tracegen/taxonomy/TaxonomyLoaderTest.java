package dev.tracegen.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TaxonomyLoaderTest {
  static final Checkers CHECKERS = Checkers.load();

  static Taxonomy shipped() {
    return TaxonomyLoader.load(Path.of("taxonomy"), CHECKERS);
  }

  @Test
  void shippedTaxonomyHasFiveTypesAndTwentySixDimensions() {
    Taxonomy t = shipped();
    assertEquals(26, t.dimensions().size());
    assertEquals(Set.of("content", "situation", "style", "format", "example"),
        t.dimensions().stream().map(Dimension::type).collect(Collectors.toSet()));
    for (Dimension d : t.dimensions()) {
      assertTrue(!d.labelZh().isBlank() && !d.definition().isBlank() && !d.phrasings().isEmpty(), d.id());
    }
  }

  @Test
  void everyOfficialLevels2LabelMapsToExactlyOneDimension() throws IOException {
    Map<String, List<String>> byLabel = new HashMap<>();
    shipped().dimensions().forEach(d -> byLabel.computeIfAbsent(d.labelZh(), k -> new java.util.ArrayList<>()).add(d.id()));
    Set<String> labels = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/reference/trace/trace_eval_official.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode row = Json.PLAIN.readTree(line);
      row.get("levels2").forEach(l -> labels.add(l.asText()));
    }
    // Two stray labels occur once each in the official file and name no taxonomy dimension.
    labels.removeAll(Set.of("输入格式约束", "·"));
    assertEquals(26, labels.size());
    for (String label : labels) {
      assertEquals(1, byLabel.getOrDefault(label, List.of()).size(), label);
    }
  }

  @Test
  void threeDefectsAreAllReportedWithFileAndLine(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    injectThreeDefects(dir);
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS);
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*content\\.yaml:\\d+: .*unknown dimension 'no_such_dimension'.*")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*content\\.yaml:\\d+: duplicate dimension id 'value'.*")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*content\\.yaml:\\d+: unknown checker 'no_such_checker'.*")), problems.toString());
    TaxonomyException e = assertThrows(TaxonomyException.class, () -> TaxonomyLoader.load(dir, CHECKERS));
    assertTrue(e.getMessage().contains("3 problems"));
  }

  @Test
  void yamlSyntaxErrorsNameTheLine(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    Files.writeString(dir.resolve("style.yaml"), "type: style\ndimensions:\n  - id: [unclosed\n");
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS);
    assertTrue(problems.stream().anyMatch(p -> p.contains("style.yaml:") && p.contains("YAML syntax error")), problems.toString());
  }

  @Test
  void optionMissingAPlaceholderParamIsReported(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    Path format = dir.resolve("format.yaml");
    Files.writeString(format, Files.readString(format).replace("{count: 2}", "{number: 2}"));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS);
    assertTrue(problems.stream().anyMatch(p -> p.contains("format.yaml:") && p.contains("lacks param 'count'")), problems.toString());
  }

  @Test
  void anUnknownConstraintTypeIsRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    Path format = dir.resolve("format.yaml");
    Files.writeString(format, Files.readString(format).replaceFirst("(?m)^type: format$", "type: bogus_type"));
    assertEquals(List.of(format + ":1: unknown constraint type 'bogus_type' (known: content, situation, style, format, example)"),
        TaxonomyLoader.problems(dir, CHECKERS));
  }

  @Test
  void checkerParamsThatTheCheckerCannotReadAreRefusedAtLoad(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    Path format = dir.resolve("format.yaml");
    Files.writeString(format, Files.readString(format).replace("{pattern: emoji_min, count: 3}",
        "{pattern: emoji_min, count: \"three(\"}"));
    Path content = dir.resolve("content.yaml");
    Files.writeString(content, Files.readString(content).replace("{metric: sentences, max: 10}",
        "{metric: sentences, max: 10, min: 11}"));
    assertEquals(List.of(
            content + ":" + lineOf(content, "min: 11}") + ": phrasing 'sentences_at_most': checker 'numerical' rejects the"
                + " option's params: param 'min' 11 exceeds 'max' 10",
            format + ":" + lineOf(format, "three(") + ": phrasing 'emoji_min': checker 'text_pattern' rejects the"
                + " option's params: param 'count' must be a non-negative integer, got 'three('"),
        TaxonomyLoader.problems(dir, CHECKERS).stream().filter(p -> p.contains("rejects the option's params")).toList());
    // Readers of a finished corpus only need the ids.
    assertEquals(26, TaxonomyLoader.load(dir, id -> true).dimensions().size());
  }

  @Test
  void judgeRulesAreReadPerValue() {
    Phrasing tone = shipped().dimension("tone_style").phrasing("adopt_tone");
    JudgeRule rule = tone.judge();
    assertEquals("tone", rule.by());
    assertTrue(rule.values().get("playful").markers().contains("fun"), rule.values().toString());
    assertEquals(rule.values().get("formal"), rule.value(Params.of("tone", "formal")));
    assertTrue(shipped().dimension("positive_example").phrasing("imitate_example").judge().opening());
    assertTrue(shipped().dimension("template").phrasing("follow_layout").judge().all());
    assertEquals("{marker}", shipped().dimension("prior_condition").phrasing("if_then").judge().begins());
    // A phrasing without a rule keeps the evidence fallback.
    assertEquals(null, shipped().dimension("table_background").phrasing("use_table_row").judge());
  }

  @Test
  void brokenJudgeRulesAreRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    Path style = dir.resolve("style.yaml");
    Files.writeString(style, Files.readString(style)
        .replace("markers: ['fun', 'games?', 'silly', 'giggles?']", "markers: [fun, \"games(\", silly]")
        .replace("            matter-of-fact:", "            matter-of-fakt:")
        .replace("          by: emotion", "          by: feeling"));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS);
    String regexAt = style + ":" + lineOf(style, "games(") + ":";
    String entryAt = style + ":" + lineOf(style, "matter-of-fakt:") + ":";
    String byAt = style + ":" + lineOf(style, "by: feeling") + ":";
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(regexAt) && p.contains("not a valid regex 'games('")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(entryAt)
        && p.contains("entry 'matter-of-fakt' matches no option's 'tone'")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("no entry for option value 'matter-of-fact'")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(byAt)
        && p.contains("an option lacks param 'feeling' named by 'by'")), problems.toString());
  }

  @Test
  void everyOptionsSentenceMustStateItsParams(@TempDir Path dir) throws IOException {
    copyShipped(dir);
    Path content = dir.resolve("content.yaml");
    // A number the sentence does not state, a keyword it does not name, an undeclared param.
    Files.writeString(content, Files.readString(content)
        .replace("Use no more than {max} sentences in total.", "Use no more than 10 sentences in total.")
        .replace("text: \"Make sure the answer mentions the term \\\"{keyword}\\\".\"",
            "text: \"Make sure the answer mentions the chosen term.\"")
        .replace("{metric: words, min: 120, max: 200}", "{metric: words, min: 120, max: 200, unit: x}"));
    Path style = dir.resolve("style.yaml");
    Files.writeString(style, Files.readString(style).replace("{language: Greek, script: greek}",
        "{language: Greek, script: cyrillic}"));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS);
    assertTrue(problems.stream().anyMatch(p -> p.contains("max = 8 but the constraint's text does not state 8")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("keyword \"resilience\" does not appear in the constraint's text")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("uses param 'unit', which dimension numerical does not declare")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("script \"cyrillic\" but the constraint's text mentions none of")),
        problems.toString());
  }

  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  /** Breaks content.yaml three ways: an unknown dimension reference, a duplicate id, an unknown checker. */
  public static void injectThreeDefects(Path dir) throws IOException {
    Path content = dir.resolve("content.yaml");
    String text = Files.readString(content);
    text = text.replaceFirst("conflicts_with: \\[\\]", "conflicts_with: [no_such_dimension]");
    text = text.replaceFirst("  - id: privacy", "  - id: value");
    text = text.replaceFirst("checker: inclusion", "checker: no_such_checker");
    Files.writeString(content, text);
  }

  public static void copyShipped(Path dir) throws IOException {
    try (var files = Files.list(Path.of("taxonomy"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }
}
