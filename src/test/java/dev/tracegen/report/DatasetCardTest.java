package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.model.Json;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetCardTest {

  private static Map<String, Object> statsMap() {
    Map<String, Object> hist = new LinkedHashMap<>();
    for (int k = 1; k <= 15; k++) {
      hist.put(String.valueOf(k), k == 3 ? 7L : 0L);
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("records", Map.of("train", 120_000L, "eval", 1_000L));
    s.put("shards", Map.of("train", 16L, "eval", 1L));
    s.put("constraints_histogram", Map.of("train", hist, "eval", hist));
    s.put("constraints_mean", Map.of("train", 4.36, "eval", 4.89));
    s.put(
        "dimensions",
        Map.of("train", Map.of("inclusion", 999L, "numerical", 890L), "eval", Map.of("value", 3L)));
    s.put("types", Map.of("train", Map.of("content", 1889L)));
    s.put("perturbation_ops", Map.of("train", Map.of("ADD", 5L, "REVISE", 4L)));
    s.put("words_mean", Map.of("train", Map.of("y1", 120.5, "y2", 118.25)));
    s.put(
        "rejections",
        Map.of(
            "total",
            3L,
            "by_stage",
            Map.of("judge", 3L),
            "by_stage_reason",
            Map.of("judge", Map.of("not_full", 2L, "checker_failed", 1L))));
    return s;
  }

  private static Map<String, Object> runMap() {
    return Map.of(
        "generator", "embedded/sim-1", "judge", "embedded/sim-1", "taxonomy_version", "2024.1");
  }

  /** The facts as Jackson reads them from stats.json and run.json. */
  private static CorpusStats stats(Map<String, Object> s) {
    return Json.PLAIN.convertValue(s, CorpusStats.class);
  }

  private static RunFacts run(Map<String, Object> r) {
    return Json.PLAIN.convertValue(r, RunFacts.class);
  }

  private static CorpusStats stats() {
    return stats(statsMap());
  }

  private static RunFacts run() {
    return run(runMap());
  }

  private static String render(CorpusStats s, RunFacts r) {
    return DatasetCard.render(Stages.TRACE, s, r);
  }

  private static JsonNode yamlHeader(String card) throws IOException {
    assertTrue(card.startsWith("---\n"));
    int end = card.indexOf("\n---\n", 4);
    assertTrue(end > 0, "closing --- of the YAML header");
    return new YAMLMapper().readTree(card.substring(4, end + 1));
  }

  @Test
  void yamlHeaderParsesAndListsConfigs() throws IOException {
    JsonNode yaml = yamlHeader(render(stats(), run()));
    List<String> names = new ArrayList<>();
    yaml.get("configs").forEach(c -> names.add(c.get("config_name").asText()));
    assertEquals(List.of("default", "iopo", "dpo", "sft", "trace_eval", "verifiable"), names);
    JsonNode def = yaml.get("configs").get(0);
    assertTrue(def.get("default").asBoolean());
    assertEquals("train", def.at("/data_files/0/split").asText());
    assertEquals("train-*.jsonl.gz", def.at("/data_files/0/path").asText());
    assertEquals("eval", def.at("/data_files/1/split").asText());
    assertEquals("eval-*.jsonl.gz", def.at("/data_files/1/path").asText());
    assertEquals("iopo.json", yaml.at("/configs/1/data_files/0/path").asText());
    assertEquals("dpo.jsonl", yaml.at("/configs/2/data_files/0/path").asText());
    assertEquals("sft.jsonl", yaml.at("/configs/3/data_files/0/path").asText());
    assertEquals("trace_eval.jsonl", yaml.at("/configs/4/data_files/0/path").asText());
    assertEquals("eval", yaml.at("/configs/4/data_files/0/split").asText());
    assertEquals("verifiable.jsonl", yaml.at("/configs/5/data_files/0/path").asText());
    assertEquals("train", yaml.at("/configs/5/data_files/0/split").asText());
    yaml.get("configs")
        .forEach(
            c ->
                c.get("data_files")
                    .forEach(f -> assertTrue(f.get("split").asText().matches("^\\w+(\\.\\w+)*$"))));
    assertEquals("other", yaml.get("license").asText(), "no licence is claimed unless the user gives one");
    assertEquals("text-generation", yaml.at("/task_categories/0").asText());
    assertEquals("en", yaml.at("/language/0").asText());
    assertEquals("100K<n<1M", yaml.at("/size_categories/0").asText());
    assertTrue(yaml.get("tags").size() > 0);
  }

  @Test
  void licenceTitleAndLanguagesComeFromTheRunAndTheRecords() throws IOException {
    Map<String, Object> s = new LinkedHashMap<>(statsMap());
    s.put("languages", Map.of("train", Map.of("en", 120_000L, "zh", 678L, "hi", 20L), "eval", Map.of("en", 1_000L, "zh", 3L)));
    Map<String, Object> r = new LinkedHashMap<>(runMap());
    r.put("license", "apache-2.0");
    r.put("name", "My TRACE");
    JsonNode yaml = yamlHeader(render(stats(s), run(r)));
    assertEquals("apache-2.0", yaml.get("license").asText());
    assertEquals("My TRACE", yaml.get("pretty_name").asText());
    assertEquals("[\"en\",\"zh\",\"hi\"]", yaml.get("language").toString());
  }

  @Test
  void theCardGivesTheJudgesAgreementWithTheCheckers() {
    Map<String, Object> s = new LinkedHashMap<>(statsMap());
    s.put("judge", Map.of("verdicts_by_method", Map.of("checker", 900L, "llm", 600L),
        "calibration", Map.of("asked", 40L, "agreed", 38L)));
    String card = render(stats(s), run());
    assertTrue(card.contains("900 by programmatic checkers, 600 by the LLM judge"), card);
    assertTrue(card.contains("calibration sample of 40 checker-decided verdicts the LLM judge was asked too and agreed"
        + " on 38 (95.0 %)"), card);
  }

  @Test
  void theCardSaysWhichTrainerReadsWhichFile() {
    String card = render(stats(), run());
    assertTrue(card.contains("the IOPO trainer (the IOPO authors' LLaMA-Factory fork)"), card);
    assertTrue(card.contains("stock LLaMA-Factory (ranking), dataset `tracegen_dpo`"), card);
    assertTrue(card.contains("OpenAI-style roles | SFT trainers; stock LLaMA-Factory, dataset `tracegen_sft`"), card);
  }

  @Test
  void bodyHasStatisticsModelsCitationAndSimulatorNote() {
    String card = render(stats(), run());
    assertTrue(card.contains("| train | 120,000 | 16 | 4.36 |"), card);
    assertTrue(card.contains("| inclusion | 999 | 0 |"));
    assertTrue(card.contains("| judge | not_full | 2 |"));
    assertTrue(card.contains("Generator: `embedded/sim-1`"));
    assertTrue(card.contains("Taxonomy version: `2024.1`"));
    assertTrue(card.contains("embedded simulator"));
    assertTrue(card.contains("real LLM"));
    assertTrue(card.contains("arXiv:2411.06208"));
    assertTrue(card.contains("Input-Output Preference Optimization"));
    assertTrue(
        card.contains(
            "Zhang, Xinghua and Yu, Haiyang and Fu, Cheng and Huang, Fei and Li, Yongbin"));
    assertTrue(card.contains("year    = {2024}"));
  }

  @Test
  void deterministicAndTolerantOfMissingData() throws IOException {
    assertEquals(render(stats(), run()), render(stats(), run()));
    String bare = render(null, null);
    assertEquals(6, yamlHeader(bare).get("configs").size());
    assertTrue(bare.contains("No rejections were recorded."));
    assertFalse(bare.contains("**This build used the embedded simulator.**"));
    assertTrue(bare.contains("Generator: `unknown`"));
  }

  @Test
  void namesThatLookLikeYamlStayText() throws IOException {
    Map<String, Object> r = new LinkedHashMap<>(runMap());
    r.put("name", "yes: \"quoted\" # not a comment\n\tand 1.0");
    r.put("license", "1.0");
    JsonNode yaml = yamlHeader(render(stats(), run(r)));
    assertEquals("yes: \"quoted\" # not a comment\n\tand 1.0", yaml.get("pretty_name").asText());
    assertTrue(yaml.get("license").isTextual(), "a licence that looks like a number stays a string");
    assertEquals("1.0", yaml.get("license").asText());
    assertEquals("\"other\"", DatasetCard.quote("other"));
  }
}
