package dev.tracegen.dedup;

import com.google.common.hash.Hashing;
import dev.tracegen.model.JsonCoder;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A text's quantized embedding ({@link Fingerprint#quantize}), by the SHA-256 of the model's name
 * and the text: what semantic dedup computed once and a later pipeline of the same run (the
 * finishing after a top-up wave) reuses instead of running the model again.
 */
@DefaultCoder(JsonCoder.class)
public record Embedding(String textKey, byte[] vector) implements Serializable {
  static final String MODEL = "all-minilm-l6-v2-q";

  public static String keyOf(String text) {
    return Hashing.sha256().hashString(MODEL + "\u0000" + text, StandardCharsets.UTF_8).toString();
  }
}
