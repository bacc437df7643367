package dev.tracegen.plan;

import dev.tracegen.model.Choice;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws the k constraints of one plan: dimensions by weight, respecting {@code conflicts_with}
 * (dimension and phrasing level), inputs (background dimensions bring one, so they are skipped
 * when the seed has its own; at most one background), and distinct parameters for repeated
 * dimensions. Pure and deterministic.
 */
public final class Planner implements Serializable {
  private final Taxonomy taxonomy;
  private final Map<String, Double> weightOverrides;
  private final long runSeed;

  public Planner(Taxonomy taxonomy, Map<String, Double> weightOverrides, long runSeed) {
    this.taxonomy = taxonomy;
    this.weightOverrides = weightOverrides;
    this.runSeed = runSeed;
  }

  public double weight(Dimension d) {
    return weightOverrides.getOrDefault(d.id(), d.weight());
  }

  /** The plan, or null when k constraints cannot be drawn for this seed. */
  public Plan plan(String planId, Seed seed, String split, int k) {
    SplittableRandom rnd = Draws.random(runSeed, "plan", planId);
    List<Constraint> chosen = new ArrayList<>();
    Set<String> present = new HashSet<>();
    Set<String> blocked = new HashSet<>();
    Set<String> usedTexts = new HashSet<>();
    Set<String> usedKeywords = new HashSet<>();
    Map<String, Map<String, Choice>> choices = new TreeMap<>();
    String input = seed.input();
    boolean hasInput = seed.hasInput();
    for (int attempt = 0; attempt < 200 && chosen.size() < k; attempt++) {
      List<Dimension> candidates = new ArrayList<>();
      double total = 0;
      for (Dimension d : taxonomy.dimensions()) {
        double w = weight(d);
        boolean conflicts = blocked.contains(d.id()) || d.conflictsWith().stream().anyMatch(present::contains);
        if (w <= 0 || conflicts || (present.contains(d.id()) && !d.repeatable())
            || (d.needsInput() && !hasInput) || (d.providesInput() && hasInput)) {
          continue;
        }
        candidates.add(d);
        total += w;
      }
      if (candidates.isEmpty()) {
        break;
      }
      Dimension d = pickWeighted(candidates, total, rnd);
      List<Phrasing> phrasings = d.phrasings().stream()
          .filter(p -> p.conflictsWith().stream().noneMatch(present::contains)).toList();
      if (phrasings.isEmpty()) {
        continue;
      }
      Phrasing p = phrasings.get(rnd.nextInt(phrasings.size()));
      // Open params stay placeholders for the generator to fill from the task; two open
      // constraints of one phrasing differ by what it fills in, so only fixed texts must differ.
      Params option = p.options().get(rnd.nextInt(p.options().size())).without(p.choose().keySet());
      String text = Phrasing.fill(p.text(), option);
      Object keyword = option.get("keyword");
      if ((p.choose().isEmpty() && usedTexts.contains(text))
          || (keyword != null && usedKeywords.contains(String.valueOf(keyword)))) {
        continue;
      }
      usedTexts.add(text);
      if (keyword != null) {
        usedKeywords.add(String.valueOf(keyword));
      }
      String id = "c" + (chosen.size() + 1);
      if (!p.choose().isEmpty()) {
        choices.put(id, p.choose());
      }
      chosen.add(new Constraint(id, d.type(), d.id(), text, option));
      present.add(d.id());
      blocked.addAll(d.conflictsWith());
      blocked.addAll(p.conflictsWith());
      if (d.providesInput()) {
        input = p.input();
        hasInput = true;
      }
    }
    if (chosen.size() < k) {
      return null;
    }
    return new Plan(planId, seed, split, k, chosen, input, choices);
  }

  private Dimension pickWeighted(List<Dimension> candidates, double total, SplittableRandom rnd) {
    double x = rnd.nextDouble() * total;
    for (Dimension d : candidates) {
      x -= weight(d);
      if (x < 0) {
        return d;
      }
    }
    return candidates.get(candidates.size() - 1);
  }
}
