package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder against LangChain4j's own, in lists and alone, for long texts, and quantized. */
class EmbedderTest {
  static final List<String> TEXTS = List.of(
      "Write a short poem about the sea at night.",
      "Explain how a refrigerator keeps food cold, in no more than 120 words, for a ten-year-old reader.",
      "Summarise the causes of the French Revolution.\n1. Use exactly three bullet points.\n2. End with a question.",
      "Hi.",
      "Describe a violin found in a second-hand shop in one vivid paragraph that appeals to all five senses.");

  @Test
  void aTextsVectorDoesNotDependOnTheTextsBesideIt() {
    List<float[]> batch = Embedder.embedAll(TEXTS);
    assertEquals(TEXTS.size(), batch.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      float[] alone = Embedder.embed(TEXTS.get(i));
      assertEquals(Embedder.DIMENSION, alone.length);
      // Exactly: dedup decisions must not depend on how a runner bundles the records.
      assertArrayEquals(alone, batch.get(i), TEXTS.get(i));
      assertEquals(1.0, norm(batch.get(i)), 1e-5);
    }
  }

  @Test
  void vectorsAreLangChain4jsWhereItsTokensRoundTrip() {
    // LangChain4j encodes the same model file with the same tokenizer, one text per call.
    AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
    for (String text : List.of("Write a short poem about the sea at night.", "Hi.")) {
      assertEquals(1.0, HyperplaneLsh.cosine(reference.embed(text).content().vector(), Embedder.embed(text)), 1e-4, text);
    }
  }

  @Test
  void textsLongerThanTheModelAreEmbeddedInWindows() {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      longText.append("The river bends past the old mill. ");
    }
    List<String> mixed = new ArrayList<>(TEXTS);
    mixed.add(2, longText.toString());
    List<float[]> vectors = Embedder.embedAll(mixed);
    assertEquals(1.0, norm(vectors.get(2)), 1e-5);
    assertArrayEquals(Embedder.embed(TEXTS.get(2)), vectors.get(3), "order kept");
    // The same sentence repeated within the model's length gives about the same meaning.
    double cos = HyperplaneLsh.cosine(vectors.get(2), Embedder.embed("The river bends past the old mill. ".repeat(40)));
    assertTrue(cos > 0.9, "cosine " + cos);
  }

  @Test
  void quantizedVectorsKeepTheCosine() {
    List<float[]> v = Embedder.embedAll(TEXTS);
    for (int i = 0; i < v.size(); i++) {
      for (int j = i + 1; j < v.size(); j++) {
        double exact = HyperplaneLsh.cosine(v.get(i), v.get(j));
        double quantized = HyperplaneLsh.cosine(Fingerprint.quantize(v.get(i)), Fingerprint.quantize(v.get(j)));
        assertEquals(exact, quantized, 5e-3, i + " " + j);
      }
    }
    assertArrayEquals(new byte[3], Fingerprint.quantize(new float[3]));
    assertArrayEquals(new byte[] {127, -76, 0}, Fingerprint.quantize(new float[] {0.5f, -0.3f, 0.001f}));
  }

  private static double norm(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    return Math.sqrt(n);
  }
}
