package dev.tracegen.dedup;

import java.io.Serializable;

/** How one kind of similarity dedup finds candidates (LSH band keys) and confirms them. */
public interface SimilarityIndex extends Serializable {
  /** {@link Decision#NEAR} or {@link Decision#SEMANTIC}. */
  String kind();

  /** LSH band keys (band index mixed in); no keys means the record takes no part. */
  long[] bandKeys(Fingerprint f);

  double similarity(Fingerprint x, Fingerprint y);

  /** Words of the short sketch that travels with the band keys ({@link #sketch}); 0 = none. */
  default int sketchWords() {
    return 0;
  }

  /** A short sketch for a cheap first check of a band collision, before the pair is shipped. */
  default long[] sketch(Fingerprint f) {
    return new long[0];
  }

  /** Whether a band collision with these sketches can be at the threshold; false drops it. */
  default boolean plausible(long[] x, long[] y) {
    return true;
  }

  /** Pairs at or above this similarity are duplicates. */
  double threshold();

  /** Whether the two may be duplicates at all; false skips the pair without comparing it. */
  default boolean comparable(Fingerprint x, Fingerprint y) {
    return true;
  }

  /** MinHash over shingles, confirmed by the exact Jaccard of the two shingle sets. */
  static SimilarityIndex near(DedupConfig c) {
    return new NearDuplicateIndex(new MinHash(c.permutations(), c.bands()), c.threshold());
  }

  /** Random-hyperplane LSH over embeddings, confirmed by cosine. */
  static SimilarityIndex semantic(DedupConfig c) {
    return new SemanticIndex(new HyperplaneLsh(Embedder.DIMENSION, c.semanticBands(), c.semanticBits(),
        c.semanticThreshold()), c.semanticThreshold());
  }

  /**
   * Candidates from MinHash LSH; a candidate is confirmed by the exact Jaccard similarity of the two
   * shingle-hash sets (32-bit folds) rather than by the signatures' estimate: the estimate's standard error at
   * J = 0.8 with 128 permutations is 0.035, enough to let through pairs that an exact check (like
   * scripts/check-corpus.py) then finds above the threshold. The estimate is only ever used to find
   * candidates.
   */
  record NearDuplicateIndex(MinHash minHash, double threshold) implements SimilarityIndex {
    @Override
    public String kind() {
      return Decision.NEAR;
    }

    @Override
    public long[] bandKeys(Fingerprint f) {
      return f.shingles().length == 0 ? new long[0] : minHash.bandKeys(minHash.signature(f.shingles()));
    }

    @Override
    public double similarity(Fingerprint x, Fingerprint y) {
      return Shingles.jaccard(x.shingles(), y.shingles());
    }
  }

  /**
   * Candidates from random-hyperplane LSH over the embedding's 256-bit sketch, kept when the
   * sketches are close enough ({@link HyperplaneLsh#plausible}) and the records come from
   * different seeds, confirmed by the cosine of the two (quantized) embeddings.
   */
  record SemanticIndex(HyperplaneLsh lsh, double threshold) implements SimilarityIndex {
    @Override
    public String kind() {
      return Decision.SEMANTIC;
    }

    @Override
    public long[] bandKeys(Fingerprint f) {
      return f.embedding().length == 0 ? new long[0] : lsh.bandKeys(lsh.sketch(f.embedding()));
    }

    @Override
    public int sketchWords() {
      return HyperplaneLsh.SKETCH_WORDS;
    }

    @Override
    public long[] sketch(Fingerprint f) {
      return f.embedding().length == 0 ? new long[HyperplaneLsh.SKETCH_WORDS] : lsh.sketch(f.embedding());
    }

    @Override
    public boolean plausible(long[] x, long[] y) {
      return lsh.plausible(x, y);
    }

    @Override
    public double similarity(Fingerprint x, Fingerprint y) {
      return HyperplaneLsh.cosine(x.embedding(), y.embedding());
    }

    /** Instructions of one seed share its task by design: only different seeds are compared. */
    @Override
    public boolean comparable(Fingerprint x, Fingerprint y) {
      return x.seed().isEmpty() || !x.seed().equals(y.seed());
    }
  }
}
