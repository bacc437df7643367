package dev.tracegen.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.SmileParser;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration of the project: snake_case keys (DESIGN section 6), map entries
 * sorted so output is byte-stable, unknown fields tolerated on read, equal short strings shared
 * ({@link Compact}).
 */
public final class Json {
  /**
   * The default view of {@link #MAPPER}: what files hold. A field marked {@code @JsonView(InFlight.class)}
   * is left out of it, so that files stay the same on every rerun.
   */
  public interface Written {}

  /**
   * Run-specific state that travels with a record between stages ({@link JsonCoder}) but is never
   * written to a file (what this run read from the response cache, for instance).
   */
  public interface InFlight {}

  public static final ObjectMapper MAPPER = ours(JsonMapper.builder(), true);

  /** {@link #MAPPER}'s writer for records crossing stages: every field, in-flight ones too. */
  static final ObjectWriter IN_FLIGHT = MAPPER.writerWithView(InFlight.class);

  /**
   * {@link #MAPPER}'s mapping in Smile, Jackson's binary JSON, for records crossing stages
   * ({@link JsonCoder}): the same values and keys, about half the time of JSON text to write and
   * to read, and smaller. No header: a coded record is never a file. Strings are not shared: a
   * decoded record lives for one stage, and sharing took a third of decoding; the Direct runner,
   * whose held records sharing keeps small, passes records between stages without coding them.
   */
  static final ObjectMapper SMILE = ours(SmileMapper.builder(SmileFactory.builder()
      .disable(SmileGenerator.Feature.WRITE_HEADER)
      .disable(SmileParser.Feature.REQUIRE_HEADER)
      .build()), false);

  /** {@link #SMILE}'s writer with the in-flight fields. */
  static final ObjectWriter SMILE_IN_FLIGHT = SMILE.writerWithView(InFlight.class);

  private static ObjectMapper ours(MapperBuilder<?, ?> builder, boolean sharedStrings) {
    builder
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    if (sharedStrings) {
      builder.addModule(new SimpleModule("SharedStrings").addDeserializer(String.class, new Compact.SharedStrings()));
    }
    ObjectMapper m = builder.build();
    m.setConfig(m.getSerializationConfig().withView(Written.class));
    return m;
  }

  /** Plain mapper (no naming strategy) for third-party layouts with fixed keys. */
  public static final ObjectMapper PLAIN =
      JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} with its in-flight fields too, for working files that later stages of the same run read back. */
  public static String writeInFlight(Object value) {
    try {
      return IN_FLIGHT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
