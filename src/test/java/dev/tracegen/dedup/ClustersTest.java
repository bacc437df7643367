package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClustersTest {
  @Test
  void survivorIsTheSmallestIdWithoutEval() {
    List<Decision> d = Clusters.decide("near", List.of(
        new Member("c", "train-3", "train", "train-1", 0.9),
        new Member("c", "train-1", "train", "train-3", 0.9),
        new Member("c", "train-2", "train", "train-1", 0.85)));
    assertEquals(List.of("train-2", "train-3"), d.stream().map(Decision::id).toList());
    d.forEach(x -> assertEquals("train-1", x.survivor()));
    d.forEach(x -> assertEquals(3, x.clusterSize()));
    d.forEach(x -> assertFalse(x.straddles()));
  }

  @Test
  void aClusterWithAnEvalMemberKeepsTheEvalMemberAndDropsTrainAsStraddling() {
    List<Decision> d = Clusters.decide("near", List.of(
        new Member("", "a-train", "train", "z-eval", 0.9),
        new Member("", "z-eval", "eval", "a-train", 0.9),
        new Member("", "y-eval", "eval", "z-eval", 0.95)));
    assertEquals("y-eval", d.get(0).survivor());
    assertEquals("a-train", d.get(0).cluster());
    Rejection evalDup = DeduplicateRecords.rejection(d.stream().filter(x -> x.id().equals("z-eval")).findFirst().orElseThrow(), "{}");
    Rejection straddle = DeduplicateRecords.rejection(d.stream().filter(x -> x.id().equals("a-train")).findFirst().orElseThrow(), "{}");
    assertEquals("dedup", evalDup.stage());
    assertEquals("near_duplicate", evalDup.reason());
    assertEquals("split", straddle.stage());
    assertEquals("cluster_straddles_split", straddle.reason());
    assertTrue(straddle.detail().contains("y-eval") && straddle.detail().contains("Jaccard 0.900"), straddle.detail());
  }
}
