package dev.tracegen.taxonomy;

import dev.tracegen.model.Params;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the embedded judge checks for a phrasing that has no programmatic checker (the optional
 * {@code judge} entry of a phrasing). Templates use the phrasing's {@code {param}} placeholders;
 * {@code by} names the param whose value selects an entry of {@code values}.
 *
 * @param by option param that selects a {@link Value}; empty when the rule does not vary by value
 * @param present text that must appear in the answer outside what it copies from the instruction
 * @param begins text that some sentence or clause of the answer must begin with
 * @param opening the value's markers must begin the answer's first sentence (not merely appear)
 * @param all every marker of the value must appear (a layout names all its parts), not just one
 * @param forbidden regexes that must match nowhere in the answer, for every value
 * @param violate the sentence the embedded writer adds when it misses this constraint on purpose
 * @param values per value of {@code by}: markers, forbidden regexes, and the writer's sentences
 */
public record JudgeRule(
    String by,
    String present,
    String begins,
    boolean opening,
    boolean all,
    List<String> forbidden,
    String violate,
    Map<String, Value> values)
    implements Serializable {

  public JudgeRule {
    by = by == null ? "" : by;
    present = present == null ? "" : present;
    begins = begins == null ? "" : begins;
    forbidden = List.copyOf(forbidden);
    violate = violate == null ? "" : violate;
    values = Map.copyOf(values);
  }

  /**
   * One value's vocabulary: {@code markers} (regexes, whole words) that show the value, other
   * {@code forbidden} regexes, and the sentences the writer uses to comply or to miss.
   */
  public record Value(List<String> markers, List<String> forbidden, String respond, String violate)
      implements Serializable {
    public Value {
      markers = List.copyOf(markers);
      forbidden = List.copyOf(forbidden);
      respond = respond == null ? "" : respond;
      violate = violate == null ? "" : violate;
    }
  }

  /** The entry for this option's value of {@code by}, or null. */
  public Value value(Params params) {
    return by.isEmpty() ? null : values.get(String.valueOf(params.get(by)));
  }
}
