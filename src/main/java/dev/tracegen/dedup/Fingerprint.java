package dev.tracegen.dedup;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * What similarity dedup needs of a record, without the record: its id, split and seed, its shingle
 * hashes folded to 32 bits (sorted, distinct; a collision between two of a record's ~100 shingles
 * has probability ~1e-6 and only merges two shingles) and, when semantic dedup is on, its
 * embedding quantized to one byte per dimension ({@link #quantize}). A few hundred bytes instead of
 * the record's 5-10 KB: the keyed joins carry these, and the Direct runner copies a key's grouped
 * values each time a new bundle reaches it.
 */
@DefaultCoder(Fingerprint.FingerprintCoder.class)
public record Fingerprint(String id, String split, String seed, int[] shingles, byte[] embedding) {
  public Fingerprint {
    seed = seed == null ? "" : seed;
    shingles = shingles == null ? new int[0] : shingles;
    embedding = embedding == null ? new byte[0] : embedding;
  }

  /**
   * A vector as signed bytes, scaled so that its largest component is ±127. Cosine does not depend
   * on the scale, and rounding moves the cosine of two 384-dimensional embeddings by about 1e-3
   * (a quarter of the float vector's size on the wire and in every join).
   */
  public static byte[] quantize(float[] vector) {
    float max = 0;
    for (float x : vector) {
      max = Math.max(max, Math.abs(x));
    }
    byte[] q = new byte[vector.length];
    if (max > 0) {
      float scale = 127f / max;
      for (int i = 0; i < vector.length; i++) {
        q[i] = (byte) Math.round(vector[i] * scale);
      }
    }
    return q;
  }

  /** Sorted distinct 32-bit folds of 64-bit shingle hashes. */
  public static int[] fold(long[] hashes) {
    int[] out = new int[hashes.length];
    for (int i = 0; i < hashes.length; i++) {
      out[i] = (int) (hashes[i] ^ (hashes[i] >>> 32));
    }
    java.util.Arrays.sort(out);
    int n = 0;
    for (int i = 0; i < out.length; i++) {
      if (n == 0 || out[i] != out[n - 1]) {
        out[n++] = out[i];
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** A compact binary coder (lengths, then the arrays as raw bytes); deterministic. */
  public static final class FingerprintCoder extends CustomCoder<Fingerprint> {
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    public static FingerprintCoder of() {
      return new FingerprintCoder();
    }

    @Override
    public void encode(Fingerprint f, OutputStream out) throws IOException {
      STRING.encode(f.id(), out);
      STRING.encode(f.split() == null ? "" : f.split(), out);
      STRING.encode(f.seed(), out);
      ByteBuffer buf = ByteBuffer.allocate(8 + 4 * f.shingles().length + f.embedding().length);
      buf.putInt(f.shingles().length);
      buf.asIntBuffer().put(f.shingles());
      buf.position(4 + 4 * f.shingles().length);
      buf.putInt(f.embedding().length);
      buf.put(f.embedding());
      out.write(buf.array());
    }

    @Override
    public Fingerprint decode(InputStream in) throws IOException {
      String id = STRING.decode(in);
      String split = STRING.decode(in);
      String seed = STRING.decode(in);
      DataInputStream data = new DataInputStream(in);
      int[] shingles = new int[data.readInt()];
      byte[] bytes = new byte[4 * shingles.length];
      data.readFully(bytes);
      ByteBuffer.wrap(bytes).asIntBuffer().get(shingles);
      byte[] embedding = new byte[data.readInt()];
      data.readFully(embedding);
      return new Fingerprint(id, split, seed, shingles, embedding);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof FingerprintCoder;
    }

    @Override
    public int hashCode() {
      return FingerprintCoder.class.hashCode();
    }
  }
}
