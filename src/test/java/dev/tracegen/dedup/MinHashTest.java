package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MinHashTest {
  private final MinHash minHash = new MinHash(128, 32);

  /** {@code common} shared elements plus {@code own} private ones per side: Jaccard common / (common + 2 own). */
  private static long[][] pair(int common, int own, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] shared = LongStream.generate(r::nextLong).limit(common).toArray();
    long[] a = LongStream.concat(Arrays.stream(shared), LongStream.generate(r::nextLong).limit(own)).sorted().toArray();
    long[] b = LongStream.concat(Arrays.stream(shared), LongStream.generate(r::nextLong).limit(own)).sorted().toArray();
    return new long[][] {a, b};
  }

  @Test
  void signaturesAreDeterministicAndEqualForEqualSets() {
    long[][] p = pair(50, 0, 1);
    assertArrayEquals(minHash.signature(p[0]), new MinHash(128, 32).signature(p[1]));
    assertEquals(1.0, MinHash.estimate(minHash.signature(p[0]), minHash.signature(p[1])));
  }

  @Test
  void estimateTracksJaccard() {
    for (int[] c : new int[][] {{80, 10}, {50, 25}, {20, 40}}) {
      double sum = 0;
      double exact = 0;
      for (int seed = 0; seed < 40; seed++) {
        long[][] p = pair(c[0], c[1], seed);
        exact = Shingles.jaccard(p[0], p[1]);
        sum += MinHash.estimate(minHash.signature(p[0]), minHash.signature(p[1]));
      }
      assertEquals(exact, sum / 40, 0.03, "mean estimate at J=" + exact);
    }
  }

  @Test
  void bandsCollideForSimilarSetsAndRarelyForDissimilarOnes() {
    int similar = 0;
    int dissimilar = 0;
    for (int seed = 0; seed < 200; seed++) {
      long[][] near = pair(80, 10, seed); // J = 0.8
      long[][] far = pair(10, 45, seed + 1000); // J = 0.1
      similar += shareBand(near) ? 1 : 0;
      dissimilar += shareBand(far) ? 1 : 0;
    }
    assertEquals(200, similar);
    assertTrue(dissimilar < 10, "dissimilar pairs sharing a band: " + dissimilar);
    assertEquals(1.0, minHash.candidateProbability(0.8), 1e-6);
    assertTrue(minHash.candidateProbability(0.2) < 0.06);
    MinHash defaults = new MinHash(DedupConfig.DEFAULT_PERMUTATIONS, DedupConfig.DEFAULT_BANDS);
    assertTrue(defaults.candidateProbability(0.8) > 0.997);
    assertTrue(defaults.candidateProbability(0.85) > 0.9999);
    assertTrue(defaults.candidateProbability(0.3) < 0.003);
  }

  private boolean shareBand(long[][] p) {
    long[] x = minHash.bandKeys(minHash.signature(p[0]));
    long[] y = minHash.bandKeys(minHash.signature(p[1]));
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void bandKeysDependOnTheBandIndex() {
    int[] sig = new int[128];
    long[] keys = minHash.bandKeys(sig);
    assertEquals(32, keys.length);
    assertNotEquals(keys[0], keys[1]);
  }

  @Test
  void rejectsPermutationsNotDivisibleByBands() {
    assertThrows(IllegalArgumentException.class, () -> new MinHash(100, 32));
  }
}
