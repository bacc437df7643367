package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The help of stats and export lists every option of their options interfaces. */
class CorpusCommandsHelpTest {
  @Test
  void everyStatsOptionIsInItsHelp() {
    assertEquals(List.of(), StatsCommand.OPTIONS.ungrouped(StatsCommand.catalog()),
        "StatsOptions options without a row in StatsCommand.OPTIONS");
    assertEquals(List.of(), StatsCommand.OPTIONS.stale(StatsCommand.catalog()));
    String help = StatsCommand.help();
    for (String option : List.of("--json", "--write", "--check", "--report", "--reference=FILE", "--taxonomy=DIR")) {
      assertTrue(help.contains("\n  " + option + " "), option + " in\n" + help);
    }
    assertTrue(help.contains("\nOptions:\n") && help.contains("[default: the run's --reference]"), help);
    // The default a description states replaces the interface's (TraceOptions', which Beam wants for the name).
    assertFalse(help.contains("[default: taxonomy]"), help);
  }

  @Test
  void everyExportOptionIsInItsHelp() {
    assertEquals(List.of(), ExportCommand.OPTIONS.ungrouped(ExportCommand.catalog()),
        "ExportOptions options without a row in ExportCommand.OPTIONS");
    assertEquals(List.of(), ExportCommand.OPTIONS.stale(ExportCommand.catalog()));
    String help = ExportCommand.help();
    for (String option : List.of("--output=DIR", "--taxonomy=DIR", "--profile=FILE", "--category=NAME")) {
      assertTrue(help.contains("\n  " + option + " "), option + " in\n" + help);
    }
  }
}
