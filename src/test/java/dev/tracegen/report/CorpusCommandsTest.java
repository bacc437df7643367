package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.model.Json;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * One smoke build (with the official TRACE eval set as reference), then what the report commands must do with it:
 * report.html well-formed and self-contained, {@code stats} reproducing stats.json, {@code export}
 * reproducing the views byte for byte, the funnel and the dataset card's configs.
 */
class CorpusCommandsTest {
  static final String REFERENCE = "src/test/resources/reference/trace/trace_eval_official.jsonl";
  static final List<String> VIEWS =
      List.of("trace_eval.jsonl", "iopo.json", "dataset_info.json", "dpo.jsonl", "sft.jsonl", "verifiable.jsonl");

  @TempDir static Path tmp;
  static Path smoke;

  @BeforeAll
  static void buildSmoke() {
    smoke = tmp.resolve("smoke");
    Cli.Result r = Cli.execute("run", "--profile=pipeline/smoke.yaml", "--output=" + smoke, "--reference=" + REFERENCE,
        "--quiet=true");
    assertEquals(0, r.code(), r.err());
  }

  static Document parseXml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setValidating(false);
    f.setExpandEntityReferences(false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b.parse(file.toFile());
  }

  @Test
  void reportIsWellFormedXhtmlAndSelfContained() throws Exception {
    Path report = smoke.resolve("report.html");
    Document doc = parseXml(report); // throws on anything not well-formed
    assertEquals("html", doc.getDocumentElement().getTagName());
    String text = Files.readString(report, StandardCharsets.UTF_8);

    // No URL at all except the SVG namespace name (which is never fetched).
    Matcher url = Pattern.compile("(?i)(https?:)?//[^\\s\"'<>)]+").matcher(text);
    List<String> urls = new ArrayList<>();
    while (url.find()) {
      int start = Math.max(0, url.start() - 7);
      if (!text.startsWith("xmlns=\"http://www.w3.org/2000/svg\"", start)) {
        urls.add(url.group());
      }
    }
    assertEquals(List.of(), urls);
    assertFalse(text.toLowerCase().contains("url("), "no CSS url()");
    assertFalse(text.toLowerCase().contains("@import"), "no CSS import");
    // Nothing that loads anything: no script, link, img, iframe, object; no src or href anywhere.
    for (String tag : List.of("script", "link", "img", "iframe", "object", "embed", "image", "use")) {
      assertEquals(0, doc.getElementsByTagName(tag).getLength(), tag);
    }
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      NamedNodeMap attrs = all.item(i).getAttributes();
      for (int a = 0; a < attrs.getLength(); a++) {
        String name = attrs.item(a).getNodeName().toLowerCase();
        assertFalse(name.equals("src") || name.endsWith("href") || name.startsWith("on"), name);
      }
    }

    // The charts the report promises, each an inline SVG.
    for (String id : List.of("histogram", "dimensions", "types", "funnel", "rejections", "llm")) {
      Element section = byId(doc, id);
      assertTrue(section != null, "section " + id);
      if (!id.equals("rejections") || section.getElementsByTagName("svg").getLength() > 0) {
        assertTrue(section.getElementsByTagName("svg").getLength() > 0, "svg in " + id);
      }
    }
    // The reference histogram is there, computed from constraints_num of the official file.
    assertTrue(text.contains("trace_eval_official.jsonl (n=1,042)"), "reference series");
    assertTrue(text.contains("trace_eval_official.jsonl (n=1,042) · k=1: 200 ("), "k=1 count of the official set");
    assertTrue(text.contains("train (n=300)") && text.contains("eval (n=40)"));
    assertTrue(byId(doc, "judge") != null, "judge calibration section");
    assertTrue(text.contains("calibration: judge agreed with the checker on"), "judge calibration line");
  }

  private static Element byId(Document doc, String id) {
    NodeList sections = doc.getElementsByTagName("section");
    for (int i = 0; i < sections.getLength(); i++) {
      Element e = (Element) sections.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    return null;
  }

  @Test
  void statsReproducesStatsJsonExactly() throws IOException {
    byte[] written = Files.readAllBytes(smoke.resolve("stats.json"));
    Cli.Result json = Cli.execute("stats", smoke.toString(), "--json");
    assertEquals(0, json.code(), json.err());
    assertEquals(new String(written, StandardCharsets.UTF_8), json.out());
    Cli.Result check = Cli.execute("stats", smoke.toString(), "--check");
    assertEquals(0, check.code());
    assertTrue(check.out().contains("stats.json: identical to the recomputed statistics"), check.out());
    assertTrue(check.out().contains("rejected at") && check.out().contains("cross_judge"), check.out());

    // A stale stats.json is caught, and --write repairs it.
    Path copy = tmp.resolve("stale");
    copyTree(smoke, copy);
    Files.writeString(copy.resolve("stats.json"), "{}\n");
    assertEquals(1, Cli.execute("stats", copy.toString(), "--check").code());
    assertEquals(0, Cli.execute("stats", copy.toString(), "--write").code());
    assertArrayEquals(written, Files.readAllBytes(copy.resolve("stats.json")));
  }

  @Test
  void exportRederivesTheViewsByteForByte() throws IOException {
    Path views = tmp.resolve("views");
    Cli.Result r = Cli.execute("export", smoke.toString(), "--output=" + views);
    assertEquals(0, r.code(), r.err());
    for (String view : VIEWS) {
      assertArrayEquals(Files.readAllBytes(smoke.resolve(view)), Files.readAllBytes(views.resolve(view)), view);
    }
    assertEquals(new TreeSet<>(VIEWS), names(views), "only the views, no staging left behind");
    assertFalse(r.err().contains("warning"), r.err());

    // In place: a corpus that lost its views gets them back.
    Path copy = tmp.resolve("no-views");
    copyTree(smoke, copy);
    for (String view : VIEWS) {
      Files.delete(copy.resolve(view));
    }
    assertEquals(0, Cli.execute("export", copy.toString()).code());
    for (String view : VIEWS) {
      assertArrayEquals(Files.readAllBytes(smoke.resolve(view)), Files.readAllBytes(copy.resolve(view)), view);
    }
    assertEquals(names(smoke), names(copy));
  }

  @Test
  void funnelAccountsForEveryPlanAndAgreesWithTheStageCounters() throws IOException {
    JsonNode run = Json.PLAIN.readTree(smoke.resolve("run.json").toFile());
    long planned = 0;
    for (JsonNode wave : run.at("/waves/waves")) {
      planned += wave.get("plans").asLong();
    }
    assertEquals(planned, run.get("planned").asLong(), "planned is every wave's plans");
    JsonNode funnel = run.get("funnel");
    assertEquals(planned, funnel.get("planned").asLong());
    assertEquals(340, funnel.get("select").asLong(), "the last stage leaves the records written");
    for (String stage : Stages.TRACE.candidateStages().stream().map(Stage::id).toList()) {
      assertEquals(funnel.get(stage).asLong(), run.at("/stages/" + stage + ".out").asLong(), stage);
    }
    assertEquals(funnel, Json.PLAIN.readTree(smoke.resolve("stats.json").toFile()).get("funnel"), "stats.json has the funnel");
    String card = Files.readString(smoke.resolve("README.md"));
    assertTrue(card.contains("| select | 340 |"), "the card shows the funnel");
  }

  @Test
  void datasetCardConfigsPickTheRightFiles() throws IOException {
    String card = Files.readString(smoke.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(card.startsWith("---\n"));
    JsonNode yaml = new YAMLMapper().readTree(card.substring(4, card.indexOf("\n---\n", 4)));
    Map<String, List<String>> expected = Map.of(
        "default/train", List.of("train-00000-of-00002.jsonl.gz", "train-00001-of-00002.jsonl.gz"),
        "default/eval", List.of("eval-00000-of-00001.jsonl.gz"),
        "iopo/train", List.of("iopo.json"),
        "dpo/train", List.of("dpo.jsonl"),
        "sft/train", List.of("sft.jsonl"),
        "verifiable/train", List.of("verifiable.jsonl"),
        "trace_eval/eval", List.of("trace_eval.jsonl"));
    Map<String, List<String>> actual = new java.util.TreeMap<>();
    for (JsonNode config : yaml.get("configs")) {
      for (JsonNode files : config.get("data_files")) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + files.get("path").asText());
        actual.put(config.get("config_name").asText() + "/" + files.get("split").asText(),
            names(smoke).stream().filter(n -> m.matches(Path.of(n))).toList());
      }
    }
    assertEquals(new java.util.TreeMap<>(expected), actual);
    assertTrue(yaml.at("/configs/0/default").asBoolean());
    assertTrue(card.contains("Taxonomy version: `" + Json.PLAIN.readTree(smoke.resolve("run.json").toFile())
        .get("taxonomy_version").asText() + "`"));
    assertTrue(card.contains("arXiv:2411.06208") && card.contains("## Statistics") && card.contains("## Models used"));
  }

  @Test
  void theSummaryTableHasStagesAndLlmSteps() throws IOException {
    RunFacts run = Json.PLAIN.readValue(smoke.resolve("run.json").toFile(), RunFacts.class);
    String table = RunSummary.format(run);
    String planned = String.valueOf(run.planned());
    assertTrue(table.matches("(?s)waves \\(adaptive\\): eval [^\n]+\nstage\\s+in\\s+kept\\s+rejected\\s+kept %\n-+\nplan\\s+"
        + planned + "\\s+" + planned + "\\s+0\\s+100\\.0\n.*"), table);
    assertTrue(table.contains("select") && table.contains("LLM step") && table.contains("cross_judge"), table);
  }

  static TreeSet<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
