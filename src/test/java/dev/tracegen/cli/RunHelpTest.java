package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.TraceOptions;
import dev.tracegen.report.Cli;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.junit.jupiter.api.Test;

/** run's help page: every option placed in a group, required ones marked, Beam's only with --help=all. */
class RunHelpTest {
  @Test
  void everyRunOptionHasAGroupAndEveryRowAnOption() {
    OptionCatalog catalog = RunHelp.catalog("run");
    assertEquals(List.of(), RunHelp.RUN.ungrouped(catalog),
        "TraceOptions options without a row in RunHelp.RUN (add one, in the group they belong to)");
    assertEquals(List.of(), RunHelp.RUN.stale(catalog), "rows naming no option");
    assertEquals(List.of(), RunHelp.VALIDATE.stale(catalog), "validate rows naming no option");
  }

  /** An option someone adds later, without a row. */
  interface WithNewOption extends TraceOptions {
    @Description("A brand-new knob.")
    @Default.Integer(7)
    int getShinyNewKnob();

    void setShinyNewKnob(int value);
  }

  @Test
  void aNewOptionWithoutAGroupIsCaughtAndStillListed() {
    OptionCatalog catalog = OptionCatalog.of("run", List.of(WithNewOption.class));
    OptionTable table = new OptionTable(List.of(TraceOptions.class, WithNewOption.class), RunHelp.RUN.rows());
    assertEquals(List.of("shinyNewKnob"), table.ungrouped(catalog));
    String help = table.render(catalog, false);
    assertTrue(help.contains("\nOther options:\n  --shinyNewKnob=N") && help.contains("A brand-new knob. [default: 7]"), help);
  }

  @Test
  void runHelpGroupsOptionsMarksOutputRequiredAndKeepsBeamForHelpAll() {
    Cli.Result r = Cli.execute("run", "-h");
    assertEquals(0, r.code());
    String help = r.out();
    assertTrue(help.startsWith("usage: tracegen run --output=DIR "), help);
    List<String> groups = List.of("Required:", "Common options:", "LLM provider and generation:",
        "Dedup and decontamination:", "Output, console and runner:", "Examples:", "Exit status:");
    int at = -1;
    for (String g : groups) {
      int next = help.indexOf("\n" + g + "\n");
      assertTrue(next > at, g + " after the previous section in\n" + help);
      at = next;
    }
    String required = section(help, "Required:");
    assertTrue(required.contains("--output=DIR") && required.contains("(required)"), required);
    assertTrue(section(help, "LLM provider and generation:").contains("--temperature=X "), help);
    assertTrue(section(help, "LLM provider and generation:").contains("[default: 0.7]"), help);
    assertTrue(section(help, "Dedup and decontamination:").contains("--nearDupThreshold=X "), help);
    assertTrue(section(help, "Output, console and runner:").contains("--verbose "), help);
    assertTrue(section(help, "Output, console and runner:").contains("--runner=RUNNER "), help);
    assertFalse(help.contains("Other options:"), help);
    // Beam's and the runners' own options only under --help=all.
    String options = help.substring(0, help.indexOf("\nExamples:\n"));
    for (String beam : List.of("--flinkMaster=", "--targetParallelism=", "--jobName=", "--enforceImmutability")) {
      assertFalse(options.contains("\n  " + beam), beam + " in run --help");
    }
    String all = Cli.execute("run", "--help=all").out();
    assertTrue(all.startsWith(help.substring(0, help.indexOf("\nExamples:\n"))), "--help=all extends --help");
    for (String beam : List.of("--flinkMaster=", "--jobName=", "--enforceImmutability")) {
      assertTrue(all.contains(beam), beam + " in run --help=all");
    }
    assertTrue(all.contains("\nBeam and runner options (FlinkPipelineOptions):\n"), all);
  }

  @Test
  void validateHelpSaysProblemsExitTwo() {
    String help = Cli.execute("validate", "--help").out();
    assertTrue(help.contains("\n  2  problems were found"), help);
    assertTrue(help.contains("--taxonomy=DIR") && help.contains("--seeds=FILES"), help);
  }

  private static String section(String help, String title) {
    int start = help.indexOf("\n" + title + "\n");
    int end = help.indexOf("\n\n", start + 1);
    return help.substring(start, end < 0 ? help.length() : end);
  }
}
