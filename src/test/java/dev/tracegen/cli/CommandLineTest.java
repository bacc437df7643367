package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.TraceOptions;
import dev.tracegen.report.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The one parser of every command: positional arguments, then options checked by the catalog and parsed by Beam. */
class CommandLineTest {
  private static final List<String> DIR = List.of("DIR");

  @Test
  void positionalAndOptionsSpelledEitherWay() {
    CommandLine<StatsOptions> line = stats("out/smoke", "--reference", "ref.jsonl", "--taxonomy=t", "--json");
    assertEquals(List.of("out/smoke"), line.positional());
    assertEquals("ref.jsonl", line.options().getReference());
    assertEquals("t", line.options().getTaxonomy());
    assertEquals("t", line.given("taxonomy"));
    assertTrue(line.options().getJson());

    // The positional argument may come anywhere; a flag takes an explicit true or false, spaced or not.
    line = stats("--check", "false", "--report=true", "out/smoke", "--write", "FALSE");
    assertEquals(List.of("out/smoke"), line.positional());
    assertFalse(line.options().getCheck());
    assertTrue(line.options().getReport());
    assertFalse(line.options().getWrite());
    assertFalse(line.options().getJson(), "a flag not given is off");
    // Not given: Beam fills in TraceOptions' default, and given() says the command should fall back to the run's.
    assertEquals("taxonomy", line.options().getTaxonomy());
    assertNull(line.given("taxonomy"));
    assertNull(line.given("reference"));
  }

  @Test
  void unknownOptionGetsTheClosestKnownOne() {
    assertEquals("unknown option --chek (did you mean --check?)", statsError("out/smoke", "--chek"));
    // A misspelt option's value is not taken for an extra DIR: the option is what is wrong.
    assertEquals("unknown option --refrence (did you mean --reference?)",
        statsError("--refrence", "ref.jsonl", "out/smoke"));
    assertEquals("unknown option --temprature (did you mean --temperature?)",
        error(() -> CommandLine.parse(RunHelp.catalog("run"), new String[] {"--temprature=0.5"}, List.of(),
            TraceOptions.class)));
  }

  @Test
  void corpusCommandsTakeNoneOfBeamsOwnOptions() {
    assertEquals("unknown option --runner", statsError("out/smoke", "--runner=DirectRunner"));
    assertEquals("unknown option --jobName", error(() -> CommandLine.parse(ExportCommand.catalog(),
        new String[] {"out/smoke", "--jobName=x"}, DIR, ExportOptions.class)));
  }

  @Test
  void missingOrBadValuesAreNamed() {
    assertEquals("--taxonomy needs a value (--taxonomy=...)", statsError("out/smoke", "--taxonomy"));
    assertEquals("--json: expected true or false, got 'yes'", statsError("out/smoke", "--json=yes"));
    assertEquals("--json is given more than once", statsError("out/smoke", "--json", "--json=false"));
  }

  @Test
  void missingAndExtraPositionalArguments() {
    assertEquals("missing DIR", statsError("--json"));
    assertEquals("missing DIR", error(() -> CommandLine.parse(ExportCommand.catalog(), new String[] {"--output=x"}, DIR,
        ExportOptions.class)));
    assertEquals("unexpected argument 'b': export takes DIR and --name=value options",
        error(() -> CommandLine.parse(ExportCommand.catalog(), new String[] {"a", "b"}, DIR, ExportOptions.class)));
    assertEquals("unexpected argument 'yes': --json takes no value (--json, --json=true or --json=false)",
        statsError("out/smoke", "--json", "yes"));
    // A command without positional arguments refuses any, as before.
    assertEquals("unexpected argument 'smoke.yaml': serve takes only --name=value options",
        error(() -> CommandLine.parse(ServeCommand.catalog(), new String[] {"smoke.yaml"}, List.of(), ServeOptions.class)));
  }

  @Test
  void everyCommandParsesThroughIt() {
    TraceOptions run = CommandLine.parse(RunHelp.catalog("run"), new String[] {"--output", "out/x", "--temperature=0.2",
        "--quiet", "--runner=DirectRunner"}, List.of(), TraceOptions.class).options();
    assertEquals("out/x", run.getOutput());
    assertEquals(0.2, run.getTemperature());
    assertTrue(run.getQuiet());
    TraceOptions validate = CommandLine.parse(RunHelp.catalog("validate"), new String[] {"--taxonomy", "my-taxonomy"},
        List.of(), TraceOptions.class).options();
    assertEquals("my-taxonomy", validate.getTaxonomy());
    ServeOptions serve = CommandLine.parse("serve", new String[] {"--port", "0", "--fraction429=0.1"},
        List.of(), ServeOptions.class).options();
    assertEquals(0, serve.getPort());
    assertEquals(0.1, serve.getFraction429());
    assertEquals("taxonomy", serve.getTaxonomy(), "defaults come from the interface");
    CommandLine<ExportOptions> export = CommandLine.parse(ExportCommand.catalog(), new String[] {"corpus", "--output", "views",
        "--category=c", "--profile="}, DIR, ExportOptions.class);
    assertEquals(List.of("corpus"), export.positional());
    assertEquals("views", export.options().getOutput());
    assertEquals("c", export.given("category"));
    assertEquals("", export.options().getProfile());
    assertNull(export.given("profile"), "given blank: the default, as the command works it out");
    assertNull(export.given("taxonomy"));

    // And the commands themselves report through it, naming their help.
    for (List<String> args : List.of(List.of("run", "--bogus=1"), List.of("validate", "--bogus=1"),
        List.of("serve", "--bogus=1"), List.of("stats", "out/smoke", "--bogus"), List.of("export", "out/smoke", "--bogus"))) {
      Cli.Result r = Cli.execute(args.toArray(String[]::new));
      assertEquals(ExitStatus.USAGE.code(), r.code(), args + ": " + r.err());
      assertTrue(r.err().startsWith("tracegen " + args.get(0) + ": unknown option --bogus"), args + ": " + r.err());
      assertTrue(r.err().contains("(see 'tracegen " + args.get(0) + " --help')"), r.err());
    }
    for (String command : List.of("stats", "export")) {
      Cli.Result r = Cli.execute(command);
      assertEquals(ExitStatus.USAGE.code(), r.code());
      assertTrue(r.err().startsWith("tracegen " + command + ": missing DIR\n"), r.err());
    }
  }

  private static CommandLine<StatsOptions> stats(String... args) {
    return CommandLine.parse(StatsCommand.catalog(), args, DIR, StatsOptions.class);
  }

  private static String statsError(String... args) {
    return error(() -> stats(args));
  }

  private static String error(Executable parse) {
    UsageException e = assertThrows(UsageException.class, parse);
    return e.getMessage();
  }
}
