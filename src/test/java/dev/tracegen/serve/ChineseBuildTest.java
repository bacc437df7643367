package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.CorpusFiles;
import dev.tracegen.TinyZhReference;
import dev.tracegen.TraceRun;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.model.Json;
import dev.tracegen.model.TraceRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chinese build on the embedded generator, in process and over HTTP against {@code tracegen
 * serve}'s server (which answers a Chinese request in Chinese): exact counts, Chinese instructions
 * and answers, the dataset card's language and the TRACE eval view.
 */
class ChineseBuildTest {
  static final String PROFILE = TinyZhReference.PROFILE;

  @TempDir static Path tmp;
  static Path inProcess;

  @BeforeAll
  static void build() throws Exception {
    inProcess = TinyZhReference.directory();
  }

  static double hanShare(String text) {
    long letters = text.codePoints().filter(Character::isLetter).count();
    long han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
    return letters == 0 ? 0 : han / (double) letters;
  }

  @Test
  void exactCountsOfChineseInstructionsAndAnswers() throws Exception {
    List<TraceRecord> records = new ArrayList<>();
    for (String split : List.of("train", "eval")) {
      records.addAll(CorpusFiles.records(inProcess, split));
    }
    assertEquals(36, records.size());
    for (TraceRecord r : records) {
      // The instruction's own words (its input may be code or an English sentence to translate).
      String x1 = r.x1().description() + String.join("", r.x1().constraints().stream().map(c -> c.text()).toList());
      assertTrue(hanShare(x1) >= 0.5, "instruction in Chinese: " + x1);
      assertTrue(hanShare(r.y1()) >= 0.5 && hanShare(r.y2()) >= 0.5, "answers in Chinese: " + r.y1() + "\n" + r.y2());
    }
    String card = Files.readString(inProcess.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(card.matches("(?s)^---\n.*\nlanguage:\n- zh\n.*"), "the card lists Chinese first: " + card.substring(0, 200));
    for (String line : Files.readAllLines(inProcess.resolve("trace_eval.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode row = Json.PLAIN.readTree(line);
      assertTrue(hanShare(row.path("messages").get(1).path("content").asText()) >= 0.5, line);
      row.path("levels2").forEach(label -> assertTrue(hanShare(label.asText()) == 1.0, "official Chinese labels: " + line));
    }
  }

  @Test
  void serveAnswersAChineseBuildOverHttpWithTheSameRecords() throws Exception {
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
        ServeCommand.model(Path.of("taxonomy"), 0, 0));
    try {
      Path http = tmp.resolve("zh-http");
      TraceRun.Outcome o = ServeSmokeIT.runProfile(PROFILE, ServeSmokeIT.httpArgs(server, "--output=" + http,
          "--cacheDir=" + tmp.resolve("cache")));
      assertTrue(o.shortfalls().isEmpty());
      Map<String, String> expected = ServeSmokeIT.records(inProcess);
      assertEquals(expected, ServeSmokeIT.records(http), "the same Chinese records over HTTP as in process");
      assertTrue(server.stats().get("requests") > 0);
    } finally {
      server.close();
    }
  }
}
