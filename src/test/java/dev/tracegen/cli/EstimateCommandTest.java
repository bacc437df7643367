package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.TraceGen;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EstimateCommandTest {
  record Result(int status, String out, String err) {}

  static Result estimate(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "estimate";
      System.arraycopy(args, 0, all, 1, args.length);
      int status = TraceGen.execute(all);
      return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void pricesEveryStepOfAListedModel() {
    Result r = estimate("--profile=pipeline/smoke.yaml", "--provider=openai", "--model=gpt-4o-mini");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("openai:gpt-4o-mini at USD 0.15 in / 0.60 out per M tokens"), r.out());
    for (String step : new String[] {"expand", "structure", "quality", "respond_y1", "judge_y1", "perturb",
        "respond_y2", "judge_y2", "cross_judge", "total"}) {
      assertTrue(r.out().contains("\n  " + step + " "), step + " in\n" + r.out());
    }
    assertTrue(r.out().contains("through the providers' batch APIs"), r.out());
    assertTrue(r.out().contains("16 requests in flight"), r.out());
  }

  @Test
  void anUnlistedModelSaysWhichOptionToPass() {
    Result r = estimate("--profile=pipeline/smoke.yaml", "--provider=openai", "--model=not-in-the-table");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("cost unknown: no price for openai:not-in-the-table; pass --priceInput=X and "
        + "--priceOutput=Y"), r.out());
    Result priced = estimate("--profile=pipeline/smoke.yaml", "--provider=openai", "--model=not-in-the-table",
        "--priceInput=1", "--priceOutput=2");
    assertTrue(priced.out().contains("openai:not-in-the-table at USD 1.00 in / 2.00 out"), priced.out());
    assertTrue(!priced.out().contains("cost unknown"), priced.out());
  }

  @Test
  void maxCostWithoutAPriceIsRefusedUpFront() {
    Result r = estimate("--profile=pipeline/smoke.yaml", "--provider=openai", "--model=not-in-the-table",
        "--maxCost=5");
    assertEquals(ExitStatus.USAGE.code(), r.status());
    assertTrue(r.err().contains("--maxCost needs the price") && r.err().contains("--priceInput"), r.err());
  }

  @Test
  void aPilotScalesTheEstimateToWhatItMeasured() {
    Result r = estimate("--profile=pipeline/smoke.yaml", "--pilot=60");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("scaled to a pilot run of"), r.out());
    assertTrue(r.out().contains("pilot yield:"), r.out());
    assertTrue(r.out().contains("embedded:tracegen-embedded-1 at USD 0.00 in / 0.00 out"), r.out());
  }

  @Test
  void helpListsThePilotAndThePrices() {
    Result r = estimate("--help");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("--pilot=N") && r.out().contains("--prices=FILE"), r.out());
  }

  @Test
  void aRunPrintsItsEstimateFirstUnlessQuiet() {
    PrintStream err = System.err;
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      RunCommand.printEstimate(CommandLine.parse(RunHelp.catalog("run"), new String[] {"--profile=pipeline/smoke.yaml",
          "--provider=openai", "--model=gpt-4o"}, java.util.List.of(), dev.tracegen.TraceOptions.class).options());
    } finally {
      System.setErr(err);
    }
    String printed = e.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("Estimate for ") && printed.contains("openai:gpt-4o at USD 2.50 in / 10.00 out"),
        printed);
  }
}
