package dev.tracegen.llm.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.ResponseFormatMode;
import dev.tracegen.model.Json;
import dev.tracegen.quality.QualitySchema;
import dev.tracegen.serve.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch client over real HTTP against the server's batch emulation: success, failed and malformed lines, polling, look-up by tag, cancel. */
class OpenAiBatchApiTest {
  static final String MODEL = "tracegen-embedded-1";
  static final String QUALITY = "Return a JSON object: {\"complete\": true|false, \"redundant\": true|false}.\n"
      + "```tracegen-payload\n{\"step\":\"quality\",\"description\":\"Write a note about tea number %d.\","
      + "\"constraints\":[\"Use at most 40 words.\"],\"input\":\"\"}\n```";
  static final String RESPOND = "Write a short note about green tea number %d.\n1. Use at most 40 words.";

  static EmbeddedChatModel model;
  final List<EmbeddedServer> servers = new ArrayList<>();

  @BeforeAll
  static void load() {
    model = ServeCommand.model(Path.of("taxonomy"), 0, 0);
  }

  @AfterEach
  void stop() {
    servers.forEach(EmbeddedServer::close);
  }

  EmbeddedServer serve(EmbeddedServer.Config config) throws Exception {
    EmbeddedServer s = EmbeddedServer.start(config, model);
    servers.add(s);
    return s;
  }

  static OpenAiBatchApi api(EmbeddedServer s, String key) {
    return new OpenAiBatchApi(s.baseUrl(), key, Duration.ofSeconds(5), 2);
  }

  static LlmSettings settings(EmbeddedServer s) {
    return new LlmSettings("openai", MODEL, s.baseUrl(), "", 0.0, 512, 5, 8, 0, 0);
  }

  /** {@code n} requests, free text and JSON alternately, by custom_id (a 64-hex key, as the collector sends). */
  static Map<String, ObjectNode> requests(EmbeddedServer s, int n) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      boolean json = i % 2 == 1;
      List<ChatMessage> messages = List.of(UserMessage.from(String.format(json ? QUALITY : RESPOND, i)));
      String id = com.google.common.hash.Hashing.sha256().hashInt(i).toString();
      out.put(id, ChatBodies.chat(settings(s), messages, json ? QualitySchema.SCHEMA : null,
          json ? ResponseFormatMode.JSON_SCHEMA : ResponseFormatMode.NONE));
    }
    return out;
  }

  static byte[] jsonl(Map<String, ObjectNode> requests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    requests.forEach((id, body) -> {
      ObjectNode line = Json.PLAIN.createObjectNode();
      line.put("custom_id", id);
      line.put("method", "POST");
      line.put("url", "/v1/chat/completions");
      line.set("body", body);
      out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    });
    return out.toByteArray();
  }

  static BatchInfo await(OpenAiBatchApi api, BatchInfo b) throws InterruptedException {
    for (int i = 0; i < 500 && !b.terminal(); i++) {
      Thread.sleep(10);
      b = api.get(b.id());
    }
    assertTrue(b.terminal(), "the batch ended: " + b.status());
    return b;
  }

  static String text(ObjectNode body) {
    return body.path("messages").path(0).path("content").asText();
  }

  @Test
  void aBatchIsAnsweredAsTheModelAnswersAfterItsDelay() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    // Long enough for several polls even when the SDK's first calls load their classes.
    s.batches().delaySeconds(1);
    OpenAiBatchApi api = api(s, null);
    Map<String, ObjectNode> requests = requests(s, 6);
    BatchInfo created = api.create(api.upload("in.jsonl", jsonl(requests)), Map.of("tracegen_tag", "abc"));
    assertEquals("in_progress", created.status());
    assertEquals(6, created.total());
    assertEquals("abc", created.metadata().get("tracegen_tag"));
    assertEquals("in_progress", api.get(created.id()).status(), "still running before its delay");
    long polls = 0;
    BatchInfo b = created;
    while (!b.terminal()) {
      Thread.sleep(50);
      polls++;
      b = api.get(b.id());
    }
    assertTrue(polls >= 3, "completed only after its delay, polled " + polls + " times");
    assertEquals("completed", b.status());
    assertEquals(6, b.completed());
    assertNull(b.errorFileId());
    BatchResults r = BatchResults.parse(api.content(b.outputFileId()), requests.keySet());
    assertEquals(6, r.answers().size());
    assertEquals(0, r.failedLines() + r.malformedLines());
    requests.forEach((id, body) -> {
      BatchOutcome.Answer a = r.answers().get(id);
      assertEquals(model.answer(List.of(UserMessage.from(text(body)))), a.text(), "the model's own answer");
      assertEquals(FinishReason.STOP, a.finishReason());
      assertTrue(a.tokensIn() > 0 && a.tokensOut() > 0);
    });
    Map<String, Long> stats = s.stats();
    assertEquals(0, stats.get("requests"), "no synchronous request");
    assertEquals(6, stats.get("batch_lines_answered"));
    assertEquals(6, stats.get("distinct_requests"));
    assertEquals(1, stats.get("most_answers_per_request"));
  }

  @Test
  void failedLinesGoToTheErrorFileUnpaidAndAreLeftOut() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    s.batches().delaySeconds(0).failures(0.4);
    OpenAiBatchApi api = api(s, null);
    Map<String, ObjectNode> requests = requests(s, 40);
    BatchInfo b = await(api, api.create(api.upload("in.jsonl", jsonl(requests)), Map.of()));
    assertTrue(b.failed() > 5 && b.failed() < 30, b.failed() + " of 40 lines failed");
    assertEquals(40, b.completed() + b.failed());
    assertNotNull(b.errorFileId());
    String errors = new String(api.content(b.errorFileId()), StandardCharsets.UTF_8);
    assertEquals(b.failed(), errors.lines().count());
    BatchResults r = BatchResults.parse(api.content(b.outputFileId()), requests.keySet());
    assertEquals(b.completed(), r.answers().size());
    assertEquals(b.completed(), s.requestCounts().batchPerRequest().size(), "failed lines are not answered");
    // The same input again: the same lines fail (drawn per custom_id).
    BatchInfo again = await(api, api.create(api.upload("in.jsonl", jsonl(requests)), Map.of()));
    assertEquals(b.failed(), again.failed());
  }

  @Test
  void malformedAndForeignLinesAreNeverTrusted() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    s.batches().delaySeconds(0).malformed(0.3);
    OpenAiBatchApi api = api(s, null);
    Map<String, ObjectNode> requests = requests(s, 30);
    BatchInfo b = await(api, api.create(api.upload("in.jsonl", jsonl(requests)), Map.of()));
    BatchResults r = BatchResults.parse(api.content(b.outputFileId()), requests.keySet());
    long cut = s.stats().get("batch_lines_malformed");
    assertTrue(cut > 0, "some lines were cut off");
    assertEquals(30 - cut, r.answers().size());
    assertEquals(cut, r.malformedLines());
    // Only the requests asked for: the same output read for a subset leaves the rest out as foreign.
    Set<String> some = Set.copyOf(new ArrayList<>(requests.keySet()).subList(0, 10));
    BatchResults subset = BatchResults.parse(api.content(b.outputFileId()), some);
    assertTrue(some.containsAll(subset.answers().keySet()));
  }

  @Test
  void resultLinesAreCheckedOneByOne() {
    String k1 = "a".repeat(64);
    String k2 = "b".repeat(64);
    String k3 = "c".repeat(64);
    String ok = "{\"custom_id\":\"" + k1 + "\",\"response\":{\"status_code\":200,\"body\":{\"choices\":[{\"message\":"
        + "{\"content\":\"hello\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}}}";
    String lines = String.join("\n",
        ok,
        ok, // a second answer for the same request
        "{\"custom_id\":\"" + "d".repeat(64) + "\",\"response\":{\"status_code\":200,\"body\":{}}}", // not asked for
        "{\"custom_id\":\"" + k2 + "\",\"response\":{\"status_code\":500,\"body\":{}}}",
        "{\"custom_id\":\"" + k3 + "\",\"response\":{\"status_code\":200,\"body\":{\"choices\":[{\"message\":{}}]}}}",
        "{\"custom_id\":\"" + k3,
        "[1,2]",
        "");
    BatchResults r = BatchResults.parse(lines.getBytes(StandardCharsets.UTF_8), Set.of(k1, k2, k3));
    assertEquals(Set.of(k1), r.answers().keySet());
    assertEquals("hello", r.answers().get(k1).text());
    assertEquals(3, r.answers().get(k1).tokensIn());
    assertEquals(1, r.failedLines());
    assertEquals(5, r.malformedLines());
    assertEquals(0, BatchResults.parse(null, Set.of(k1)).answers().size());
  }

  @Test
  void aBatchIsFoundByItsMetadataTagAndCanBeCancelled() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    s.batches().delaySeconds(3600);
    OpenAiBatchApi api = api(s, null);
    Map<String, ObjectNode> requests = requests(s, 2);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(api.create(api.upload("in.jsonl", jsonl(requests)), Map.of("tracegen_tag", "tag" + i)).id());
    }
    assertEquals(ids.get(0), api.findByMetadata("tracegen_tag", "tag0", 3).orElseThrow().id());
    assertEquals(ids.get(4), api.findByMetadata("tracegen_tag", "tag4", 3).orElseThrow().id());
    assertFalse(api.findByMetadata("tracegen_tag", "nope", 3).isPresent());
    BatchInfo cancelled = api.cancel(ids.get(2));
    assertEquals("cancelled", cancelled.status());
    assertNull(cancelled.outputFileId());
    s.batches().delaySeconds(0);
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(i == 2 ? "cancelled" : "completed", api.get(ids.get(i)).status(), "a cancelled batch stays cancelled");
    }
    assertEquals(4 * 2, s.stats().get("batch_lines_answered"), "nothing answered for the cancelled batch");
  }

  @Test
  void theKeyIsSentAndRefusalsAreFatal() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey("sk-test-batch-key"));
    BatchApiException e = assertThrows(BatchApiException.class, () -> api(s, "sk-wrong").upload("x.jsonl", new byte[0]));
    assertEquals(401, e.status());
    assertFalse(e.transientFault());
    assertFalse(e.getMessage().contains("sk-wrong"));
    OpenAiBatchApi api = api(s, "sk-test-batch-key");
    String file = api.upload("x.jsonl", jsonl(requests(s, 1)));
    assertTrue(file.startsWith("file-"));
    BatchApiException notFound = assertThrows(BatchApiException.class, () -> api.get("batch_404"));
    assertEquals(404, notFound.status());
  }
}
