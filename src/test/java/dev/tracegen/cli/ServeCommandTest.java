package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** serve's help lists every ServeOptions option, grouped. */
class ServeCommandTest {
  @Test
  void everyServeOptionIsPlacedInTheHelp() {
    assertEquals(List.of(), ServeCommand.OPTIONS.ungrouped(ServeCommand.catalog()),
        "ServeOptions options without a row in ServeCommand.OPTIONS");
    assertEquals(List.of(), ServeCommand.OPTIONS.stale(ServeCommand.catalog()));
    String help = ServeCommand.help();
    for (String option : List.of("--port=N", "--requireKeyEnv=VAR", "--fraction429=X", "--taxonomy=DIR")) {
      assertTrue(help.contains("\n  " + option + " "), option + " in\n" + help);
    }
    assertTrue(help.indexOf("\nServer:\n") < help.indexOf("\nLatency and faults (for testing clients):\n"), help);
  }
}
