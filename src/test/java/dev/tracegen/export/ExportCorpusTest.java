package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.TraceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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

class ExportCorpusTest {
  private static final Path REFERENCE = Paths.get("src/test/resources/reference/trace");
  private static final int TRAIN_SHARDS = 3;
  private static final int EVAL_SHARDS = 2;

  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  private static PCollection<String> export(
      Pipeline p, List<TraceRecord> records, Path dir, int trainShards, int evalShards) {
    return p.apply("Create", Create.of(records).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("CreatePacked", PackedRecord.packEach())
        .apply(
            "Export",
            ExportCorpus.to(
                dir.toString(),
                trainShards,
                evalShards,
                Fixtures.LABELS_ZH,
                Fixtures.CHECKER_IDS,
                Fixtures.CATEGORY));
  }

  @Test
  void writesShardsAndViews(TestPipeline p, @TempDir Path dir) throws IOException {
    List<TraceRecord> records = Fixtures.records(30);
    List<TraceRecord> train = split(records, "train");
    List<TraceRecord> eval = split(records, "eval");
    PCollection<String> names = export(p, records, dir, TRAIN_SHARDS, EVAL_SHARDS);
    List<String> expectedNames = new ArrayList<>(expectedFiles(TRAIN_SHARDS, EVAL_SHARDS));
    PAssert.that(names).containsInAnyOrder(expectedNames);
    p.run().waitUntilFinish();

    // Exactly the expected files: no fragments or temporaries left behind.
    assertEquals(expectedFiles(TRAIN_SHARDS, EVAL_SHARDS), listFiles(dir));

    // Shards hold exactly the records, each in its hash shard, sorted by id.
    for (Map.Entry<String, Integer> e :
        Map.of("train", TRAIN_SHARDS, "eval", EVAL_SHARDS).entrySet()) {
      List<String> all = new ArrayList<>();
      for (int i = 0; i < e.getValue(); i++) {
        List<String> lines =
            gunzipLines(dir.resolve(ExportFiles.shardName(e.getKey(), i, e.getValue())));
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
          TraceRecord r = Json.read(line, TraceRecord.class);
          assertEquals(e.getKey(), r.split());
          assertEquals(i, AssignShardFn.shardOf(r.id(), e.getValue()));
          ids.add(r.id());
        }
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted, ids, "shard sorted by id");
        all.addAll(lines);
      }
      Set<String> expected =
          split(records, e.getKey()).stream()
              .map(Json::write)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, new TreeSet<>(all));
      assertEquals(expected.size(), all.size());
    }

    // Line counts of the views.
    assertEquals(eval.size(), lines(dir.resolve("trace_eval.jsonl")).size());
    assertEquals(2 * train.size(), lines(dir.resolve("dpo.jsonl")).size());
    assertEquals(2 * train.size(), lines(dir.resolve("sft.jsonl")).size());
    assertEquals(2 * train.size(), lines(dir.resolve("verifiable.jsonl")).size());
    JsonNode iopo = Json.PLAIN.readTree(dir.resolve("iopo.json").toFile());
    assertTrue(iopo.isArray());
    assertEquals(train.size(), iopo.size());
  }

  @Test
  void traceEvalMatchesOfficialLayout(TestPipeline p, @TempDir Path dir) throws IOException {
    List<TraceRecord> records = Fixtures.records(30);
    export(p, records, dir, TRAIN_SHARDS, EVAL_SHARDS);
    p.run().waitUntilFinish();

    JsonNode official;
    try (Stream<String> lines = Files.lines(REFERENCE.resolve("trace_eval_official.jsonl"))) {
      official = Json.PLAIN.readTree(lines.findFirst().orElseThrow());
    }
    Map<String, TraceRecord> evalById = inViewOrder(split(records, "eval"), EVAL_SHARDS);
    List<String> rows = lines(dir.resolve("trace_eval.jsonl"));
    List<String> ids = new ArrayList<>();
    boolean sawInput = false;
    boolean sawNoInput = false;
    for (String line : rows) {
      JsonNode row = Json.PLAIN.readTree(line);
      assertEquals(fieldNames(official), fieldNames(row), "keys and their order");
      assertEquals(shape(official), shape(row), "value types");
      TraceRecord r = evalById.get(row.get("id").asText());
      ids.add(r.id());
      assertEquals("You are a helpful assistant.", row.at("/messages/0/content").asText());
      assertEquals("system", row.at("/messages/0/role").asText());
      assertEquals("user", row.at("/messages/1/role").asText());
      assertEquals(r.x1().render(), row.at("/messages/1/content").asText());
      assertEquals("trace", row.get("type").asText());
      assertEquals(r.x1().description(), row.get("description").asText());
      assertEquals(
          String.join("\n", r.x1().numberedConstraints()), row.get("constraints").asText());
      assertEquals(r.x1().constraints().size(), row.get("constraints_num").asInt());
      assertEquals(r.x1().numberedConstraints(), texts(row.get("constraints_splits")));
      List<String> labels = new ArrayList<>();
      r.x1().constraints().forEach(c -> labels.add(Fixtures.LABELS_ZH.get(c.dimension())));
      assertEquals(labels, texts(row.get("levels2")));
      assertEquals(Fixtures.CATEGORY, row.get("category").asText());
      if (r.x1().input().isEmpty()) {
        assertEquals("NULL", row.get("input").asText());
        sawNoInput = true;
      } else {
        assertEquals(r.x1().input(), row.get("input").asText());
        sawInput = true;
      }
    }
    assertTrue(sawInput && sawNoInput, "fixture covers both input cases");
    assertEquals(new ArrayList<>(evalById.keySet()), ids, "every eval record, by shard then id");
  }

  @Test
  void iopoMatchesLlamaFactoryLayout(TestPipeline p, @TempDir Path dir) throws IOException {
    List<TraceRecord> records = Fixtures.records(30);
    export(p, records, dir, TRAIN_SHARDS, EVAL_SHARDS);
    p.run().waitUntilFinish();

    JsonNode officialSample =
        Json.PLAIN.readTree(REFERENCE.resolve("iopo_sample_official.json").toFile());
    JsonNode officialInfo =
        Json.PLAIN.readTree(REFERENCE.resolve("iopo_dataset_info_official.json").toFile());
    JsonNode iopo = Json.PLAIN.readTree(dir.resolve("iopo.json").toFile());
    assertTrue(iopo.isArray());
    Map<String, TraceRecord> trainById = inViewOrder(split(records, "train"), TRAIN_SHARDS);
    Iterator<TraceRecord> expected = trainById.values().iterator();
    for (JsonNode sample : iopo) {
      assertEquals(shape(officialSample.get(0)), shape(sample));
      TraceRecord r = expected.next();
      assertEquals(r.x1().render(), sample.at("/conversations/0/value").asText());
      assertEquals(r.x2().render(), sample.at("/conversations/1/value").asText());
      assertEquals("human", sample.at("/conversations/1/from").asText());
      assertEquals(r.y1(), sample.at("/chosen/value").asText());
      assertEquals("gpt", sample.at("/chosen/from").asText());
      assertEquals(r.y2(), sample.at("/rejected/value").asText());
    }
    assertFalse(expected.hasNext());

    JsonNode info = Json.PLAIN.readTree(dir.resolve("dataset_info.json").toFile());
    JsonNode entry = info.get("tracegen_iopo");
    JsonNode officialEntry = officialInfo.elements().next();
    assertEquals(officialEntry.get("columns"), entry.get("columns"));
    assertEquals(officialEntry.get("ranking"), entry.get("ranking"));
    assertEquals(officialEntry.get("formatting"), entry.get("formatting"));
    assertEquals("iopo.json", entry.get("file_name").asText());
    assertEquals(fieldNames(officialEntry), fieldNames(entry));
    // Stock LLaMA-Factory entries: their columns name fields the files really have.
    JsonNode dpoEntry = info.get("tracegen_dpo");
    assertEquals("dpo.jsonl", dpoEntry.get("file_name").asText());
    assertTrue(dpoEntry.get("ranking").asBoolean());
    assertEquals("alpaca", dpoEntry.get("formatting").asText());
    JsonNode dpoRow = Json.PLAIN.readTree(lines(dir.resolve("dpo.jsonl")).get(0));
    dpoEntry.get("columns").forEach(column -> assertTrue(dpoRow.has(column.asText()), column.asText()));
    JsonNode sftEntry = info.get("tracegen_sft");
    JsonNode sftRow = Json.PLAIN.readTree(lines(dir.resolve("sft.jsonl")).get(0));
    assertTrue(sftRow.has(sftEntry.at("/columns/messages").asText()));
    JsonNode message = sftRow.get("messages").get(0);
    assertTrue(message.has(sftEntry.at("/tags/role_tag").asText()) && message.has(sftEntry.at("/tags/content_tag").asText()));
    java.util.Set<String> roles = new java.util.TreeSet<>();
    sftRow.get("messages").forEach(m -> roles.add(m.get("role").asText()));
    java.util.Set<String> tagged = java.util.Set.of(sftEntry.at("/tags/user_tag").asText(),
        sftEntry.at("/tags/assistant_tag").asText(), sftEntry.at("/tags/system_tag").asText());
    assertTrue(tagged.containsAll(roles), roles + " vs " + tagged);

    // DPO both directions, SFT chat messages.
    TraceRecord first = trainById.values().iterator().next();
    List<String> dpo = lines(dir.resolve("dpo.jsonl"));
    JsonNode d0 = Json.PLAIN.readTree(dpo.get(0));
    JsonNode d1 = Json.PLAIN.readTree(dpo.get(1));
    assertEquals(List.of("prompt", "chosen", "rejected"), fieldNames(d0));
    assertEquals(first.x1().render(), d0.get("prompt").asText());
    assertEquals(first.y1(), d0.get("chosen").asText());
    assertEquals(first.y2(), d0.get("rejected").asText());
    assertEquals(first.x2().render(), d1.get("prompt").asText());
    assertEquals(first.y2(), d1.get("chosen").asText());
    assertEquals(first.y1(), d1.get("rejected").asText());
    JsonNode s1 = Json.PLAIN.readTree(lines(dir.resolve("sft.jsonl")).get(1));
    assertEquals("user", s1.at("/messages/0/role").asText());
    assertEquals(first.x2().render(), s1.at("/messages/0/content").asText());
    assertEquals("assistant", s1.at("/messages/1/role").asText());
    assertEquals(first.y2(), s1.at("/messages/1/content").asText());
  }

  @Test
  void emptyShardsAndViewsAreStillWritten(TestPipeline p, @TempDir Path dir) throws IOException {
    // One train record and no eval records, spread over many shards.
    List<TraceRecord> records = List.of(Fixtures.record(1, "train", 3, false));
    export(p, records, dir, 5, 4);
    p.run().waitUntilFinish();

    assertEquals(expectedFiles(5, 4), listFiles(dir));
    int nonEmpty = 0;
    for (int i = 0; i < 5; i++) {
      nonEmpty += gunzipLines(dir.resolve(ExportFiles.shardName("train", i, 5))).size();
    }
    assertEquals(1, nonEmpty);
    for (int i = 0; i < 4; i++) {
      assertEquals(List.of(), gunzipLines(dir.resolve(ExportFiles.shardName("eval", i, 4))));
    }
    assertEquals(0, Files.size(dir.resolve("trace_eval.jsonl")));
    JsonNode iopo = Json.PLAIN.readTree(dir.resolve("iopo.json").toFile());
    assertTrue(iopo.isArray());
    assertEquals(1, iopo.size());
  }

  @Test
  void noRecordsGivesEmptyArray(TestPipeline p, @TempDir Path dir) throws IOException {
    p.apply("Create", Create.empty(JsonCoder.of(TraceRecord.class)))
        .apply("CreatePacked", PackedRecord.packEach())
        .apply(
            "Export",
            ExportCorpus.to(
                dir.toString(), 2, 1, Fixtures.LABELS_ZH, Fixtures.CHECKER_IDS, Fixtures.CATEGORY));
    p.run().waitUntilFinish();
    JsonNode iopo = Json.PLAIN.readTree(dir.resolve("iopo.json").toFile());
    assertTrue(iopo.isArray());
    assertEquals(0, iopo.size());
    assertEquals(expectedFiles(2, 1), listFiles(dir));
  }

  @Test
  void twoRunsWriteIdenticalBytes(TestPipeline p, @TempDir Path tmp) throws IOException {
    List<TraceRecord> records = Fixtures.records(30);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    export(p, records, a, TRAIN_SHARDS, EVAL_SHARDS);
    p.run().waitUntilFinish();

    // A second, independent pipeline fed the records in the opposite order.
    List<TraceRecord> reversed = new ArrayList<>(records);
    Collections.reverse(reversed);
    Pipeline second = Pipeline.create(PipelineOptionsFactory.create());
    export(second, reversed, b, TRAIN_SHARDS, EVAL_SHARDS);
    second.run().waitUntilFinish();

    Set<String> files = listFiles(a);
    assertEquals(files, listFiles(b));
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  /** Views list records shard by shard (shard order), sorted by id within a shard. */
  private static Map<String, TraceRecord> inViewOrder(List<TraceRecord> records, int shards) {
    List<TraceRecord> sorted = new ArrayList<>(records);
    sorted.sort(
        Comparator.comparingInt((TraceRecord r) -> AssignShardFn.shardOf(r.id(), shards))
            .thenComparing(TraceRecord::id));
    Map<String, TraceRecord> byId = new LinkedHashMap<>();
    sorted.forEach(r -> byId.put(r.id(), r));
    return byId;
  }

  static Set<String> expectedFiles(int trainShards, int evalShards) {
    Set<String> files = new TreeSet<>();
    for (int i = 0; i < trainShards; i++) {
      files.add(ExportFiles.shardName("train", i, trainShards));
    }
    for (int i = 0; i < evalShards; i++) {
      files.add(ExportFiles.shardName("eval", i, evalShards));
    }
    files.addAll(
        List.of(
            "trace_eval.jsonl",
            "iopo.json",
            "dataset_info.json",
            "dpo.jsonl",
            "sft.jsonl",
            "verifiable.jsonl"));
    return files;
  }

  static Set<String> listFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static List<String> gunzipLines(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      String text = bytes.toString(StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static List<TraceRecord> split(List<TraceRecord> records, String split) {
    return records.stream().filter(r -> r.split().equals(split)).collect(Collectors.toList());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The nested key set and value types of a JSON value (array elements by distinct shape). */
  static String shape(JsonNode node) {
    if (node.isObject()) {
      StringBuilder b = new StringBuilder("{");
      node.fields()
          .forEachRemaining(
              e -> b.append(e.getKey()).append(':').append(shape(e.getValue())).append(','));
      return b.append('}').toString();
    }
    if (node.isArray()) {
      Set<String> elements = new TreeSet<>();
      node.forEach(e -> elements.add(shape(e)));
      return "[" + String.join("|", elements) + "]";
    }
    return node.isIntegralNumber() ? "INT" : node.getNodeType().name();
  }
}
