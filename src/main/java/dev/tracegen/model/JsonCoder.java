package dev.tracegen.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A deterministic coder for our records: the canonical JSON of {@link Json#MAPPER} (sorted maps,
 * declared record order), so equal values always encode to equal bytes on every runner.
 */
public final class JsonCoder<T> extends CustomCoder<T> {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
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
    STRING.encode(Json.IN_FLIGHT.writeValueAsString(value), out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    String json = STRING.decode(in);
    try {
      return Json.MAPPER.readValue(json.getBytes(StandardCharsets.UTF_8), type);
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
