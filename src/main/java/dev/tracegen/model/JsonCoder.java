package dev.tracegen.model;

import com.google.common.io.ByteStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A deterministic coder for our records: their JSON, as {@link Json#MAPPER} maps it (sorted maps,
 * declared record order, in-flight fields too), written in Smile, Jackson's binary form of JSON,
 * after its length; so equal values always encode to equal bytes on every runner. On Flink every
 * record crosses this coder at each stage boundary, where JSON text cost a quarter of a wave's CPU.
 */
public final class JsonCoder<T> extends CustomCoder<T> {
  private final Class<T> type;

  private JsonCoder(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonCoder<T> of(Class<T> type) {
    return new JsonCoder<>(type);
  }

  /** Lets {@code @DefaultCoder(JsonCoder.class)} on a record make this its coder everywhere. */
  public static CoderProvider getCoderProvider() {
    return new CoderProvider() {
      @Override
      @SuppressWarnings("unchecked")
      public <X> Coder<X> coderFor(TypeDescriptor<X> type, List<? extends Coder<?>> componentCoders) {
        return (Coder<X>) JsonCoder.of(type.getRawType());
      }
    };
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    // In-flight fields too: they must survive the trip between stages.
    byte[] smile = Json.SMILE_IN_FLIGHT.writeValueAsBytes(value);
    VarInt.encode(smile.length, out);
    out.write(smile);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    byte[] smile = new byte[VarInt.decodeInt(in)];
    ByteStreams.readFully(in, smile);
    try {
      return Json.SMILE.readValue(smile, type);
    } catch (IOException e) {
      throw new CoderException("cannot decode " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonCoder<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
