package dev.tracegen.dedup;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The in-process all-MiniLM-L6-v2 (quantized ONNX) sentence embedding model that LangChain4j ships
 * as a Maven artifact: 384 dimensions, no network. Measured: ~120 rendered instructions (500
 * characters on average) per second on one thread, which makes embedding, not the LSH, the cost
 * of semantic dedup. One model per JVM (it is thread-safe); vectors are L2-normalised.
 */
public final class Embedder {
  public static final int DIMENSION = 384;
  private static volatile EmbeddingModel model;

  private Embedder() {}

  static EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (Embedder.class) {
        m = model;
        if (m == null) {
          m = new AllMiniLmL6V2QuantizedEmbeddingModel();
          model = m;
        }
      }
    }
    return m;
  }

  public static float[] embed(String text) {
    float[] v = model().embed(text).content().vector();
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm > 0) {
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }
}
