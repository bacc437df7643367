package dev.tracegen;

import dev.tracegen.report.ExportCommand;
import dev.tracegen.report.RunSummary;
import dev.tracegen.report.StatsCommand;
import dev.tracegen.serve.ServeCommand;
import dev.tracegen.taxonomy.TaxonomyException;
import java.util.Arrays;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line: {@code tracegen run|validate [--options]}. Expected problems (bad input,
 * bad configuration, unmet targets) end with a one-paragraph message and a non-zero exit code,
 * never a bare stack trace.
 */
public final class TraceGen {
  public static final String VERSION = "0.1.0";

  private TraceGen() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(usage()); // 'tracegen --help': the commands; 'tracegen run --help': run's options
      return 0;
    }
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "run";
    String[] rest = args.length > 0 && !args[0].startsWith("-") ? Arrays.copyOfRange(args, 1, args.length) : args;
    try {
      return switch (command) {
        case "run" -> runCommand(rest);
        case "validate" -> ValidateCommand.execute(rest);
        case "serve" -> ServeCommand.execute(rest);
        case "stats" -> StatsCommand.execute(rest);
        case "export" -> ExportCommand.execute(rest);
        case "help", "--help", "-h" -> {
          System.out.println(usage());
          yield 0;
        }
        default -> {
          System.err.println("tracegen: unknown command '" + command + "'\n\n" + usage());
          yield 2;
        }
      };
    } catch (TaxonomyException | IllegalArgumentException | TraceRun.ShortfallException e) {
      System.err.println("tracegen: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("tracegen: run failed: " + rootMessage(e));
      if (rootMessage(e).startsWith("OutOfMemoryError")) {
        System.err.println("(the JVM ran out of heap: raise it with TRACEGEN_JAVA_OPTS=-Xmx... or run on Flink;"
            + " see README, Scale and benchmarks)");
      }
      if (System.getenv("TRACEGEN_DEBUG") != null) {
        e.printStackTrace();
      } else {
        System.err.println("(set TRACEGEN_DEBUG=1 to see the stack trace)");
      }
      return 1;
    }
  }

  private static int runCommand(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      PipelineOptionsFactory.register(TraceOptions.class);
      PipelineOptionsFactory.printHelp(System.out, TraceOptions.class);
      return 0;
    }
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(TraceOptions.class);
    TraceRun.Outcome outcome = TraceRun.run(options);
    if (!options.getQuiet()) {
      System.err.print(RunSummary.format(outcome.run()));
    }
    System.err.println("tracegen: wrote " + outcome.output() + " in " + outcome.run().get("wall_seconds") + " s (report: "
        + outcome.output().resolve("report.html") + ")");
    return 0;
  }

  /** The innermost message, which is the one that says what went wrong. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  static String usage() {
    return String.join("\n",
        "usage: tracegen <command> [--options]",
        "",
        "commands:",
        "  run        build the corpus (default): --profile=pipeline/smoke.yaml --output=DIR",
        "  validate   check taxonomy, prompts, profile and seeds without any LLM call",
        "  serve      the embedded model behind an OpenAI-compatible endpoint: --port=8088 (0 = any)",
        "  stats      recompute the statistics of a built corpus: stats DIR [--json|--write|--check|--report]",
        "  export     re-derive the views (trace_eval, iopo, dpo, sft) from a corpus's shards: export DIR",
        "",
        "Run 'tracegen <command> --help' for the options of a command.");
  }
}
