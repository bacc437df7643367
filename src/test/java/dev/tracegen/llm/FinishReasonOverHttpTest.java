package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.embedded.Persona;
import dev.tracegen.quality.QualitySchema;
import dev.tracegen.serve.EmbeddedServer;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.structure.InstructionParser;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cut-off answer comes over real HTTP as {@code finish_reason: "length"}, through LangChain4j's
 * OpenAI client, and is never used: a structured step re-asks once and a text step asks again,
 * then rejects the element as {@code truncated}.
 */
class FinishReasonOverHttpTest {
  static final String RESPOND = "Write a short note about green tea.\nUse no more than 6 sentences in total.";
  static final String QUALITY = "Return a JSON object: {\"complete\": true|false, \"redundant\": true|false}.\n"
      + "```tracegen-payload\n{\"step\":\"quality\",\"description\":\"Write a note about tea.\","
      + "\"constraints\":[\"Use at least 3 emoji.\"],\"input\":\"\"}\n```";

  EmbeddedServer server;
  LlmClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.release();
      client = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }

  LlmSession session(String rates) throws Exception {
    server = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
        ServeCommand.model(Path.of("taxonomy"), 0, 0, Persona.of("realistic", rates)));
    LlmSettings settings = new LlmSettings("openai", "tracegen-embedded-1", server.baseUrl(), "", 0.0, 512, 5, 4, 0, 0)
        .withLimits(new LlmLimits(0, 0, 0, 10, 0, 0)).withRunId(UUID.randomUUID().toString());
    client = LlmClient.shared(settings, null);
    return new LlmSession(client, "test");
  }

  static final String NONE = "fence=0,sloppyJson=0,paraphrase=0,wrongParams=0,countMiss=0,ignoreDont=0,refusal=0,"
      + "judgeFormat=0,wrongLanguage=0";

  @Test
  void lengthArrivesAsTheFinishReason() throws Exception {
    session(NONE + ",truncate=1");
    LlmReply cut = client.call("test", List.of(UserMessage.from(RESPOND)), null);
    assertEquals(FinishReason.LENGTH, cut.finishReason());
    assertTrue(cut.truncated());
    assertFalse(cut.text().strip().endsWith("."), cut.text());
    stop();
    session(NONE + ",truncate=0");
    LlmReply whole = client.call("test", List.of(UserMessage.from(RESPOND)), null);
    assertEquals(FinishReason.STOP, whole.finishReason());
    assertTrue(whole.text().startsWith(cut.text()));
  }

  @Test
  void aTextStepThatIsCutOffTwiceIsRejectedAsTruncated() throws Exception {
    LlmSession s = session(NONE + ",truncate=1");
    LlmCallFailedException e = assertThrows(LlmCallFailedException.class, () -> s.askText(RESPOND));
    assertEquals("truncated", e.reason());
    assertEquals(2, s.calls());
  }

  @Test
  void aStructuredAnswerThatIsCutOffIsMalformedAndRepaired() throws Exception {
    LlmSession s = session(NONE + ",truncate=1");
    MalformedOutputException e = assertThrows(MalformedOutputException.class,
        () -> s.ask(QUALITY, QualitySchema.SCHEMA, InstructionParser::object));
    assertTrue(e.getMessage().contains("cut off"), e.getMessage());
    assertEquals(2, s.calls());
    stop();
    // At a rate of one half some first answers are cut off and their repair is not: the repair is used.
    int repaired = 0;
    for (int i = 0; i < 12; i++) {
      LlmSession half = session(NONE + ",truncate=0.5");
      String prompt = QUALITY.replace("a note about tea", "a note about tea number " + i);
      try {
        JsonNode node = half.ask(prompt, QualitySchema.SCHEMA, InstructionParser::object);
        assertTrue(node.has("complete"));
        repaired += half.calls() == 2 ? 1 : 0;
      } catch (MalformedOutputException cutTwice) {
        assertTrue(cutTwice.getMessage().contains("cut off"), cutTwice.getMessage());
      }
      stop();
    }
    assertTrue(repaired > 0, "no first answer was cut off");
  }
}
