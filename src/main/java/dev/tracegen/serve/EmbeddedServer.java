package dev.tracegen.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded model behind an OpenAI-compatible HTTP API on loopback, so that the real
 * {@code openai} client path (LangChain4j's OpenAiChatModel over HTTP) can be tested and
 * benchmarked: {@code POST /v1/chat/completions}, {@code GET /v1/models}, {@code GET /stats},
 * OpenAI's batch API ({@code /v1/files}, {@code /v1/batches}: {@link BatchEmulator}), and
 * Anthropic's Messages API ({@code POST /v1/messages}, with the same faults) and Message Batches
 * ({@code /v1/messages/batches}: {@link AnthropicBatchEmulator}).
 *
 * <p>Faults are drawn from the server's seed, the request body and how many times this server has
 * seen that body before: a retried request gets a fresh draw, so it can succeed, and which
 * requests fail how often does not depend on the order in which concurrent requests arrive (with
 * a global request counter it did, so each run faulted other calls). The faults: 429 with {@code
 * Retry-After}, 500, a stalled response (held for {@code stallSeconds}, longer than a client's
 * timeout), and a 200 whose body is cut-off JSON. {@code most_faults_in_a_row} in the stats is
 * the longest run of faults one request body met, which a client's retries must outlast. Every
 * request runs on its own thread, so latency sleeps never hold up others.
 */
public final class EmbeddedServer implements AutoCloseable {
  /** What the server does and how it misbehaves. */
  public record Config(
      int port,
      String model,
      long latencyMillis,
      long jitterMillis,
      double fraction429,
      int retryAfterSeconds,
      double fraction500,
      double fractionStall,
      int stallSeconds,
      double fractionMalformed,
      String requiredKey,
      long seed) {

    public static Config defaults() {
      return new Config(0, "tracegen-embedded-1", 0, 0, 0, 1, 0, 0, 150, 0, null, 1L);
    }

    public Config withLatency(long fixedMillis, long jitter) {
      return new Config(port, model, fixedMillis, jitter, fraction429, retryAfterSeconds, fraction500,
          fractionStall, stallSeconds, fractionMalformed, requiredKey, seed);
    }

    /** Fault fractions: 429s, 500s, stalls, malformed bodies (each 0-1; they add up to at most 1). */
    public Config withFaults(double f429, double f500, double fStall, double fMalformed) {
      return new Config(port, model, latencyMillis, jitterMillis, f429, retryAfterSeconds, f500, fStall,
          stallSeconds, fMalformed, requiredKey, seed);
    }

    public Config withStallSeconds(int seconds) {
      return new Config(port, model, latencyMillis, jitterMillis, fraction429, retryAfterSeconds, fraction500,
          fractionStall, seconds, fractionMalformed, requiredKey, seed);
    }

    public Config withRetryAfterSeconds(int seconds) {
      return new Config(port, model, latencyMillis, jitterMillis, fraction429, seconds, fraction500,
          fractionStall, stallSeconds, fractionMalformed, requiredKey, seed);
    }

    /** Requests must carry {@code Authorization: Bearer <key>}; null accepts any. */
    public Config withRequiredKey(String key) {
      return new Config(port, model, latencyMillis, jitterMillis, fraction429, retryAfterSeconds, fraction500,
          fractionStall, stallSeconds, fractionMalformed, key, seed);
    }

    public Config withSeed(long s) {
      return new Config(port, model, latencyMillis, jitterMillis, fraction429, retryAfterSeconds, fraction500,
          fractionStall, stallSeconds, fractionMalformed, requiredKey, s);
    }

    void validate() {
      double sum = fraction429 + fraction500 + fractionStall + fractionMalformed;
      for (double f : new double[] {fraction429, fraction500, fractionStall, fractionMalformed}) {
        if (f < 0 || f > 1) {
          throw new IllegalArgumentException("fault fractions must be between 0 and 1");
        }
      }
      if (sum > 1.000001) {
        throw new IllegalArgumentException("fault fractions add up to " + sum + ", more than 1");
      }
      if (latencyMillis < 0 || jitterMillis < 0 || stallSeconds < 0 || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("latency, jitter, stall and Retry-After must not be negative");
      }
    }
  }

  static {
    // Headers and body go out as separate writes; without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add about 40 ms to every answer. Read once, when the JDK server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Config config;
  private final EmbeddedChatModel model;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong counter = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong maxInFlight = new AtomicLong();
  private final Map<String, AtomicLong> stats = new TreeMap<>();
  /** Per request body (SHA-256): how often it was drawn for and its current run of faults. */
  private final Map<String, Draws> draws = new ConcurrentHashMap<>();
  private final AtomicLong mostFaultsInARow = new AtomicLong();
  /** Answers per distinct request, on their own and in batches. */
  private final RequestCounts requestCounts = new RequestCounts();
  private final BatchEmulator batches;
  private final AnthropicBatchEmulator anthropicBatches;
  /** The {@code response_format} of the last chat request (null when it had none), for tests and debugging. */
  private volatile JsonNode lastResponseFormat;

  /** The draws of one request body; synchronised, as retries of one body may overlap (a client timed out). */
  private static final class Draws {
    private long seen;
    private long faultsInARow;

    synchronized long next() {
      return seen++;
    }

    synchronized long outcome(boolean fault) {
      faultsInARow = fault ? faultsInARow + 1 : 0;
      return faultsInARow;
    }
  }

  private EmbeddedServer(Config config, EmbeddedChatModel model) throws IOException {
    config.validate();
    this.config = config;
    this.model = model;
    for (String k : List.of("requests", "answered", "failed", "status_200", "status_400", "status_401",
        "status_404", "status_429", "status_500", "stalled", "malformed")) {
      stats.put(k, new AtomicLong());
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
    AtomicLong threads = new AtomicLong();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "serve-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/v1/models", this::models);
    server.createContext("/stats", this::stats);
    this.batches = new BatchEmulator(config, model, requestCounts);
    server.createContext("/v1/files", batches::files);
    server.createContext("/v1/batches", batches::batches);
    server.createContext("/v1/messages", this::anthropicMessages);
    this.anthropicBatches = new AnthropicBatchEmulator(config, model, requestCounts, batches);
    server.createContext("/v1/messages/batches", anthropicBatches::handle);
    server.createContext("/", ex -> send(ex, 404, error("no such endpoint: " + ex.getRequestURI().getPath(),
        "invalid_request_error", "not_found")));
  }

  /** Starts a server for {@code model} (the embedded simulator with its own knobs). */
  public static EmbeddedServer start(Config config, EmbeddedChatModel model) throws IOException {
    EmbeddedServer s = new EmbeddedServer(config, model);
    s.server.start();
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:8088/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  public Config config() {
    return config;
  }

  /** The {@code response_format} object of the last chat request, or null when it sent none. */
  public JsonNode lastResponseFormat() {
    return lastResponseFormat;
  }

  /** The batch API: its knobs (delay, failed and malformed lines) can be changed while the server runs. */
  public BatchEmulator batches() {
    return batches;
  }

  /** How often each distinct request was answered (the model ran for it). */
  public RequestCounts requestCounts() {
    return requestCounts;
  }

  /** A copy of the counters served at {@code /stats}. */
  public Map<String, Long> stats() {
    Map<String, Long> out = new TreeMap<>();
    stats.forEach((k, v) -> out.put(k, v.get()));
    out.put("in_flight", inFlight.get());
    out.put("max_in_flight", maxInFlight.get());
    out.put("most_faults_in_a_row", mostFaultsInARow.get());
    batches.addStats(out);
    requestCounts.addStats(out);
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void count(String... keys) {
    for (String k : keys) {
      stats.get(k).incrementAndGet();
    }
  }

  /** The wire format a request came in: OpenAI's chat completions or Anthropic's Messages API. */
  private enum Dialect { OPENAI, ANTHROPIC }

  private void chat(HttpExchange ex) throws IOException {
    handle(ex, Dialect.OPENAI);
  }

  /** {@code POST /v1/messages}: Anthropic's Messages API, answered as the same chat request would be. */
  private void anthropicMessages(HttpExchange ex) throws IOException {
    if (!"/v1/messages".equals(ex.getRequestURI().getPath())) {
      try (ex) {
        send(ex, 404, AnthropicWire.error("not_found_error", "no such endpoint: " + ex.getRequestURI().getPath()));
      }
      return;
    }
    handle(ex, Dialect.ANTHROPIC);
  }

  private void handle(HttpExchange ex, Dialect dialect) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        fail(ex, dialect, 405, "use POST", "invalid_request_error", null);
        return;
      }
      long n = counter.incrementAndGet();
      count("requests");
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        answer(ex, n, dialect);
      } finally {
        inFlight.decrementAndGet();
      }
    } catch (RuntimeException e) {
      count("failed", "status_500");
      fail(ex, dialect, 500, "internal error: " + e, "server_error", null);
    }
  }

  /** An error in the request's dialect; {@code type} and {@code code} are OpenAI's (Anthropic's type follows the status). */
  private static void fail(HttpExchange ex, Dialect dialect, int status, String message, String type, String code)
      throws IOException {
    send(ex, status, dialect == Dialect.ANTHROPIC ? AnthropicWire.error(AnthropicWire.errorType(status), message)
        : error(message, type, code));
  }

  private void answer(HttpExchange ex, long n, Dialect dialect) throws IOException {
    byte[] body = readAll(ex.getRequestBody());
    if (dialect == Dialect.ANTHROPIC) {
      if (!AnthropicWire.authorized(ex, config.requiredKey())) {
        count("failed", "status_" + ex.getResponseCode());
        return;
      }
    } else if (config.requiredKey() != null
        && !("Bearer " + config.requiredKey()).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      count("failed", "status_401");
      send(ex, 401, error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      return;
    }
    JsonNode req;
    try {
      req = Json.PLAIN.readTree(body);
      if (dialect == Dialect.ANTHROPIC) {
        req = AnthropicWire.toChat(req);
      }
    } catch (IOException e) {
      count("failed", "status_400");
      fail(ex, dialect, 400, "the request body is not valid JSON", "invalid_request_error", null);
      return;
    } catch (IllegalArgumentException e) {
      count("failed", "status_400");
      fail(ex, dialect, 400, e.getMessage(), "invalid_request_error", null);
      return;
    }
    String modelName = req.path("model").asText("");
    if (!config.model().equals(modelName)) {
      count("failed", "status_404");
      fail(ex, dialect, 404, "The model `" + modelName + "` does not exist (this server has `" + config.model() + "`)",
          "invalid_request_error", "model_not_found");
      return;
    }
    List<ChatMessage> messages;
    try {
      messages = messages(req.path("messages"));
    } catch (IllegalArgumentException e) {
      count("failed", "status_400");
      fail(ex, dialect, 400, e.getMessage(), "invalid_request_error", null);
      return;
    }
    JsonNode format = req.path("response_format");
    lastResponseFormat = format.isMissingNode() ? null : format.deepCopy();
    String formatType = format.path("type").asText("");
    boolean schema = "json_schema".equals(formatType);
    boolean json = schema || "json_object".equals(formatType);
    if (schema && !format.path("json_schema").path("schema").isObject()) {
      count("failed", "status_400");
      send(ex, 400, error(format.path("json_schema").isObject()
          ? "Invalid 'response_format.json_schema.schema': expected an object."
          : "Missing required parameter: 'response_format.json_schema'.", "invalid_request_error",
          format.path("json_schema").isObject() ? "invalid_type" : "missing_required_parameter"));
      return;
    }
    // OpenAI's rule for json_object; a json_schema request needs no such word.
    if (json && !schema && messages.stream().noneMatch(m -> text(m).toLowerCase(Locale.ROOT).contains("json"))) {
      count("failed", "status_400");
      send(ex, 400, error("'messages' must contain the word 'json' in some form, to use 'response_format' of type "
          + "'json_object'.", "invalid_request_error", null));
      return;
    }
    String bodyHash = HexFormat.of().formatHex(sha256(body));
    Draws d = draws.computeIfAbsent(bodyHash, k -> new Draws());
    String draw = bodyHash + ":" + d.next();
    double u = unit(draw);
    boolean fault = u < config.fraction429() + config.fraction500() + config.fractionStall() + config.fractionMalformed();
    mostFaultsInARow.accumulateAndGet(d.outcome(fault), Math::max);
    if (u < config.fraction429()) {
      count("failed", "status_429");
      ex.getResponseHeaders().set("Retry-After", Integer.toString(config.retryAfterSeconds()));
      fail(ex, dialect, 429, "Rate limit reached; retry after " + config.retryAfterSeconds() + " s.",
          "rate_limit_exceeded", "rate_limit_exceeded");
      return;
    }
    u -= config.fraction429();
    latency(draw);
    if (u < config.fraction500()) {
      count("failed", "status_500");
      fail(ex, dialect, 500, "The server had an error while processing your request.", "server_error", null);
      return;
    }
    u -= config.fraction500();
    EmbeddedChatModel.Reply reply = model.reply(messages, schema);
    requestCounts.answered(req, false);
    String answer = json ? jsonObject(reply.text()) : reply.text();
    // "length" when the model ran out of tokens; in JSON mode also when the answer is no JSON
    // object (what the faithful model's malformed knob stands for: a cut-off object).
    boolean cutOff = reply.finishReason() == FinishReason.LENGTH
        || (json && model.persona().faithful() && !isJsonObject(answer));
    ObjectNode response = dialect == Dialect.ANTHROPIC
        ? AnthropicWire.message("msg_" + n, modelName, tokensIn(messages), answer, cutOff)
        : completion(n, modelName, messages, answer, cutOff);
    if (u < config.fractionStall()) {
      count("failed", "stalled");
      sleep(config.stallSeconds() * 1000L);
      send(ex, 200, response.toString());
      return;
    }
    u -= config.fractionStall();
    if (u < config.fractionMalformed()) {
      count("failed", "malformed");
      String full = response.toString();
      send(ex, 200, full.substring(0, full.length() / 2));
      return;
    }
    count("answered", "status_200");
    send(ex, 200, response.toString());
  }

  /**
   * JSON mode: the answer without a Markdown fence around it. An answer that still is not a JSON
   * object is sent as it is (as a real server does when the model runs out of tokens mid-object).
   */
  static String jsonObject(String answer) {
    String a = answer.strip();
    if (a.startsWith("```")) {
      int nl = a.indexOf('\n');
      int end = a.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        a = a.substring(nl + 1, end).strip();
      }
    }
    return isJsonObject(a) ? a : answer;
  }

  static boolean isJsonObject(String text) {
    try {
      JsonNode n = Json.PLAIN.readTree(text);
      return n != null && n.isObject();
    } catch (IOException e) {
      return false;
    }
  }

  /** The input tokens the server bills for {@code messages}: a quarter of their characters. */
  static long tokensIn(List<ChatMessage> messages) {
    return Math.max(1, messages.stream().mapToLong(m -> text(m).length()).sum() / 4);
  }

  static ObjectNode completion(long n, String modelName, List<ChatMessage> messages, String answer, boolean cutOff) {
    long in = tokensIn(messages);
    long out = Math.max(1, answer.length() / 4);
    ObjectNode r = Json.PLAIN.createObjectNode();
    r.put("id", "chatcmpl-" + n);
    r.put("object", "chat.completion");
    r.put("created", System.currentTimeMillis() / 1000);
    r.put("model", modelName);
    ArrayNode choices = r.putArray("choices");
    ObjectNode c = choices.addObject();
    c.put("index", 0);
    ObjectNode m = c.putObject("message");
    m.put("role", "assistant");
    m.put("content", answer);
    c.put("finish_reason", cutOff ? "length" : "stop");
    ObjectNode usage = r.putObject("usage");
    usage.put("prompt_tokens", in);
    usage.put("completion_tokens", out);
    usage.put("total_tokens", in + out);
    return r;
  }

  private void models(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode r = Json.PLAIN.createObjectNode();
      r.put("object", "list");
      ObjectNode m = r.putArray("data").addObject();
      m.put("id", config.model());
      m.put("object", "model");
      m.put("created", 0);
      m.put("owned_by", "tracegen");
      send(ex, 200, r.toString());
    }
  }

  private void stats(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode r = Json.PLAIN.createObjectNode();
      stats().forEach(r::put);
      send(ex, 200, r.toString());
    }
  }

  static List<ChatMessage> messages(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      throw new IllegalArgumentException("'messages' must be a non-empty array");
    }
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : array) {
      String role = m.path("role").asText("");
      String content = content(m.path("content"));
      out.add(switch (role) {
        case "system", "developer" -> SystemMessage.from(content);
        case "user" -> UserMessage.from(content);
        case "assistant" -> AiMessage.from(content);
        default -> throw new IllegalArgumentException("unsupported message role '" + role + "'");
      });
    }
    return out;
  }

  /** A message's text: a string, or the text parts of a content array. */
  static String content(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asText())) {
          sb.append(part.path("text").asText());
        }
      }
      return sb.toString();
    }
    return "";
  }

  private static String text(ChatMessage m) {
    if (m instanceof UserMessage u) {
      return u.hasSingleText() ? u.singleText() : "";
    }
    if (m instanceof AiMessage a) {
      return a.text() == null ? "" : a.text();
    }
    if (m instanceof SystemMessage s) {
      return s.text();
    }
    return "";
  }

  private void latency(String draw) {
    long ms = config.latencyMillis();
    if (config.jitterMillis() > 0) {
      ms += (long) (unit(draw + ":latency") * (config.jitterMillis() + 1));
    }
    sleep(ms);
  }

  /** A uniform draw in [0, 1) from the seed and {@code draw} (request body hash and attempt). */
  private double unit(String draw) {
    byte[] h = sha256((config.seed() + ":" + draw).getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 7; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v / (double) (1L << 56);
  }

  private static byte[] sha256(byte[] bytes) {
    return Hashing.sha256().hashBytes(bytes).asBytes();
  }

  private static void sleep(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String error(String message, String type, String code) {
    ObjectNode r = Json.PLAIN.createObjectNode();
    ObjectNode e = r.putObject("error");
    e.put("message", message);
    e.put("type", type);
    if (code == null) {
      e.putNull("code");
    } else {
      e.put("code", code);
    }
    return r.toString();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    try {
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client gave up (e.g. timed out on a stalled response); nothing to answer.
    }
  }
}
