package dev.tracegen.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.SmokeReference;
import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import dev.tracegen.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Shared by the Flink ITs: the DirectRunner reference build of the smoke profile ({@link
 * SmokeReference}, built once per test JVM), and the comparison of two corpora: same records (ids
 * and content, decoded from the shards), same views, and every file byte for byte except the two
 * that record the run itself ({@code run.json}, {@code report.html}: calls and timings).
 */
final class SameCorpus {
  static final String PROFILE = SmokeReference.PROFILE;
  /** Files that record the run (timings, LLM calls), not the corpus; the README exempts them. */
  static final List<String> RUN_SPECIFIC = List.of("run.json", "report.html");

  private SameCorpus() {}

  /** The smoke profile built on the DirectRunner, once per JVM. */
  static Path directReference() throws IOException {
    return SmokeReference.directory();
  }

  /** {@code tracegen run} in this JVM. */
  static TraceRun.Outcome run(String... args) throws IOException {
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    return TraceRun.run(o);
  }

  /** Fails with the first difference between the corpora in {@code expected} and {@code actual}. */
  static void assertSame(Path expected, Path actual) throws IOException {
    Map<String, byte[]> a = tree(expected);
    Map<String, byte[]> b = tree(actual);
    assertEquals(a.keySet(), b.keySet(), "files (" + RUN_SPECIFIC + " excepted)");
    assertTrue(a.keySet().stream().anyMatch(n -> n.startsWith("train-")), "no train shard in " + expected);

    // Records first: the clearest message when something differs.
    for (String split : List.of("train", "eval")) {
      Map<String, String> ra = recordsById(expected, split);
      Map<String, String> rb = recordsById(actual, split);
      assertTrue(!ra.isEmpty(), "no " + split + " records in " + expected);
      TreeSet<String> onlyA = new TreeSet<>(ra.keySet());
      onlyA.removeAll(rb.keySet());
      TreeSet<String> onlyB = new TreeSet<>(rb.keySet());
      onlyB.removeAll(ra.keySet());
      if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
        fail(split + ": record ids differ; only in " + expected.getFileName() + ": " + head(onlyA) + "; only in "
            + actual.getFileName() + ": " + head(onlyB));
      }
      for (Map.Entry<String, String> e : ra.entrySet()) {
        assertEquals(e.getValue(), rb.get(e.getKey()), split + " record " + e.getKey() + " differs");
      }
    }
    // Then the views and reports, then every byte (the shards' gzip included).
    for (String name : a.keySet()) {
      if (!name.endsWith(".gz")) {
        assertEquals(new String(a.get(name), StandardCharsets.UTF_8), new String(b.get(name), StandardCharsets.UTF_8),
            name + " differs");
      }
      if (!Arrays.equals(a.get(name), b.get(name))) {
        fail(name + " differs byte for byte");
      }
    }
  }

  /** Records of a split, decoded from its shards: id to the canonical JSON of the record. */
  static Map<String, String> recordsById(Path dir, String split) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(split + "-")).sorted().toList()) {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (!line.isBlank()) {
              JsonNode n = Json.PLAIN.readTree(line);
              String id = n.get("id").asText();
              if (out.put(id, Json.PLAIN.writeValueAsString(n)) != null) {
                fail("duplicate id " + id + " in " + dir);
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Every file under {@code dir} (relative path to bytes) except {@link #RUN_SPECIFIC}. */
  static Map<String, byte[]> tree(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(f).toString();
        if (!RUN_SPECIFIC.contains(rel)) {
          out.put(rel, Files.readAllBytes(f));
        }
      }
    }
    return out;
  }

  /** run.json's targets, per-stratum selection counters and shortfalls agree (the counters come from the runner's metrics). */
  static void assertSameSelection(Path expected, Path actual) throws IOException {
    JsonNode a = Json.PLAIN.readTree(expected.resolve("run.json").toFile());
    JsonNode b = Json.PLAIN.readTree(actual.resolve("run.json").toFile());
    for (String field : List.of("targets", "select", "shortfalls")) {
      assertEquals(a.get(field), b.get(field), "run.json " + field);
    }
    assertTrue(a.get("select").size() > 0, "no selection counters in " + expected.resolve("run.json"));
  }

  /** The runner named in a build's run.json. */
  static String runnerOf(Path dir) throws IOException {
    return Json.PLAIN.readTree(dir.resolve("run.json").toFile()).get("options").get("runner").asText();
  }

  /** How many Beam pipelines the run in {@code dir} ran (its waves and finishings). */
  static int pipelinesOf(Path dir) throws IOException {
    return Json.PLAIN.readTree(dir.resolve("run.json").toFile()).get("waves").get("pipelines").asInt();
  }

  private static String head(TreeSet<String> ids) {
    List<String> first = new ArrayList<>(ids).subList(0, Math.min(5, ids.size()));
    return ids.size() + " " + first + (ids.size() > 5 ? "..." : "");
  }
}
