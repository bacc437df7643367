package dev.tracegen;

import static dev.tracegen.CheckCorpusScriptTest.constraint;
import static dev.tracegen.CheckCorpusScriptTest.count;
import static dev.tracegen.CheckCorpusScriptTest.python3Available;
import static dev.tracegen.CheckCorpusScriptTest.read;
import static dev.tracegen.CheckCorpusScriptTest.script;
import static dev.tracegen.CheckCorpusScriptTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.CheckCorpusScriptTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/check-corpus.py} on a Chinese build ({@code language: zh}): it reads every Chinese
 * constraint text of a checker dimension (bounds, Chinese numerals, negation cues, languages),
 * finds the params the text states, re-checks the Chinese answers by Chinese conventions (字数,
 * 。！？, Chinese list markers, 参考文献), and finds corruptions planted in that build.
 */
class CheckCorpusChineseTest {
  private static final String TINY_ZH = TinyZhReference.PROFILE;
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  @TempDir static Path tmp;
  static Path tiny;

  @BeforeAll
  static void buildTinyZh() throws IOException {
    assumeTrue(python3Available(), "python3 is not installed");
    tiny = TinyZhReference.directory();
  }

  @Test
  void aChineseBuildMeetsEveryRuleCheckableConstraint() throws Exception {
    // The build is Chinese: its constraint texts are, so the script must read Chinese to pass.
    List<ObjectNode> records = new ArrayList<>();
    for (Path shard : shards(tiny)) {
      records.addAll(read(shard));
    }
    int chinese = 0;
    for (ObjectNode r : records) {
      for (var c : r.path("x1").path("constraints")) {
        chinese += HAN.matcher(c.path("text").asText()).find() ? 1 : 0;
      }
    }
    assertTrue(chinese > 0, "no Chinese constraint text in the tiny-zh build");

    Result r = script(tiny.toString(), "--profile=" + TINY_ZH, "--details", "5");
    String out = r.out();
    assertEquals(0, r.code(), out);
    assertEquals(records.size(), count(out, "check-corpus: .*: (\\d+) records"), out);
    assertEquals(0, count(out, "  text/params mismatches: (\\d+)"), out);
    assertEquals(0, count(out, "  unparsed constraints of a checker dimension: (\\d+)"), out);
    // Constraints of the dimensions whose Chinese text carries numbers, formats or languages were
    // read, not just the quoted keywords of inclusion and exclusion.
    int parsed = 0;
    Matcher m = Pattern.compile("(?m)^    (\\w+) +(\\d+) parsed, (\\d+) unparsed$").matcher(out);
    while (m.find()) {
      assertEquals(0, Integer.parseInt(m.group(3)), m.group(1) + " unparsed:\n" + out);
      if (!m.group(1).equals("inclusion") && !m.group(1).equals("exclusion")) {
        parsed += Integer.parseInt(m.group(2));
      }
    }
    assertTrue(parsed > 0, out);
    assertTrue(count(out, "  y1\\|x1: (\\d+) constraint checks") > 0, out);
    assertTrue(count(out, "  y2\\|x2: (\\d+) constraint checks") > 0, out);
    assertTrue(count(out, "  y1\\|x2: \\d+ records, (\\d+) fail a changed constraint") > 0, out);
    assertTrue(count(out, "  y2\\|x1: \\d+ records, (\\d+) fail a changed constraint") > 0, out);
    assertEquals(0, count(out, "  y1\\|x1: .*?, (\\d+) violations"), out);
    assertEquals(0, count(out, "  y2\\|x2: .*?, (\\d+) violations"), out);
    assertEquals(0, count(out, "  y1\\|x2: .*?, (\\d+) violations"), out);
    assertEquals(0, count(out, "  y2\\|x1: .*?, (\\d+) violations"), out);
    assertEquals(0, count(out, "train/eval 13-word/26-character n-gram overlap: (\\d+) train records"), out);
    assertTrue(out.contains("\nPASS in "), out);
  }

  @Test
  void plantedCorruptionsInChineseAreFoundWithTheirKind() throws Exception {
    Path bad = tmp.resolve("corrupted-zh");
    Files.createDirectories(bad);
    String shard = null;
    List<ObjectNode> records = new ArrayList<>();
    for (Path f : shards(tiny)) {
      String name = f.getFileName().toString();
      if (shard == null && name.startsWith("train-")) {
        shard = name;
        records = read(f);
      } else {
        Files.copy(f, bad.resolve(name));
      }
    }
    assertTrue(records.size() >= 3, "too few records in " + shard);

    // 1. y1 far below the 字数 its first constraint asks for: three Han characters are three words.
    ObjectNode shortY1 = records.get(0);
    constraint(shortY1, "x1", 0, "numerical", "回答不少于四百二十字。", "{\"metric\":\"words\",\"min\":420}");
    shortY1.put("y1", "太短了。");
    // 2. Params that do not say what the Chinese text says.
    ObjectNode wrongParams = records.get(1);
    constraint(wrongParams, "x2", 0, "numerical", "至少写12个完整的句子。",
        "{\"metric\":\"sentences\",\"min\":10}");
    // 3. A forbidden Chinese word in y1, with no word boundary around it.
    ObjectNode forbidden = records.get(2);
    constraint(forbidden, "x1", 0, "exclusion", "回答中不得出现“健身房”一词。", "{\"keyword\":\"健身房\"}");
    forbidden.put("y1", "我们每周都去健身房锻炼。");
    write(bad.resolve(shard), records);

    Result r = script(bad.toString(), "--profile=" + TINY_ZH, "--details", "50");
    String out = r.out();
    assertEquals(1, r.code(), out);
    assertTrue(out.contains("    y1|x1 fails numerical: "), out);
    assertTrue(out.contains("\n      " + shortY1.path("id").asText()
        + " x1#1 '回答不少于四百二十字。': 3 words, needs at least 420\n"), out);
    assertTrue(out.contains("    text/params mismatch numerical.min: 1\n      " + wrongParams.path("id").asText()
        + " x2#1 '至少写12个完整的句子。': text says 12, params say 10\n"), out);
    assertTrue(out.contains("    y1|x1 fails exclusion: "), out);
    assertTrue(out.contains("\n      " + forbidden.path("id").asText()
        + " x1#1 '回答中不得出现“健身房”一词。': uses '健身房'\n"), out);
  }

  private static List<Path> shards(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
    }
  }
}
