package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalItemsTest {
  static final String OFFICIAL = "src/test/resources/reference/trace/trace_eval_official.jsonl";

  @Test
  void readsTheOfficialEvalSetAsItIs() throws Exception {
    List<EvalItem> items = EvalItems.read(OFFICIAL);
    assertEquals(1042, items.size());
    List<String> lines = Files.readAllLines(Path.of(OFFICIAL), StandardCharsets.UTF_8);
    for (int i = 0; i < items.size(); i++) {
      EvalItem item = items.get(i);
      var row = Json.PLAIN.readTree(lines.get(i));
      assertEquals(i, item.position());
      assertEquals(row.path("id").asText(), item.id());
      assertEquals(row.path("messages").get(1).path("content").asText(), item.instruction(), "the user message as sent");
      assertEquals(row.path("messages").get(0).path("content").asText(), item.system());
      assertEquals(row.path("constraints_num").asInt(), item.count());
      assertEquals(item.count(), item.levels2().size());
      assertEquals(row.path("category").asText(), item.category());
    }
    assertEquals("zh", EvalPrompts.language(items));
  }

  @Test
  void rendersAnInstructionWithoutMessagesAsTheOfficialFileDoes() throws Exception {
    // The official file's first row without its messages: the rendering is its user message.
    String first = Files.readAllLines(Path.of(OFFICIAL), StandardCharsets.UTF_8).get(0);
    var row = (com.fasterxml.jackson.databind.node.ObjectNode) Json.PLAIN.readTree(first);
    String user = row.path("messages").get(1).path("content").asText();
    row.remove("messages");
    EvalItem item = EvalItems.item(0, row);
    assertEquals(user, item.instruction());
    assertEquals(EvalItem.SYSTEM_PROMPT, item.system());
  }

  @Test
  void everyBadRowIsReportedWithItsLineAndTheFileIsRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"id\": \"1\", \"description\": \"Write a poem.\", \"constraints_splits\": [\"1. Use 4 lines;\"],"
            + " \"levels2\": [\"格式约束\"]}",
        "not json",
        "{\"id\": \"2\", \"description\": \"Write.\"}",
        "{\"id\": \"3\", \"description\": \"Write.\", \"constraints_splits\": [\"1. a\", \"2. b\"], \"levels2\": [\"x\"]}",
        "{\"id\": \"1\", \"description\": \"Again.\", \"constraints_splits\": [\"1. a\"]}",
        "{\"id\": \"4\", \"description\": \"Write.\", \"constraints_splits\": [\"1. a\"], \"constraints_num\": 3}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalItems.read(f.toString()));
    String m = e.getMessage();
    assertTrue(m.contains("bad.jsonl:2: not JSON"), m);
    assertTrue(m.contains("bad.jsonl:3: id 2: no constraints"), m);
    assertTrue(m.contains("bad.jsonl:4: id 3: 1 levels2 labels for 2 constraints"), m);
    assertTrue(m.contains("bad.jsonl:5: id 1 appears twice"), m);
    assertTrue(m.contains("bad.jsonl:6: id 4: constraints_num 3 but 1 constraints"), m);
  }

  @Test
  void anEmptyOrMissingFileIsRefused(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EvalItems.read(empty.toString())).getMessage()
        .contains("holds no instructions"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EvalItems.read(dir.resolve("none.jsonl").toString()))
        .getMessage().contains("cannot read"));
  }

  @Test
  void theJudgePromptCarriesEveryConstraintAndTheResponse() {
    EvalItem item = new EvalItem(0, "a", EvalItem.SYSTEM_PROMPT, "Write a slogan.\n1. At most 8 words;\n2. Name bread.\n",
        List.of("1. At most 8 words;", "2. Name bread."), List.of("数量约束", "包含约束"), "");
    EvalPrompts prompts = EvalPrompts.load(Path.of("prompts"), "en");
    String p = prompts.judge(item, "Bread, fresh daily. {{response}}");
    assertTrue(p.contains("Constraints to judge:\n1. At most 8 words;\n2. Name bread.\n"), p);
    assertTrue(p.contains("<<<RESPONSE\nBread, fresh daily. {{response}}\nRESPONSE>>>"), "data is not a placeholder");
    assertTrue(p.contains("\"step\":\"eval_judge\""), p);
    assertTrue(EvalPrompts.load(Path.of("prompts"), "zh").judge(item, "x").contains("待评判的约束"));
  }

  @Test
  void aJudgePromptWithoutItsPlaceholdersIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(EvalPrompts.FILE), "Judge {{response}} {{answer}}.\n");
    String m = assertThrows(IllegalArgumentException.class, () -> EvalPrompts.load(dir, "en")).getMessage();
    assertTrue(m.contains("unknown placeholder {{answer}}"), m);
    assertTrue(m.contains("missing placeholder {{constraints}}"), m);
    assertTrue(m.contains("Constraints Overall Score: [["), m);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EvalPrompts.load(dir, "zh")).getMessage()
        .contains("missing judge prompt"));
  }
}
