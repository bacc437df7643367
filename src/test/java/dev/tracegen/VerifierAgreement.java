package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The Java checkers' verdicts and {@code scripts/verify.py}'s on every rule-checkable constraint of
 * the four pairings (response y against instruction x's constraints) of a corpus's train records.
 */
final class VerifierAgreement {
  static final List<String> PAIRINGS = List.of("y1|x1", "y2|x2", "y1|x2", "y2|x1");

  /** {@code <record id> <pairing> #<constraint>}, so that the maps sort and print readably. */
  static String key(String recordId, String pairing, int index) {
    return recordId + " " + pairing + " #" + index;
  }

  /** Both sides' verdicts by key; what differs, with the checker's and the script's reasons. */
  record Result(Map<String, Boolean> java, Map<String, Boolean> python, List<String> disagreements) {
    int checks(String pairing) {
      return (int) java.keySet().stream().filter(k -> k.contains(" " + pairing + " ")).count();
    }
  }

  private VerifierAgreement() {}

  /** The train records of {@code corpus}, in shard order. */
  static List<TraceRecord> trainRecords(Path corpus) throws IOException {
    List<TraceRecord> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path shard : files.filter(f -> f.getFileName().toString().matches("train-.*\\.jsonl\\.gz")).sorted().toList()) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(shard)), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
              out.add(Json.read(line, TraceRecord.class));
            }
          }
        }
      }
    }
    return out;
  }

  /** The Java checkers' verdicts, decided as the judge stage decides them (taxonomy checker ids). */
  static Map<String, Boolean> javaVerdicts(List<TraceRecord> records, Map<String, String> reasons) {
    Checkers checkers = Checkers.load();
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), checkers);
    Map<String, Boolean> out = new TreeMap<>();
    for (TraceRecord r : records) {
      for (String pairing : PAIRINGS) {
        String y = pairing.startsWith("y1") ? r.y1() : r.y2();
        Instruction x = pairing.endsWith("x1") ? r.x1() : r.x2();
        for (int i = 0; i < x.constraints().size(); i++) {
          Constraint c = x.constraints().get(i);
          Dimension d = taxonomy.dimension(c.dimension());
          if (d != null && d.hasChecker()) {
            Checker checker = checkers.get(d.checker()).orElseThrow();
            CheckResult verdict = checker.check(c, y);
            out.put(key(r.id(), pairing, i + 1), verdict.pass());
            reasons.put(key(r.id(), pairing, i + 1), verdict.reason());
          }
        }
      }
    }
    return out;
  }

  /** verify.py's verdicts on the four pairings of {@code verifiable}, a verifiable.jsonl. */
  static Map<String, Boolean> pythonVerdicts(Path verifiable, Path verdicts, Map<String, String> reasons)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("python3", "scripts/verify.py", "--pairings", verifiable.toString(),
        "--verdicts", verdicts.toString()).redirectErrorStream(true);
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "verify.py did not finish");
    assertFalse(out.contains("Traceback"), out);
    assertTrue(p.exitValue() == 0, out);
    Map<String, Boolean> result = new TreeMap<>();
    for (String line : Files.readAllLines(verdicts, StandardCharsets.UTF_8)) {
      JsonNode v = Json.PLAIN.readTree(line);
      String k = key(v.get("record_id").asText(), v.get("pairing").asText(), v.get("index").asInt());
      result.put(k, v.get("passed").asBoolean());
      reasons.put(k, v.get("detail").asText());
    }
    return result;
  }

  /** Java verdicts from {@code records}, Python verdicts from {@code verifiable}. */
  static Result measure(List<TraceRecord> records, Path verifiable, Path verdicts) throws Exception {
    Map<String, String> javaReasons = new TreeMap<>();
    Map<String, String> pythonReasons = new TreeMap<>();
    Map<String, Boolean> java = javaVerdicts(records, javaReasons);
    Map<String, Boolean> python = pythonVerdicts(verifiable, verdicts, pythonReasons);
    List<String> differ = new ArrayList<>();
    for (String k : java.keySet()) {
      if (!python.containsKey(k)) {
        differ.add(k + ": not checked by verify.py");
      } else if (!java.get(k).equals(python.get(k))) {
        differ.add(k + ": Java " + (java.get(k) ? "pass" : "fail") + " (" + javaReasons.get(k) + "), verify.py "
            + (python.get(k) ? "pass" : "fail") + " (" + pythonReasons.get(k) + ")");
      }
    }
    for (String k : python.keySet()) {
      if (!java.containsKey(k)) {
        differ.add(k + ": not rule-checkable for Java");
      }
    }
    return new Result(java, python, differ);
  }
}
