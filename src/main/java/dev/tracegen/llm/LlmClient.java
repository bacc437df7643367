package dev.tracegen.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracegen.llm.batch.BatchOutcome;
import dev.tracegen.llm.batch.BatchQueue;
import dev.tracegen.llm.batch.BatchRequest;
import dev.tracegen.llm.batch.ChatBodies;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-worker gateway to one model. One instance per settings per JVM, shared by every DoFn
 * instance of the worker, so that limits and failure tracking apply to the worker as a whole.
 * Thread-safe.
 *
 * <p>A call is first looked up in the response cache; otherwise it waits for the rate limiter,
 * takes one request from the budget and goes to the model. Failures are sorted by
 * {@link LlmErrors}: 429, 5xx, timeouts, I/O errors and unreadable answers are retried up to
 * {@code maxRetries} times with exponential backoff and full jitter (at least {@code Retry-After}
 * when the server sends it); 400/401/403/404 stop the run at once ({@link LlmFatalException}),
 * and so does a call that still has no answer after its retries: a transport fault is never
 * turned into a rejected element. Only a filtered answer or a spent budget rejects the element
 * ({@link LlmCallFailedException}). Messages never contain the API key.
 *
 * <p>A JSON step sends its schema as the response format chosen by {@code --responseFormat}. A
 * server that answers HTTP 400 naming the response format makes this client ask with the next
 * weaker format (schema, JSON object, prompt only) for the rest of its life, with one warning; the
 * call is sent again in that format.
 */
public class LlmClient {
  private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
  private final LlmSettings settings;
  private final ChatModel model;
  private final String secret;
  private final CircuitBreaker breaker;
  private final Budget budget;
  private final RateLimits limits;
  private final ResponseCache cache;
  private final DoubleSupplier jitter;
  /** How JSON steps ask for their answer now; only ever weakens, on a server's refusal. */
  private final AtomicReference<ResponseFormatMode> format;
  /** Each step's schema hash for the cache key, worked out once rather than on every call. */
  private final Map<JsonSchema, String> schemaHashes = new ConcurrentHashMap<>();
  /** The run whose resources this client uses; null for a client built from given collaborators. */
  private final RunResources run;

  /** A client of {@code run}: cache, budget, rate limits and breaker are the run's. */
  LlmClient(LlmSettings settings, ChatModel model, RunResources run) {
    this(settings, model, settings.cached() ? run.cache(settings.cacheDir()) : null, run.budget(settings.limits()),
        run.rateLimits(settings), run.breaker(settings), () -> ThreadLocalRandom.current().nextDouble(), run);
  }

  /** For tests: every collaborator given. {@code jitter} draws uniformly from [0, 1); it only spreads retries in time. */
  LlmClient(LlmSettings settings, ChatModel model, ResponseCache cache, Budget budget, RateLimits limits,
      CircuitBreaker breaker, DoubleSupplier jitter) {
    this(settings, model, cache, budget, limits, breaker, jitter, null);
  }

  private LlmClient(LlmSettings settings, ChatModel model, ResponseCache cache, Budget budget, RateLimits limits,
      CircuitBreaker breaker, DoubleSupplier jitter, RunResources run) {
    this.settings = settings;
    this.model = model;
    this.secret = Secrets.get(settings.apiKeyEnv());
    this.cache = cache;
    this.budget = budget;
    this.limits = limits;
    this.breaker = breaker;
    this.jitter = jitter;
    this.format = new AtomicReference<>(settings.responseFormat().resolve(settings.provider()));
    this.run = run;
  }

  /**
   * The client for {@code settings} in its run's resources in this JVM (a DoFn's {@code @Setup});
   * pair every call with one {@link #release()}.
   */
  public static LlmClient shared(LlmSettings settings, Taxonomy taxonomy) {
    RunResources run = RunResources.acquire(settings.runId());
    try {
      return run.client(settings, taxonomy);
    } catch (RuntimeException e) {
      run.release();
      throw e;
    }
  }

  /** Gives back a {@link #shared} client (a DoFn's {@code @Teardown}); the run's last reference closes its cache segment. */
  public void release() {
    if (run != null) {
      run.release();
    }
  }

  public LlmSettings settings() {
    return settings;
  }

  /** The resources of this client's run in this JVM. */
  public RunResources run() {
    return run;
  }

  /** The circuit breaker is open: the run is being stopped. */
  public boolean stopped() {
    return breaker.isOpen();
  }

  /** The run's response cache, or null when the run has none. */
  public ResponseCache cache() {
    return cache;
  }

  /** Stops every call of the run with {@code message} (the first stop message wins); returns the error to throw. */
  public LlmFatalException stop(String message) {
    return stopRun(message);
  }

  /** How JSON steps ask for their answer at the moment (after any fallback). */
  public ResponseFormatMode responseFormat() {
    return format.get();
  }

  /**
   * Sends one conversation. {@code schema} is the JSON schema of the answer of a JSON step, sent
   * as the current response format; null for free text.
   */
  public LlmReply call(String step, List<ChatMessage> messages, JsonSchema schema) {
    return call(step, messages, schema, null);
  }

  /**
   * As {@link #call(String, List, JsonSchema)}; with {@code batch} not null a cache miss is
   * answered through that batch queue ({@code --batch}), and sent on its own only when the batch
   * left it unanswered.
   */
  public LlmReply call(String step, List<ChatMessage> messages, JsonSchema schema, BatchQueue batch) {
    while (true) {
      ResponseFormatMode mode = schema == null ? ResponseFormatMode.NONE : format.get();
      try {
        return call(step, messages, schema, mode, batch);
      } catch (FormatRefused refused) {
        weaken(step, mode, refused.getMessage());
      }
    }
  }

  /** A server refused the response format of a request (HTTP 400 that names it). */
  private static final class FormatRefused extends RuntimeException {
    FormatRefused(String message) {
      super(message, null, false, false);
    }
  }

  /** Asks with the next weaker format from now on; the thread that makes the change says so, once. */
  private void weaken(String step, ResponseFormatMode refused, String serverSaid) {
    ResponseFormatMode weaker = refused.weaker();
    if (format.compareAndSet(refused, weaker)) {
      LOG.warn("{}: {} refused response format {} ({}); the rest of the run asks with {} instead "
          + "(pass --responseFormat={} to skip this probe)", step, LlmErrors.endpoint(settings), refused.option(),
          serverSaid, weaker.option(), weaker.option());
    }
  }

  static ChatRequest request(List<ChatMessage> messages, JsonSchema schema, ResponseFormatMode mode) {
    ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
    if (schema != null) {
      switch (mode) {
        case JSON_SCHEMA -> builder.responseFormat(
            ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build());
        case JSON_OBJECT -> builder.responseFormat(ResponseFormat.JSON);
        default -> { }
      }
    }
    return builder.build();
  }

  private LlmReply call(String step, List<ChatMessage> messages, JsonSchema schema, ResponseFormatMode mode,
      BatchQueue batch) {
    String key = cache == null ? null : ResponseCache.key(settings, messages, schema,
        schema == null ? null : schemaHashes.computeIfAbsent(schema, ResponseCache::schemaSha256), mode);
    if (key != null) {
      Optional<ResponseCache.Entry> hit = cache.get(key);
      if (hit.isPresent()) {
        // The tokens it cost when it was sent: a record's spend must not depend on the cache.
        return new LlmReply(hit.get().text(), hit.get().tokensIn(), hit.get().tokensOut(), 0, true, FinishReason.STOP);
      }
    }
    long estimate = estimateTokens(messages);
    if (batch != null && key != null) {
      LlmReply answered = viaBatch(step, messages, schema, mode, batch, key, estimate);
      if (answered != null) {
        return answered;
      }
    }
    ChatRequest request = request(messages, schema, mode);
    LlmLimits l = settings.limits();
    for (int attempt = 0; ; attempt++) {
      breaker.check();
      budget.reserveCall();
      double reserved = reserveCost(step, estimate, false);
      limits.beforeCall(estimate);
      ChatResponse response;
      try {
        response = model.chat(request);
      } catch (RuntimeException e) {
        budget.releaseCost(reserved);
        if (mode != ResponseFormatMode.NONE && LlmErrors.refusesResponseFormat(e)) {
          throw new FormatRefused(Secrets.scrubOrEmpty(LlmErrors.refusal(e), secret));
        }
        LlmErrors.Failure f = LlmErrors.classify(e, settings, secret);
        if (f == null) {
          throw e;
        }
        switch (f.kind()) {
          case FATAL -> {
            String message = step + ": " + f.message();
            stopEveryCall(message);
            throw new LlmFatalException(message, null);
          }
          case ELEMENT -> {
            breaker.record(true, null);
            throw new LlmCallFailedException(f.reason(), f.message(), null);
          }
          default -> {
            if (attempt >= l.maxRetries()) {
              // A transport fault says nothing about the element: rejecting it would silently drop a
              // record that a working endpoint keeps, so the whole run stops instead.
              throw stopRun(step + ": no answer after " + (attempt + 1) + (attempt == 0 ? " attempt" : " attempts")
                  + " (--maxRetries=" + l.maxRetries() + "); last error: " + f.message() + ". The run stops rather "
                  + "than drop the element" + (cache == null ? "" : "; answers received so far are kept in the "
                  + "response cache, so a rerun pays only for the rest") + ". Check the endpoint, or raise "
                  + "--maxRetries or --requestTimeout.");
            }
            try {
              breaker.sleep(backoffMillis(attempt, l.retryBaseMillis(), f.retryAfterMillis(), jitter.getAsDouble()));
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              throw stopRun(step + ": interrupted while waiting to retry: " + f.message());
            }
            continue;
          }
        }
      }
      String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
      TokenUsage usage = response.tokenUsage();
      long in = usage == null || usage.inputTokenCount() == null ? estimate : usage.inputTokenCount();
      long out = usage == null || usage.outputTokenCount() == null ? text.length() / 4 : usage.outputTokenCount();
      budget.spendTokens(in + out);
      limits.afterCall(estimate, in, out);
      breaker.record(true, null);
      FinishReason finish = response.finishReason();
      // A cut-off answer is never replayed: a rerun asks again rather than reuse it.
      if (key != null && !text.isEmpty() && finish != FinishReason.LENGTH) {
        cache.put(key, new ResponseCache.Entry(text, in, out));
      }
      // Settled once the answer is cached: a run stopped by --maxCost waits for this.
      if (budget.capsCost() && settings.price() != null) {
        budget.settleCost(reserved, settings.price().cost(in, out));
      }
      return new LlmReply(text, in, out, attempt, false, finish);
    }
  }

  /**
   * A cache miss through the batch queue: the answer (the queue wrote it to the cache), or null when
   * the batch left the request unanswered and it is to be sent on its own.
   */
  private LlmReply viaBatch(String step, List<ChatMessage> messages, JsonSchema schema, ResponseFormatMode mode,
      BatchQueue batch, String key, long estimate) {
    breaker.check();
    budget.reserveCall();
    double reserved = reserveCost(step, estimate, true);
    BatchOutcome outcome;
    try {
      outcome = batch.ask(new BatchRequest(key, ChatBodies.of(settings, messages, schema, mode)));
    } catch (InterruptedException e) {
      budget.releaseCost(reserved);
      Thread.currentThread().interrupt();
      throw stopRun(step + ": interrupted while waiting for a batch");
    } catch (RuntimeException e) {
      budget.releaseCost(reserved);
      throw e;
    }
    if (!(outcome instanceof BatchOutcome.Answer a)) {
      // Sent on its own next, which reserves its own (full) price.
      budget.releaseCost(reserved);
      return null;
    }
    long in = a.tokensIn() < 0 ? estimate : a.tokensIn();
    if (a.cached()) {
      // Paid for before (an earlier run's batch, or the same request answered in this batch): not
      // spent again, but it reports its usage, as a cache hit does.
      budget.releaseCost(reserved);
      return new LlmReply(a.text(), in, a.tokensOut(), 0, true, a.finishReason());
    }
    budget.spendTokens(in + a.tokensOut());
    if (reserved > 0) {
      budget.settleCost(reserved, settings.price().batchCost(in, a.tokensOut()));
    }
    breaker.record(true, null);
    return new LlmReply(a.text(), in, a.tokensOut(), 0, false, a.finishReason());
  }

  /**
   * Reserves the most this request may cost (its input estimate, and its whole output allowance, at
   * batch prices when it goes in a batch) under {@code --maxCost}; when that could cross the cap the
   * run stops before the request is sent.
   */
  private double reserveCost(String step, long inputEstimate, boolean viaBatch) {
    if (!budget.capsCost() || settings.price() == null || !settings.price().known()) {
      return 0;
    }
    double most = viaBatch ? settings.price().batchCost(inputEstimate, settings.maxTokens())
        : settings.price().cost(inputEstimate, settings.maxTokens());
    String over = budget.reserveCost(most, settings.price().currency());
    if (over != null) {
      // The requests already sent are paid for: their answers reach the cache before the run stops.
      // Batches already out are recorded instead (they may take hours): the rerun collects them.
      try {
        budget.awaitSettled(viaBatch ? 0 : 1000L * (settings.timeoutSeconds() + 5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw stopRun(step + ": " + budget.capMessage(settings.price().currency(), most) + ".");
    }
    return most;
  }

  /** Opens this client's breaker and, through the run, every other breaker of the run in this JVM. */
  private void stopEveryCall(String message) {
    breaker.trip(message);
    if (run != null) {
      run.stop(message);
    }
  }

  /** Stops every call of the run with {@code message} (the run's first stop message wins) and returns the error to throw. */
  private LlmFatalException stopRun(String message) {
    stopEveryCall(message);
    return new LlmFatalException(breaker.message(), null);
  }

  /**
   * How long to wait before retry {@code attempt + 1}: full jitter over {@code base * 2^attempt}
   * (capped at {@link LlmLimits#MAX_BACKOFF_MILLIS}), or, when the server sent {@code Retry-After},
   * that long (at most a minute) plus up to half a base step so that a crowd does not return at once.
   */
  static long backoffMillis(int attempt, long baseMillis, long retryAfterMillis, double u) {
    long cap = Math.min(LlmLimits.MAX_BACKOFF_MILLIS, baseMillis * (1L << Math.min(attempt, 20)));
    if (retryAfterMillis >= 0) {
      return Math.min(60_000, retryAfterMillis) + (long) (u * (baseMillis / 2.0));
    }
    return (long) (u * cap);
  }

  static long estimateTokens(List<ChatMessage> messages) {
    long chars = 0;
    for (ChatMessage m : messages) {
      if (m instanceof UserMessage u) {
        chars += u.hasSingleText() ? u.singleText().length() : u.contents().toString().length();
      } else if (m instanceof AiMessage a) {
        chars += a.text() == null ? 0 : a.text().length();
      } else if (m instanceof SystemMessage s) {
        chars += s.text().length();
      }
    }
    return Math.max(1, chars / 4);
  }
}
