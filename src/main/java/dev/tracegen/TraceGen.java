package dev.tracegen;

import dev.tracegen.cli.EstimateCommand;
import dev.tracegen.cli.EvalCommand;
import dev.tracegen.cli.ExitStatus;
import dev.tracegen.cli.ExportCommand;
import dev.tracegen.cli.Help;
import dev.tracegen.cli.LogLevels;
import dev.tracegen.cli.OptionCatalog;
import dev.tracegen.cli.RunCommand;
import dev.tracegen.cli.RunHelp;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.cli.StatsCommand;
import dev.tracegen.cli.UsageException;
import dev.tracegen.cli.ValidateCommand;
import dev.tracegen.taxonomy.TaxonomyException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The process entry point: {@code tracegen [run|estimate|validate|serve|stats|export|eval|version|help]
 * [--options]}. It picks the command and hands the rest of the line to its class in {@link
 * dev.tracegen.cli}. Expected problems (bad options, bad input, unmet targets) end with a
 * one-paragraph message and one of the {@link ExitStatus} codes, never a bare stack trace.
 */
public final class TraceGen {
  public static final String VERSION = "0.1.0";

  /** The commands, in the order the top-level help lists them. */
  enum Command {
    RUN("build the corpus (the default command): run --output=DIR [--profile=FILE]"),
    ESTIMATE("calls, tokens, cost and time a run would take, before any LLM call: estimate [--pilot=N]"),
    VALIDATE("check taxonomy, prompts, profile and seeds without any LLM call"),
    SERVE("the embedded generator behind an OpenAI-compatible endpoint on loopback: serve [--port=N]"),
    STATS("recompute the statistics of a built corpus: stats DIR [--json|--write|--check|--report]"),
    EXPORT("re-derive the views (trace_eval, iopo, dpo, sft) from a corpus's shards: export DIR"),
    EVAL("run the TRACE benchmark on a model: eval --data=FILE --output=DIR [--provider=... --judgeModel=...]"),
    VERSION("print the version (also --version)"),
    HELP("this text, or a command's help: help COMMAND (also COMMAND --help)");

    final String summary;

    Command(String summary) {
      this.summary = summary;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Command> named(String word) {
      return Arrays.stream(values()).filter(c -> c.word().equals(word)).findFirst();
    }
  }

  private TraceGen() {}

  public static void main(String[] args) {
    configureLogging(args);
    System.exit(execute(args));
  }

  /**
   * Console log levels for this command line (Beam and Flink at WARN unless --verbose). Only the
   * process entry point calls it, before anything creates a logger: slf4j-simple reads its levels
   * once, so in-process callers of {@link #execute} keep whatever their JVM configured.
   */
  static void configureLogging(String[] args) {
    LogLevels.apply(LogLevels.properties(LogLevels.verbose(args)));
  }

  public static int execute(String[] args) {
    if (args.length == 0) {
      System.err.println(usage());
      return ExitStatus.USAGE.code();
    }
    if (List.of("-h", "--help", "--help=all").contains(args[0])) {
      System.out.println(usage()); // 'tracegen --help': the commands; 'tracegen run --help': run's options
      return ExitStatus.OK.code();
    }
    if (args[0].equals("--version")) {
      System.out.println(versionLine());
      return ExitStatus.OK.code();
    }
    boolean named = !args[0].startsWith("-");
    Optional<Command> command = named ? Command.named(args[0]) : Optional.of(Command.RUN);
    if (command.isEmpty()) {
      String close = OptionCatalog.closest(args[0], Arrays.stream(Command.values()).map(Command::word).toList());
      System.err.println("tracegen: unknown command '" + args[0] + "'" + (close == null ? "" : " (did you mean '" + close + "'?)")
          + "\n\n" + usage());
      return ExitStatus.USAGE.code();
    }
    String[] rest = named ? Arrays.copyOfRange(args, 1, args.length) : args;
    List<String> restList = List.of(rest);
    if (restList.contains("-h") || restList.contains("--help") || restList.contains("--help=all")) {
      System.out.print(help(command.get(), restList.contains("--help=all")));
      return ExitStatus.OK.code();
    }
    try {
      return switch (command.get()) {
        case RUN -> RunCommand.execute(rest);
        case ESTIMATE -> EstimateCommand.execute(rest);
        case VALIDATE -> ValidateCommand.execute(rest);
        case SERVE -> ServeCommand.execute(rest);
        case STATS -> StatsCommand.execute(rest);
        case EXPORT -> ExportCommand.execute(rest);
        case EVAL -> EvalCommand.execute(rest);
        case VERSION -> {
          System.out.println(versionLine());
          yield ExitStatus.OK.code();
        }
        case HELP -> helpCommand(rest);
      };
    } catch (Exception e) {
      ExitStatus status = statusOf(e);
      report(command.get(), e, status);
      return status.code();
    }
  }

  /** What an exception that ends a command means for the exit status. */
  static ExitStatus statusOf(Exception e) {
    if (e instanceof TraceRun.ShortfallException) {
      return ExitStatus.SHORTFALL;
    }
    if (e instanceof IllegalArgumentException || e instanceof TaxonomyException) {
      return ExitStatus.USAGE; // bad options or bad input files: fixed by the user, not by a rerun
    }
    return ExitStatus.FAILED;
  }

  private static void report(Command command, Exception e, ExitStatus status) {
    if (e instanceof UsageException u) {
      System.err.println("tracegen " + u.command() + ": " + u.getMessage() + "\n(see 'tracegen " + u.command() + " --help')");
      return;
    }
    if (status != ExitStatus.FAILED) {
      System.err.println("tracegen: " + e.getMessage());
      return;
    }
    System.err.println("tracegen: " + command.word() + " failed: " + rootMessage(e));
    if (rootMessage(e).startsWith("OutOfMemoryError")) {
      System.err.println("(the JVM ran out of heap: raise it with TRACEGEN_JAVA_OPTS=-Xmx... or run on Flink;"
          + " see README, Scale and benchmarks)");
    }
    if (System.getenv("TRACEGEN_DEBUG") != null) {
      e.printStackTrace();
    } else {
      System.err.println("(set TRACEGEN_DEBUG=1 to see the stack trace)");
    }
  }

  private static int helpCommand(String[] args) {
    if (args.length == 0) {
      System.out.println(usage());
      return ExitStatus.OK.code();
    }
    Optional<Command> c = Command.named(args[0]);
    if (c.isEmpty()) {
      throw new UsageException("help", "no command '" + args[0] + "'");
    }
    System.out.print(help(c.get(), List.of(args).contains("--help=all") || List.of(args).contains("all")));
    return ExitStatus.OK.code();
  }

  /** The help page of {@code command}; {@code all} adds Beam's and the runners' options to run's. */
  static String help(Command command, boolean all) {
    return switch (command) {
      case RUN -> RunHelp.run(all);
      case ESTIMATE -> EstimateCommand.help();
      case VALIDATE -> RunHelp.validate();
      case SERVE -> ServeCommand.help();
      case STATS -> StatsCommand.help();
      case EXPORT -> ExportCommand.help();
      case EVAL -> EvalCommand.help();
      case VERSION -> "usage: tracegen version   (or tracegen --version)\n\nPrints 'tracegen " + VERSION + "'.\n";
      case HELP -> usage() + "\n";
    };
  }

  static String versionLine() {
    return "tracegen " + VERSION;
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
    StringBuilder b = new StringBuilder("usage: tracegen <command> [--options]\n       tracegen --version\n\ncommands:\n");
    for (Command c : Command.values()) {
      b.append(String.format(Locale.ROOT, "  %-10s %s%n", c.word(), c.summary));
    }
    b.append(Help.examples(
        "tracegen run --profile=pipeline/smoke.yaml --output=out/smoke",
        "tracegen validate --profile=pipeline/trace.yaml",
        "tracegen stats out/smoke --check"));
    b.append("\nExit status:\n").append(ExitStatus.table());
    b.append("\nRun 'tracegen <command> --help' for the options of a command.");
    return b.toString();
  }
}
