package dev.tracegen.model;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What one candidate should become: the seed, the split, the number of constraints and the
 * concrete constraints (dimension, phrasing, params) drawn from the taxonomy.
 */
@DefaultCoder(JsonCoder.class)
public record Plan(String id, Seed seed, String split, int k, List<Constraint> constraints, String input)
    implements Serializable {
  public Plan {
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    input = input == null ? "" : input;
  }
}
