package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tracegen.check.Checkers;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.config.Prompts;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.embedded.Persona;
import dev.tracegen.expand.ExpandInstructions;
import dev.tracegen.judge.JudgeResponses;
import dev.tracegen.judge.JudgeSchema;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmLimits;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.ResponseFormatMode;
import dev.tracegen.llm.SchemaCheck;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.perturb.PerturbConstraints;
import dev.tracegen.perturb.PerturbSchema;
import dev.tracegen.plan.Planner;
import dev.tracegen.quality.CheckInstructionQuality;
import dev.tracegen.quality.QualitySchema;
import dev.tracegen.respond.GenerateResponses;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.StepContext;
import dev.tracegen.structure.StructureInstructions;
import dev.tracegen.structure.StructureSchema;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JSON steps' schemas over real HTTP: the stages, through LangChain4j's OpenAI client, send
 * each its own schema as {@code response_format} to {@code tracegen serve}, and what the embedded
 * generator answers fits that schema. The schemas are also held to their prompts, so that a
 * prompt and its schema cannot drift apart unnoticed.
 */
class StructuredOutputOverHttpTest {
  static final Map<String, JsonSchema> SCHEMAS = Map.of("structure", StructureSchema.SCHEMA,
      "quality", QualitySchema.SCHEMA, "perturb", PerturbSchema.SCHEMA, "judge", JudgeSchema.SCHEMA);

  @RegisterExtension final TestPipelineExtension pipelineExtension = TestPipelineExtension.create();

  record Exchange(String step, JsonNode request, JsonNode response) {}

  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  static Taxonomy taxonomy() {
    Checkers checkers = Checkers.load();
    return TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
  }

  EmbeddedServer serve(EmbeddedChatModel model) throws IOException {
    EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults(), model);
    open.add(s);
    return s;
  }

  /** A loopback proxy in front of {@code target} that records every chat request and its answer. */
  String recordingProxy(EmbeddedServer target, List<Exchange> seen) throws IOException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    proxy.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    proxy.createContext("/", ex -> {
      try (ex) {
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port()
                + ex.getRequestURI().getPath())).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode req = Json.PLAIN.readTree(body);
        seen.add(new Exchange(step(req.path("messages").path(0).path("content").asText()), req,
            Json.PLAIN.readTree(r.body())));
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(r.statusCode(), r.body().length);
        ex.getResponseBody().write(r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    });
    proxy.start();
    open.add(() -> proxy.stop(0));
    return "http://127.0.0.1:" + proxy.getAddress().getPort() + "/v1";
  }

  /** The step a prompt belongs to, from its payload block; the respond prompt has none. */
  static String step(String prompt) throws IOException {
    int at = prompt.lastIndexOf(EmbeddedChatModel.PAYLOAD_FENCE);
    if (at < 0) {
      return "respond";
    }
    String block = prompt.substring(at + EmbeddedChatModel.PAYLOAD_FENCE.length());
    return Json.PLAIN.readTree(block.substring(0, block.indexOf("\n```"))).path("step").asText();
  }

  static LlmSettings openai(String baseUrl) {
    return new LlmSettings("openai", "tracegen-embedded-1", baseUrl, "", 0.0, 2048, 30, 4, 0, 0)
        .withLimits(new LlmLimits(0, 0, 2, 10, 0, 0))
        .withRunId(UUID.randomUUID().toString());
  }

  static JsonNode sent(JsonSchema schema) {
    return Json.PLAIN.valueToTree(JsonSchemaElementUtils.toMap(schema.rootElement(), false));
  }

  static JsonNode strict(String text) throws IOException {
    return Json.PLAIN.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
  }

  @Test
  void everyJsonStepSendsItsSchemaAndTheEmbeddedAnswerFitsIt(TestPipeline p) throws Exception {
    Taxonomy taxonomy = taxonomy();
    List<Exchange> seen = new CopyOnWriteArrayList<>();
    String base = recordingProxy(serve(ServeCommand.model(Path.of("taxonomy"), 0, 0)), seen);
    LlmSettings settings = openai(base);
    StepContext ctx = new StepContext(Prompts.load(Path.of("prompts")), taxonomy, settings, settings, 3, 0, 0);
    Planner planner = new Planner(taxonomy, Map.of(), 3);
    List<Candidate> in = new ArrayList<>();
    for (int i = 0; in.size() < 8 && i < 500; i++) {
      Seed seed = new Seed("s" + i, "Explain how to plan a week of healthy lunches, variant " + i + ".", "",
          "advice", "test:1");
      Plan plan = planner.plan("p" + i, seed, "train", 2 + (i % 4));
      if (plan != null) {
        in.add(Candidate.of(plan));
      }
    }
    PCollection<Candidate> c = p.apply(Create.of(in).withCoder(JsonCoder.of(Candidate.class)));
    c = c.apply("Expand", ExpandInstructions.with(ctx)).get(CandidateStage.KEPT);
    c = c.apply("Structure", StructureInstructions.with(ctx)).get(CandidateStage.KEPT);
    c = c.apply("Quality", CheckInstructionQuality.with(ctx)).get(CandidateStage.KEPT);
    c = c.apply("Respond", GenerateResponses.forX1(ctx)).get(CandidateStage.KEPT);
    c = c.apply("Judge", JudgeResponses.y1OnX1(ctx)).get(CandidateStage.KEPT);
    c.apply("Perturb", PerturbConstraints.with(ctx, Map.of("ADD", 1.0, "DELETE", 1.0, "REVISE", 1.0)));
    p.run().waitUntilFinish();

    Map<String, Integer> perStep = new TreeMap<>();
    for (Exchange e : seen) {
      perStep.merge(e.step(), 1, Integer::sum);
      JsonNode format = e.request().path("response_format");
      JsonSchema schema = SCHEMAS.get(e.step());
      if (schema == null) {
        assertTrue(format.isMissingNode(), e.step() + " is free text: no response_format, got " + format);
        continue;
      }
      assertEquals("json_schema", format.path("type").asText(), e.step() + ": " + format);
      assertEquals(e.step(), format.path("json_schema").path("name").asText());
      assertEquals(sent(schema), format.path("json_schema").path("schema"), e.step() + " sends exactly its schema");
      String answer = e.response().path("choices").path(0).path("message").path("content").asText();
      List<String> problems = SchemaCheck.problems(schema.rootElement(), strict(answer));
      assertTrue(problems.isEmpty(), e.step() + " answer does not fit its schema: " + problems + "\n" + answer);
    }
    for (String step : List.of("expand", "structure", "quality", "respond", "judge", "perturb")) {
      assertTrue(perStep.getOrDefault(step, 0) > 0, "no " + step + " request in " + perStep);
    }
  }

  @Test
  void jsonObjectAndNoneAreSentAsAsked() throws Exception {
    EmbeddedServer s = serve(ServeCommand.model(Path.of("taxonomy"), 0, 0));
    String prompt = EmbeddedServerTest.QUALITY;
    for (ResponseFormatMode mode : ResponseFormatMode.values()) {
      LlmClient c = LlmClient.shared(openai(s.baseUrl()).withResponseFormat(mode), null);
      try {
        String answer = c.call("quality", List.of(UserMessage.from(prompt)), QualitySchema.SCHEMA).text();
        assertTrue(SchemaCheck.problems(QualitySchema.SCHEMA.rootElement(), strict(answer)).isEmpty(), answer);
        JsonNode format = s.lastResponseFormat();
        switch (mode) {
          case AUTO, JSON_SCHEMA -> assertEquals("json_schema", format.path("type").asText(), mode + ": " + format);
          case JSON_OBJECT -> {
            assertEquals("json_object", format.path("type").asText(), format.toString());
            assertTrue(format.path("json_schema").isMissingNode());
          }
          case NONE -> assertNull(format, "none sends no response_format");
        }
      } finally {
        c.release();
      }
    }
  }

  @Test
  void aJsonSchemaNeedsItsSchemaObjectButNotTheWordJson() throws Exception {
    EmbeddedServer s = serve(ServeCommand.model(Path.of("taxonomy"), 0, 0));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String noWord = EmbeddedServerTest.QUALITY.replace("JSON", "structured");
    for (Object format : List.of(Map.of("type", "json_schema"),
        Map.of("type", "json_schema", "json_schema", Map.of("name", "quality")),
        Map.of("type", "json_schema", "json_schema", Map.of("name", "quality", "schema", "object")))) {
      HttpResponse<String> r = post(http, s, format, noWord);
      assertEquals(400, r.statusCode(), r.body());
      JsonNode error = Json.PLAIN.readTree(r.body()).path("error");
      assertTrue(error.path("message").asText().contains("response_format.json_schema"), r.body());
      assertEquals("invalid_request_error", error.path("type").asText());
    }
    HttpResponse<String> ok = post(http, s, Map.of("type", "json_schema", "json_schema", Map.of("name", "quality",
        "strict", true, "schema", sent(QualitySchema.SCHEMA))), noWord);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(400, post(http, s, Map.of("type", "json_object"), noWord).statusCode(),
        "json_object still needs the word");
  }

  static HttpResponse<String> post(HttpClient http, EmbeddedServer s, Object format, String prompt) throws Exception {
    String body = Json.PLAIN.writeValueAsString(Map.of("model", "tracegen-embedded-1", "response_format", format,
        "messages", List.of(Map.of("role", "user", "content", prompt))));
    return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRealisticPersonaWritesCleanJsonUnderASchema() throws Exception {
    EmbeddedChatModel sloppy = new EmbeddedChatModel(taxonomy(), Checkers.load(), 0, 0,
        Persona.of(Persona.REALISTIC_NAME, "fence=1,sloppyJson=1,truncate=0,refusal=0"));
    EmbeddedServer s = serve(sloppy);
    String prompt = EmbeddedServerTest.QUALITY;
    LlmClient schema = LlmClient.shared(openai(s.baseUrl()), null);
    LlmClient none = LlmClient.shared(openai(s.baseUrl()).withResponseFormat(ResponseFormatMode.NONE), null);
    try {
      String constrained = schema.call("quality", List.of(UserMessage.from(prompt)), QualitySchema.SCHEMA).text();
      assertTrue(SchemaCheck.problems(QualitySchema.SCHEMA.rootElement(), strict(constrained)).isEmpty(), constrained);
      String free = none.call("quality", List.of(UserMessage.from(prompt)), QualitySchema.SCHEMA).text();
      assertThrowsIo(() -> strict(free), "without a schema the persona's habits show: " + free);
    } finally {
      schema.release();
      none.release();
    }
  }

  interface IoCall {
    Object run() throws IOException;
  }

  static void assertThrowsIo(IoCall call, String message) {
    try {
      call.run();
    } catch (IOException expected) {
      return;
    }
    throw new AssertionError(message);
  }

  @Test
  void everySchemaPropertyIsNamedInItsPrompt() throws IOException {
    for (Map.Entry<String, JsonSchema> e : SCHEMAS.entrySet()) {
      String prompt = Files.readString(Path.of("prompts", e.getKey() + ".txt"));
      assertEquals(e.getKey(), e.getValue().name());
      for (String property : SchemaCheck.propertyNames(e.getValue().rootElement())) {
        assertTrue(prompt.contains("\"" + property + "\""), e.getKey() + ".txt does not ask for \"" + property + "\"");
      }
      assertNotNull(e.getValue().rootElement());
    }
  }
}
