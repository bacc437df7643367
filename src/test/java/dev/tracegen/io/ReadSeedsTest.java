package dev.tracegen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReadSeedsTest {
  @RegisterExtension final TestPipelineExtension pipelineExtension = TestPipelineExtension.create();

  @TempDir Path dir;

  private static final int HUGE = 1024 * 1024;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static PCollection<String> reasonsAndIds(PCollection<Rejection> rejected, String name) {
    return rejected.apply(name,
        MapElements.into(TypeDescriptors.strings())
            .via((Rejection r) -> r.stage() + "|" + r.reason() + "|" + r.id()));
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.named(ReadSeeds.class, name))
            .build());
    long total = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  void corruptFileKeepsGoodSeedsAndRejectsEachBadLineByNumber(TestPipeline p) throws IOException {
    Path file = dir.resolve("corrupt.jsonl");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String hugeLine = "{\"id\": \"huge\", \"instruction\": \"" + "x".repeat(HUGE) + "\"}";
    out.writeBytes(utf8(
        "{\"id\": \"g1\", \"family\": \"writing\", \"instruction\": \"Write a haiku about frost.\", \"input\": \"\"}\n" // 1
            + "\n" // 2 blank
            + "{\"id\": \"bad\", \"instruction\": }\n" // 3 invalid JSON
            + "{\"id\": \"g2\", \"family\": \"editing\", \"instruction\": \"Fix the typo.\", \"input\": \"Teh cat.\"}\n" // 4
            + hugeLine + "\n" // 5 1 MB line
            + "   \n")); // 6 blank
    out.writeBytes(utf8("{\"id\": \"u8\", \"instruction\": \"Describe a caf")); // 7 invalid UTF-8
    out.writeBytes(new byte[] {(byte) 0xC3, 0x28});
    out.writeBytes(utf8("\"}\n"));
    out.writeBytes(utf8("{\"id\": \"noinstr\", \"input\": \"orphan input\"}\n")); // 8 no instruction
    out.writeBytes(utf8("{\"id\": \"g3\", \"instruction\": \"Name a river in Peru.\"}")); // 9, no newline
    Files.write(file, out.toByteArray());

    PCollectionTuple read =
        p.apply("ReadSeeds", ReadSeeds.from(List.of(file.toString()), SeedFormat.AUTO));

    PAssert.that(read.get(ReadSeeds.SEEDS))
        .containsInAnyOrder(
            new Seed("g1", "Write a haiku about frost.", "", "writing", "corrupt.jsonl:1"),
            new Seed("g2", "Fix the typo.", "Teh cat.", "editing", "corrupt.jsonl:4"),
            new Seed("g3", "Name a river in Peru.", "", "", "corrupt.jsonl:9"));
    PAssert.that(reasonsAndIds(read.get(ReadSeeds.REJECTED), "RejectionKeys"))
        .containsInAnyOrder(
            "read_seeds|invalid_json|corrupt.jsonl:3",
            "read_seeds|line_too_long|corrupt.jsonl:5",
            "read_seeds|invalid_utf8|corrupt.jsonl:7",
            "read_seeds|missing_instruction|corrupt.jsonl:8");
    String hugeLength = String.format(Locale.ROOT, "%,d", hugeLine.length());
    PAssert.that(read.get(ReadSeeds.REJECTED))
        .satisfies(rejections -> {
          for (Rejection r : rejections) {
            assertTrue(r.record().length() <= SeedParser.EXCERPT_CHARS, r.reason());
            assertTrue(r.detail().startsWith(r.id() + ": "), r.detail());
            switch (r.reason()) {
              case "invalid_json" -> {
                assertTrue(r.detail().contains("invalid JSON: Unexpected character"), r.detail());
                assertEquals("{\"id\": \"bad\", \"instruction\": }", r.record());
              }
              case "line_too_long" -> {
                assertTrue(r.detail().contains("line is " + hugeLength + " characters long"),
                    r.detail());
                assertTrue(r.record().startsWith("{\"id\": \"huge\""), r.record());
                assertEquals(SeedParser.EXCERPT_CHARS, r.record().length());
              }
              case "invalid_utf8" ->
                  assertEquals("{\"id\": \"u8\", \"instruction\": \"Describe a caf\uFFFD(\"}",
                      r.record());
              case "missing_instruction" ->
                  assertEquals("{\"id\": \"noinstr\", \"input\": \"orphan input\"}", r.record());
              default -> throw new AssertionError("unexpected rejection " + r);
            }
          }
          return null;
        });

    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, counter(result, "blank_lines"));
    assertEquals(9, counter(result, "seed_lines"));
    assertEquals(4, counter(result, "lines_rejected"));
  }

  @Test
  void duplicateIdsKeepTheFirstByFileAndLineAcrossFormatsAndCompression(TestPipeline p)
      throws IOException {
    Files.writeString(dir.resolve("a.jsonl"),
        "{\"id\": \"dup\", \"instruction\": \"First copy.\"}\n"
            + "{\"id\": \"a2\", \"instruction\": \"Only in a.\"}\n"
            + "{\"id\": \"dup\", \"instruction\": \"Second copy in a.\"}\n");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("b.jsonl.gz")))) {
      gz.write(utf8("{\"id\": \"dup\", \"instruction\": \"Copy in b.\"}\n"
          + "{\"id\": \"b2\", \"instruction\": \"Only in b.\", \"input\": \"x\"}\n"));
    }
    Files.writeString(dir.resolve("c.json"),
        "\n  [\n  {\"instruction\": \"Array one.\", \"input\": \"\", \"output\": \"o\"},\n"
            + "  {\"instruction\": \"Array two.\", \"input\": \"in\", \"output\": \"o\"}\n]\n");
    Files.writeString(dir.resolve("d.txt"), "Plain one.\n\nPlain two.\n");

    List<String> patterns = List.of(
        dir.resolve("*.jsonl").toString(),
        dir.resolve("b.jsonl.gz").toString(),
        dir.resolve("c.json").toString(),
        dir.resolve("d.txt").toString(),
        dir.resolve("a.jsonl").toString()); // matched twice, read once
    PCollectionTuple read = p.apply("ReadSeeds", ReadSeeds.from(patterns, SeedFormat.AUTO));

    PAssert.that(read.get(ReadSeeds.SEEDS))
        .containsInAnyOrder(
            new Seed("dup", "First copy.", "", "", "a.jsonl:1"),
            new Seed("a2", "Only in a.", "", "", "a.jsonl:2"),
            new Seed("b2", "Only in b.", "x", "", "b.jsonl.gz:2"),
            new Seed("c:1", "Array one.", "", "", "c.json:3"),
            new Seed("c:2", "Array two.", "in", "", "c.json:4"),
            new Seed("d:1", "Plain one.", "", "", "d.txt:1"),
            new Seed("d:3", "Plain two.", "", "", "d.txt:3"));
    PAssert.that(reasonsAndIds(read.get(ReadSeeds.REJECTED), "RejectionKeys"))
        .containsInAnyOrder(
            "read_seeds|duplicate_id|a.jsonl:3",
            "read_seeds|duplicate_id|b.jsonl.gz:1");
    PAssert.that(read.get(ReadSeeds.REJECTED))
        .satisfies(rejections -> {
          for (Rejection r : rejections) {
            assertTrue(r.detail().contains("duplicate seed id 'dup' (kept the one at a.jsonl:1)"),
                r.detail());
          }
          return null;
        });
    p.run().waitUntilFinish();
  }

  @Test
  void readsTheSeedBankAndTheSelfInstructFileWithoutRejections(TestPipeline p)
      throws IOException {
    Path bank = Path.of("pipeline/seeds/seeds.jsonl").toAbsolutePath();
    Path selfInstruct =
        Path.of("src/test/resources/reference/seeds/self_instruct_seed_tasks.jsonl").toAbsolutePath()
            .normalize();
    long expected = 0;
    for (Path f : List.of(bank, selfInstruct)) {
      expected += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
    }
    PCollectionTuple read = p.apply("ReadSeeds",
        ReadSeeds.from(List.of(bank.toString(), selfInstruct.toString()), SeedFormat.AUTO));
    PAssert.thatSingleton(read.get(ReadSeeds.SEEDS).apply("CountSeeds", Count.globally()))
        .isEqualTo(expected);
    PAssert.that(read.get(ReadSeeds.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void aTruncatedGzFailsTheReadWithItsPathAndTheLineReached(TestPipeline p) throws IOException {
    Path gz = SeedFilesTest.truncatedGz(dir, 2000);
    p.apply(ReadSeeds.from(List.of(gz.toString()), SeedFormat.AUTO));
    Throwable e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    // The command line shows the root cause: it must name the file, not be a bare EOFException.
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(String.valueOf(root.getMessage()).matches(java.util.regex.Pattern.quote(gz.toString())
        + ":\\d+: cannot read the seed file after line \\d+: unexpected end of data; the file is truncated or its"
        + " compressed data is corrupt"), root.toString());
  }
}
