package dev.tracegen.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run profile ({@code pipeline/*.yaml}): seeds, targets per split and constraint-count stratum,
 * over-generation, weights and the run seed. Targets are a total plus a shape, scaled to the total
 * by the largest-remainder method (DESIGN section 5).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Profile(
    String name,
    String description,
    long runSeed,
    List<String> seeds,
    String seedFormat,
    double evalSeedFraction,
    Map<String, Target> targets,
    double overgeneration,
    double overgenerationPerConstraint,
    Map<String, Double> perturbationOps,
    Map<String, Double> dimensionWeights,
    Map<String, Integer> shards,
    String category)
    implements Serializable {

  /** Target of one split: a total and a relative shape over constraint counts 1..15. */
  public record Target(int total, Map<Integer, Double> shape) implements Serializable {}

  public Profile {
    seedFormat = seedFormat == null ? "auto" : seedFormat;
    perturbationOps = perturbationOps == null ? Map.of("ADD", 1.0, "DELETE", 1.0, "REVISE", 1.0) : new TreeMap<>(perturbationOps);
    dimensionWeights = dimensionWeights == null ? Map.of() : new TreeMap<>(dimensionWeights);
    shards = shards == null ? Map.of("train", 16, "eval", 1) : new TreeMap<>(shards);
    category = category == null ? "tracegen" : category;
    description = description == null ? "" : description;
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public static Profile load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("profile not found: " + file);
    }
    Profile p;
    try {
      p = YAML.readValue(file.toFile(), Profile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage().split("\n")[0]
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
              ? " (near line " + jpe.getLocation().getLineNr() + ")" : ""));
    }
    List<String> problems = p.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid profile " + file + ":\n  " + String.join("\n  ", problems));
    }
    return p;
  }

  /** Everything wrong with this profile, for {@code validate} and for load. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (seeds == null || seeds.isEmpty()) {
      out.add("seeds: at least one seed file is needed");
    }
    if (targets == null || !targets.containsKey("train") || !targets.containsKey("eval")) {
      out.add("targets: both 'train' and 'eval' are needed");
    }
    if (targets != null) {
      targets.forEach((split, t) -> {
        if (t.total() < 0) {
          out.add("targets." + split + ".total must not be negative");
        }
        if (t.shape() == null || t.shape().isEmpty()) {
          out.add("targets." + split + ".shape is empty");
        } else {
          t.shape().forEach((k, w) -> {
            if (k < 1 || k > 15) {
              out.add("targets." + split + ".shape: constraint count " + k + " outside 1..15");
            }
            if (w < 0) {
              out.add("targets." + split + ".shape." + k + " must not be negative");
            }
          });
        }
      });
    }
    if (evalSeedFraction <= 0 || evalSeedFraction >= 1) {
      out.add("eval_seed_fraction must be between 0 and 1");
    }
    if (overgeneration < 1) {
      out.add("overgeneration must be at least 1");
    }
    for (String op : perturbationOps.keySet()) {
      if (!List.of("ADD", "DELETE", "REVISE").contains(op)) {
        out.add("perturbation_ops: unknown op " + op + " (ADD, DELETE, REVISE)");
      }
    }
    return out;
  }

  /** Exact per-stratum targets of a split: the shape scaled to the total by largest remainder. */
  public Map<Integer, Integer> stratumTargets(String split) {
    Target t = targets.get(split);
    double sum = t.shape().values().stream().mapToDouble(Double::doubleValue).sum();
    Map<Integer, Integer> out = new TreeMap<>();
    List<double[]> remainders = new ArrayList<>();
    int assigned = 0;
    for (Map.Entry<Integer, Double> e : new TreeMap<>(t.shape()).entrySet()) {
      double exact = sum == 0 ? 0 : t.total() * e.getValue() / sum;
      int floor = (int) Math.floor(exact);
      out.put(e.getKey(), floor);
      assigned += floor;
      remainders.add(new double[] {e.getKey(), exact - floor});
    }
    // Ties go to the smaller k so the result never depends on map order.
    remainders.sort(Comparator.<double[]>comparingDouble(r -> -r[1]).thenComparingDouble(r -> r[0]));
    for (int i = 0; i < t.total() - assigned; i++) {
      int k = (int) remainders.get(i % remainders.size())[0];
      out.merge(k, 1, Integer::sum);
    }
    return out;
  }

  /** Plans to draw for a stratum: target times the over-generation factor, growing with k. */
  public int plannedCount(int k, int target) {
    if (target == 0) {
      return 0;
    }
    return (int) Math.ceil(target * overgeneration * (1 + overgenerationPerConstraint * (k - 1))) + 2;
  }

  public Profile withOvergeneration(double factor) {
    return new Profile(name, description, runSeed, seeds, seedFormat, evalSeedFraction, targets, factor,
        overgenerationPerConstraint, perturbationOps, dimensionWeights, shards, category);
  }
}
