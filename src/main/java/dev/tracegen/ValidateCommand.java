package dev.tracegen;

import dev.tracegen.report.InputChecks;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code tracegen validate}: checks taxonomy, prompts, profile and seed files without any LLM
 * call and lists every problem found, exiting non-zero if there is one.
 */
final class ValidateCommand {
  private ValidateCommand() {}

  static int execute(String[] args) {
    PipelineOptionsFactory.register(TraceOptions.class);
    if (List.of(args).contains("--help")) {
      System.out.println("usage: tracegen validate [--taxonomy=DIR] [--prompts=DIR] [--profile=FILE] [--seeds=FILES]\n"
          + "                         [--seedFormat=F] [--dimensions=ID,...] [--dimensionWeights=ID=W,...]\n"
          + "Checks everything a run reads, without any LLM call, and lists every problem with file:line:\n"
          + "  taxonomy   YAML syntax, fields, references between dimensions/phrasings, checker ids\n"
          + "  prompts    missing templates, {{placeholders}} the step does not provide\n"
          + "  profile    fields, targets, dimension_weights ids (and --dimensions/--dimensionWeights)\n"
          + "  seeds      files exist; every line parses as a run would parse it (at most "
          + InputChecks.MAX_SEED_PROBLEMS_PER_FILE + " bad lines listed per file)\n"
          + "Exit status: 0 when everything is valid, 1 when there are problems.");
      return 0;
    }
    TraceOptions o = PipelineOptionsFactory.fromArgs(args).as(TraceOptions.class);
    List<String> problems = new ArrayList<>(problems(o));
    if (problems.isEmpty()) {
      System.out.println("tracegen validate: taxonomy, prompts, profile and seeds are valid");
      return 0;
    }
    System.out.println("tracegen validate: " + problems.size() + " problem(s)");
    problems.forEach(p -> System.out.println("  " + p));
    return 1;
  }

  /** Every problem as {@code path[:line]: message}: the same check a run makes before it starts. */
  static List<String> problems(TraceOptions o) {
    return InputValidation.problems(o);
  }
}
