package dev.tracegen.structure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the JSON that structure and perturb answers carry. Anything a later stage relies on is
 * validated here, and the error message is what the repair re-ask tells the model.
 */
public final class InstructionParser {
  private InstructionParser() {}

  /**
   * Reads JSON the way models write it: single quotes, trailing commas, unquoted names, comments,
   * raw control characters in strings and escaped apostrophes are all unambiguous, so they are accepted.
   */
  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_COMMA,
          JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
          JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
      .build();

  /**
   * The first JSON object in an answer: prose or a Markdown code fence before it and anything after
   * it are ignored, and the JSON itself is read leniently.
   */
  public static JsonNode object(String text) throws MalformedOutputException {
    int open = text.indexOf('{');
    if (open < 0) {
      throw new MalformedOutputException("the answer is not a JSON object");
    }
    try (JsonParser parser = LENIENT.createParser(text.substring(open))) {
      // One value is read: whatever follows it (a closing fence, a sign-off) is not looked at.
      JsonNode node = LENIENT.readTree(parser);
      if (node == null || !node.isObject()) {
        throw new MalformedOutputException("the answer is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new MalformedOutputException("invalid JSON: " + e.getMessage().split("\n")[0]);
    }
  }

  /** An instruction from a description, a JSON list of constraints and an input. */
  public static Instruction instruction(Taxonomy taxonomy, String description, JsonNode constraints, String input)
      throws MalformedOutputException {
    if (description.isBlank()) {
      throw new MalformedOutputException("\"description\" is missing or empty");
    }
    if (!constraints.isArray() || constraints.isEmpty()) {
      throw new MalformedOutputException("\"constraints\" must be a non-empty list");
    }
    List<Constraint> out = new ArrayList<>();
    for (JsonNode c : constraints) {
      String text = c.path("text").asText("").strip();
      String dim = c.path("dimension").asText("").strip();
      if (text.isEmpty()) {
        throw new MalformedOutputException("constraint " + (out.size() + 1) + " has no \"text\"");
      }
      Dimension d = taxonomy.dimension(dim);
      if (d == null) {
        throw new MalformedOutputException("constraint " + (out.size() + 1) + " has unknown dimension \"" + dim
            + "\"; use one of " + String.join(", ", taxonomy.dimensions().stream().map(Dimension::id).toList()));
      }
      Params params = Params.EMPTY;
      for (Map.Entry<String, JsonNode> e : c.path("params").properties()) {
        params = params.with(e.getKey(), e.getValue().isIntegralNumber() ? (Object) e.getValue().asInt() : e.getValue().asText());
      }
      out.add(new Constraint("c" + (out.size() + 1), d.type(), d.id(), text, params));
    }
    return new Instruction(description.strip(), out, input.strip());
  }
}
