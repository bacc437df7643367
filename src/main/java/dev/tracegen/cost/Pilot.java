package dev.tracegen.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tracegen.RunConfig;
import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import dev.tracegen.config.Profile;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.report.Funnel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A pilot: the real pipeline, against the configured model, over a profile whose targets are
 * scaled down so that about N candidates are planned, published with {@code --allowShortfall}
 * into a scratch directory. Its {@code run.json} says what each step really spent per plan; its
 * answers stay in the response cache, where the real run finds those it asks again.
 */
public final class Pilot {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What the pilot did, and the candidates it planned per stratum. */
  public record Result(RunFacts facts, Map<String, Long> plans, Path profile) {}

  private Pilot() {}

  /**
   * Runs {@code o} (a fresh copy of the run's options, which this changes) as a pilot of about
   * {@code plans} candidates in {@code dir}.
   */
  public static Result run(TraceOptions o, int plans, Path dir) throws IOException {
    Profile full = RunConfig.from(o).profile();
    long planned = Funnel.planned(full);
    double scale = Math.min(1.0, plans / (double) Math.max(1, planned));
    ObjectNode tree = (ObjectNode) YAML.readTree(Path.of(o.getProfile()).toFile());
    ObjectNode targets = (ObjectNode) tree.path("targets");
    for (Iterator<String> it = targets.fieldNames(); it.hasNext(); ) {
      ObjectNode split = (ObjectNode) targets.path(it.next());
      split.put("total", Math.max(1, Math.round(split.path("total").asLong() * scale)));
    }
    Files.createDirectories(dir);
    Path profile = dir.resolve("pilot-profile.yaml");
    YAML.writeValue(profile.toFile(), tree);
    o.setProfile(profile.toString());
    o.setOutput(dir.resolve("corpus").toString());
    o.setOverwrite(true);
    o.setAllowShortfall(true);
    o.setQuiet(true);
    // One wave at the profile's fixed counts: the pilot measures the yield that adaptive waves would chase.
    o.setPlanning("fixed");
    TraceRun.Outcome outcome = TraceRun.run(o);
    Profile pilot = RunConfig.from(o).profile();
    return new Result(outcome.run(), CostEstimator.plannedPerStratum(pilot), profile);
  }
}
