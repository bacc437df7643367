package dev.tracegen.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What one candidate should become: the seed, the split, the number of constraints and the
 * constraints (dimension, phrasing, params) drawn from the taxonomy. {@code choices} holds, per
 * constraint id, the params the plan leaves open for the generator to fit to the task; their
 * {@code {placeholders}} are still in the constraint's text and absent from its params.
 */
@DefaultCoder(JsonCoder.class)
public record Plan(String id, Seed seed, String split, int k, List<Constraint> constraints, String input,
    Map<String, Map<String, Choice>> choices)
    implements Serializable {
  public Plan {
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    input = input == null ? "" : input;
    choices = choices == null ? Map.of() : new TreeMap<>(choices);
  }

  /** The open params of constraint {@code id} (empty when the plan fixed them all). */
  public Map<String, Choice> choicesOf(String id) {
    return choices.getOrDefault(id, Map.of());
  }
}
