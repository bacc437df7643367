package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import dev.tracegen.model.TraceRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code verifiable.jsonl}: two lines per train record, checks for the checker dimensions only. */
class VerifiableViewTest {
  private static final Map<String, String> CHECKERS =
      Map.of("numerical", "numerical", "inclusion", "inclusion");

  private static TraceRecord record() {
    Constraint words =
        new Constraint("c1", "content", "numerical", "Use at most 80 words.",
            Params.of("metric", "words", "max", 80));
    Constraint tone = new Constraint("c2", "style", "tone_style", "Sound upbeat.", Params.EMPTY);
    Constraint keyword =
        new Constraint("c3", "content", "inclusion", "Mention \"tides\".", Params.of("keyword", "tides"));
    Instruction x1 = new Instruction("Describe the sea.", List.of(words, tone), "");
    Instruction x2 = new Instruction("Describe the sea.", List.of(words, tone, keyword), "A note.");
    return new TraceRecord("r7", "s7", "train", x1, "Y one.", x2, "Y two.", null, Map.of(), 2, null);
  }

  @Test
  void oneLinePerInstructionWithChecksAndJudgeConstraints() throws IOException {
    List<String> rows = View.VERIFIABLE.rows(record(), Map.of(), CHECKERS, "c");
    assertEquals(2, rows.size());
    assertEquals(
        "{\"id\":\"r7:x1\",\"record_id\":\"r7\",\"instruction\":\"x1\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Describe the sea.\\n1. Use at most 80 words.\\n"
            + "2. Sound upbeat.\\n\"}],"
            + "\"checks\":[{\"index\":1,\"func_name\":\"tracegen:numerical\",\"kwargs\":{\"max\":80,"
            + "\"metric\":\"words\"},\"dimension\":\"numerical\",\"text\":\"Use at most 80 words.\"}],"
            + "\"judge\":[{\"index\":2,\"dimension\":\"tone_style\",\"text\":\"Sound upbeat.\"}],"
            + "\"response\":\"Y one.\"}",
        rows.get(0));
    JsonNode x2 = Json.PLAIN.readTree(rows.get(1));
    assertEquals("r7:x2", x2.get("id").asText());
    assertEquals(record().x2().render(), x2.at("/messages/0/content").asText());
    assertEquals("Y two.", x2.get("response").asText());
    assertEquals(2, x2.get("checks").size());
    assertEquals(3, x2.at("/checks/1/index").asInt());
    assertEquals("tracegen:inclusion", x2.at("/checks/1/func_name").asText());
    assertEquals("{\"keyword\":\"tides\"}", x2.at("/checks/1/kwargs").toString());
    assertEquals(2, x2.at("/judge/0/index").asInt());
  }

  @Test
  void aDimensionWithoutACheckerGoesToTheJudge() throws IOException {
    JsonNode x1 = Json.PLAIN.readTree(View.VERIFIABLE.rows(record(), Map.of(), Map.of(), "c").get(0));
    assertEquals(0, x1.get("checks").size());
    assertEquals(2, x1.get("judge").size());
  }

  @Test
  void onlyTheTrainSplitHasIt() {
    assertEquals(List.of(View.IOPO, View.DPO, View.SFT, View.VERIFIABLE), View.forSplit(ExportFiles.TRAIN));
  }
}
