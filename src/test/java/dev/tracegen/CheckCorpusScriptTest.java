package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import java.util.Set;
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
 * {@code scripts/check-corpus.py} re-checks every rule-checkable constraint of a real build with its
 * own Python reading of the constraint texts, and finds corruptions planted in that build.
 */
class CheckCorpusScriptTest {
  private static final String TINY = "src/test/resources/profiles/tiny.yaml";
  private static final Set<String> CHECKER_DIMENSIONS =
      Set.of("numerical", "output_format", "inclusion", "exclusion", "numbering_list", "hierarchy",
          "multilingual", "text_pattern", "citation");

  @TempDir static Path tmp;
  static Path tiny;

  record Result(int code, String out) {}

  @BeforeAll
  static void buildTiny() throws IOException {
    assumeTrue(python3Available(), "python3 is not installed");
    tiny = tmp.resolve("tiny");
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs("--profile=" + TINY, "--output=" + tiny)
        .withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    assertTrue(TraceRun.run(o).shortfalls().isEmpty());
  }

  @Test
  void selfTestPasses() throws Exception {
    Result r = script("--self-test");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains(", 0 failures"), r.out());
  }

  @Test
  void aRealBuildMeetsEveryRuleCheckableConstraint() throws Exception {
    Result r = script(tiny.toString(), "--profile=" + TINY, "--details", "5");
    String out = r.out();
    assertTrue(count(out, "  y1\\|x1: (\\d+) constraint checks") > 0, out);
    assertTrue(count(out, "  y2\\|x2: (\\d+) constraint checks") > 0, out);
    assertTrue(count(out, "  y1\\|x2: \\d+ records, (\\d+) fail a changed constraint") > 0, out);
    assertTrue(count(out, "  y2\\|x1: \\d+ records, (\\d+) fail a changed constraint") > 0, out);
    assertEquals(0, count(out, "  y1\\|x2: .*?, (\\d+) violations"), out);
    assertEquals(0, count(out, "  y2\\|x1: .*?, (\\d+) violations"), out);
    assertEquals(0, count(out, "  text/params mismatches: (\\d+)"), out);
    assertEquals(0, count(out, "  unparsed constraints of a checker dimension: (\\d+)"), out);
    // Every violation of any kind is a real failure.
    List<String> violations = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^    (y[12]\\|x[12] .*): \\d+$").matcher(out);
    while (m.find()) {
      violations.add(m.group(1));
    }
    assertEquals(List.of(), violations, out);
    assertEquals(0, r.code(), out);
  }

  @Test
  void plantedCorruptionsAreFoundWithTheirKind() throws Exception {
    Path bad = tmp.resolve("corrupted");
    Files.createDirectories(bad);
    String shard = null;
    List<ObjectNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(tiny)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".jsonl.gz")) {
          continue;
        }
        if (shard == null && name.startsWith("train-")) {
          shard = name;
          records = read(f);
        } else {
          Files.copy(f, bad.resolve(name));
        }
      }
    }
    assertTrue(records.size() >= 3, "too few records in " + shard);

    // 1. y1 far below the word limit of its first constraint.
    ObjectNode shortY1 = records.get(0);
    constraint(shortY1, "x1", 0, "The answer must be between 120 and 200 words long.",
        "{\"metric\":\"words\",\"min\":120,\"max\":200}");
    shortY1.put("y1", "Far too short an answer.");
    // 2. Params that do not say what the text says.
    ObjectNode wrongParams = records.get(1);
    constraint(wrongParams, "x2", 0, "Write at least 12 complete sentences.", "{\"metric\":\"sentences\",\"min\":10}");
    // A checker dimension whose text says nothing this can read: listed, not a violation.
    constraint(wrongParams, "x1", 0, "hierarchy", "Write it as a limerick.", "{\"count\":3}");
    // 3. y1 replaced by y2, so y1 meets x2's changed constraints, all of them rule-checkable.
    ObjectNode meets = null;
    for (ObjectNode r : records.subList(2, records.size())) {
      if (r != shortY1 && r != wrongParams && changedAllRuleCheckable(r)) {
        meets = r;
        break;
      }
    }
    assertTrue(meets != null, "no record whose changed constraints are all rule-checkable");
    meets.put("y1", meets.path("y2").asText());
    write(bad.resolve(shard), records);

    Result r = script(bad.toString(), "--profile=" + TINY, "--details", "50");
    String out = r.out();
    assertEquals(1, r.code(), out);
    assertTrue(Pattern.compile("(?m)^      " + Pattern.quote(shortY1.path("id").asText())
        + " x1#1 'The answer must be between 120 and 200 words long\\.': 5 words, needs 120-200$").matcher(out).find(), out);
    assertTrue(out.contains("    y1|x1 fails numerical: "), out);
    assertTrue(out.contains("    text/params mismatch numerical.min: 1\n      " + wrongParams.path("id").asText()
        + " x2#1 'Write at least 12 complete sentences.': text says 12, params say 10\n"), out);
    assertTrue(out.contains("    unparsed hierarchy: 1\n      " + wrongParams.path("id").asText()
        + " x1#1: 'Write it as a limerick.'\n"), out);
    assertFalse(out.contains("y1|x1 fails hierarchy:"), out);
    assertTrue(out.contains("    y1|x2 meets every changed constraint: "), out);
    assertTrue(out.contains("\n      " + meets.path("id").asText() + " y1|x2: x2#"), out);
  }

  /** The light checks a ten-times corpus gets: counts, ids and exact duplicates from a few fields per record. */
  @Test
  void aSubsetOfChecksStillFindsAWrongCountAndAnExactDuplicate() throws Exception {
    Path bad = tmp.resolve("duplicated");
    Files.createDirectories(bad);
    ObjectNode copy = null;
    try (Stream<Path> files = Files.list(tiny)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (copy == null && name.startsWith("train-") && name.endsWith(".jsonl.gz")) {
          List<ObjectNode> records = read(f);
          // Differs from the first record only in case and punctuation: the same normalised x1.
          copy = records.get(0).deepCopy();
          copy.put("id", copy.path("id").asText() + "-copy");
          ObjectNode x1 = (ObjectNode) copy.path("x1");
          x1.put("description", x1.path("description").asText().toUpperCase(Locale.ROOT) + " !!");
          records.add(copy);
          write(bad.resolve(name), records);
        } else if (name.endsWith(".jsonl.gz")) {
          Files.copy(f, bad.resolve(name));
        }
      }
    }
    assertTrue(copy != null, "no train shard in " + tiny);
    String original = copy.path("id").asText().replace("-copy", "");

    Result r = script(bad.toString(), "--profile=" + TINY, "--checks", "counts,ids,exact");
    String out = r.out();
    assertEquals(1, r.code(), out);
    assertTrue(out.contains("not checked (--checks): near, overlap, constraints\n"), out);
    assertTrue(out.contains("  exact duplicate: " + original + " and " + copy.path("id").asText() + "\n"), out);
    assertTrue(Pattern.compile("(?m)^  train k=" + copy.path("x1").path("constraints").size()
        + ": \\d+ records, target \\d+$").matcher(out).find(), out);
    assertFalse(out.contains("near-duplicate pairs"), out);
    assertFalse(out.contains("constraint re-check"), out);

    Result unknown = script(bad.toString(), "--profile=" + TINY, "--checks", "counts,nearby");
    assertEquals(2, unknown.code(), unknown.out());
    assertTrue(unknown.out().contains("--checks takes a comma-separated subset of"), unknown.out());
  }

  @Test
  void verifyScriptAgreesWithTheJavaCheckersOnAllFourPairings() throws Exception {
    VerifierAgreement.Result r = VerifierAgreement.measure(
        VerifierAgreement.trainRecords(tiny), tiny.resolve("verifiable.jsonl"), tmp.resolve("verdicts.jsonl"));
    for (String pairing : VerifierAgreement.PAIRINGS) {
      assertTrue(r.checks(pairing) > 0, "no rule-checkable constraint in " + pairing);
    }
    // Both pass and fail verdicts are compared: the cross pairings fail some changed constraints.
    assertTrue(r.java().containsValue(true) && r.java().containsValue(false), r.java().toString());
    assertEquals(List.of(), r.disagreements());
  }

  /**
   * A verifiable.jsonl whose kwargs or response no longer say what the record says: the comparison
   * finds exactly the verdicts that changed.
   */
  @Test
  void aCorruptedKwargOrResponseIsADisagreement() throws Exception {
    List<String> lines = Files.readAllLines(tiny.resolve("verifiable.jsonl"), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    String keywordOf = null;
    int keywordAt = 0;
    String emptied = null;
    for (String line : lines) {
      ObjectNode v = (ObjectNode) Json.PLAIN.readTree(line);
      if (keywordOf == null && v.path("instruction").asText().equals("x1")) {
        for (JsonNode c : v.path("checks")) {
          if (c.path("func_name").asText().equals("tracegen:inclusion")) {
            ((ObjectNode) c.path("kwargs")).put("keyword", "zqxjvw");
            keywordOf = v.path("record_id").asText();
            keywordAt = c.path("index").asInt();
            break;
          }
        }
      } else if (emptied == null && v.path("instruction").asText().equals("x2") && v.path("checks").size() > 0
          && !v.path("record_id").asText().equals(keywordOf)) {
        v.put("response", "");
        emptied = v.path("record_id").asText();
      }
      out.add(Json.PLAIN.writeValueAsString(v));
    }
    assertTrue(keywordOf != null && emptied != null, "no inclusion check or no x2 with checks in the tiny build");
    Path bad = tmp.resolve("verifiable-corrupted.jsonl");
    Files.write(bad, out, StandardCharsets.UTF_8);

    VerifierAgreement.Result r = VerifierAgreement.measure(
        VerifierAgreement.trainRecords(tiny), bad, tmp.resolve("verdicts-corrupted.jsonl"));
    List<String> keys = r.disagreements().stream().map(d -> d.substring(0, d.indexOf(':'))).toList();
    // y1 mentions its own keyword, so the planted one fails where the Java checker passed.
    assertTrue(keys.contains(VerifierAgreement.key(keywordOf, "y1|x1", keywordAt)), r.disagreements().toString());
    // The empty y2 fails checks that the real y2 passed: on x2 and on the x1 constraints it met.
    String emptyY2 = emptied + " y2|";
    assertTrue(keys.stream().anyMatch(k -> k.startsWith(emptyY2 + "x2 ")), r.disagreements().toString());
    // Nothing else changed.
    String planted = keywordOf + " ";
    assertTrue(keys.stream().allMatch(k -> k.startsWith(planted) || k.startsWith(emptyY2)),
        r.disagreements().toString());
  }

  /**
   * The same comparison on any built corpus, for measuring: {@code -Dtracegen.verify.corpus=DIR}
   * (e.g. a smoke build); skipped without it.
   */
  @Test
  void verifyScriptAgreesOnAGivenCorpus() throws Exception {
    String dir = System.getProperty("tracegen.verify.corpus");
    assumeTrue(dir != null && !dir.isBlank(), "no -Dtracegen.verify.corpus");
    Path corpus = Path.of(dir);
    VerifierAgreement.Result r = VerifierAgreement.measure(
        VerifierAgreement.trainRecords(corpus), corpus.resolve("verifiable.jsonl"), tmp.resolve("verdicts-given.jsonl"));
    StringBuilder figures = new StringBuilder("verify.py vs the Java checkers on " + corpus + ":");
    for (String pairing : VerifierAgreement.PAIRINGS) {
      figures.append(' ').append(pairing).append(' ').append(r.checks(pairing));
    }
    figures.append("; ").append(r.java().size()).append(" rule-checkable constraints, ")
        .append(r.disagreements().size()).append(" disagreements");
    System.out.println(figures);
    assertEquals(List.of(), r.disagreements(), figures.toString());
  }

  /**
   * Whether every constraint of x2 listed in perturbation.changed has a checker dimension other than
   * hierarchy (the planted y1|x2 case needs a changed constraint whose verdict is easy to predict).
   */
  private static boolean changedAllRuleCheckable(JsonNode r) {
    JsonNode changed = r.path("perturbation").path("changed");
    if (changed.isEmpty()) {
      return false;
    }
    for (JsonNode i : changed) {
      String dim = r.path("x2").path("constraints").path(i.asInt() - 1).path("dimension").asText();
      if (!CHECKER_DIMENSIONS.contains(dim) || dim.equals("hierarchy")) {
        return false;
      }
    }
    return true;
  }

  private static void constraint(ObjectNode record, String x, int i, String text, String params) throws IOException {
    constraint(record, x, i, "numerical", text, params);
  }

  static void constraint(ObjectNode record, String x, int i, String dimension, String text, String params)
      throws IOException {
    ObjectNode c = (ObjectNode) ((ArrayNode) record.path(x).path("constraints")).get(i);
    c.put("dimension", dimension);
    c.put("type", "content");
    c.put("text", text);
    c.set("params", Json.PLAIN.readTree(params));
  }

  static List<ObjectNode> read(Path shard) throws IOException {
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

  static void write(Path shard, List<ObjectNode> records) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(shard))) {
      for (ObjectNode r : records) {
        out.write((Json.PLAIN.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** The integer captured by {@code regex}'s group 1 in {@code out}; fails when absent. */
  static int count(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(m.find(), "no line matching " + regex + " in:\n" + out);
    return Integer.parseInt(m.group(1));
  }

  static Result script(String... args) throws IOException, InterruptedException {
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

  static boolean python3Available() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
