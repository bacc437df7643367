package dev.tracegen.perturb;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.tracegen.structure.StructureSchema;

/**
 * The JSON schema of the perturb step's answer, as prompts/perturb.txt asks for it and
 * {@link PerturbConstraints} reads it. Its constraints are those of the structure step.
 */
public final class PerturbSchema {
  private PerturbSchema() {}

  public static final JsonSchema SCHEMA = JsonSchema.builder()
      .name("perturb")
      .rootElement(JsonObjectSchema.builder()
          .addProperty("constraints", JsonArraySchema.builder()
              .description("the full new list of constraints, in order")
              .items(StructureSchema.CONSTRAINT)
              .build())
          .addProperty("changed", JsonArraySchema.builder()
              .description("1-based positions in the new list of added or revised constraints")
              .items(JsonIntegerSchema.builder().build())
              .build())
          .addProperty("removed", JsonArraySchema.builder()
              .description("texts of deleted constraints")
              .items(JsonStringSchema.builder().build())
              .build())
          .required("constraints", "changed", "removed")
          .additionalProperties(false)
          .build())
      .build();
}
