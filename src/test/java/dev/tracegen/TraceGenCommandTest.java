package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.report.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    Cli.Result bad = execute("validate", "--profile=" + tmp.resolve("missing.yaml"), "--prompts=" + tmp);
    assertEquals(1, bad.code());
    assertTrue(bad.out().contains("profile not found") && bad.out().contains("missing prompt template"), bad.out());
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
    assertEquals(1, r.code(), r.out());
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
    assertEquals(2, execute("frobnicate").code());
    Cli.Result r = execute("run", "--profile=pipeline/smoke.yaml");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--output is required"), r.err());
  }
}
