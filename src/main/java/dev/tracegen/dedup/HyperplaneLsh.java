package dev.tracegen.dedup;

import java.io.Serializable;
import java.util.Random;

/**
 * Random-hyperplane LSH (SimHash) for cosine similarity of embedding vectors, in two parts:
 *
 * <ul>
 *   <li>a {@value #SKETCH_BITS}-bit <b>sketch</b>: the sign bits of the vector's dot products with
 *       fixed Gaussian hyperplanes. Two vectors at angle {@code theta} disagree on a bit with
 *       probability {@code theta / pi}, so the Hamming distance of two sketches estimates the angle
 *       (standard error ~5.6 bits at cosine 0.9);
 *   <li>{@code bands} <b>band keys</b>, each {@code bits} sketch bits at fixed random positions: two
 *       vectors become a candidate pair when any band matches. With 100 bands of 20 bits a pair at
 *       cosine 0.9 is a candidate with probability ~0.99, one at 0.5 with ~0.03, one at 0.3 with
 *       ~0.003.
 * </ul>
 *
 * Embeddings of templated instructions sit at cosine 0.2-0.5 from each other, so even that is
 * tens of millions of band collisions at 170,000 records; {@link #plausible} drops a collision
 * whose sketches differ in more bits than a pair at the threshold would (4 standard errors), before
 * any pair is shipped to the exact cosine check. Sketch and bands cost one 256 x 384 projection per
 * record, whatever the number of bands.
 */
public final class HyperplaneLsh implements Serializable {
  private static final long serialVersionUID = 2L;
  public static final int SKETCH_BITS = 256;
  public static final int SKETCH_WORDS = SKETCH_BITS / 64;
  private static final long SEED = 0x51_3a_5eedL;

  private final int dimension;
  private final int bands;
  private final int bits;
  private final float[][] planes;
  private final int[][] positions;
  private final int maxHamming;

  /**
   * @param threshold the cosine at or above which pairs are duplicates; sets how far apart two
   *     sketches may be for {@link #plausible}
   */
  public HyperplaneLsh(int dimension, int bands, int bits, double threshold) {
    if (dimension < 1 || bands < 1 || bits < 1 || bits > 63) {
      throw new IllegalArgumentException("hyperplane LSH needs dimension >= 1, bands >= 1 and 1..63 bits per band");
    }
    this.dimension = dimension;
    this.bands = bands;
    this.bits = bits;
    Random random = new Random(SEED);
    planes = new float[SKETCH_BITS][dimension];
    for (float[] plane : planes) {
      for (int d = 0; d < dimension; d++) {
        plane[d] = (float) random.nextGaussian();
      }
    }
    // Each band: `bits` distinct sketch positions (a partial Fisher-Yates shuffle).
    positions = new int[bands][bits];
    int[] all = new int[SKETCH_BITS];
    for (int band = 0; band < bands; band++) {
      for (int i = 0; i < SKETCH_BITS; i++) {
        all[i] = i;
      }
      for (int i = 0; i < bits; i++) {
        int j = i + random.nextInt(SKETCH_BITS - i);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
        positions[band][i] = all[i];
      }
    }
    double p = Math.acos(Math.max(-1, Math.min(1, threshold))) / Math.PI;
    maxHamming = (int) Math.min(SKETCH_BITS, Math.ceil(SKETCH_BITS * p + 4 * Math.sqrt(SKETCH_BITS * p * (1 - p))));
  }

  public int bands() {
    return bands;
  }

  public int bits() {
    return bits;
  }

  /** Sketches further apart than this (in bits) are not checked. */
  public int maxHamming() {
    return maxHamming;
  }

  /** The sketch of a quantized vector ({@link Fingerprint#quantize}). */
  public long[] sketch(byte[] vector) {
    float[] v = new float[vector.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = vector[i];
    }
    return sketch(v);
  }

  /** The {@value #SKETCH_BITS} sign bits of the vector against the hyperplanes. */
  public long[] sketch(float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector of dimension " + vector.length + ", expected " + dimension);
    }
    long[] sketch = new long[SKETCH_WORDS];
    for (int b = 0; b < SKETCH_BITS; b++) {
      float[] plane = planes[b];
      double dot = 0;
      for (int d = 0; d < dimension; d++) {
        dot += plane[d] * vector[d];
      }
      if (dot >= 0) {
        sketch[b >>> 6] |= 1L << (b & 63);
      }
    }
    return sketch;
  }

  /** One key per band: a hash of the band index and its sketch bits. */
  public long[] bandKeys(long[] sketch) {
    long[] keys = new long[bands];
    for (int band = 0; band < bands; band++) {
      long key = 0;
      for (int position : positions[band]) {
        key = (key << 1) | ((sketch[position >>> 6] >>> (position & 63)) & 1);
      }
      keys[band] = MinHash.fmix64(((long) band << 56) ^ key);
    }
    return keys;
  }

  /** Whether two sketches are close enough that their vectors may be at the threshold. */
  public boolean plausible(long[] x, long[] y) {
    return hamming(x, y) <= maxHamming;
  }

  static int hamming(long[] x, long[] y) {
    int h = 0;
    for (int i = 0; i < x.length; i++) {
      h += Long.bitCount(x[i] ^ y[i]);
    }
    return h;
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

  /** Cosine similarity of two quantized vectors (0 when either is zero), in exact integer sums. */
  public static double cosine(byte[] x, byte[] y) {
    long dot = 0;
    long nx = 0;
    long ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return nx == 0 || ny == 0 ? 0.0 : dot / Math.sqrt((double) nx * ny);
  }

  /** Probability that a pair at cosine {@code c} shares at least one band (independent-bit approximation). */
  public double candidateProbability(double c) {
    double p = 1.0 - Math.acos(Math.max(-1, Math.min(1, c))) / Math.PI;
    return 1.0 - Math.pow(1.0 - Math.pow(p, bits), bands);
  }
}
