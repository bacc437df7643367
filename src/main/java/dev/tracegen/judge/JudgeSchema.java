package dev.tracegen.judge;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/**
 * The JSON schema of the judge's answer, as prompts/judge.txt asks for it and
 * {@link ConstraintJudge#parseScores} reads it.
 */
public final class JudgeSchema {
  private JudgeSchema() {}

  public static final JsonSchema SCHEMA = JsonSchema.builder()
      .name("judge")
      .rootElement(JsonObjectSchema.builder()
          .addProperty("scores", JsonArraySchema.builder()
              .description("one entry per listed constraint")
              .items(JsonObjectSchema.builder()
                  .addIntegerProperty("constraint", "the constraint's number as listed")
                  .addIntegerProperty("score", "0 to 10")
                  .addStringProperty("reason", "a short reason")
                  .required("constraint", "score", "reason")
                  .additionalProperties(false)
                  .build())
              .build())
          .addNumberProperty("overall", "0 to 10")
          .required("scores", "overall")
          .additionalProperties(false)
          .build())
      .build();
}
