package dev.tracegen.structure;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * The JSON schema of the structure step's answer, as prompts/structure.txt asks for it and
 * {@link StructureInstructions#parse} reads it.
 */
public final class StructureSchema {
  private StructureSchema() {}

  /**
   * One constraint: its sentence, a dimension id and the checker's params. Params differ per
   * dimension (string or integer values), so they are a free-form object; the parser validates them.
   */
  public static final JsonObjectSchema CONSTRAINT = JsonObjectSchema.builder()
      .addStringProperty("text", "the constraint sentence")
      .addStringProperty("dimension", "one dimension id from the list in the prompt")
      .addProperty("params", JsonObjectSchema.builder()
          .description("the parameters a checker needs, with the keys of the parameter guide")
          .build())
      .required("text", "dimension", "params")
      .additionalProperties(false)
      .build();

  public static final JsonSchema SCHEMA = JsonSchema.builder()
      .name("structure")
      .rootElement(JsonObjectSchema.builder()
          .addStringProperty("description", "the task description, without the constraints and the input")
          .addProperty("constraints", JsonArraySchema.builder()
              .description("one object per constraint, in order")
              .items(CONSTRAINT)
              .build())
          .addProperty("input", JsonStringSchema.builder()
              .description("the input text after \"# Inputs:\", or \"\" if there is none")
              .build())
          .required("description", "constraints", "input")
          .additionalProperties(false)
          .build())
      .build();
}
