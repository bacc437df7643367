package dev.tracegen.taxonomy;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One taxonomy dimension (DESIGN section 4); {@code params} says how each checker parameter is
 * checked against a constraint's sentence; {@code file}/{@code line} locate its YAML entry (in a
 * language overlay, the overlay's entry, whose file holds the phrasings' lines).
 */
public record Dimension(
    String id,
    String type,
    String name,
    String definition,
    String labelZh,
    double weight,
    String checker,
    boolean needsInput,
    boolean providesInput,
    boolean repeatable,
    boolean revisable,
    List<String> conflictsWith,
    String addHint,
    String reviseHint,
    List<Phrasing> phrasings,
    Map<String, ParamSpec> params,
    String file,
    int line)
    implements Serializable {
  public Dimension {
    conflictsWith = List.copyOf(conflictsWith);
    phrasings = List.copyOf(phrasings);
    params = params == null ? Map.of() : Map.copyOf(params);
    checker = checker == null ? "" : checker;
  }

  public boolean hasChecker() {
    return !checker.isEmpty();
  }

  public Phrasing phrasing(String phrasingId) {
    return phrasings.stream().filter(p -> p.id().equals(phrasingId)).findFirst().orElse(null);
  }
}
