package dev.tracegen.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Json;
import org.junit.jupiter.api.Test;

/** The JSON object in an answer is found and read the way real models write it. */
class InstructionParserLenientTest {
  static final String EXPECTED = "{\"description\":\"Write it.\",\"constraints\":[{\"text\":\"Don't rush.\",\"n\":3}]}";

  static void same(String answer) throws Exception {
    JsonNode expected = Json.PLAIN.readTree(EXPECTED);
    assertEquals(expected, InstructionParser.object(answer), answer);
  }

  @Test
  void fencesAndProseAroundTheObjectAreIgnored() throws Exception {
    same(EXPECTED);
    same("```json\n" + EXPECTED + "\n```");
    same("Here is the JSON you asked for:\n\n" + EXPECTED);
    same(EXPECTED + "\n\nLet me know if you need anything else. {Happy to help}");
    same("Sure! Here is the answer:\n```json\n" + EXPECTED + "\n```\nI hope this helps!");
  }

  @Test
  void trailingCommasSingleQuotesAndOtherHabitsAreAccepted() throws Exception {
    same("{'description': 'Write it.', 'constraints': [{'text': \"Don't rush.\", 'n': 3,},],}");
    same("{description: 'Write it.', // the task\n constraints: [{text: 'Don\\'t rush.', n: 3}]}");
  }

  @Test
  void whatIsNotAnObjectIsMalformed() {
    assertThrows(MalformedOutputException.class, () -> InstructionParser.object("I cannot do that."));
    assertThrows(MalformedOutputException.class, () -> InstructionParser.object("{\"description\": \"Write"));
    assertThrows(MalformedOutputException.class, () -> InstructionParser.object("{\"a\": [1, 2}"));
  }
}
