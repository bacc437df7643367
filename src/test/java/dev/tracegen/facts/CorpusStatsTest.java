package dev.tracegen.facts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import dev.tracegen.export.Fixtures;
import dev.tracegen.export.ReportFiles;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusStatsTest {

  /** Three train records (k = 2, 3, 2 over two shards), one eval record (k = 1), 3 rejections. */
  private static Path corpus(Path dir) throws IOException {
    TraceRecord t1 = Fixtures.record(1, "train", 2, false);
    TraceRecord t2 = Fixtures.record(2, "train", 3, true);
    TraceRecord t4 = Fixtures.record(4, "train", 2, false);
    TraceRecord e0 = Fixtures.record(0, "eval", 1, false);
    writeShard(dir.resolve("train-00000-of-00002.jsonl.gz"), List.of(t1, t2));
    writeShard(dir.resolve("train-00001-of-00002.jsonl.gz"), List.of(t4));
    writeShard(dir.resolve("eval-00000-of-00001.jsonl.gz"), List.of(e0));
    Files.writeString(dir.resolve("iopo.json"), "[]"); // not a shard: ignored
    Path rej = Files.createDirectories(dir.resolve("rejections"));
    Files.writeString(
        rej.resolve("quality.jsonl"),
        Json.write(new Rejection("quality", "redundant", "x", "d", "{}"))
            + "\n"
            + Json.write(new Rejection("quality", "incomplete", "y", "d", "{}"))
            + "\n");
    Files.writeString(
        rej.resolve("judge.jsonl"),
        Json.write(new Rejection("judge", "not_full", "z", "d", "{}")) + "\n");
    return dir;
  }

  private static void writeShard(Path file, List<TraceRecord> records) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (TraceRecord r : records) {
        out.write((Json.write(r) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void countsAreRight(@TempDir Path dir) throws IOException {
    CorpusStats stats = CorpusStats.compute(corpus(dir).toString());
    JsonNode json = Json.PLAIN.readTree(ReportFiles.statsJson(stats));
    assertEquals(
        List.of(
            "records",
            "shards",
            "constraints_histogram",
            "constraints_mean",
            "dimensions",
            "types",
            "perturbation_ops",
            "words_mean",
            "languages",
            "rejections",
            "judge",
            "dedup",
            "waste"),
        ImmutableList.copyOf(json.fieldNames()), "stats.json keeps its sections in this order");
    // 4 records x 4 pairings: y1|x1 and y2|x2 by the LLM, the cross pairings by a checker, each put
    // to the judge as well, which agreed on y1|x2 only (constraint k of x2 / x1; see Fixtures).
    assertEquals(Map.of("checker", 8L, "llm", 8L), stats.judge().verdictsByMethod());
    CorpusStats.Calibration calibration = stats.judge().calibration();
    assertEquals(8L, calibration.asked());
    assertEquals(4L, calibration.agreed());
    assertEquals(0.5, calibration.agreement());
    // The fixtures describe each topic in English and Chinese ("主题").
    assertEquals(Map.of("train", Map.of("en", 3L, "zh", 3L), "eval", Map.of("en", 1L, "zh", 1L)), stats.languages());

    assertEquals(Map.of("train", 3L, "eval", 1L), stats.records());
    assertEquals(List.of("train", "eval"), new ArrayList<>(stats.records().keySet()));
    assertEquals(Map.of("train", 2L, "eval", 1L), stats.shards());

    Map<String, Long> trainHist = stats.constraintsHistogram().get("train");
    assertEquals(15, trainHist.size());
    assertEquals(2L, trainHist.get("2"));
    assertEquals(1L, trainHist.get("3"));
    assertEquals(0L, trainHist.get("1"));
    assertEquals(0L, trainHist.get("15"));
    Map<String, Long> evalHist = stats.constraintsHistogram().get("eval");
    assertEquals(1L, evalHist.get("1"));

    assertEquals(Map.of("train", 2.3333, "eval", 1.0), stats.constraintsMean());

    // Fixtures: constraint j of record i has dimension DIMENSIONS[(i + j) % 6].
    // train: i=1 -> numerical, tone_style; i=2 -> tone_style, output_format, role_playing;
    //        i=4 -> role_playing, positive_example.
    Map<String, Long> trainDims = stats.dimensions().get("train");
    assertEquals(
        Map.of(
            "numerical",
            1L,
            "tone_style",
            2L,
            "output_format",
            1L,
            "role_playing",
            2L,
            "positive_example",
            1L),
        trainDims);
    assertEquals(
        Map.of("content", 1L, "style", 2L, "format", 1L, "situation", 2L, "example", 1L),
        stats.types().get("train"));
    assertEquals(Map.of("inclusion", 1L), stats.dimensions().get("eval"));

    // Fixtures: op = OPS[i % 3]: i=1 DELETE, i=2 REVISE, i=4 DELETE; eval i=0 ADD.
    assertEquals(
        Map.of("DELETE", 2L, "REVISE", 1L),
        stats.perturbationOps().get("train"));
    assertEquals(Map.of("ADD", 1L), stats.perturbationOps().get("eval"));

    // y1 = "Answer one for record i with some words" + " more" * (i % 5): 8 + i % 5 words;
    // y2 = "Answer two for record i here": 6 words.
    CorpusStats.Words words = stats.wordsMean().get("train");
    assertEquals((9 + 10 + 12) / 3.0, words.y1(), 1e-4);
    assertEquals(6.0, words.y2());

    CorpusStats.Rejections rejections = stats.rejections();
    assertEquals(3L, rejections.total());
    assertEquals(Map.of("judge", 1L, "quality", 2L), rejections.byStage());
    assertEquals(
        Map.of(
            "judge", Map.of("not_full", 1L), "quality", Map.of("incomplete", 1L, "redundant", 1L)),
        rejections.byStageReason());
  }

  @Test
  void recomputationIsEqualAndWritesSameBytes(@TempDir Path dir, @TempDir Path out)
      throws IOException {
    corpus(dir);
    CorpusStats first = CorpusStats.compute(dir.toString());
    CorpusStats second = CorpusStats.compute(dir.toString());
    assertEquals(first, second);
    Files.createDirectories(out.resolve("a"));
    Files.createDirectories(out.resolve("b"));
    byte[] a = Files.readAllBytes(Path.of(ReportFiles.writeStats(out.resolve("a").toString(), first)));
    assertArrayEquals(a, Files.readAllBytes(Path.of(ReportFiles.writeStats(out.resolve("b").toString(), second))));
    JsonNode parsed = Json.PLAIN.readTree(a);
    assertEquals(3, parsed.at("/records/train").asInt());
    assertEquals(2.3333, parsed.at("/constraints_mean/train").asDouble(), 1e-9);
  }

  @Test
  void emptyDirectoryGivesZeros(@TempDir Path dir) {
    CorpusStats stats = CorpusStats.compute(dir.toString());
    assertEquals(Map.of("train", 0L, "eval", 0L), stats.records());
    assertEquals(0L, stats.rejections().total());
  }

  @Test
  void wordsCountsWhitespaceSeparatedTokens() {
    assertEquals(0, CorpusScan.words(null));
    assertEquals(0, CorpusScan.words("  \n "));
    assertEquals(3, CorpusScan.words(" one  two\nthree "));
  }
}
