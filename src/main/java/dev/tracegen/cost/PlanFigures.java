package dev.tracegen.cost;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Prompts;
import dev.tracegen.expand.ExpandInstructions;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.io.SeedParser;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the run's own plans and prompts say about its LLM work, worked out over plans drawn by the
 * run's {@link Planner} from the first seeds of its files, without any LLM call.
 *
 * @param judgeNeed per constraint count k, the share of judged candidates for which a judge step
 *     calls the LLM: a programmatic checker decides the constraints it covers, so the LLM is asked
 *     only when a constraint has no checker or a checker-decided one falls into the calibration sample
 * @param expandIn per k, tokens (characters / 4) of the expand prompt rendered from the real
 *     template with the drawn plans
 * @param templateDelta per step id, tokens the step's template has more (or fewer) than the one
 *     the defaults were measured with
 */
public record PlanFigures(Map<Integer, Double> judgeNeed, Map<Integer, Double> expandIn,
    Map<String, Double> templateDelta) {
  /** Nothing known: every step keeps its defaults. */
  public static final PlanFigures NONE = new PlanFigures(Map.of(), Map.of(), Map.of());

  /** Plans drawn per constraint count. */
  static final int SAMPLE = 200;
  /** Seeds read from the start of the seed files. */
  static final int SEEDS = 400;

  /**
   * Characters of each template with its placeholders removed, in the prompts the defaults were
   * measured with (prompts/ of the reference build).
   */
  static final Map<String, Integer> REFERENCE_TEMPLATES = Map.of("expand", 1164, "structure", 730, "quality", 563,
      "respond", 1, "judge", 702, "perturb", 1195);

  /** The template each step renders. */
  static final Map<String, String> TEMPLATE_OF = Map.of("expand", "expand", "structure", "structure", "quality",
      "quality", "respond_y1", "respond", "respond_y2", "respond", "judge_y1", "judge", "judge_y2", "judge",
      "cross_judge", "judge", "perturb", "perturb");

  public PlanFigures {
    judgeNeed = Map.copyOf(judgeNeed);
    expandIn = Map.copyOf(expandIn);
    templateDelta = Map.copyOf(templateDelta);
  }

  /**
   * The figures for constraint counts {@code ks}; without a readable seed only the template deltas
   * are known (the other steps keep their defaults).
   */
  public static PlanFigures of(Taxonomy taxonomy, Prompts prompts, Map<String, Double> weights, long runSeed,
      List<String> seedFiles, SeedFormat format, double calibration, Iterable<Integer> ks) {
    Map<String, Double> delta = templateDelta(prompts);
    List<Seed> seeds = seeds(seedFiles, format);
    if (seeds.isEmpty()) {
      return new PlanFigures(Map.of(), Map.of(), delta);
    }
    Planner planner = new Planner(taxonomy, weights, runSeed);
    Checkers checkers = Checkers.load();
    Map<Integer, Double> need = new TreeMap<>();
    Map<Integer, Double> expand = new TreeMap<>();
    for (int k : ks) {
      double judged = 0;
      double tokens = 0;
      int n = 0;
      for (int i = 0; i < SAMPLE; i++) {
        Plan plan = planner.plan("estimate-" + k + "-" + i, seeds.get(i % seeds.size()), "train", k);
        if (plan == null) {
          continue;
        }
        int decided = 0;
        boolean open = false;
        for (Constraint c : plan.constraints()) {
          Dimension d = taxonomy.dimension(c.dimension());
          if (d != null && d.hasChecker() && checkers.get(d.checker()).isPresent()) {
            decided++;
          } else {
            open = true;
          }
        }
        judged += open ? 1 : 1 - Math.pow(1 - calibration, decided);
        tokens += Math.max(1, expandPrompt(prompts, plan).length() / 4);
        n++;
      }
      if (n > 0) {
        need.put(k, judged / n);
        expand.put(k, tokens / n);
      }
    }
    return new PlanFigures(need, expand, delta);
  }

  /** Per step, (template characters - the reference's) / 4: an edited template changes every request of its step. */
  static Map<String, Double> templateDelta(Prompts prompts) {
    Map<String, Double> out = new HashMap<>();
    TEMPLATE_OF.forEach((step, template) -> {
      Map<String, String> empty = new HashMap<>();
      Prompts.PROVIDED.get(template).forEach(v -> empty.put(v, ""));
      out.put(step, (prompts.render(template, empty).length() - REFERENCE_TEMPLATES.get(template)) / 4.0);
    });
    return out;
  }

  /** The expand prompt of {@code plan}, exactly as the expand stage sends it. */
  static String expandPrompt(Prompts prompts, Plan plan) {
    return ExpandInstructions.prompt(prompts, plan);
  }

  /** The first seeds of the local seed files that parse (files elsewhere or compressed are skipped). */
  static List<Seed> seeds(List<String> files, SeedFormat format) {
    SeedParser parser = new SeedParser(format);
    List<Seed> seeds = new ArrayList<>();
    for (String file : files) {
      if (file.contains("://") || file.contains("*") || file.endsWith(".gz") || !Files.isRegularFile(Path.of(file))) {
        continue;
      }
      try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        String line;
        long n = 0;
        while (seeds.size() < SEEDS && (line = r.readLine()) != null) {
          SeedParser.Result res = parser.parse(file, ++n, line.getBytes(StandardCharsets.UTF_8));
          if (res.isSeed()) {
            seeds.add(res.seed());
          }
        }
      } catch (IOException | RuntimeException e) {
        // An estimate does without: the steps keep their defaults.
      }
    }
    return seeds;
  }
}
