package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
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
    Map<String, Object> stats = CorpusStats.compute(corpus(dir));
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
            "dedup"),
        new ArrayList<>(stats.keySet()));
    // 4 records x 4 pairings: y1|x1 and y2|x2 by the LLM, the cross pairings by a checker, each put
    // to the judge as well, which agreed on y1|x2 only (constraint k of x2 / x1; see Fixtures).
    Map<?, ?> judge = (Map<?, ?>) stats.get("judge");
    assertEquals(Map.of("checker", 8L, "llm", 8L), judge.get("verdicts_by_method"));
    Map<?, ?> calibration = (Map<?, ?>) judge.get("calibration");
    assertEquals(8L, calibration.get("asked"));
    assertEquals(4L, calibration.get("agreed"));
    assertEquals(0.5, calibration.get("agreement"));
    // The fixtures describe each topic in English and Chinese ("主题").
    assertEquals(Map.of("train", Map.of("en", 3L, "zh", 3L), "eval", Map.of("en", 1L, "zh", 1L)), stats.get("languages"));

    assertEquals(Map.of("train", 3L, "eval", 1L), stats.get("records"));
    assertEquals(
        List.of("train", "eval"), new ArrayList<>(((Map<?, ?>) stats.get("records")).keySet()));
    assertEquals(Map.of("train", 2L, "eval", 1L), stats.get("shards"));

    Map<?, ?> trainHist = (Map<?, ?>) ((Map<?, ?>) stats.get("constraints_histogram")).get("train");
    assertEquals(15, trainHist.size());
    assertEquals(2L, trainHist.get("2"));
    assertEquals(1L, trainHist.get("3"));
    assertEquals(0L, trainHist.get("1"));
    assertEquals(0L, trainHist.get("15"));
    Map<?, ?> evalHist = (Map<?, ?>) ((Map<?, ?>) stats.get("constraints_histogram")).get("eval");
    assertEquals(1L, evalHist.get("1"));

    assertEquals(Map.of("train", 2.3333, "eval", 1.0), stats.get("constraints_mean"));

    // Fixtures: constraint j of record i has dimension DIMENSIONS[(i + j) % 6].
    // train: i=1 -> numerical, tone_style; i=2 -> tone_style, output_format, role_playing;
    //        i=4 -> role_playing, positive_example.
    Map<?, ?> trainDims = (Map<?, ?>) ((Map<?, ?>) stats.get("dimensions")).get("train");
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
        ((Map<?, ?>) stats.get("types")).get("train"));
    assertEquals(Map.of("inclusion", 1L), ((Map<?, ?>) stats.get("dimensions")).get("eval"));

    // Fixtures: op = OPS[i % 3]: i=1 DELETE, i=2 REVISE, i=4 DELETE; eval i=0 ADD.
    assertEquals(
        Map.of("DELETE", 2L, "REVISE", 1L),
        ((Map<?, ?>) stats.get("perturbation_ops")).get("train"));
    assertEquals(Map.of("ADD", 1L), ((Map<?, ?>) stats.get("perturbation_ops")).get("eval"));

    // y1 = "Answer one for record i with some words" + " more" * (i % 5): 8 + i % 5 words;
    // y2 = "Answer two for record i here": 6 words.
    Map<?, ?> words = (Map<?, ?>) ((Map<?, ?>) stats.get("words_mean")).get("train");
    assertEquals((9 + 10 + 12) / 3.0, (double) words.get("y1"), 1e-4);
    assertEquals(6.0, words.get("y2"));

    Map<?, ?> rejections = (Map<?, ?>) stats.get("rejections");
    assertEquals(3L, rejections.get("total"));
    assertEquals(Map.of("judge", 1L, "quality", 2L), rejections.get("by_stage"));
    assertEquals(
        Map.of(
            "judge", Map.of("not_full", 1L), "quality", Map.of("incomplete", 1L, "redundant", 1L)),
        rejections.get("by_stage_reason"));
  }

  @Test
  void recomputationIsEqualAndWritesSameBytes(@TempDir Path dir, @TempDir Path out)
      throws IOException {
    corpus(dir);
    Map<String, Object> first = CorpusStats.compute(dir);
    Map<String, Object> second = CorpusStats.compute(dir);
    assertEquals(first, second);
    CorpusStats.write(out.resolve("a.json"), first);
    CorpusStats.write(out.resolve("b.json"), second);
    byte[] a = Files.readAllBytes(out.resolve("a.json"));
    assertArrayEquals(a, Files.readAllBytes(out.resolve("b.json")));
    JsonNode parsed = Json.PLAIN.readTree(a);
    assertEquals(3, parsed.at("/records/train").asInt());
    assertEquals(2.3333, parsed.at("/constraints_mean/train").asDouble(), 1e-9);
  }

  @Test
  void emptyDirectoryGivesZeros(@TempDir Path dir) {
    Map<String, Object> stats = CorpusStats.compute(dir);
    assertEquals(Map.of("train", 0L, "eval", 0L), stats.get("records"));
    assertEquals(0L, ((Map<?, ?>) stats.get("rejections")).get("total"));
  }

  @Test
  void wordsCountsWhitespaceSeparatedTokens() {
    assertEquals(0, CorpusStats.words(null));
    assertEquals(0, CorpusStats.words("  \n "));
    assertEquals(3, CorpusStats.words(" one  two\nthree "));
  }
}
