package dev.tracegen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import dev.tracegen.model.Seed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedParserTest {
  private static final Path RESOURCES = Path.of("src/test/resources/seeds");
  private static final Path SELF_INSTRUCT =
      Path.of("src/test/resources/reference/seeds/self_instruct_seed_tasks.jsonl");

  private static List<SeedParser.Result> parseFile(SeedParser parser, Path file)
      throws IOException {
    List<SeedParser.Result> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      out.add(parser.parse(file.getFileName().toString(), i + 1, lines.get(i)));
    }
    return out;
  }

  private static Seed seed(SeedParser.Result r) {
    assertTrue(r.isSeed(), () -> "expected a seed, got " + r);
    return r.seed();
  }

  private static SeedParser.Problem problem(SeedParser.Result r) {
    assertTrue(r.isProblem(), () -> "expected a problem, got " + r);
    return r.problem();
  }

  // ------------------------------------------------------------------------------------------
  // Formats
  // ------------------------------------------------------------------------------------------

  @Test
  void tracegenLinesKeepTheirOwnIdsFamiliesAndInputs() throws IOException {
    for (SeedFormat f : List.of(SeedFormat.TRACEGEN, SeedFormat.AUTO)) {
      List<SeedParser.Result> rs =
          parseFile(new SeedParser(f), RESOURCES.resolve("tracegen-sample.jsonl"));
      assertEquals(4, rs.size());
      assertEquals(
          new Seed("t001", "Write a short poem about a harbour at dawn.", "", "writing",
              "tracegen-sample.jsonl:1"),
          seed(rs.get(0)));
      Seed t2 = seed(rs.get(1));
      assertEquals("t002", t2.id());
      assertEquals("summarisation", t2.family());
      assertTrue(t2.input().startsWith("The gym will close"));
      assertTrue(rs.get(2).isBlank());
      Seed noId = seed(rs.get(3));
      assertEquals("tracegen-sample:4", noId.id());
      assertEquals("tracegen-sample.jsonl:4", noId.source());
      assertEquals("", noId.input());
    }
  }

  @Test
  void alpacaLinesGetFileStemAndLineAsId() throws IOException {
    for (SeedFormat f : List.of(SeedFormat.ALPACA, SeedFormat.AUTO)) {
      List<SeedParser.Result> rs =
          parseFile(new SeedParser(f), RESOURCES.resolve("alpaca-lines.jsonl"));
      Seed a = seed(rs.get(0));
      assertEquals("alpaca-lines:1", a.id());
      assertEquals("Name three primary colours.", a.instruction());
      assertEquals("", a.input());
      Seed b = seed(rs.get(1));
      assertEquals("alpaca-lines:2", b.id());
      assertEquals("25 degrees Celsius", b.input());
      assertEquals("alpaca-lines.jsonl:2", b.source());
    }
  }

  @Test
  void alpacaJsonArrayIsReadWholeWithElementNumbersAndStartLines() throws IOException {
    byte[] content = Files.readAllBytes(RESOURCES.resolve("alpaca-array.json"));
    for (SeedFormat f : List.of(SeedFormat.ALPACA, SeedFormat.AUTO)) {
      List<SeedParser.Result> rs = new SeedParser(f).parseJsonArray("alpaca-array.json", content);
      assertEquals(3, rs.size());
      assertEquals(new Seed("alpaca-array:1", "Give two synonyms for the word happy.", "", "",
          "alpaca-array.json:2"), seed(rs.get(0)));
      assertEquals(new Seed("alpaca-array:2", "Sort the numbers in ascending order.",
          "9, 2, 7, 4", "", "alpaca-array.json:7"), seed(rs.get(1)));
      assertEquals("alpaca-array.json:12", seed(rs.get(2)).source());
    }
  }

  @Test
  void jsonArrayProblemsAreReportedAtTheirLine() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    String broken = "[\n {\"instruction\": \"One.\"},\n {\"instruction\": },\n {\"instruction\": \"Three.\"}\n]";
    List<SeedParser.Result> rs =
        parser.parseJsonArray("broken.json", broken.getBytes(StandardCharsets.UTF_8));
    assertEquals(2, rs.size());
    assertEquals("broken:1", seed(rs.get(0)).id());
    SeedParser.Problem p = problem(rs.get(1));
    assertEquals(SeedParser.INVALID_JSON, p.reason());
    assertEquals(3, p.line());

    List<SeedParser.Result> mixed = parser.parseJsonArray("mixed.json",
        "[{\"instruction\": \"Fine.\"}, 42, {\"input\": \"x\"}]".getBytes(StandardCharsets.UTF_8));
    assertTrue(mixed.get(0).isSeed());
    assertEquals(SeedParser.INVALID_JSON, problem(mixed.get(1)).reason());
    assertEquals(SeedParser.MISSING_INSTRUCTION, problem(mixed.get(2)).reason());

    byte[] badUtf8 = concat("[\n{\"instruction\": \"ok\"},\n{\"instruction\": \"caf".getBytes(
        StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28}, "\"}\n]".getBytes(
        StandardCharsets.UTF_8));
    List<SeedParser.Result> utf = parser.parseJsonArray("bad.json", badUtf8);
    assertEquals(1, utf.size());
    assertEquals(SeedParser.INVALID_UTF8, problem(utf.get(0)).reason());
    assertEquals(3, problem(utf.get(0)).line());
  }

  @Test
  void dollyContextIsTheInputAndCategoryTheFamily() throws IOException {
    for (SeedFormat f : List.of(SeedFormat.DOLLY, SeedFormat.AUTO)) {
      List<SeedParser.Result> rs =
          parseFile(new SeedParser(f), RESOURCES.resolve("dolly-sample.jsonl"));
      Seed a = seed(rs.get(0));
      assertEquals("dolly-sample:1", a.id());
      assertEquals("closed_qa", a.family());
      assertTrue(a.input().startsWith("Letter signed by the harbour master"));
      Seed b = seed(rs.get(1));
      assertEquals("brainstorming", b.family());
      assertFalse(b.hasInput());
    }
  }

  @Test
  void textFilesHaveOneInstructionPerLine() throws IOException {
    Path file = RESOURCES.resolve("instructions.txt");
    for (SeedFormat f : List.of(SeedFormat.TEXT, SeedFormat.AUTO)) {
      SeedParser parser = new SeedParser(f);
      assertEquals(SeedFormat.TEXT, parser.formatFor("instructions.txt"));
      // Read raw so that the CR of line 3 reaches the parser.
      String[] lines = Files.readString(file).split("\n", -1);
      assertEquals(4, lines.length);
      assertEquals(new Seed("instructions:1", "Describe the smell of fresh bread.", "", "",
          "instructions.txt:1"), seed(parser.parse("instructions.txt", 1, lines[0])));
      assertTrue(parser.parse("instructions.txt", 2, lines[1]).isBlank());
      assertEquals("List four uses for an old tin can.",
          seed(parser.parse("instructions.txt", 3, lines[2])).instruction());
      assertEquals("instructions:4", seed(parser.parse("instructions.txt", 4, lines[3])).id());
    }
    assertEquals(SeedFormat.TEXT, new SeedParser(SeedFormat.AUTO).formatFor("dir/x.TXT.gz"));
    assertEquals(SeedFormat.AUTO, new SeedParser(SeedFormat.AUTO).formatFor("x.jsonl"));
  }

  @Test
  void autoDetectsEachLineByItsKeys() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    assertEquals("generation", seed(parser.parse("mix.jsonl", 1,
        "{\"id\": \"q\", \"instruction\": \"A?\", \"instances\": [{\"input\": \"i\", \"output\": \"o\"}],"
            + " \"is_classification\": false}")).family());
    assertEquals("mix:q", seed(parser.parse("mix.jsonl", 1,
        "{\"id\": \"q\", \"instruction\": \"A?\", \"instances\": []}")).id());
    assertEquals("open_qa", seed(parser.parse("mix.jsonl", 2,
        "{\"instruction\": \"B?\", \"response\": \"r\", \"category\": \"open_qa\"}")).family());
    assertEquals("mix:3", seed(parser.parse("mix.jsonl", 3,
        "{\"instruction\": \"C?\", \"output\": \"o\"}")).id());
    assertEquals("own", seed(parser.parse("mix.jsonl", 4,
        "{\"id\": \"own\", \"instruction\": \"D?\"}")).id());
  }

  @Test
  void formatNamesParseLeniently() {
    assertEquals(SeedFormat.SELF_INSTRUCT, SeedFormat.parse("self-instruct"));
    assertEquals(SeedFormat.AUTO, SeedFormat.parse(" auto "));
    assertEquals(SeedFormat.TRACEGEN, SeedFormat.parse("TRACEGEN"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeedFormat.parse("csv"));
    assertTrue(e.getMessage().contains("csv"));
  }

  // ------------------------------------------------------------------------------------------
  // The real Self-Instruct seed file (someone else's layout)
  // ------------------------------------------------------------------------------------------

  @Test
  void readsAllSelfInstructSeedTasks() throws IOException {
    assertTrue(Files.exists(SELF_INSTRUCT), "reference file missing: " + SELF_INSTRUCT);
    List<String> lines = Files.readAllLines(SELF_INSTRUCT, StandardCharsets.UTF_8);
    for (SeedFormat f : List.of(SeedFormat.SELF_INSTRUCT, SeedFormat.AUTO)) {
      SeedParser parser = new SeedParser(f);
      Set<String> ids = new HashSet<>();
      int seeds = 0;
      for (int i = 0; i < lines.size(); i++) {
        SeedParser.Result r = parser.parse(SELF_INSTRUCT.getFileName().toString(), i + 1,
            lines.get(i));
        if (r.isBlank()) {
          continue;
        }
        Seed s = seed(r);
        seeds++;
        assertTrue(ids.add(s.id()), "duplicate id " + s.id());
        // Check each seed against the record read independently.
        JsonNode rec = Json.PLAIN.readTree(lines.get(i));
        assertEquals("self_instruct_seed_tasks:" + rec.get("id").asText(), s.id());
        assertEquals(rec.get("instruction").asText().strip(), s.instruction());
        assertEquals(rec.get("instances").get(0).get("input").asText(), s.input());
        assertEquals(rec.get("is_classification").asBoolean() ? "classification" : "generation",
            s.family());
        assertEquals("self_instruct_seed_tasks.jsonl:" + (i + 1), s.source());
      }
      assertEquals(175, seeds);
      SeedParser.Result first = parser.parse("self_instruct_seed_tasks.jsonl", 1, lines.get(0));
      assertEquals("self_instruct_seed_tasks:seed_task_0", first.seed().id());
      assertEquals("", first.seed().input());
      assertTrue(first.seed().instruction().startsWith("Is there anything I can eat for a breakfast"));
      SeedParser.Result second = parser.parse("self_instruct_seed_tasks.jsonl", 2, lines.get(1));
      assertEquals("self_instruct_seed_tasks:seed_task_1", second.seed().id());
      assertEquals("Night : Day :: Right : Left", second.seed().input());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Problems
  // ------------------------------------------------------------------------------------------

  @Test
  void blankLinesAreNeitherSeedsNorProblems() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    assertTrue(parser.parse("f.jsonl", 3, "").isBlank());
    assertTrue(parser.parse("f.jsonl", 3, "   \t").isBlank());
    assertTrue(parser.parse("f.jsonl", 3, "\r").isBlank());
    assertTrue(parser.parse("f.jsonl", 3, new byte[0]).isBlank());
  }

  @Test
  void invalidJsonCarriesJacksonsMessageAndTheLocation() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    SeedParser.Problem p = problem(parser.parse("f.jsonl", 7, "{\"instruction\": }"));
    assertEquals(SeedParser.INVALID_JSON, p.reason());
    assertEquals("f.jsonl:7", p.location());
    assertTrue(p.message().startsWith("invalid JSON: Unexpected character"), p.message());
    assertTrue(p.describe().startsWith("f.jsonl:7: invalid JSON"), p.describe());
    assertEquals("{\"instruction\": }", p.excerpt());

    assertEquals(SeedParser.INVALID_JSON,
        problem(parser.parse("f.jsonl", 1, "{\"instruction\": \"a\"} trailing")).reason());
    SeedParser.Problem notObject = problem(parser.parse("f.jsonl", 1, "[\"a\", \"b\"]"));
    assertTrue(notObject.message().contains("expected an object, found an array"));
    assertEquals(SeedParser.INVALID_JSON,
        problem(parser.parse("f.jsonl", 1, "Write a poem.")).reason());
  }

  @Test
  void missingEmptyOrNonStringInstructionsAreRejected() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    SeedParser.Problem missing = problem(parser.parse("f.jsonl", 2, "{\"id\": \"x\", \"input\": \"i\"}"));
    assertEquals(SeedParser.MISSING_INSTRUCTION, missing.reason());
    assertEquals("no \"instruction\" field", missing.message());
    assertEquals(SeedParser.MISSING_INSTRUCTION,
        problem(parser.parse("f.jsonl", 2, "{\"instruction\": \"   \"}")).reason());
    assertEquals(SeedParser.MISSING_INSTRUCTION,
        problem(parser.parse("f.jsonl", 2, "{\"instruction\": null}")).reason());
    SeedParser.Problem object = problem(parser.parse("f.jsonl", 2, "{\"instruction\": {\"a\": 1}}"));
    assertEquals("\"instruction\" is an object, not a string", object.message());
  }

  @Test
  void tooLongLinesSayTheirActualLength() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    String huge = "{\"instruction\": \"" + "x".repeat(150_000) + "\"}";
    SeedParser.Problem p = problem(parser.parse("f.jsonl", 4, huge));
    assertEquals(SeedParser.LINE_TOO_LONG, p.reason());
    assertEquals("line is 150,019 characters long (limit 100,000)", p.message());
    assertEquals(SeedParser.EXCERPT_CHARS, p.excerpt().length());

    byte[] prefix = huge.substring(0, 1000).getBytes(StandardCharsets.UTF_8);
    SeedParser.Problem fromBytes =
        problem(parser.parse("f.jsonl", 4, prefix, prefix.length, 150_019));
    assertEquals(p.message(), fromBytes.message());
    assertEquals(SeedParser.EXCERPT_CHARS, fromBytes.excerpt().length());
  }

  @Test
  void absurdlyLongInstructionsAreRejected() {
    SeedParser small = new SeedParser(SeedFormat.AUTO, 1_000, 50);
    SeedParser.Problem p =
        problem(small.parse("f.jsonl", 9, "{\"instruction\": \"" + "y".repeat(60) + "\"}"));
    assertEquals(SeedParser.INSTRUCTION_TOO_LONG, p.reason());
    assertEquals("instruction is 60 characters long (limit 50)", p.message());
    String defaultLimit = "{\"instruction\": \"" + "z ".repeat(15_000) + "\"}";
    assertEquals(SeedParser.INSTRUCTION_TOO_LONG,
        problem(new SeedParser(SeedFormat.AUTO).parse("f.jsonl", 1, defaultLimit)).reason());
  }

  @Test
  void invalidUtf8IsDetectedOnTheRawBytes() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    byte[] bad = concat("{\"instruction\": \"caf".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC3, 0x28}, "\"}".getBytes(StandardCharsets.UTF_8));
    SeedParser.Problem p = problem(parser.parse("f.jsonl", 5, bad));
    assertEquals(SeedParser.INVALID_UTF8, p.reason());
    assertEquals("f.jsonl:5", p.location());
    assertTrue(p.message().contains("byte 21"), p.message());
    assertTrue(p.excerpt().contains("caf\uFFFD("), p.excerpt());

    byte[] lone = {'{', '"', 'i', (byte) 0xFF, '"', '}'};
    assertEquals(SeedParser.INVALID_UTF8, problem(parser.parse("f.jsonl", 1, lone)).reason());

    byte[] good = "{\"instruction\": \"Décris un café.\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals("Décris un café.", seed(parser.parse("f.jsonl", 1, good)).instruction());
  }

  @Test
  void byteOrderMarkOnTheFirstLineIsIgnored() {
    SeedParser parser = new SeedParser(SeedFormat.AUTO);
    byte[] line = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "{\"id\": \"b\", \"instruction\": \"Hi.\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("b", seed(parser.parse("f.jsonl", 1, line)).id());
    assertEquals("b", seed(parser.parse("f.jsonl", 1, "\uFEFF{\"id\": \"b\", \"instruction\": \"Hi.\"}")).id());
  }

  @Test
  void fileStems() {
    assertEquals("seeds", SeedParser.fileStem("/a/b/seeds.jsonl"));
    assertEquals("seeds", SeedParser.fileStem("seeds.jsonl.gz"));
    assertEquals("alpaca_data", SeedParser.fileStem("gs://bucket/alpaca_data.json"));
    assertEquals("list", SeedParser.fileStem("list.txt"));
    assertEquals("noext", SeedParser.fileStem("noext"));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
