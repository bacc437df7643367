package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
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
  private static final String TINY_ZH = "src/test/resources/profiles/tiny-zh.yaml";
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  @TempDir static Path tmp;
  static Path tiny;

  record Result(int code, String out) {}

  @BeforeAll
  static void buildTinyZh() throws IOException {
    assumeTrue(python3Available(), "python3 is not installed");
    tiny = tmp.resolve("tiny-zh");
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs("--profile=" + TINY_ZH, "--output=" + tiny)
        .withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    assertTrue(TraceRun.run(o).shortfalls().isEmpty());
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

  private static void constraint(ObjectNode record, String x, int i, String dimension, String text, String params)
      throws IOException {
    ObjectNode c = (ObjectNode) ((ArrayNode) record.path(x).path("constraints")).get(i);
    c.put("dimension", dimension);
    c.put("type", "content");
    c.put("text", text);
    c.set("params", Json.PLAIN.readTree(params));
  }

  private static List<ObjectNode> read(Path shard) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(shard)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          out.add((ObjectNode) Json.PLAIN.readTree(line));
        }
      }
    }
    return out;
  }

  private static void write(Path shard, List<ObjectNode> records) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(shard))) {
      for (ObjectNode r : records) {
        out.write((Json.PLAIN.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** The integer captured by {@code regex}'s group 1 in {@code out}; fails when absent. */
  private static int count(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(m.find(), "no line matching " + regex + " in:\n" + out);
    return Integer.parseInt(m.group(1));
  }

  private static Result script(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("python3", "scripts/check-corpus.py"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    // The report quotes Chinese text: UTF-8 whatever the machine's locale.
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "check-corpus.py did not finish");
    assertFalse(out.contains("Traceback"), out);
    return new Result(p.exitValue(), out);
  }

  private static boolean python3Available() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
