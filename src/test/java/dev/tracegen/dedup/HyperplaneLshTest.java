package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HyperplaneLshTest {
  private final HyperplaneLsh lsh = new HyperplaneLsh(384, 100, 20, 0.9);

  static float[] random(Random r) {
    float[] v = new float[384];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** A vector at exactly the given cosine from {@code v} (noise made orthogonal to v). */
  static float[] near(float[] v, double cos, Random r) {
    float[] noise = random(r);
    double nv = Math.sqrt(dot(v, v));
    double along = dot(noise, v) / (nv * nv);
    for (int i = 0; i < v.length; i++) {
      noise[i] -= (float) (along * v[i]);
    }
    double nn = Math.sqrt(dot(noise, noise));
    double s = Math.sqrt(1 - cos * cos) / cos;
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / nv + s * noise[i] / nn);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

  @Test
  void closeVectorsShareABandAndUnrelatedOnesDoNot() {
    Random r = new Random(7);
    int close = 0;
    int unrelated = 0;
    for (int i = 0; i < 100; i++) {
      float[] v = random(r);
      float[] w = near(v, 0.97, r);
      assertTrue(HyperplaneLsh.cosine(v, w) > 0.95);
      close += share(v, w) ? 1 : 0;
      unrelated += share(v, random(r)) ? 1 : 0;
    }
    assertTrue(close >= 98, "close pairs sharing a band: " + close);
    assertTrue(unrelated <= 2, "unrelated pairs sharing a band: " + unrelated);
    assertTrue(lsh.candidateProbability(0.9) > 0.98);
  }

  @Test
  void sketchesKeepPairsAtTheThresholdAndDropDistantOnes() {
    Random r = new Random(11);
    int keptAtThreshold = 0;
    int keptDistant = 0;
    for (int i = 0; i < 1000; i++) {
      float[] v = random(r);
      assertEquals(0.9, HyperplaneLsh.cosine(v, near(v, 0.9, new Random(i))), 1e-4);
      keptAtThreshold += lsh.plausible(lsh.sketch(v), lsh.sketch(near(v, 0.9, r))) ? 1 : 0;
      keptDistant += lsh.plausible(lsh.sketch(v), lsh.sketch(near(v, 0.5, r))) ? 1 : 0;
    }
    assertTrue(keptAtThreshold >= 997, "pairs at cosine 0.9 kept by the sketch check: " + keptAtThreshold);
    // Binomial tail: a pair at cosine 0.5 passes with probability 3.6e-4.
    assertTrue(keptDistant <= 5, "pairs at cosine 0.5 kept by the sketch check: " + keptDistant);
    assertEquals(0, HyperplaneLsh.hamming(lsh.sketch(new float[384]), lsh.sketch(new float[384])));
  }

  private boolean share(float[] a, float[] b) {
    long[] x = lsh.bandKeys(lsh.sketch(a));
    long[] y = lsh.bandKeys(lsh.sketch(b));
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void cosineOfParallelAndOrthogonalVectors() {
    assertEquals(1.0, HyperplaneLsh.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-6);
    assertEquals(0.0, HyperplaneLsh.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-6);
    assertEquals(0.0, HyperplaneLsh.cosine(new float[] {0, 0}, new float[] {0, 3}), 1e-6);
  }
}
