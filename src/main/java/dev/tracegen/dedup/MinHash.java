package dev.tracegen.dedup;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * MinHash signatures and LSH banding over shingle hashes.
 *
 * <p>Permutation {@code i} maps a shingle hash {@code x} to {@code fmix64(x * a_i + b_i)} (upper 32
 * bits), with {@code a_i} odd and {@code a_i, b_i} drawn from a fixed seed, so signatures are the
 * same on every runner and run. The signature is split into {@code bands} bands of {@code rows =
 * permutations / bands} values; two texts become a candidate pair when any band matches, which
 * happens with probability {@code 1 - (1 - J^rows)^bands} for Jaccard similarity {@code J} (the
 * S-curve). With the defaults (256 permutations, 32 bands of 8 rows) a pair at J = 0.8 is a
 * candidate with probability 0.997, at 0.85 with 0.99996, at 0.5 with 0.12 and at 0.2 with 8e-5.
 *
 * <p>Why 8 rows: the embedded generator's instructions share template phrasing, so almost every
 * pair of records has a Jaccard of 0.05-0.3. Measured on the full corpus, 4-row bands (128/32)
 * would make about 43 million candidate pairs out of those; 8-row bands make about half a million,
 * while still catching pairs at the 0.8 threshold.
 */
public final class MinHash implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SEED = 0x7ac3_9e11_d00d_f00dL;

  private final int permutations;
  private final int bands;
  private final int rows;
  private final long[] a;
  private final long[] b;

  public MinHash(int permutations, int bands) {
    if (permutations < 1 || bands < 1 || permutations % bands != 0) {
      throw new IllegalArgumentException("MinHash needs permutations >= 1 divisible by bands >= 1 (got "
          + permutations + " permutations, " + bands + " bands)");
    }
    this.permutations = permutations;
    this.bands = bands;
    this.rows = permutations / bands;
    SplittableRandom random = new SplittableRandom(SEED);
    a = new long[permutations];
    b = new long[permutations];
    for (int i = 0; i < permutations; i++) {
      a[i] = random.nextLong() | 1L;
      b[i] = random.nextLong();
    }
  }

  public int permutations() {
    return permutations;
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  /** The signature of a shingle set; an empty set gets all {@code Integer.MAX_VALUE}. */
  public int[] signature(long[] shingles) {
    int[] sig = new int[permutations];
    java.util.Arrays.fill(sig, Integer.MAX_VALUE);
    for (long x : shingles) {
      for (int i = 0; i < permutations; i++) {
        int h = (int) (fmix64(x * a[i] + b[i]) >>> 33); // non-negative 31-bit value
        if (h < sig[i]) {
          sig[i] = h;
        }
      }
    }
    return sig;
  }

  /** The signature of a set of 32-bit shingle hashes. */
  public int[] signature(int[] shingles) {
    long[] wide = new long[shingles.length];
    for (int i = 0; i < shingles.length; i++) {
      wide[i] = shingles[i];
    }
    return signature(wide);
  }

  /** One key per band: a hash of the band index and its rows, so equal keys mean an equal band. */
  public long[] bandKeys(int[] signature) {
    long[] keys = new long[bands];
    for (int band = 0; band < bands; band++) {
      long h = fmix64(0x9e3779b97f4a7c15L * (band + 1));
      for (int r = 0; r < rows; r++) {
        h = fmix64(h ^ (signature[band * rows + r] & 0xffffffffL) * 0xc2b2ae3d27d4eb4fL);
      }
      keys[band] = h;
    }
    return keys;
  }

  /** The share of equal positions: the MinHash estimate of the Jaccard similarity. */
  public static double estimate(int[] x, int[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("signatures of different lengths");
    }
    int same = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        same++;
      }
    }
    return x.length == 0 ? 0.0 : (double) same / x.length;
  }

  /** Probability that a pair with Jaccard {@code j} shares at least one band. */
  public double candidateProbability(double j) {
    return 1.0 - Math.pow(1.0 - Math.pow(j, rows), bands);
  }

  /** MurmurHash3's 64-bit finaliser. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
