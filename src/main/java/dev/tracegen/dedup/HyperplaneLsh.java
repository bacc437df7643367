package dev.tracegen.dedup;

import java.io.Serializable;
import java.util.Random;

/**
 * Random-hyperplane LSH (SimHash) for cosine similarity of embedding vectors: each of {@code bands
 * x bits} fixed Gaussian hyperplanes contributes the sign bit of its dot product with the vector;
 * the bits are banded, and two vectors become a candidate pair when any band matches. Two vectors
 * at angle {@code theta} agree on one bit with probability {@code 1 - theta / pi}; with 20 bands of
 * 10 bits, a pair at cosine 0.9 is a candidate with probability 0.99, one at 0.7 with 0.67 and one
 * at 0.3 with 0.02.
 */
public final class HyperplaneLsh implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SEED = 0x51_3a_5eedL;

  private final int dimension;
  private final int bands;
  private final int bits;
  private final float[][] planes;

  public HyperplaneLsh(int dimension, int bands, int bits) {
    if (dimension < 1 || bands < 1 || bits < 1 || bits > 63) {
      throw new IllegalArgumentException("hyperplane LSH needs dimension >= 1, bands >= 1 and 1..63 bits per band");
    }
    this.dimension = dimension;
    this.bands = bands;
    this.bits = bits;
    Random random = new Random(SEED);
    planes = new float[bands * bits][dimension];
    for (float[] plane : planes) {
      for (int d = 0; d < dimension; d++) {
        plane[d] = (float) random.nextGaussian();
      }
    }
  }

  public int bands() {
    return bands;
  }

  public int bits() {
    return bits;
  }

  /** One key per band, the band index in the upper bits and the sign bits below. */
  public long[] bandKeys(float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector of dimension " + vector.length + ", expected " + dimension);
    }
    long[] keys = new long[bands];
    for (int band = 0; band < bands; band++) {
      long key = 0;
      for (int bit = 0; bit < bits; bit++) {
        float[] plane = planes[band * bits + bit];
        double dot = 0;
        for (int d = 0; d < dimension; d++) {
          dot += plane[d] * vector[d];
        }
        key = (key << 1) | (dot >= 0 ? 1 : 0);
      }
      keys[band] = MinHash.fmix64(((long) band << 56) ^ key);
    }
    return keys;
  }

  /** Cosine similarity (0 when either vector is zero). */
  public static double cosine(float[] x, float[] y) {
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += (double) x[i] * y[i];
      nx += (double) x[i] * x[i];
      ny += (double) y[i] * y[i];
    }
    return nx == 0 || ny == 0 ? 0.0 : dot / Math.sqrt(nx * ny);
  }

  /** Probability that a pair at cosine {@code c} shares at least one band. */
  public double candidateProbability(double c) {
    double p = 1.0 - Math.acos(Math.max(-1, Math.min(1, c))) / Math.PI;
    return 1.0 - Math.pow(1.0 - Math.pow(p, bits), bands);
  }
}
