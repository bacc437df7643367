package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.config.Profile;
import dev.tracegen.facts.WaveFacts;
import dev.tracegen.model.Json;
import dev.tracegen.model.TraceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke profile end to end on the embedded generator. */
class TracePipelineEndToEndTest {
  @TempDir static Path tmp;
  static Path smoke;
  static IndependentJudge judge;

  static final String OFFICIAL_EVAL = "src/test/resources/reference/trace/trace_eval_official.jsonl";

  static TraceRun.Outcome run(String... args) throws IOException {
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    return TraceRun.run(o);
  }

  @BeforeAll
  static void buildSmoke() throws IOException {
    smoke = tmp.resolve("smoke");
    run("--profile=pipeline/smoke.yaml", "--output=" + smoke);
    judge = new IndependentJudge();
  }

  @Test
  void meetsExactTargetsPerStratum() {
    Profile profile = Profile.load(Path.of("pipeline/smoke.yaml"));
    for (String split : List.of("train", "eval")) {
      List<TraceRecord> records = CorpusFiles.records(smoke, split);
      Map<Integer, Integer> counts = new TreeMap<>();
      records.forEach(r -> counts.merge(r.constraintsNum(), 1, Integer::sum));
      Map<Integer, Integer> want = new TreeMap<>(profile.stratumTargets(split));
      want.values().removeIf(v -> v == 0);
      assertEquals(want, counts, split);
      assertEquals(profile.targets().get(split).total(), records.size());
      records.forEach(r -> assertEquals(split, r.split()));
    }
  }

  @Test
  void everyQuadrupleHoldsWhenReverifiedIndependently() {
    List<TraceRecord> all = new ArrayList<>(CorpusFiles.records(smoke, "train"));
    all.addAll(CorpusFiles.records(smoke, "eval"));
    for (TraceRecord r : all) {
      assertTrue(judge.full(r.x1(), r.y1()), r.id() + ": y1 must be full on x1");
      assertTrue(judge.full(r.x2(), r.y2()), r.id() + ": y2 must be full on x2");
      assertFalse(judge.full(r.x2(), r.y1()), r.id() + ": y1 must not be full on x2");
      assertFalse(judge.full(r.x1(), r.y2()), r.id() + ": y2 must not be full on x1");
      assertEquals(r.x1().description(), r.x2().description());
      assertEquals(r.x1().input(), r.x2().input());
    }
  }

  @Test
  void recordsFollowTheDesignLayout() throws IOException {
    Set<String> keys = Set.of("id", "seed_id", "split", "x1", "y1", "x2", "y2", "perturbation", "judgements",
        "constraints_num", "lineage");
    Set<String> ids = new HashSet<>();
    Set<String> trainSeeds = new HashSet<>();
    Set<String> evalSeeds = new HashSet<>();
    for (String split : List.of("train", "eval")) {
      for (String line : CorpusFiles.shardLines(smoke, split)) {
        JsonNode n = Json.PLAIN.readTree(line);
        assertEquals(keys, fieldNames(n));
        assertTrue(ids.add(n.get("id").asText()), "duplicate id " + n.get("id"));
        for (String x : List.of("x1", "x2")) {
          assertEquals(Set.of("description", "constraints", "input"), fieldNames(n.get(x)));
          for (JsonNode c : n.get(x).get("constraints")) {
            assertEquals(Set.of("id", "type", "dimension", "text", "params"), fieldNames(c));
            assertTrue(judge.taxonomy.has(c.get("dimension").asText()));
          }
        }
        assertEquals(Set.of("y1|x1", "y2|x2", "y1|x2", "y2|x1"), fieldNames(n.get("judgements")));
        for (JsonNode j : n.get("judgements")) {
          assertEquals(Set.of("scores", "overall"), fieldNames(j));
          j.get("scores").forEach(s -> {
            // judge_score appears only on a checker verdict of the judge-calibration sample.
            Set<String> scoreKeys = new java.util.HashSet<>(fieldNames(s));
            if (scoreKeys.remove("judge_score")) {
              assertTrue(s.get("method").asText().startsWith("checker:"), s.toString());
              assertTrue(s.get("judge_score").asInt(-1) >= 0 && s.get("judge_score").asInt(-1) <= 10, s.toString());
            }
            assertEquals(Set.of("constraint", "score", "method", "reason"), scoreKeys);
          });
        }
        assertEquals(Set.of("op", "changed", "removed"), fieldNames(n.get("perturbation")));
        assertTrue(Set.of("ADD", "DELETE", "REVISE").contains(n.get("perturbation").get("op").asText()));
        assertEquals(Set.of("generator", "judge", "prompt_hashes", "attempts", "spend"), fieldNames(n.get("lineage")));
        int k = n.get("constraints_num").asInt();
        assertEquals(k, n.get("x1").get("constraints").size());
        assertTrue(k >= 1 && k <= 15);
        (split.equals("train") ? trainSeeds : evalSeeds).add(n.get("seed_id").asText());
      }
    }
    trainSeeds.retainAll(evalSeeds);
    assertEquals(Set.of(), trainSeeds, "seeds in both splits");
  }

  @Test
  void traceEvalViewHasTheOfficialKeysAndTypes() throws IOException {
    JsonNode official = Json.PLAIN.readTree(Files.readAllLines(
        Path.of("src/test/resources/reference/trace/trace_eval_official.jsonl"), StandardCharsets.UTF_8).get(0));
    List<JsonNode> rows = CorpusFiles.jsonLines(smoke.resolve("trace_eval.jsonl"));
    assertEquals(40, rows.size());
    for (JsonNode row : rows) {
      assertEquals(new ArrayList<>(fieldNamesOrdered(official)), new ArrayList<>(fieldNamesOrdered(row)));
      for (String key : fieldNamesOrdered(official)) {
        assertEquals(official.get(key).getNodeType(), row.get(key).getNodeType(), key);
      }
      assertEquals(row.get("constraints_num").asInt(), row.get("levels2").size());
      assertEquals(row.get("constraints_num").asInt(), row.get("constraints_splits").size());
    }
  }

  @Test
  void iopoViewMatchesTheOfficialSampleAndDatasetInfo() throws IOException {
    JsonNode sample = Json.PLAIN.readTree(Path.of("src/test/resources/reference/trace/iopo_sample_official.json").toFile()).get(0);
    JsonNode info = Json.PLAIN.readTree(Path.of("src/test/resources/reference/trace/iopo_dataset_info_official.json").toFile());
    JsonNode ours = Json.PLAIN.readTree(smoke.resolve("iopo.json").toFile());
    assertEquals(300, ours.size());
    for (JsonNode r : ours) {
      assertEquals(fieldNames(sample), fieldNames(r));
      assertEquals(2, r.get("conversations").size());
      r.get("conversations").forEach(m -> assertEquals("human", m.get("from").asText()));
      assertEquals("gpt", r.get("chosen").get("from").asText());
      assertEquals("gpt", r.get("rejected").get("from").asText());
    }
    JsonNode ourInfo = Json.PLAIN.readTree(smoke.resolve("dataset_info.json").toFile());
    JsonNode entry = ourInfo.get("tracegen_iopo");
    JsonNode officialEntry = info.elements().next();
    assertEquals(officialEntry.get("columns"), entry.get("columns"));
    assertEquals(officialEntry.get("ranking"), entry.get("ranking"));
    assertEquals(officialEntry.get("formatting"), entry.get("formatting"));
    assertTrue(Files.exists(smoke.resolve(entry.get("file_name").asText())));
  }

  @Test
  void theSameCommandTwiceGivesByteIdenticalOutputs() throws IOException {
    Path again = tmp.resolve("smoke-again");
    run("--profile=pipeline/smoke.yaml", "--output=" + again);
    // run.json and report.html carry run-specific numbers (wall time, LLM calls and cache hits).
    Map<String, byte[]> a = CorpusFiles.tree(smoke, "run.json", "report.html");
    Map<String, byte[]> b = CorpusFiles.tree(again, "run.json", "report.html");
    assertEquals(a.keySet(), b.keySet());
    a.forEach((name, bytes) -> assertArrayEquals(bytes, b.get(name), name));
  }

  @Test
  void withTwentyPercentNonComplianceTargetsHoldAndRejectionsAccountForEveryPlan() throws IOException {
    Path out = tmp.resolve("noncompliant");
    // A profile that names a reference eval set: the report compares with it without --reference.
    Path withReference = tmp.resolve("smoke-with-reference.yaml");
    Files.writeString(withReference, Files.readString(Path.of("pipeline/smoke.yaml"))
        + "\nreference: " + OFFICIAL_EVAL + "\n");
    TraceRun.Outcome outcome = run("--profile=" + withReference, "--output=" + out, "--nonCompliance=0.2",
        "--malformed=0.05", "--overgeneration=2.5", "--revisions=0");
    assertEquals(List.of(), outcome.shortfalls());
    assertEquals(OFFICIAL_EVAL, Json.PLAIN.readTree(out.resolve("run.json").toFile()).path("options").path("reference")
        .asText());
    assertTrue(Files.readString(out.resolve("report.html")).contains("against trace_eval_official.jsonl"),
        "the report's charts compare with the profile's reference");
    assertEquals(300, CorpusFiles.records(out, "train").size());
    assertEquals(40, CorpusFiles.records(out, "eval").size());
    Profile profile = Profile.load(Path.of("pipeline/smoke.yaml")).withOvergeneration(2.5);
    int planned = 0;
    for (String split : List.of("train", "eval")) {
      for (Map.Entry<Integer, Integer> e : profile.stratumTargets(split).entrySet()) {
        planned += profile.plannedCount(e.getKey(), e.getValue());
      }
    }
    Map<String, Integer> byStage = new TreeMap<>();
    Set<String> rejectedIds = new HashSet<>();
    try (var files = Files.list(out.resolve("rejections"))) {
      for (Path f : files.toList()) {
        for (JsonNode r : CorpusFiles.jsonLines(f)) {
          byStage.merge(r.get("stage").asText() + ":" + r.get("reason").asText().replaceAll(":.*", ""), 1, Integer::sum);
          assertTrue(rejectedIds.add(r.get("id").asText()), "rejected twice: " + r.get("id"));
          assertFalse(r.get("reason").asText().isBlank());
        }
      }
    }
    assertTrue(byStage.keySet().stream().anyMatch(k -> k.startsWith("judge_y1:y1_not_full")), byStage.toString());
    assertEquals(planned, 340 + rejectedIds.size(), "kept + rejected must equal planned; rejections " + byStage);
  }

  @Test
  void adaptiveWavesMeetTheTargetsOfAModelThatFailsOftenWithLittleSurplus() throws IOException {
    Path out = tmp.resolve("waves");
    TraceRun.Outcome outcome = run("--profile=pipeline/smoke.yaml", "--output=" + out, "--nonCompliance=0.3");
    assertEquals(List.of(), outcome.shortfalls());
    assertEquals(300, CorpusFiles.records(out, "train").size());
    assertEquals(40, CorpusFiles.records(out, "eval").size());
    WaveFacts waves = outcome.run().waves();
    assertEquals("adaptive", waves.planning());
    // Eval first; the first wave of each split plans exactly its targets (prior yield 1), and a
    // model that fails 30 % of the time needs top-ups after it.
    assertEquals("eval", waves.waves().get(0).phase());
    assertEquals(40, waves.waves().get(0).plans());
    WaveFacts.Wave firstTrain = waves.waves().stream().filter(w -> w.phase().equals("train")).findFirst().orElseThrow();
    assertEquals(300, firstTrain.plans());
    // At least one top-up wave after the first eval and the first train wave.
    assertTrue(waves.waves().size() >= 3, "waves " + waves.waves());
    long planned = waves.waves().stream().mapToLong(WaveFacts.Wave::plans).sum();
    assertEquals(planned, outcome.run().planned());
    Map<String, Integer> byStage = new TreeMap<>();
    Set<String> rejectedIds = new HashSet<>();
    try (var files = Files.list(out.resolve("rejections"))) {
      for (Path f : files.toList()) {
        for (JsonNode r : CorpusFiles.jsonLines(f)) {
          byStage.merge(r.get("stage").asText(), 1, Integer::sum);
          assertTrue(rejectedIds.add(r.get("id").asText()), "rejected twice (a plan made twice?): " + r.get("id"));
        }
      }
    }
    assertEquals(planned, 340 + rejectedIds.size(), "kept + rejected must equal planned; rejections " + byStage);
    // Surplus is what the top-ups planned beyond the need. At this scale their per-stratum margins
    // (two sigmas each for ten small strata, at a yield near one half) dominate, so the bound is
    // loose; on the full profile the surplus is a few tenths of a percent.
    int surplus = byStage.getOrDefault("select", 0);
    assertTrue(surplus <= 170, "surplus " + surplus + " of 340; rejections " + byStage);
  }

  private static Set<String> fieldNames(JsonNode n) {
    Set<String> out = new HashSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> fieldNamesOrdered(JsonNode n) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }
}
