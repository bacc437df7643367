package dev.tracegen.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.dedup.Decision;
import dev.tracegen.dedup.DeduplicateRecords;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.report.DatasetCard;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupStatsTest {
  private static void write(Path dir, String stage, Rejection... rs) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Rejection r : rs) {
      b.append(Json.write(r)).append('\n');
    }
    Files.writeString(dir.resolve(stage + ".jsonl"), b.toString());
  }

  private static Rejection of(Decision d) {
    return DeduplicateRecords.rejection(d, "{}");
  }

  @Test
  void ratesClusterSizesAndDecontaminationFromRejectionFiles(@TempDir Path dir) throws IOException {
    write(dir, "dedup",
        of(new Decision("t2", "train", "near", "t1", 3, "t1", "train", "t1", 0.9)),
        of(new Decision("t3", "train", "near", "t1", 3, "t1", "train", "t2", 0.85)),
        of(new Decision("t5", "train", "exact", "t4", 2, "t4", "train", "t4", 1.0)));
    write(dir, "split", of(new Decision("t7", "train", "near", "e1", 2, "e1", "eval", "e1", 0.95)));
    write(dir, "decontaminate", new Rejection("decontaminate", "ngram_overlap_eval", "t8", "shares ...", "{}"),
        new Rejection("decontaminate", "ngram_overlap_external", "t9", "shares ...", "{}"));
    write(dir, "select", new Rejection("select", "surplus", "t10", "stratum train.3 is full", ""),
        new Rejection("select", "surplus", "e9", "stratum eval.3 is full", ""));
    write(dir, "judge_y1", new Rejection("judge_y1", "y1_not_full", "p1", "", "{}"));

    DedupStats s = DedupStats.compute(dir.toString(), Map.of("train", 80L, "eval", 10L));
    assertEquals(98L, s.input()); // 90 published + 8 rejected at or after dedup
    assertEquals(Map.of("exact_duplicate", 1L, "near_duplicate", 2L, "semantic_duplicate", 0L,
        "cluster_straddles_split", 1L), s.removed());
    assertEquals(Map.of("exact", Map.of("2", 1L), "near", Map.of("2", 1L, "3", 1L), "semantic", Map.of()),
        s.clusterSizes());
    DedupStats.Decontamination d = s.decontamination();
    assertEquals(83L, d.input()); // 80 published train + 1 train surplus + 2 dropped
    assertEquals(1L, d.ngramOverlapEval());
    assertEquals(1L, d.ngramOverlapExternal());
    CorpusStats stats = CorpusStats.EMPTY;
    String card = DatasetCard.render(Stages.TRACE, new CorpusStats(stats.records(), null, null, null, null, null,
        null, null, null, null, null, s, null, null), null);
    assertTrue(card.contains("| near_duplicate | 2 |"), card);
    assertTrue(card.contains("| near | 2: 1, 3: 1 |"), card);
    assertFalse(DatasetCard.render(Stages.TRACE, CorpusStats.EMPTY, null).contains("Deduplication"));
    assertEquals(List.of("exact", "near", "semantic"), DedupStats.KINDS);
  }
}
