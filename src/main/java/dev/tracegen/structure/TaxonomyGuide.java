package dev.tracegen.structure;

import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The parts of the taxonomy that prompts show a real LLM: dimension ids, meanings, param keys. */
public final class TaxonomyGuide {
  private TaxonomyGuide() {}

  public static String dimensions(Taxonomy taxonomy) {
    StringBuilder sb = new StringBuilder();
    for (Dimension d : taxonomy.dimensions()) {
      sb.append("- ").append(d.id()).append(" (").append(d.type()).append("): ").append(d.definition()).append('\n');
    }
    return sb.toString().strip();
  }

  public static String params(Taxonomy taxonomy) {
    StringBuilder sb = new StringBuilder();
    for (Dimension d : taxonomy.dimensions()) {
      if (!d.hasChecker()) {
        continue;
      }
      Map<String, TreeSet<String>> values = new TreeMap<>();
      d.phrasings().forEach(p -> p.options().forEach(o -> o.names().forEach(k ->
          values.computeIfAbsent(k, x -> new TreeSet<>()).add(String.valueOf(o.get(k))))));
      sb.append("- ").append(d.id()).append(": ");
      values.forEach((k, vs) -> sb.append(k).append(" (e.g. ")
          .append(String.join(", ", vs.stream().limit(4).toList())).append("); "));
      sb.append('\n');
    }
    return sb.toString().strip();
  }
}
