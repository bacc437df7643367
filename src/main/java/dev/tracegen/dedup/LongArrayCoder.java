package dev.tracegen.dedup;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.CustomCoder;

/** A {@code long[]} as its length and raw big-endian bytes. */
public final class LongArrayCoder extends CustomCoder<long[]> {
  public static LongArrayCoder of() {
    return new LongArrayCoder();
  }

  @Override
  public void encode(long[] value, OutputStream out) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4 + 8 * value.length);
    buf.putInt(value.length);
    buf.asLongBuffer().put(value);
    out.write(buf.array());
  }

  @Override
  public long[] decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    long[] value = new long[data.readInt()];
    byte[] bytes = new byte[8 * value.length];
    data.readFully(bytes);
    ByteBuffer.wrap(bytes).asLongBuffer().get(value);
    return value;
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean equals(Object o) {
    return o instanceof LongArrayCoder;
  }

  @Override
  public int hashCode() {
    return LongArrayCoder.class.hashCode();
  }
}
