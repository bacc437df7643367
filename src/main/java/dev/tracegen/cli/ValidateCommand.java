package dev.tracegen.cli;

import dev.tracegen.InputValidation;
import dev.tracegen.TraceOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tracegen validate}: checks taxonomy, prompts, profile and seed files without any LLM
 * call and lists every problem found, exiting with {@link ExitStatus#USAGE} if there is one. Its
 * help page is {@link RunHelp#validate()}.
 */
public final class ValidateCommand {
  private ValidateCommand() {}

  public static int execute(String[] args) {
    TraceOptions o = CommandLine.parse(RunHelp.catalog("validate"), args, List.of(), TraceOptions.class).options();
    List<String> problems = new ArrayList<>(problems(o));
    if (problems.isEmpty()) {
      System.out.println("tracegen validate: taxonomy, prompts, profile and seeds are valid");
      return ExitStatus.OK.code();
    }
    System.out.println("tracegen validate: " + problems.size() + " problem(s)");
    problems.forEach(p -> System.out.println("  " + p));
    // The same status a run would end with on this input: it is not usable as it stands.
    return ExitStatus.USAGE.code();
  }

  /** Every problem as {@code path[:line]: message}: the same check a run makes before it starts. */
  static List<String> problems(TraceOptions o) {
    return InputValidation.problems(o);
  }
}
