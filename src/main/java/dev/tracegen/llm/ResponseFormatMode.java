package dev.tracegen.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a JSON step asks for its answer ({@code --responseFormat}): with the step's JSON schema,
 * as any JSON object, or in the prompt only. {@code auto} is resolved per provider by
 * {@link #resolve(String)}; the others are what the request carries.
 */
public enum ResponseFormatMode {
  AUTO("auto"),
  JSON_SCHEMA("json_schema"),
  JSON_OBJECT("json_object"),
  NONE("none");

  private final String option;

  ResponseFormatMode(String option) {
    this.option = option;
  }

  /** The value as {@code --responseFormat} spells it, also what the cache key records. */
  public String option() {
    return option;
  }

  /** From {@code --responseFormat}; blank means {@code auto}. */
  public static ResponseFormatMode parse(String value) {
    String v = value == null || value.isBlank() ? AUTO.option : value.strip().toLowerCase(Locale.ROOT);
    for (ResponseFormatMode m : values()) {
      if (m.option.equals(v)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--responseFormat must be one of "
        + Arrays.stream(values()).map(ResponseFormatMode::option).collect(Collectors.joining(", "))
        + ", not '" + value + "'");
  }

  /**
   * What this mode means for {@code provider}: {@code auto} is the schema where LangChain4j maps
   * one (openai, ollama, gemini, and the embedded model) and the prompt alone for anthropic.
   */
  public ResponseFormatMode resolve(String provider) {
    if (this != AUTO) {
      return this;
    }
    return ChatModels.supportsJsonSchema(provider) ? JSON_SCHEMA : NONE;
  }

  /** The next weaker mode, tried when a server refuses this one: schema, then JSON object, then none. */
  public ResponseFormatMode weaker() {
    return switch (this) {
      case JSON_SCHEMA -> JSON_OBJECT;
      default -> NONE;
    };
  }
}
