package dev.tracegen.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import dev.tracegen.export.Fixtures;
import dev.tracegen.export.ReportFiles;
import dev.tracegen.model.Json;
import dev.tracegen.model.Lineage;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Spend;
import dev.tracegen.model.TraceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code waste} section of stats.json from the files alone: shipped records' {@code
 * lineage.spend}, rejections' own spend, and for records dropped after Quadruple the spend in the
 * lineage of the record they carry.
 */
public class WasteStatsTest {
  static final Spend.Step EXPAND = new Spend.Step(1, 100, 40);
  static final Spend.Step STRUCTURE = new Spend.Step(2, 300, 60);
  static final Spend.Step JUDGE = new Spend.Step(1, 50, 10);

  static TraceRecord record(int i, String split, Spend spend) {
    TraceRecord r = Fixtures.record(i, split, 2, false);
    Lineage l = r.lineage();
    // What this run read from the cache must not reach a file.
    Spend cached = new Spend(Map.of("expand", EXPAND));
    return new TraceRecord(r.id(), r.seedId(), r.split(), r.x1(), r.y1(), r.x2(), r.y2(), r.perturbation(),
        r.judgements(), r.constraintsNum(), new Lineage(l.generator(), l.judge(), l.promptHashes(), l.attempts(), spend,
            cached));
  }

  static Spend full() {
    return new Spend(Map.of("expand", EXPAND, "structure", STRUCTURE, "judge_y1", JUDGE));
  }

  public static Path corpus(Path dir) throws IOException {
    writeShard(dir.resolve("train-00000-of-00001.jsonl.gz"), List.of(record(1, "train", full()), record(2, "train", full())));
    writeShard(dir.resolve("eval-00000-of-00001.jsonl.gz"), List.of(record(3, "eval", full())));
    Path rej = Files.createDirectories(dir.resolve("rejections"));
    // Dropped at judge_y1: expand, structure and the judge call that dropped it.
    Files.writeString(rej.resolve("judge_y1.jsonl"), Json.write(new Rejection("judge_y1", "y1_not_full:x", "p1", "d", "{}",
        full())) + "\n");
    // Dropped by quality's rules before any quality call: what expand and structure cost.
    Files.writeString(rej.resolve("quality.jsonl"), Json.write(new Rejection("quality", "incomplete", "p2", "d", "{}",
        new Spend(Map.of("expand", EXPAND, "structure", STRUCTURE)))) + "\n");
    // Dedup writes the record, whose lineage holds the spend.
    Files.writeString(rej.resolve("dedup.jsonl"), Json.write(new Rejection("dedup", "exact_duplicate", "rec-004", "d",
        Json.write(record(4, "train", full())))) + "\n");
    // Select writes no record, only the spend.
    Files.writeString(rej.resolve("select.jsonl"), Json.write(new Rejection("select", "surplus", "rec-005", "d", "")
        .withSpend(full())) + "\n");
    // A seed line cost nothing.
    Files.writeString(rej.resolve("read_seeds.jsonl"), Json.write(new Rejection("read_seeds", "empty", "s:1", "d",
        "{\"lineage\": 3}")) + "\n");
    return dir;
  }

  static void writeShard(Path file, List<TraceRecord> records) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (TraceRecord r : records) {
        out.write((Json.write(r) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void shippedAgainstNotShippedPerStepAndPerStageOfLoss(@TempDir Path dir) throws IOException {
    Waste w = CorpusStats.compute(corpus(dir).toString()).waste();
    // 3 shipped records of 4 requests each; 3 dropped ones of 4 and one of 3.
    assertEquals(new Spend.Step(12, 1350, 330), w.shipped());
    assertEquals(new Spend.Step(15, 1750, 430), w.notShipped());
    assertEquals(new Waste.Share(0.5556, 0.5648), w.notShippedShare());
    assertEquals(List.of("expand", "structure", "judge_y1"), List.copyOf(w.byStep().keySet()), "pipeline order");
    assertEquals(Waste.Part.of(new Spend.Step(3, 300, 120), new Spend.Step(4, 400, 160)), w.byStep().get("expand"));
    assertEquals(Waste.Part.of(new Spend.Step(3, 150, 30), new Spend.Step(3, 150, 30)), w.byStep().get("judge_y1"));
    assertEquals(0.5, w.byStep().get("judge_y1").notShippedShare().requests());
    assertEquals(List.of("quality", "judge_y1", "dedup", "select"), List.copyOf(w.byStage().keySet()),
        "stages of loss in pipeline order; the seed line cost nothing");
    assertEquals(new Waste.Loss(1, 3, 400, 100, new Waste.Share(0.1111, 0.1295)), w.byStage().get("quality"));
    assertEquals(new Waste.Loss(1, 4, 450, 110, new Waste.Share(0.1481, 0.1451)), w.byStage().get("dedup"));
    assertEquals(w.byStage().get("dedup"), w.byStage().get("select"));
    long lost = w.byStage().values().stream().mapToLong(Waste.Loss::requests).sum();
    assertEquals(w.notShipped().requests(), lost, "every lost request has its stage of loss");
  }

  @Test
  void theSectionIsLastInStatsJsonSnakeCaseAndTheSameOnEveryScan(@TempDir Path dir) throws IOException {
    String first = ReportFiles.statsJson(CorpusStats.compute(corpus(dir).toString()));
    assertEquals(first, ReportFiles.statsJson(CorpusStats.compute(dir.toString())));
    JsonNode json = Json.PLAIN.readTree(first);
    List<String> keys = ImmutableList.copyOf(json.fieldNames());
    assertEquals("waste", keys.get(keys.size() - 1));
    JsonNode w = json.get("waste");
    assertEquals(List.of("shipped", "not_shipped", "not_shipped_share", "by_step", "by_stage"),
        ImmutableList.copyOf(w.fieldNames()));
    assertEquals(List.of("requests", "tokens_in", "tokens_out"), ImmutableList.copyOf(w.get("shipped").fieldNames()));
    assertEquals(List.of("records", "requests", "tokens_in", "tokens_out", "share"),
        ImmutableList.copyOf(w.get("by_stage").get("judge_y1").fieldNames()));
    assertEquals(12, w.at("/shipped/requests").asLong());
    assertEquals(0.5556, w.at("/not_shipped_share/requests").asDouble());
    // It reads back into the same section (the report and the card read stats.json).
    assertEquals(CorpusStats.compute(dir.toString()).waste(), Json.PLAIN.readValue(first, CorpusStats.class).waste());
  }

  @Test
  void filesHoldTheSpendButNeverWhatThisRunReadFromTheCache(@TempDir Path dir) throws IOException {
    TraceRecord r = record(1, "train", full());
    JsonNode lineage = Json.MAPPER.readTree(Json.write(r)).get("lineage");
    assertEquals(List.of("generator", "judge", "prompt_hashes", "attempts", "spend"),
        ImmutableList.copyOf(lineage.fieldNames()));
    assertEquals(2, lineage.at("/spend/structure/requests").asLong());
    assertEquals(300, lineage.at("/spend/structure/tokens_in").asLong());
    assertFalse(Json.write(r).contains("cached"));
    TraceRecord back = Json.read(Json.write(r), TraceRecord.class);
    assertEquals(full(), back.lineage().spend());
    assertEquals(Spend.NONE, back.lineage().cached());
  }

  @Test
  void aRejectionWithoutSpendHasNoSpendKey() {
    String json = Json.write(new Rejection("plan", "infeasible", "p", "d", ""));
    assertFalse(json.contains("spend"), json);
    assertNull(Json.read(json, Rejection.class).spend());
    Rejection withSpend = new Rejection("judge_y1", "r", "p", "d", "{}", full());
    assertEquals(withSpend, Json.read(Json.write(withSpend), Rejection.class));
    assertTrue(Json.write(withSpend).endsWith("\"spend\":{\"expand\":{\"requests\":1,\"tokens_in\":100,\"tokens_out\":40},"
        + "\"judge_y1\":{\"requests\":1,\"tokens_in\":50,\"tokens_out\":10},"
        + "\"structure\":{\"requests\":2,\"tokens_in\":300,\"tokens_out\":60}}}"), Json.write(withSpend));
  }

  @Test
  void aCorpusWrittenBeforeSpendsWereKeptHasNoSection(@TempDir Path dir) throws IOException {
    TraceRecord r = Fixtures.record(1, "train", 2, false);
    TraceRecord old = new TraceRecord(r.id(), r.seedId(), r.split(), r.x1(), r.y1(), r.x2(), r.y2(), r.perturbation(),
        r.judgements(), r.constraintsNum(), new Lineage("g", "j", Map.of(), 3, null));
    writeShard(dir.resolve("train-00000-of-00001.jsonl.gz"), List.of(old));
    CorpusStats stats = CorpusStats.compute(dir.toString());
    assertNull(stats.waste());
    assertFalse(ReportFiles.statsJson(stats).contains("waste"));
  }
}
