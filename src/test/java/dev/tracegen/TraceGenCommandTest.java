package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.cli.ExitStatus;
import dev.tracegen.report.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: bad input is named and kept from spoiling the rest; bad config stops cleanly. */
class TraceGenCommandTest {
  static Cli.Result execute(String... args) {
    return Cli.execute(args);
  }

  @Test
  void corruptSeedLinesAreRejectedByLineAndTheRunGoesOn(@TempDir Path tmp) throws IOException {
    Path seeds = tmp.resolve("seeds.jsonl");
    List<byte[]> lines = new ArrayList<>();
    for (String good : Files.readAllLines(Path.of("pipeline/seeds/seeds.jsonl")).subList(0, 400)) {
      lines.add(good.getBytes(StandardCharsets.UTF_8));
    }
    lines.add(3, "".getBytes(StandardCharsets.UTF_8));
    lines.add(10, "{\"id\": \"broken\", \"instruction\": ".getBytes(StandardCharsets.UTF_8));
    lines.add(20, ("{\"id\": \"huge\", \"instruction\": \"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    lines.add(30, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    try (var out = Files.newOutputStream(seeds)) {
      for (byte[] l : lines) {
        out.write(l);
        out.write('\n');
      }
    }
    Path output = tmp.resolve("out");
    Cli.Result r = execute("run", "--profile=src/test/resources/profiles/tiny.yaml", "--seeds=" + seeds, "--output=" + output,
        "--quiet=true");
    assertEquals(0, r.code(), r.err());
    Map<Long, String> reasons = new TreeMap<>();
    for (JsonNode rej : CorpusFiles.jsonLines(output.resolve("rejections/read_seeds.jsonl"))) {
      String id = rej.get("id").asText();
      reasons.put(Long.parseLong(id.substring(id.lastIndexOf(':') + 1)), rej.get("reason").asText());
      assertTrue(rej.get("detail").asText().contains("seeds.jsonl:"), rej.toString());
    }
    assertEquals(Map.of(11L, "invalid_json", 21L, "line_too_long", 31L, "invalid_utf8"), reasons);
    assertEquals(30, CorpusFiles.records(output, "train").size());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void aTaxonomyWithABrokenReferenceStopsWithFileAndLine(@TempDir Path tmp) throws IOException {
    Path taxonomy = tmp.resolve("taxonomy");
    Files.createDirectories(taxonomy);
    dev.tracegen.taxonomy.TaxonomyLoaderTest.copyShipped(taxonomy);
    Path style = taxonomy.resolve("style.yaml");
    Files.writeString(style, Files.readString(style).replaceFirst("revise_to: \\[other_option]", "revise_to: [tone_style/nope]"));
    Cli.Result r = execute("run", "--profile=pipeline/smoke.yaml", "--taxonomy=" + taxonomy, "--output=" + tmp.resolve("out"));
    assertEquals(2, r.code());
    assertTrue(r.err().matches("(?s).*style\\.yaml:\\d+: phrasing 'adopt_tone' revise_to refers to unknown phrasing 'tone_style/nope'.*"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void validateListsProblemsAndPassesOnShippedFiles(@TempDir Path tmp) throws IOException {
    assertEquals(0, execute("validate").code());
    // Space-separated values reach the command as if written --name=value.
    Cli.Result bad = execute("validate", "--profile", tmp.resolve("missing.yaml").toString(), "--prompts", tmp.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.out().contains("profile not found") && bad.out().contains("missing prompt template"), bad.out());
  }

  @Test
  void validateChecksTheFilesOfTheLanguageAndNamesWhatIsMissing(@TempDir Path tmp) throws IOException {
    String[] endpoint = {"--provider=openai", "--model=m", "--baseUrl=http://127.0.0.1:1/v1"};
    Cli.Result zhRun = execute(with(endpoint, "validate", "--language=zh"));
    assertEquals(0, zhRun.code(), "the shipped Chinese files are complete: " + zhRun.out());
    assertEquals(0, execute("validate", "--language=zh").code(), "the embedded generator writes Chinese");
    Cli.Result embedded = execute("validate", "--language=fr");
    assertEquals(2, embedded.code(), embedded.out());
    assertTrue(embedded.out().contains("the embedded generator writes en and zh only"), embedded.out());
    Cli.Result fr = execute(with(endpoint, "validate", "--language=fr"));
    assertEquals(2, fr.code(), fr.out());
    assertTrue(fr.out().contains(Path.of("prompts", "fr") + ": no prompt template directory"), fr.out());
    assertTrue(fr.out().contains("no overlay directory for language fr"), fr.out());

    // A phrasing without its Chinese text: a zh run is refused naming the file; English is unaffected.
    Path taxonomy = Files.createDirectories(tmp.resolve("taxonomy"));
    dev.tracegen.taxonomy.TaxonomyLoaderTest.copyShipped(taxonomy);
    Path zh = Files.createDirectories(taxonomy.resolve("zh"));
    try (var files = Files.list(Path.of("taxonomy", "zh"))) {
      for (Path f : files.toList()) {
        Files.copy(f, zh.resolve(f.getFileName()));
      }
    }
    Path format = zh.resolve("format.yaml");
    String text = Files.readString(format);
    int start = text.indexOf("      - id: return_as\n");
    int end = text.indexOf("      - id: present_as\n");
    assertTrue(start > 0 && end > start, "return_as precedes present_as in " + format);
    Files.writeString(format, text.substring(0, start) + text.substring(end));
    Cli.Result missing = execute(with(endpoint, "validate", "--language=zh", "--taxonomy=" + taxonomy));
    assertEquals(2, missing.code(), missing.out());
    assertTrue(missing.out().contains(format + ": dimension output_format has no zh phrasing \"return_as\""), missing.out());
    assertEquals(0, execute("validate", "--taxonomy=" + taxonomy).code(), "English needs no Chinese text");
    Cli.Result bad = execute("validate", "--language=Chinese");
    assertEquals(2, bad.code(), bad.out());
    assertTrue(bad.out().contains("--language: 'Chinese' is not a language code"), bad.out());
  }

  static String[] with(String[] more, String... args) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  @Test
  void validateListsEveryProblemOfTaxonomySeedsAndPromptsWithFileAndLine(@TempDir Path tmp) throws IOException {
    Path taxonomy = tmp.resolve("taxonomy");
    Files.createDirectories(taxonomy);
    dev.tracegen.taxonomy.TaxonomyLoaderTest.copyShipped(taxonomy);
    dev.tracegen.taxonomy.TaxonomyLoaderTest.injectThreeDefects(taxonomy);
    Path prompts = tmp.resolve("prompts");
    Files.createDirectories(prompts);
    try (var files = Files.list(Path.of("prompts"))) {
      for (Path f : files.toList()) {
        Files.copy(f, prompts.resolve(f.getFileName()));
      }
    }
    Path judge = prompts.resolve("judge.txt");
    Files.writeString(judge, Files.readString(judge) + "Also consider {{rubric}}.\n");
    Path seeds = tmp.resolve("seeds.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("pipeline/seeds/seeds.jsonl")).subList(0, 50));
    lines.set(4, "{\"id\": \"broken\", \"instruction\": ");
    lines.set(9, "{\"id\": \"no-instruction\"}");
    Files.write(seeds, lines);
    Path many = tmp.resolve("many.txt");
    Files.writeString(many, "ok seed\n" + ("x".repeat(100_001) + "\n").repeat(25));

    Cli.Result r = execute("validate", "--taxonomy=" + taxonomy, "--prompts=" + prompts, "--seeds=" + seeds + "," + many);
    assertEquals(2, r.code(), r.out());
    List<String> expected = List.of(
        "content\\.yaml:\\d+: .*unknown dimension 'no_such_dimension'.*",
        "content\\.yaml:\\d+: duplicate dimension id 'value'.*",
        "content\\.yaml:\\d+: unknown checker 'no_such_checker'.*",
        "judge\\.txt:\\d+: unknown placeholder \\{\\{rubric}}.*",
        "seeds\\.jsonl:5: .*",
        "seeds\\.jsonl:10: .*instruction.*",
        "many\\.txt:2: line is 100,001 characters long.*",
        "many\\.txt: 5 more bad line\\(s\\) not listed");
    for (String pattern : expected) {
      assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+(.*/)?" + pattern)), pattern + " in\n" + r.out());
    }
    assertEquals(20, r.out().lines().filter(l -> l.contains("many.txt:") && l.contains("characters long")).count());
    assertTrue(r.out().startsWith("tracegen validate: 27 problem(s)"), r.out());
  }

  @Test
  void unknownCommandAndMissingOutputAreClearErrors() {
    Cli.Result unknown = execute("frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown command 'frobnicate'") && unknown.err().contains("usage: tracegen"), unknown.err());
    assertTrue(execute("vaildate").err().contains("did you mean 'validate'?"));
    Cli.Result r = execute("run", "--profile", "pipeline/smoke.yaml");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--output is required"), r.err());
    assertEquals(2, execute().code(), "no command at all prints the usage and fails");
  }

  @Test
  void badValuesNameTheirOptionAndTheExpectedType() {
    assertUsageError("--temperature: expected a number, got 'hot'", "run", "--output=x", "--temperature=hot");
    assertUsageError("--maxTokens: expected an integer, got '1.5'", "run", "--output=x", "--maxTokens", "1.5");
    assertUsageError("--maxInFlight: expected an integer from -2147483648 to 2147483647, got '99999999999'",
        "run", "--maxInFlight=99999999999");
    assertUsageError("--allowShortfall: expected true or false, got 'yes'", "run", "--allowShortfall=yes");
    assertUsageError("--port: expected an integer, got 'abc'", "serve", "--port=abc");
    assertUsageError("--port: expected an integer, got 'abc'", "serve", "--port", "abc");
    assertUsageError("--nearDupThreshold: expected a number, got ''", "validate", "--nearDupThreshold=");
    assertUsageError("unknown option --temprature (did you mean --temperature?)", "run", "--temprature=0.5");
    assertUsageError("unknown option --latencyMilis (did you mean --latencyMillis?)", "serve", "--latencyMilis=5");
    assertUsageError("unknown option --chek (did you mean --check?)", "stats", ".", "--chek");
    assertUsageError("unknown option --nonsense", "run", "--nonsense=1");
    // serve takes only its own options, even when run's are registered with Beam in this JVM.
    assertUsageError("unknown option --temperature", "serve", "--temperature=0.5");
    assertUsageError("--output needs a value", "run", "--output");
    assertUsageError("unexpected argument 'yes': --quiet takes no value", "run", "--quiet", "yes");
    assertUsageError("unexpected argument 'smoke.yaml'", "run", "smoke.yaml");
    assertUsageError("--output is given more than once", "run", "--output=a", "--output=b");
  }

  private static void assertUsageError(String message, String... args) {
    Cli.Result r = execute(args);
    assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains(message), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains("see 'tracegen " + args[0] + " --help'"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void versionPrintsTheVersionOfThePom() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>tracegen</artifactId>\\s*<version>([^<-]+)").matcher(pom);
    assertTrue(m.find(), "the project version in pom.xml");
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"version"})) {
      Cli.Result r = execute(args);
      assertEquals(0, r.code());
      assertEquals("tracegen " + m.group(1), r.out().strip());
    }
  }

  @Test
  void exitStatusesAreDistinctAndFixed() {
    assertEquals(List.of(0, 1, 2, 3), java.util.Arrays.stream(ExitStatus.values()).map(ExitStatus::code).toList());
    assertEquals(ExitStatus.SHORTFALL, TraceGen.statusOf(new TraceRun.ShortfallException(List.of("train k=1: 0 of 1"), "out.failed")));
    assertEquals(ExitStatus.USAGE, TraceGen.statusOf(new IllegalArgumentException("--output is required")));
    assertEquals(ExitStatus.USAGE, TraceGen.statusOf(new dev.tracegen.taxonomy.TaxonomyException(List.of("a.yaml:1: bad"))));
    assertEquals(ExitStatus.FAILED, TraceGen.statusOf(new IOException("disk full")));
    assertEquals(ExitStatus.FAILED, TraceGen.statusOf(new RuntimeException(new IllegalArgumentException("inside a DoFn"))));
  }
}
