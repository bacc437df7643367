package dev.tracegen.cli;

import dev.tracegen.RunConfig;
import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import dev.tracegen.cost.RunEstimate;
import dev.tracegen.io.Locations;
import dev.tracegen.report.RunSummary;
import java.util.List;

/**
 * {@code tracegen run} (the default command): builds the corpus, then prints the end-of-run
 * summary and where it was written. Its help page is {@link RunHelp#run(boolean)}.
 */
public final class RunCommand {
  private RunCommand() {}

  public static int execute(String[] args) throws Exception {
    TraceOptions options = CommandLine.parse(RunHelp.catalog("run"), args, List.of(), TraceOptions.class).options();
    if (!options.getQuiet()) {
      printEstimate(options);
    }
    TraceRun.Outcome outcome = TraceRun.run(options);
    if (!options.getQuiet()) {
      System.err.print(RunSummary.format(outcome.run()));
    }
    System.err.println("tracegen: wrote " + outcome.output() + " in " + outcome.run().wallSeconds() + " s (report: "
        + Locations.file(outcome.output(), "report.html") + ")");
    return ExitStatus.OK.code();
  }

  /**
   * What the run is expected to spend, from the options alone (no LLM call). A configuration the
   * estimate cannot read is left for the run itself to report.
   */
  static void printEstimate(TraceOptions options) {
    String estimate;
    try {
      RunConfig cfg = RunConfig.from(options);
      estimate = RunEstimate.of(options, cfg, RunEstimate.estimator(cfg)).format();
    } catch (RuntimeException e) {
      return;
    }
    System.err.print(estimate);
  }
}
