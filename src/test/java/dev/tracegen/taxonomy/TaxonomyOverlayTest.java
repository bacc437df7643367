package dev.tracegen.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.model.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chinese overlay of the shipped taxonomy, and how the loader holds an overlay to its base. */
class TaxonomyOverlayTest {
  static final Checkers CHECKERS = TaxonomyLoaderTest.CHECKERS;
  static final Path SHIPPED = Path.of("taxonomy");
  static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  static Taxonomy zh() {
    return TaxonomyLoader.load(SHIPPED, CHECKERS, "zh");
  }

  @Test
  void theShippedTaxonomyLoadsInChineseWithoutProblems() {
    assertEquals(List.of(), TaxonomyLoader.problems(SHIPPED, CHECKERS, "zh"));
    assertEquals(List.of("en", "zh"), TaxonomyLoader.languages(SHIPPED));
    Taxonomy en = TaxonomyLoader.load(SHIPPED, CHECKERS);
    Taxonomy zh = zh();
    assertEquals("en", en.language());
    assertEquals("zh", zh.language());
    assertNotEquals(en.version(), zh.version());
    assertEquals(en.dimensions().stream().map(Dimension::id).toList(), zh.dimensions().stream().map(Dimension::id).toList());
    for (Dimension e : en.dimensions()) {
      Dimension z = zh.dimension(e.id());
      assertEquals(e.weight(), z.weight());
      assertEquals(e.checker(), z.checker());
      assertTrue(HAN.matcher(z.addHint()).find() && HAN.matcher(z.reviseHint()).find(), e.id());
      assertEquals(e.phrasings().stream().map(Phrasing::id).toList(), z.phrasings().stream().map(Phrasing::id).toList());
      for (Phrasing ep : e.phrasings()) {
        Phrasing zp = z.phrasing(ep.id());
        String where = e.id() + "/" + ep.id();
        assertTrue(HAN.matcher(zp.text()).find(), where);
        assertEquals(Set.copyOf(Phrasing.placeholders(ep.text())), Set.copyOf(Phrasing.placeholders(zp.text())), where);
        assertEquals(ep.reviseTo(), zp.reviseTo(), where);
        assertEquals(ep.choose(), zp.choose(), where);
        assertEquals(ep.options().size(), zp.options().size(), where);
        for (Params o : zp.options()) {
          assertTrue(HAN.matcher(Phrasing.fill(zp.text(), o)).find(), where);
        }
      }
      e.params().forEach((name, spec) -> {
        assertEquals("zh", z.params().get(name).language(), e.id() + "." + name);
        assertEquals(spec.values(), z.params().get(name).values(), e.id() + "." + name);
      });
    }
  }

  @Test
  void aChineseTaxonomyTravelsWithItsLanguageAndMatchesChineseConstraints() {
    Taxonomy zh = zh();
    Taxonomy back = SerializableUtils.clone(zh);
    assertEquals("zh", back.language());
    assertEquals(zh.version(), back.version());
    Taxonomy.PhrasingMatch m = back.match("回答篇幅不超过250字。");
    assertEquals("words_at_most", m.phrasing().id());
    assertEquals(250, m.params().get("max"));
    assertEquals("words", m.params().get("metric"));
    assertEquals(null, TaxonomyLoader.load(SHIPPED, CHECKERS).match("回答篇幅不超过250字。"));
  }

  @Test
  void aChineseInstructionAsksForAnotherLanguageThanChinese() {
    Phrasing p = zh().dimension("multilingual").phrasing("sentence_in_language");
    for (Params o : p.options()) {
      assertNotEquals("han", o.get("script"), o.toString());
      assertFalse(String.valueOf(o.get("language")).matches(".*(中文|汉语|普通话).*"), o.toString());
      assertTrue(HAN.matcher(String.valueOf(o.get("language"))).find(), o.toString());
    }
  }

  /**
   * What the embedded judge relies on, in Chinese: each value's sentence shows its own markers and
   * none of another value's, breaks no forbidden pattern, and the deliberate misses break one;
   * required text is in the sentence that complies.
   */
  @Test
  void chineseSentencesShowWhatTheirJudgeRulesAsk() {
    for (Dimension d : zh().dimensions()) {
      for (Phrasing p : d.phrasings()) {
        for (Params o : p.options()) {
          String where = d.id() + "/" + p.id() + " " + o;
          String respond = Phrasing.fill(p.respond(), o);
          if (!p.evidence().isEmpty()) {
            assertTrue(respond.contains(Phrasing.fill(p.evidence(), o)), where);
          }
          JudgeRule rule = p.judge();
          if (rule == null) {
            continue;
          }
          JudgeRule.Value v = rule.value(o);
          String comply = v != null && !v.respond().isEmpty() ? Phrasing.fill(v.respond(), o) : respond;
          if (!rule.present().isEmpty()) {
            assertTrue(comply.contains(Phrasing.fill(rule.present(), o)), where + ": " + comply);
          }
          if (!rule.begins().isEmpty()) {
            assertTrue(comply.startsWith(Phrasing.fill(rule.begins(), o)), where + ": " + comply);
          }
          List<String> forbidden = new ArrayList<>(rule.forbidden());
          String violate = rule.violate();
          if (v != null) {
            forbidden.addAll(v.forbidden());
            violate = v.violate().isEmpty() ? violate : v.violate();
            List<String> markers = v.markers();
            if (!markers.isEmpty()) {
              if (rule.opening()) {
                assertTrue(markers.stream().anyMatch(m -> regex(m).matcher(comply).lookingAt()), where + ": " + comply);
              } else if (rule.all()) {
                assertTrue(markers.stream().allMatch(m -> find(m, comply)), where + ": " + comply);
              } else {
                assertTrue(markers.stream().anyMatch(m -> find(m, comply)), where + ": " + comply);
              }
            }
            rule.values().forEach((other, ov) -> {
              if (ov != v) {
                ov.markers().forEach(m -> assertFalse(find(m, comply), where + " shows marker " + m + " of " + other));
              }
            });
          }
          List<String> filled = forbidden.stream().map(f -> Phrasing.fill(f, literal(o))).toList();
          filled.forEach(f -> assertFalse(find(f, comply), where + " breaks " + f));
          if (!filled.isEmpty()) {
            String miss = Phrasing.fill(violate, o);
            assertTrue(filled.stream().anyMatch(f -> find(f, miss)), where + ": " + miss);
          }
        }
      }
    }
  }

  /** No dimension's sentences show another dimension's markers, so one constraint cannot pass another. */
  @Test
  void noChineseSentenceShowsAnotherDimensionsMarkers() {
    Taxonomy zh = zh();
    List<String> clashes = new ArrayList<>();
    for (Dimension d : zh.dimensions()) {
      for (Phrasing p : d.phrasings()) {
        for (Params o : p.options()) {
          JudgeRule.Value v = p.judge() == null ? null : p.judge().value(o);
          String sentence = v != null && !v.respond().isEmpty() ? v.respond() : Phrasing.fill(p.respond(), o);
          for (Dimension other : zh.dimensions()) {
            if (other == d) {
              continue;
            }
            for (Phrasing op : other.phrasings()) {
              if (op.judge() == null) {
                continue;
              }
              op.judge().values().forEach((value, ov) -> ov.markers().stream().filter(m -> find(m, sentence))
                  .forEach(m -> clashes.add(d.id() + " \"" + sentence + "\" shows " + other.id() + "/" + value + " " + m)));
            }
          }
        }
      }
    }
    assertEquals(List.of(), clashes);
  }

  @Test
  void aMissingPhrasingIsNamedWithItsFileAndBase(@TempDir Path dir) throws IOException {
    copyWithOverlays(dir);
    Path format = dir.resolve("zh/format.yaml");
    String text = Files.readString(format);
    int start = text.indexOf("      - id: return_as");
    int end = text.indexOf("      - id: present_as");
    Files.writeString(format, text.substring(0, start) + text.substring(end));
    assertEquals(List.of(format + ": dimension output_format has no zh phrasing \"return_as\" (base: "
            + dir.resolve("format.yaml") + ":" + lineOf(dir.resolve("format.yaml"), "- id: return_as") + ")"),
        TaxonomyLoader.problems(dir, CHECKERS, "zh"));
    assertEquals(List.of(), TaxonomyLoader.problems(dir, CHECKERS));
  }

  @Test
  void aMissingFileOrDirectoryIsNamed(@TempDir Path dir) throws IOException {
    copyWithOverlays(dir);
    Files.delete(dir.resolve("zh/style.yaml"));
    assertEquals(List.of(dir.resolve("zh/style.yaml") + " is missing (language zh)"),
        TaxonomyLoader.problems(dir, CHECKERS, "zh"));
    assertEquals(List.of(), TaxonomyLoader.problems(dir, CHECKERS));
    assertEquals(List.of(dir.resolve("fr") + ": no overlay directory for language fr (languages: en, zh)"),
        TaxonomyLoader.problems(dir, CHECKERS, "fr"));
  }

  @Test
  void anOverlayIsHeldToItsBase(@TempDir Path dir) throws IOException {
    copyWithOverlays(dir);
    Path content = dir.resolve("zh/content.yaml");
    Files.writeString(content, Files.readString(content)
        // A key that belongs to the base, an unknown dimension and phrasing, a translated number,
        // a different revise target, a lost key.
        .replace("  - id: exclusion\n", "  - id: exclusion\n    weight: 5\n")
        .replace("  - id: value\n", "  - id: no_such_dimension\n    phrasings: []\n  - id: value\n")
        .replace("      - id: never_write\n", "      - id: never_say\n        text: \"绝不写“{keyword}”。\"\n"
            + "        revise_to: [inclusion/mention_term]\n        options:\n          - {keyword: 无缝}\n"
            + "      - id: never_write\n")
        .replace("{metric: words, min: 420}", "{metric: words, min: 425}")
        .replace("回答不少于{min}字。\"\n        choose: {min: {number: [320, 500], step: 5}}\n        revise_to: [numerical/words_at_most]",
            "回答不少于{min}字。\"\n        choose: {min: {number: [320, 500], step: 5}}\n        revise_to: [other_option]")
        .replace("        respond: \"通篇讨论的话题都是{focus}。\"\n", ""));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS, "zh");
    String all = String.join("\n", problems);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/content\\.yaml:\\d+: key 'weight' of dimension exclusion is not"
        + " allowed in an overlay.*")), all);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/content\\.yaml:\\d+: unknown dimension 'no_such_dimension'.*")), all);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/content\\.yaml:\\d+: dimension exclusion has no base phrasing"
        + " 'never_say' \\(base: .*content\\.yaml:\\d+\\)")), all);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/content\\.yaml:\\d+: phrasing 'words_at_least' of dimension"
        + " numerical option 1 has min 425, its base 420 \\(numbers are not translated\\).*")), all);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/content\\.yaml:\\d+: phrasing 'words_at_least' of dimension"
        + " numerical revises to \\[other_option\\], its base to \\[numerical/words_at_most\\].*")), all);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/content\\.yaml:\\d+: phrasing 'stay_on_subject' of dimension"
        + " theme lacks key 'respond' that its base has.*")), all);
    assertEquals(6, problems.size(), all);
  }

  @Test
  void missingCuesAndWrongLanguageAreNamed(@TempDir Path dir) throws IOException {
    copyWithOverlays(dir);
    Path style = dir.resolve("zh/style.yaml");
    Files.writeString(style, Files.readString(style).replace("language: zh", "language: ja")
        .replace("hiragana: [日语, 日文], ", ""));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS, "zh");
    String all = String.join("\n", problems);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/style\\.yaml:2: language 'ja', but the file is in the"
        + " overlay directory of language zh")), all);
    assertTrue(problems.stream().anyMatch(p -> p.matches(".*zh/style\\.yaml:\\d+: param 'script' of dimension multilingual"
        + " has no zh cues for 'hiragana' \\(base: .*style\\.yaml:\\d+\\)")), all);
  }

  @Test
  void chineseSentencesMustStateTheirParams(@TempDir Path dir) throws IOException {
    copyWithOverlays(dir);
    Path format = dir.resolve("zh/format.yaml");
    Files.writeString(format, Files.readString(format)
        .replace("回答中不要使用任何加粗文字。", "回答中请使用加粗文字。")
        .replace("回答须用恰好{count}个Markdown标题来组织。", "回答须用恰好三个Markdown标题来组织。")
        .replace("{format: json, format_name: 一个合法的JSON对象}", "{format: json, format_name: 一张Markdown表格}"));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS, "zh");
    String all = String.join("\n", problems);
    assertTrue(problems.stream().anyMatch(p -> p.contains("zh/format.yaml:") && p.contains("pattern \"no_bold\" forbids"
        + " something but the constraint's text forbids nothing")), all);
    assertTrue(problems.stream().anyMatch(p -> p.contains("zh/format.yaml:") && p.contains("count = 2 but the constraint's"
        + " text does not state 2")), all);
    assertTrue(problems.stream().anyMatch(p -> p.contains("zh/format.yaml:") && p.contains("format \"json\" but the"
        + " constraint's text mentions none of JSON")), all);
    // Chinese numerals state a number: 三 is 3.
    assertTrue(problems.stream().noneMatch(p -> p.contains("count = 3 ")), all);
  }

  private static Pattern regex(String marker) {
    return Pattern.compile(marker, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static boolean find(String regex, String text) {
    return regex(regex).matcher(text).find();
  }

  private static Params literal(Params o) {
    Params out = Params.EMPTY;
    for (String k : o.names()) {
      out = out.with(k, Pattern.quote(String.valueOf(o.get(k))));
    }
    return out;
  }

  static void copyWithOverlays(Path dir) throws IOException {
    TaxonomyLoaderTest.copyShipped(dir);
    for (String lang : TaxonomyLoader.languages(SHIPPED).stream().filter(l -> !l.equals("en")).collect(Collectors.toList())) {
      Files.createDirectories(dir.resolve(lang));
      try (var files = Files.list(SHIPPED.resolve(lang))) {
        for (Path f : files.toList()) {
          Files.copy(f, dir.resolve(lang).resolve(f.getFileName()));
        }
      }
    }
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
}
