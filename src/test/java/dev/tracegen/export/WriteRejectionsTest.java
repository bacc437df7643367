package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WriteRejectionsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  private static List<Rejection> rejections() {
    return List.of(
        new Rejection(
            "quality", "redundant", "b", "constraint 2 repeats the description", "{\"id\":\"b\"}"),
        new Rejection("judge", "not_full", "a", "constraint 1 scored 7", "{}"),
        new Rejection("quality", "incomplete", "b", "no input", "{}"),
        new Rejection("quality", "redundant", "a", "z", "{}"),
        new Rejection("quality", "redundant", "a", "y", "{}"),
        new Rejection("cross judge", "y1_passes_x2", "c", null, null));
  }

  private static PCollection<String> write(Pipeline p, List<Rejection> rejections, Path dir) {
    return p.apply("Create", Create.of(rejections).withCoder(JsonCoder.of(Rejection.class)))
        .apply("WriteRejections", WriteRejections.to(dir.toString()));
  }

  @Test
  void writesOneSortedFilePerStage(TestPipeline p, @TempDir Path dir) throws IOException {
    PCollection<String> names = write(p, rejections(), dir);
    PAssert.that(names)
        .containsInAnyOrder(
            "rejections/quality.jsonl", "rejections/judge.jsonl", "rejections/cross_judge.jsonl");
    p.run().waitUntilFinish();

    List<String> quality =
        Files.readAllLines(dir.resolve("rejections/quality.jsonl"), StandardCharsets.UTF_8);
    List<String> order = new ArrayList<>();
    for (String line : quality) {
      JsonNode n = Json.PLAIN.readTree(line);
      assertEquals(List.of("stage", "reason", "id", "detail", "record"), fieldNamesOf(n));
      order.add(
          n.get("id").asText() + "/" + n.get("reason").asText() + "/" + n.get("detail").asText());
    }
    assertEquals(
        List.of(
            "a/redundant/y",
            "a/redundant/z",
            "b/incomplete/no input",
            "b/redundant/constraint 2 repeats the description"),
        order);
    assertEquals(1, Files.readAllLines(dir.resolve("rejections/judge.jsonl")).size());
    assertEquals(1, Files.readAllLines(dir.resolve("rejections/cross_judge.jsonl")).size());
  }

  @Test
  void bytesDoNotDependOnInputOrder(TestPipeline p, @TempDir Path tmp) throws IOException {
    write(p, rejections(), tmp.resolve("a"));
    p.run().waitUntilFinish();
    List<Rejection> reversed = new ArrayList<>(rejections());
    Collections.reverse(reversed);
    Pipeline second = Pipeline.create(PipelineOptionsFactory.create());
    write(second, reversed, tmp.resolve("b"));
    second.run().waitUntilFinish();

    assertEquals(
        ExportCorpusTest.listFiles(tmp.resolve("a")), ExportCorpusTest.listFiles(tmp.resolve("b")));
    for (String f : ExportCorpusTest.listFiles(tmp.resolve("a"))) {
      assertArrayEquals(
          Files.readAllBytes(tmp.resolve("a").resolve(f)),
          Files.readAllBytes(tmp.resolve("b").resolve(f)));
    }
  }

  private static List<String> fieldNamesOf(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
