package dev.tracegen.structure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the JSON that structure and perturb answers carry. Anything a later stage relies on is
 * validated here, and the error message is what the repair re-ask tells the model.
 */
public final class InstructionParser {
  private InstructionParser() {}

  /** The JSON object in an answer, tolerating a Markdown code fence around it. */
  public static JsonNode object(String text) throws MalformedOutputException {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      t = nl > 0 && end > nl ? t.substring(nl + 1, end) : t;
    }
    int open = t.indexOf('{');
    int close = t.lastIndexOf('}');
    if (open < 0 || close < open) {
      throw new MalformedOutputException("the answer is not a JSON object");
    }
    try {
      JsonNode node = Json.PLAIN.readTree(t.substring(open, close + 1));
      if (!node.isObject()) {
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
      Map<String, Object> params = new TreeMap<>();
      if (c.path("params").isObject()) {
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(),
            e.getValue().isIntegralNumber() ? (Object) e.getValue().asInt() : e.getValue().asText()));
      }
      out.add(new Constraint("c" + (out.size() + 1), d.type(), d.id(), text, params));
    }
    return new Instruction(description.strip(), out, input.strip());
  }
}
