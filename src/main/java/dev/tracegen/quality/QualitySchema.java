package dev.tracegen.quality;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/**
 * The JSON schema of the quality step's answer, as prompts/quality.txt asks for it and
 * {@link CheckInstructionQuality} reads it.
 */
public final class QualitySchema {
  private QualitySchema() {}

  public static final JsonSchema SCHEMA = JsonSchema.builder()
      .name("quality")
      .rootElement(JsonObjectSchema.builder()
          .addBooleanProperty("complete", "the description and input give enough to do the task")
          .addBooleanProperty("redundant", "a constraint merely repeats the description or another constraint")
          .addStringProperty("reason", "one short sentence")
          .required("complete", "redundant", "reason")
          .additionalProperties(false)
          .build())
      .build();
}
