package dev.tracegen.cli;

import static dev.tracegen.cli.OptionTable.row;

import dev.tracegen.RunConfig;
import dev.tracegen.cli.OptionTable.Group;
import dev.tracegen.cost.CostEstimator;
import dev.tracegen.cost.Estimate;
import dev.tracegen.cost.Pilot;
import dev.tracegen.cost.RunEstimate;
import dev.tracegen.facts.RunFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code tracegen estimate}: what {@code tracegen run} with the same options would spend (calls,
 * tokens, money, wall time per LLM step and in total), without any LLM call, or scaled to a
 * {@code --pilot} run of a few hundred candidates.
 */
public final class EstimateCommand {
  private static final Group ESTIMATE = new Group("Estimate options (any option of 'tracegen run' is accepted)");
  static final OptionTable TABLE = new OptionTable(List.of(EstimateOptions.class), List.of(
      row("pilot", ESTIMATE, "N"),
      row("profile", ESTIMATE, "FILE"),
      row("provider", ESTIMATE, "NAME"),
      row("model", ESTIMATE, "NAME"),
      row("judgeModel", ESTIMATE, "NAME"),
      row("prices", ESTIMATE, "FILE"),
      row("priceInput", ESTIMATE),
      row("priceOutput", ESTIMATE),
      row("judgePriceInput", ESTIMATE),
      row("judgePriceOutput", ESTIMATE),
      row("maxInFlight", ESTIMATE),
      row("requestsPerMinute", ESTIMATE),
      row("tokensPerMinute", ESTIMATE),
      row("expectedLatency", ESTIMATE),
      row("maxCost", ESTIMATE)));

  private EstimateCommand() {}

  static OptionCatalog catalog() {
    List<Class<? extends PipelineOptions>> interfaces = new ArrayList<>();
    interfaces.add(EstimateOptions.class);
    interfaces.addAll(OptionCatalog.runnerOptions());
    return OptionCatalog.of("estimate", interfaces);
  }

  public static int execute(String[] args) throws IOException {
    EstimateOptions o = CommandLine.parse(catalog(), args, List.of(), EstimateOptions.class).options();
    if (o.getPilot() < 0) {
      throw new UsageException("estimate", "--pilot must be 0 (none) or a number of candidates");
    }
    RunConfig cfg = RunConfig.from(o);
    CostEstimator estimator = RunEstimate.estimator(cfg);
    List<String> pilotNotes = new ArrayList<>();
    Double yield = null;
    if (o.getPilot() > 0) {
      // A fresh copy of the options: the pilot points them at its own profile and output.
      EstimateOptions pilotOptions = CommandLine.parse(catalog(), args, List.of(), EstimateOptions.class).options();
      Path dir = Files.createTempDirectory("tracegen-pilot-");
      try {
        System.err.println("tracegen estimate: pilot of about " + o.getPilot() + " candidates against "
            + cfg.generator().label() + " ...");
        Pilot.Result pilot = Pilot.run(pilotOptions, o.getPilot(), dir);
        estimator = estimator.calibrated(pilot.facts(), pilot.plans());
        pilotNotes.add(pilotYield(pilot.facts()));
        yield = yieldOf(pilot.facts());
      } finally {
        deleteTree(dir);
      }
    }
    Estimate e = RunEstimate.of(o, cfg, estimator, yield);
    for (String n : pilotNotes) {
      e = new Estimate(e.plans(), e.basis(), e.generator(), e.judge(), e.steps(), e.wallSeconds(), e.throughput(),
          Stream.concat(e.notes().stream(), Stream.of(n)).toList());
    }
    System.out.print(e.format());
    return ExitStatus.OK.code();
  }

  /** The share of the pilot's plans that reached selection, or null when it planned nothing. */
  static Double yieldOf(RunFacts pilot) {
    long planned = pilot.planned() == null ? 0 : pilot.planned();
    long available = pilot.select().entrySet().stream().filter(x -> x.getKey().startsWith("available."))
        .mapToLong(x -> x.getValue()).sum();
    return planned == 0 ? null : (double) available / planned;
  }

  /** What share of the pilot's plans reached selection. */
  static String pilotYield(RunFacts pilot) {
    long planned = pilot.planned() == null ? 0 : pilot.planned();
    long available = pilot.select().entrySet().stream().filter(x -> x.getKey().startsWith("available."))
        .mapToLong(x -> x.getValue()).sum();
    return String.format(Locale.ROOT, "pilot yield: %,d of %,d planned candidates (%.1f%%) reached selection",
        available, planned, planned == 0 ? 0 : 100.0 * available / planned);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public static String help() {
    OptionCatalog catalog = catalog();
    return "usage: tracegen estimate [--profile=FILE] [--pilot=N] [--option=value ...]\n"
        + Help.paragraph("Prints what 'tracegen run' with the same options would spend, per LLM step and in total: "
            + "calls, tokens in and out, cost at the price table's prices (prices/prices.yaml), and the wall time at "
            + "--maxInFlight, --requestsPerMinute and --tokensPerMinute. Without --pilot it makes no LLM call; with "
            + "--pilot=N it first runs about N candidates through the real pipeline against the configured model and "
            + "scales every figure to what that pilot measured. See docs/cost.md.")
        + TABLE.render(catalog, false)
        + Help.examples(
            "tracegen estimate --profile=pipeline/trace.yaml --provider=openai --model=gpt-4o-mini",
            "tracegen estimate --profile=pipeline/trace.yaml --provider=openai --model=my-model \\",
            "    --priceInput=0.2 --priceOutput=0.6 --pilot=300 --baseUrl=http://localhost:8000/v1")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  the estimate was printed",
            ExitStatus.FAILED.code() + "  the pilot failed",
            ExitStatus.USAGE.code() + "  bad options, or an invalid taxonomy, prompt, profile, seed or price file");
  }
}
