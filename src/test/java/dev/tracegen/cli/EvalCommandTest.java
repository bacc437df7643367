package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.TraceGen;
import dev.tracegen.eval.EvalRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  static final String OFFICIAL = "src/test/resources/reference/trace/trace_eval_official.jsonl";

  @Test
  void everyOptionHasItsPlaceInTheHelp() {
    assertEquals(List.of(), EvalCommand.OPTIONS.ungrouped(EvalCommand.catalog()),
        "options missing from eval --help");
    assertEquals(List.of(), EvalCommand.OPTIONS.stale(EvalCommand.catalog()));
    String help = EvalCommand.help();
    assertTrue(help.contains("--data=FILE"), help);
    assertTrue(help.contains("default: 0.1"), help);
  }

  private static EvalRun.Settings settings(String... args) {
    return EvalCommand.settings(CommandLine.parse(EvalCommand.catalog(), args, List.of(), EvalOptions.class).options(),
        EvalCommand.TEMPERATURE);
  }

  @Test
  void theSettingsFollowTheDataAndThePaper() {
    EvalRun.Settings s = settings("--data=" + OFFICIAL, "--output=/tmp/never-written", "--limit=10");
    assertEquals(10, s.items().size());
    assertEquals("zh", s.language(), "the official set is Chinese");
    assertEquals(0.1, s.models().generator().temperature());
    assertEquals(0.0, s.models().judge().temperature());
    assertEquals(0.8, s.models().judge().topP(), "the official judge's top_p");
    assertEquals(null, s.models().generator().topP(), "the model under test samples at its provider's default top_p");
    assertEquals("zh", s.taxonomy().language());
    assertEquals("en", settings("--data=" + OFFICIAL, "--output=/tmp/x", "--language=en").language());
  }

  @Test
  void missingDataOrOutputIsAUsageError() {
    assertTrue(assertThrows(UsageException.class, () -> settings("--output=/tmp/x")).getMessage().contains("--data"));
    assertTrue(assertThrows(UsageException.class, () -> settings("--data=" + OFFICIAL)).getMessage()
        .contains("--output"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> settings("--data=" + OFFICIAL, "--output=/tmp/x", "--provider=nosuch")).getMessage()
        .contains("unknown LLM provider 'nosuch'"));
  }

  @Test
  void theEmbeddedModelEvaluatesAFileEndToEnd(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("eval");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = TraceGen.execute(new String[] {"eval", "--data=" + OFFICIAL, "--output=" + out, "--limit=40",
          "--quiet"});
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, log);
    assertTrue(log.contains("IF-S") && log.contains("IF-M"), log);
    assertEquals(40, Files.readAllLines(out.resolve(EvalRun.ITEMS)).size());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertTrue(Files.readString(out.resolve("report.html")).contains("IF-M mean score"));
    // The same output again is refused without --overwrite.
    assertEquals(2, TraceGen.execute(new String[] {"eval", "--data=" + OFFICIAL, "--output=" + out, "--limit=1",
        "--quiet"}));
  }
}
