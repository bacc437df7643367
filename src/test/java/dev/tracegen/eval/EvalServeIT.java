package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.SmokeReference;
import dev.tracegen.TraceGen;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.model.Json;
import dev.tracegen.serve.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracegen eval} end to end over real HTTP: {@code serve} is both the model under test and
 * the judge (the real LangChain4j OpenAI client, the response cache), on the official eval set and
 * on a smoke build's {@code trace_eval.jsonl}. A model that breaks constraints scores lower (on the
 * smoke split, whose constraints are all in taxonomy phrasings, and on the official set, whose
 * lengths and answer formats are read from its free text); a rerun sends nothing.
 */
class EvalServeIT {
  static final String OFFICIAL = "src/test/resources/reference/trace/trace_eval_official.jsonl";
  static final String MODEL = "tracegen-embedded-1";

  @TempDir static Path tmp;
  static EmbeddedServer faithful;
  static EmbeddedServer sloppy;

  @BeforeAll
  static void start() throws Exception {
    faithful = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
        ServeCommand.model(Path.of("taxonomy"), 0, 0.1));
    sloppy = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
        ServeCommand.model(Path.of("taxonomy"), 0.5, 0.1));
  }

  @AfterAll
  static void stop() {
    faithful.close();
    sloppy.close();
  }

  static JsonNode eval(EmbeddedServer server, String data, String name, String... more) throws Exception {
    return eval(server, data, name, tmp.resolve("cache-" + server.port()), more);
  }

  static JsonNode eval(EmbeddedServer server, String data, String name, Path cache, String... more) throws Exception {
    Path out = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("eval", "--data=" + data, "--output=" + out, "--quiet",
        "--provider=openai", "--baseUrl=" + server.baseUrl(), "--model=" + MODEL, "--cacheDir=" + cache));
    args.addAll(List.of(more));
    assertEquals(0, TraceGen.execute(args.toArray(String[]::new)), "eval " + name);
    return Json.PLAIN.readTree(Files.readString(out.resolve(EvalRun.RESULTS)));
  }

  static List<JsonNode> items(String name) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve(name).resolve(EvalRun.ITEMS), StandardCharsets.UTF_8)) {
      out.add(Json.PLAIN.readTree(line));
    }
    return out;
  }

  static double mean(JsonNode results, String group) {
    return results.path("scores").path(group).path("mean_score").asDouble();
  }

  static double allFull(JsonNode results, String group) {
    return results.path("scores").path(group).path("all_full").asDouble();
  }

  @Test
  void theOfficialEvalSetIsEvaluatedAndARerunSendsNothing() throws Exception {
    long before = faithful.stats().get("requests");
    JsonNode good = eval(faithful, OFFICIAL, "official");
    long sent = faithful.stats().get("requests") - before;
    JsonNode scores = good.path("scores");
    assertEquals(1042, scores.path("items").asInt());
    assertEquals("zh", good.path("language").asText());
    assertEquals(0, scores.path("parse_failures").asInt(), "the repair re-ask reads every cut-off judgement");
    assertEquals(1042, items("official").size());
    assertTrue(good.path("requests").path("eval_judge").path("repairs").asLong() > 0, "malformed judgements repaired");
    assertTrue(sent >= 2 * 1042, "an answer and a judgement per instruction: " + sent);

    long again = faithful.stats().get("requests");
    JsonNode rerun = eval(faithful, OFFICIAL, "official-rerun");
    assertEquals(again, faithful.stats().get("requests"), "a rerun is answered from the response cache");
    assertEquals(good.path("scores"), rerun.path("scores"));

    // The lengths and answer formats the official constraints state in words of their own are read
    // (FreeTextConstraints): a model that breaks constraints now loses points on the official set too.
    JsonNode bad = eval(sloppy, OFFICIAL, "official-sloppy");
    for (String group : List.of("if_s", "if_m")) {
      assertTrue(mean(bad, group) < mean(good, group), group + ": " + mean(bad, group) + " vs " + mean(good, group));
      assertTrue(allFull(bad, group) <= allFull(good, group), group);
    }
    System.err.printf("[eval-official] faithful IF-S %.2f (%.1f %%), IF-M %.2f (%.1f %%); nonCompliance 0.5 IF-S %.2f"
        + " (%.1f %%), IF-M %.2f (%.1f %%)%n", mean(good, "if_s"), 100 * allFull(good, "if_s"), mean(good, "if_m"),
        100 * allFull(good, "if_m"), mean(bad, "if_s"), 100 * allFull(bad, "if_s"), mean(bad, "if_m"),
        100 * allFull(bad, "if_m"));
  }

  @Test
  void anEvaluationThroughTheBatchApiScoresAsOneSentRequestByRequest() throws Exception {
    String data = SmokeReference.directory().resolve("trace_eval.jsonl").toString();
    JsonNode direct = eval(faithful, data, "smoke-direct", tmp.resolve("cache-direct"));
    Map<String, Long> before = faithful.stats();
    JsonNode batched = eval(faithful, data, "smoke-batch", tmp.resolve("cache-batch"), "--batch",
        "--batchPollSeconds=0.05", "--maxInFlight=64");
    Map<String, Long> after = faithful.stats();
    long batches = after.get("batches_created") - before.get("batches_created");
    long lines = after.get("batch_lines") - before.get("batch_lines");
    long answered = after.get("batch_lines_answered") - before.get("batch_lines_answered");
    JsonNode requests = batched.path("requests");
    System.err.printf("[eval-batch] %d batches, %d lines, %d answered, requests %s%n", batches, lines, answered, requests);
    // Lines the server refuses under load (its in-flight limit) are sent again on their own, so not
    // every request need end in a batch; those that do are the run's batch answers.
    assertTrue(batches > 0 && answered > 0 && batches < lines, batches + " batches, " + lines + " lines");
    assertEquals(answered, requests.path("eval_answer").path("batch_answered").asLong()
        + requests.path("eval_judge").path("batch_answered").asLong(), "results.json counts the batched answers: " + requests);
    assertEquals(direct.path("scores"), batched.path("scores"), "the same answers and judgements");
  }

  @Test
  void aSmokeBuildsEvalSplitIsEvaluated() throws Exception {
    String data = SmokeReference.directory().resolve("trace_eval.jsonl").toString();
    JsonNode good = eval(faithful, data, "smoke");
    JsonNode bad = eval(sloppy, data, "smoke-sloppy", "--scoring=both");
    assertEquals("en", good.path("language").asText());
    assertEquals(0, good.path("scores").path("parse_failures").asInt());
    for (String group : List.of("if_s", "if_m")) {
      assertEquals(10.0, mean(good, group), group + ": a faithful model meets every constraint");
      assertTrue(mean(bad, group) < mean(good, group), group + ": " + mean(bad, group) + " vs " + mean(good, group));
      assertTrue(allFull(bad, group) < allFull(good, group), group);
    }
    // The embedded judge decides a rule-checkable constraint by its checker: it agrees with the checkers.
    JsonNode agreement = bad.path("agreement");
    assertTrue(agreement.path("constraints").asLong() > 50, agreement.toString());
    assertEquals(1.0, agreement.path("rate").asDouble(), agreement.toString());
    assertTrue(bad.path("checker_first").path("if_m").path("mean_score").isNumber(), "both scorings reported");
    // Every constraint of a build is written in a taxonomy phrasing: the embedded judge decides each.
    for (JsonNode item : items("smoke")) {
      for (JsonNode s : item.path("verdict").path("scores")) {
        assertTrue(s.path("score").asDouble() != 5.0, "undecided: " + s);
      }
    }
  }
}
