package dev.tracegen.llm.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.ResponseFormatMode;
import dev.tracegen.serve.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's Message Batches through Anthropic's SDK over real HTTP against the server's
 * emulation, and the synchronous Messages API through LangChain4j's AnthropicChatModel: the same
 * conversation gets the same answer either way.
 */
class AnthropicBatchApiTest {
  static final String MODEL = "tracegen-embedded-1";
  static final String KEY = "sk-ant-test-batch-key";
  static final String SYSTEM = "You write short notes.";

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

  EmbeddedServer serve() throws Exception {
    EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults().withRequiredKey(KEY), model);
    servers.add(s);
    return s;
  }

  static AnthropicBatchApi api(EmbeddedServer s, String key) {
    return new AnthropicBatchApi(s.baseUrl(), key, Duration.ofSeconds(5), 1);
  }

  static LlmSettings settings(EmbeddedServer s) {
    return new LlmSettings("anthropic", MODEL, s.baseUrl(), "ANTHROPIC_API_KEY", 0.0, 512, 5, 8, 0, 0);
  }

  static List<ChatMessage> conversation(int i) {
    return List.of(SystemMessage.from(SYSTEM),
        UserMessage.from("Write a short note about green tea number " + i + ".\n1. Use at most 40 words."));
  }

  static Map<String, ObjectNode> requests(EmbeddedServer s, int n) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(com.google.common.hash.Hashing.sha256().hashInt(i).toString(),
          ChatBodies.of(settings(s), conversation(i), null, ResponseFormatMode.NONE));
    }
    return out;
  }

  static BatchInfo await(BatchApi api, BatchInfo b) throws InterruptedException {
    for (int i = 0; i < 500 && !b.terminal(); i++) {
      Thread.sleep(10);
      b = api.get(b.id());
    }
    assertTrue(b.terminal(), "the batch ended: " + b.status());
    return b;
  }

  @Test
  void aBatchIsAnsweredAsTheSynchronousMessagesApiAnswers() throws Exception {
    EmbeddedServer s = serve();
    s.batches().delaySeconds(0.3);
    AnthropicBatchApi api = api(s, KEY);
    Map<String, ObjectNode> requests = requests(s, 5);
    BatchInfo created = api.create("respond_y1", "tag", requests);
    assertEquals("in_progress", created.status());
    assertEquals(5, created.total());
    assertFalse(created.terminal());
    BatchInfo ended = await(api, created);
    assertEquals("ended", ended.status());
    assertEquals(5, ended.completed());
    BatchResults r = api.results(ended, requests.keySet());
    assertEquals(5, r.answers().size());
    assertEquals(0, r.failedLines() + r.malformedLines());
    AnthropicChatModel sync = AnthropicChatModel.builder().baseUrl(s.baseUrl()).apiKey(KEY).modelName(MODEL)
        .temperature(0.0).maxTokens(512).maxRetries(0).build();
    List<String> keys = new ArrayList<>(requests.keySet());
    for (int i = 0; i < keys.size(); i++) {
      BatchOutcome.Answer a = r.answers().get(keys.get(i));
      ChatResponse direct = sync.chat(conversation(i));
      assertEquals(direct.aiMessage().text(), a.text(), "a batch answer is the synchronous answer");
      assertEquals(model.answer(conversation(i)), a.text(), "the model's own answer");
      assertEquals(FinishReason.STOP, a.finishReason());
      assertTrue(a.tokensIn() > 0 && a.tokensOut() > 0);
      assertEquals(direct.tokenUsage().inputTokenCount(), (int) a.tokensIn());
    }
    Map<String, Long> stats = s.stats();
    assertEquals(5, stats.get("requests"), "the five synchronous requests");
    assertEquals(5, stats.get("batch_lines_answered"));
    assertEquals(5, stats.get("distinct_requests"), "a batch line and its synchronous twin are one request");
    assertEquals(2, stats.get("most_answers_per_request"));
  }

  @Test
  void failedAndCutOffResultsAreLeftOutOneByOne() throws Exception {
    EmbeddedServer s = serve();
    s.batches().delaySeconds(0).failures(0.3).malformed(0.2);
    AnthropicBatchApi api = api(s, KEY);
    Map<String, ObjectNode> requests = requests(s, 40);
    BatchInfo b = await(api, api.create("respond_y1", "tag", requests));
    BatchResults r = api.results(b, requests.keySet());
    long cut = s.stats().get("batch_lines_malformed");
    assertTrue(b.failed() > 3 && b.failed() < 25, b.failed() + " of 40 failed");
    assertTrue(cut > 0, "some lines were cut off");
    assertEquals(b.failed(), r.failedLines());
    assertEquals(cut, r.malformedLines());
    assertEquals(40 - b.failed() - cut, r.answers().size());
    // Read for a subset: the other answers are foreign and never used.
    List<String> some = new ArrayList<>(requests.keySet()).subList(0, 10);
    BatchResults subset = api.results(b, java.util.Set.copyOf(some));
    assertTrue(some.containsAll(subset.answers().keySet()));
  }

  @Test
  void anUnrecordedBatchIsFoundByItsTimeAndSizeAndCanBeCancelled() throws Exception {
    EmbeddedServer s = serve();
    s.batches().delaySeconds(3600);
    AnthropicBatchApi api = api(s, KEY);
    long before = System.currentTimeMillis();
    BatchInfo two = api.create("respond_y1", "a", requests(s, 2));
    BatchInfo three = api.create("respond_y1", "b", requests(s, 3));
    BatchRecord wantsThree = new BatchRecord(1, "b", "respond_y1", "anthropic", s.baseUrl(), MODEL, before,
        List.of("k1", "k2", "k3"), null);
    assertEquals(three.id(), api.find(wantsThree, 3).orElseThrow().id());
    BatchRecord wantsTwo = new BatchRecord(1, "a", "respond_y1", "anthropic", s.baseUrl(), MODEL, before,
        List.of("k1", "k2"), null);
    assertEquals(two.id(), api.find(wantsTwo, 3).orElseThrow().id());
    BatchRecord later = new BatchRecord(1, "c", "respond_y1", "anthropic", s.baseUrl(), MODEL,
        System.currentTimeMillis() + 3_600_000, List.of("k1", "k2"), null);
    assertEquals(Optional.empty(), api.find(later, 3), "a batch made before the record is not its batch");
    BatchInfo cancelled = api.cancel(two.id());
    assertEquals("ended", cancelled.status());
    assertEquals(2, cancelled.failed());
    assertEquals(0, api.results(cancelled, java.util.Set.of()).answers().size());
    assertEquals("in_progress", api.get(three.id()).status());
  }

  @Test
  void theKeyIsSentAndNeverShownAndRefusalsAreFatal() throws Exception {
    EmbeddedServer s = serve();
    BatchApiException e = assertThrows(BatchApiException.class,
        () -> api(s, "sk-ant-wrong-key").create("respond_y1", "t", requests(s, 1)));
    assertEquals(401, e.status());
    assertFalse(e.transientFault());
    assertFalse(e.getMessage().contains("sk-ant-wrong-key"), e.getMessage());
    BatchApiException notFound = assertThrows(BatchApiException.class, () -> api(s, KEY).get("msgbatch_404"));
    assertEquals(404, notFound.status());
    assertThrows(IllegalArgumentException.class, () -> api(s, KEY).get("../files"));
  }

  @Test
  void theKeyGoesInAnthropicsDocumentedHeader() throws Exception {
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    List<com.sun.net.httpserver.Headers> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    http.createContext("/", ex -> {
      seen.add(ex.getRequestHeaders());
      byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no\"}}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.sendResponseHeaders(404, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.start();
    try {
      AnthropicBatchApi api = new AnthropicBatchApi("http://127.0.0.1:" + http.getAddress().getPort() + "/v1", KEY,
          Duration.ofSeconds(5), 0);
      assertEquals(404, assertThrows(BatchApiException.class, () -> api.get("msgbatch_1")).status());
    } finally {
      http.stop(0);
    }
    assertEquals(1, seen.size());
    assertEquals(KEY, seen.get(0).getFirst("x-api-key"));
    assertEquals(null, seen.get(0).getFirst("Authorization"), "not sent as a bearer token as well");
    assertTrue(seen.get(0).getFirst("anthropic-version") != null);
  }

  @Test
  void theSdkBaseUrlDropsTheVersionPathThatLangChain4jTakes() {
    assertEquals("https://api.anthropic.com", AnthropicBatchApi.sdkBaseUrl(""));
    assertEquals("http://127.0.0.1:8088", AnthropicBatchApi.sdkBaseUrl("http://127.0.0.1:8088/v1/"));
    assertEquals("http://proxy/anthropic", AnthropicBatchApi.sdkBaseUrl("http://proxy/anthropic"));
  }
}
