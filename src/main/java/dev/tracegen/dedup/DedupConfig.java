package dev.tracegen.dedup;

import java.io.Serializable;

/**
 * Dedup settings (options {@code --nearDedup --shingleSize --charShingleSize --minhashPermutations
 * --lshBands --nearDupThreshold --semanticDedup --semanticThreshold --semanticBands --semanticBits
 * --buckets}).
 *
 * @param ccRounds large-star/small-star round pairs of the connected-components step; each pair at
 *     least halves the depth of any remaining tree, so 8 pairs settle clusters far larger than
 *     near-duplicate clusters get (a counter reports any node still unsettled)
 */
public record DedupConfig(
    int buckets,
    boolean near,
    int shingleSize,
    int charShingleSize,
    int permutations,
    int bands,
    double threshold,
    boolean semantic,
    double semanticThreshold,
    int semanticBands,
    int semanticBits,
    int ccRounds)
    implements Serializable {

  public static final int DEFAULT_SHINGLE_SIZE = 3;
  public static final int DEFAULT_CHAR_SHINGLE_SIZE = 5;
  public static final int DEFAULT_PERMUTATIONS = 256;
  public static final int DEFAULT_BANDS = 32;
  public static final double DEFAULT_THRESHOLD = 0.8;
  public static final double DEFAULT_SEMANTIC_THRESHOLD = 0.9;
  public static final int DEFAULT_SEMANTIC_BANDS = 100;
  public static final int DEFAULT_SEMANTIC_BITS = 20;
  public static final int DEFAULT_CC_ROUNDS = 8;

  public DedupConfig {
    if (buckets < 1) {
      throw new IllegalArgumentException("--buckets must be at least 1");
    }
    if (threshold <= 0 || threshold > 1) {
      throw new IllegalArgumentException("--nearDupThreshold must be in (0, 1], got " + threshold);
    }
    if (semanticThreshold <= -1 || semanticThreshold > 1) {
      throw new IllegalArgumentException("--semanticThreshold must be in (-1, 1], got " + semanticThreshold);
    }
    new Shingles(shingleSize, charShingleSize); // validates
    new MinHash(permutations, bands); // validates
    if (semanticBands < 1 || semanticBits < 1 || semanticBits > 63) {
      throw new IllegalArgumentException("--semanticBands must be >= 1 and --semanticBits in 1..63");
    }
    if (ccRounds < 1) {
      throw new IllegalArgumentException("ccRounds must be at least 1");
    }
  }

  /** Exact and near-duplicate dedup with the documented defaults; semantic off. */
  public static DedupConfig defaults(int buckets) {
    return new DedupConfig(buckets, true, DEFAULT_SHINGLE_SIZE, DEFAULT_CHAR_SHINGLE_SIZE, DEFAULT_PERMUTATIONS,
        DEFAULT_BANDS, DEFAULT_THRESHOLD, false, DEFAULT_SEMANTIC_THRESHOLD, DEFAULT_SEMANTIC_BANDS,
        DEFAULT_SEMANTIC_BITS, DEFAULT_CC_ROUNDS);
  }

  public DedupConfig withSemantic(boolean on) {
    return new DedupConfig(buckets, near, shingleSize, charShingleSize, permutations, bands, threshold, on,
        semanticThreshold, semanticBands, semanticBits, ccRounds);
  }

  public DedupConfig withNear(boolean on) {
    return new DedupConfig(buckets, on, shingleSize, charShingleSize, permutations, bands, threshold, semantic,
        semanticThreshold, semanticBands, semanticBits, ccRounds);
  }

  public Shingles shingles() {
    return new Shingles(shingleSize, charShingleSize);
  }
}
