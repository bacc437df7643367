package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracegen.quality.QualitySchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, Retry-After, the circuit breaker, budgets, the rate limiter and the cache, against a fake model. */
class LlmClientTest {
  static final List<ChatMessage> HELLO = List.of(UserMessage.from("hello"));
  static final JsonSchema SCHEMA = QualitySchema.SCHEMA;

  @TempDir
  Path tmp;

  @AfterEach
  void restore() {
    Secrets.override(null);
  }

  /** A ChatModel whose n-th call (from 0) does what {@code behaviour} says: return text or throw. */
  static final class FakeModel implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();
    final Function<Integer, String> behaviour;

    FakeModel(Function<Integer, String> behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      String text = behaviour.apply(calls.getAndIncrement());
      return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(10, 5)).build();
    }
  }

  static LlmSettings settings(int maxRetries, long baseMillis) {
    return new LlmSettings("openai", "m", "http://127.0.0.1:1/v1", "TEST_KEY_ENV", 0.0, 100, 5, 4, 0, 0)
        .withLimits(new LlmLimits(0, 0, maxRetries, baseMillis, 0, 0));
  }

  static LlmClient client(LlmSettings s, ChatModel model, CircuitBreaker breaker, Budget budget, RateLimits limits,
      ResponseCache cache) {
    return new LlmClient(s, model, cache, budget, limits, breaker, () -> 0.5);
  }

  static LlmClient client(LlmSettings s, ChatModel model) {
    return client(s, model, new CircuitBreaker(), new Budget(0, 0), new RateLimits(0, 0), null);
  }

  static RuntimeException status(int code, long retryAfterMillis) {
    // As LangChain4j's exception mapper wraps what HttpTransport throws.
    HttpTransport.StatusException raw = new HttpTransport.StatusException(code, "{\"error\":\"x\"}", retryAfterMillis);
    return switch (code) {
      case 429 -> new RateLimitException(raw);
      case 401, 403 -> new AuthenticationException(raw);
      case 404 -> new ModelNotFoundException(raw);
      case 400 -> new InvalidRequestException(raw);
      default -> new InternalServerException(raw);
    };
  }

  @Test
  void answersAndCountsTokens() {
    LlmReply r = client(settings(3, 1), new FakeModel(n -> "hi")).call("s", HELLO, null);
    assertEquals("hi", r.text());
    assertEquals(10, r.tokensIn());
    assertEquals(5, r.tokensOut());
    assertEquals(0, r.retries());
    assertFalse(r.cached());
  }

  @Test
  void retriesServerErrorsTimeoutsAndRateLimitsAndCountsThem() {
    FakeModel m = new FakeModel(n -> {
      switch (n) {
        case 0 -> throw status(500, -1);
        case 1 -> throw new TimeoutException("slow");
        case 2 -> throw status(429, -1);
        case 3 -> throw new RuntimeException(new java.io.IOException("connection reset"));
        default -> {
          return "ok";
        }
      }
    });
    LlmReply r = client(settings(5, 1), m).call("s", HELLO, null);
    assertEquals("ok", r.text());
    assertEquals(4, r.retries());
    assertEquals(5, m.calls.get());
  }

  @Test
  void outOfRetriesStopsTheRunInsteadOfRejectingTheElement() {
    FakeModel m = new FakeModel(n -> {
      throw status(503, -1);
    });
    CircuitBreaker breaker = new CircuitBreaker();
    LlmClient c = client(settings(3, 1), m, breaker, new Budget(0, 0), new RateLimits(0, 0), null);
    // A rejection here would drop a record a working endpoint keeps; the run must stop instead.
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> c.call("s", HELLO, null));
    assertTrue(e.getMessage().contains("4 attempts") && e.getMessage().contains("503")
        && e.getMessage().contains("--maxRetries"), e.getMessage());
    assertEquals(4, m.calls.get());
    assertTrue(breaker.isOpen());
    assertThrows(LlmFatalException.class, () -> c.call("s", HELLO, null));
    assertEquals(4, m.calls.get(), "a stopped run sends nothing more");
  }

  @Test
  void honoursRetryAfter() {
    FakeModel m = new FakeModel(n -> {
      if (n == 0) {
        throw status(429, 400);
      }
      return "ok";
    });
    long t0 = System.nanoTime();
    LlmReply r = client(settings(3, 1), m).call("s", HELLO, null);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(1, r.retries());
    assertTrue(ms >= 400, "waited " + ms + " ms, the server asked for 400");
  }

  @Test
  void backoffIsExponentialWithFullJitterAndCapped() {
    assertEquals(0, LlmClient.backoffMillis(3, 500, -1, 0.0));
    assertEquals(250, LlmClient.backoffMillis(0, 500, -1, 0.5));
    assertEquals(1000, LlmClient.backoffMillis(2, 500, -1, 0.5));
    assertEquals(LlmLimits.MAX_BACKOFF_MILLIS / 2, LlmClient.backoffMillis(30, 500, -1, 0.5));
    assertEquals(2000 + 125, LlmClient.backoffMillis(0, 500, 2000, 0.5), "Retry-After plus a little spread");
    assertEquals(60_000, LlmClient.backoffMillis(0, 500, 3_600_000, 0.0), "at most a minute");
  }

  @Test
  void unauthorisedStopsAtOnceNamingTheVariableNotTheKey() {
    String key = "sk-secret-" + System.nanoTime();
    Secrets.override(name -> name.equals("TEST_KEY_ENV") ? key : null);
    FakeModel m = new FakeModel(n -> {
      throw new AuthenticationException("Incorrect API key provided: " + key);
    });
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> client(settings(5, 1), m).call("s", HELLO, null));
    assertTrue(e.getMessage().contains("environment variable TEST_KEY_ENV"), e.getMessage());
    assertFalse(e.getMessage().contains(key));
    assertEquals(1, m.calls.get(), "no retries");
    for (int code : new int[] {400, 401, 403, 404}) {
      FakeModel f = new FakeModel(n -> {
        throw status(code, -1);
      });
      assertThrows(LlmFatalException.class, () -> client(settings(5, 1), f).call("s", HELLO, null), "" + code);
      assertEquals(1, f.calls.get(), "no retries on " + code);
    }
  }

  @Test
  void keyIsScrubbedFromFailures() {
    String key = "sk-secret-" + System.nanoTime();
    Secrets.override(name -> name.equals("TEST_KEY_ENV") ? key : null);
    FakeModel m = new FakeModel(n -> {
      throw new InternalServerException("upstream said: bad token " + key);
    });
    LlmFatalException e = assertThrows(LlmFatalException.class,
        () -> client(settings(0, 1), m).call("s", HELLO, null));
    assertFalse(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains("***"));
  }

  @Test
  void breakerOpensWhenMostRecentCallsFailAndStopsEveryCall() {
    CircuitBreaker breaker = new CircuitBreaker();
    FakeModel m = new FakeModel(n -> {
      throw status(500, -1);
    });
    LlmClient c = client(settings(0, 1), m, breaker, new Budget(0, 0), new RateLimits(0, 0), null);
    for (int i = 0; i < CircuitBreaker.MIN_CALLS; i++) {
      breaker.record(false, "HTTP 500");
    }
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> c.call("s", HELLO, null));
    assertTrue(e.getMessage().startsWith("circuit breaker open: 10 of the last 10 calls failed after retries; last error:"),
        e.getMessage());
    int sent = m.calls.get();
    assertThrows(LlmFatalException.class, () -> c.call("s", HELLO, null));
    assertEquals(sent, m.calls.get(), "an open breaker sends nothing");
  }

  @Test
  void breakerToleratesOccasionalFailures() {
    CircuitBreaker b = new CircuitBreaker();
    for (int i = 0; i < 200; i++) {
      b.record(i % 3 != 0, "e");
    }
    assertFalse(b.isOpen(), "a third failing is not most");
    for (int i = 0; i < 20; i++) {
      b.record(i % 2 == 0, "e");
    }
    assertTrue(b.isOpen(), "half failing opens it");
  }

  @Test
  void openBreakerWakesRetriesWaitingInBackoff() throws Exception {
    CircuitBreaker breaker = new CircuitBreaker();
    FakeModel m = new FakeModel(n -> {
      throw status(500, -1);
    });
    // Long backoff: without the breaker each call would wait minutes.
    LlmClient slow = client(settings(5, 60_000), m, breaker, new Budget(0, 0), new RateLimits(0, 0), null);
    LlmClient fast = client(settings(0, 1), m, breaker, new Budget(0, 0), new RateLimits(0, 0), null);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> waiting = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        waiting.add(pool.submit(() -> slow.call("s", HELLO, null)));
      }
      Thread.sleep(200);
      long t0 = System.nanoTime();
      for (int i = 0; i < 20 && !breaker.isOpen(); i++) {
        try {
          fast.call("s", HELLO, null);
        } catch (LlmCallFailedException | LlmFatalException expected) {
          // counting towards the breaker
        }
      }
      assertTrue(breaker.isOpen());
      for (Future<?> f : waiting) {
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
            () -> f.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof LlmFatalException, e.getCause().toString());
      }
      assertTrue((System.nanoTime() - t0) / 1e9 < 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void callBudgetRejectsOnceSpent() {
    FakeModel m = new FakeModel(n -> "ok");
    LlmClient c = client(settings(0, 1), m, new CircuitBreaker(), new Budget(3, 0), new RateLimits(0, 0), null);
    for (int i = 0; i < 3; i++) {
      c.call("s", HELLO, null);
    }
    LlmCallFailedException e = assertThrows(LlmCallFailedException.class, () -> c.call("s", HELLO, null));
    assertEquals("budget_exhausted", e.reason());
    assertTrue(e.getMessage().contains("--maxCalls=3"), e.getMessage());
    assertEquals(3, m.calls.get());
  }

  @Test
  void tokenBudgetRejectsOnceSpent() {
    FakeModel m = new FakeModel(n -> "ok");
    LlmClient c = client(settings(0, 1), m, new CircuitBreaker(), new Budget(0, 30), new RateLimits(0, 0), null);
    c.call("s", HELLO, null);
    c.call("s", HELLO, null);
    assertEquals("budget_exhausted",
        assertThrows(LlmCallFailedException.class, () -> c.call("s", HELLO, null)).reason());
  }

  @Test
  void retriesCountAgainstTheCallBudget() {
    FakeModel m = new FakeModel(n -> {
      throw status(500, -1);
    });
    LlmClient c = client(settings(10, 1), m, new CircuitBreaker(), new Budget(4, 0), new RateLimits(0, 0), null);
    assertEquals("budget_exhausted",
        assertThrows(LlmCallFailedException.class, () -> c.call("s", HELLO, null)).reason());
    assertEquals(4, m.calls.get());
  }

  @Test
  void rateLimiterSpacesRequests() {
    FakeModel m = new FakeModel(n -> "ok");
    LlmClient c = client(settings(0, 1), m, new CircuitBreaker(), new Budget(0, 0), new RateLimits(1200, 0), null);
    long t0 = System.nanoTime();
    for (int i = 0; i < 11; i++) {
      c.call("s", HELLO, null);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s >= 0.45, "1200/min is 20/s: 11 calls need half a second, took " + s);
  }

  @Test
  void tokenRateLimiterSpacesRequests() {
    FakeModel m = new FakeModel(n -> "ok");
    // Each call costs 15 tokens; 1800 tokens/min = 30/s, so 5 calls (75 tokens) need about 2 s.
    LlmClient c = client(settings(0, 1), m, new CircuitBreaker(), new Budget(0, 0), new RateLimits(0, 1800), null);
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      c.call("s", HELLO, null);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s >= 1.5, "took " + s);
  }

  @Test
  void cacheAnswersRepeatedCallsWithoutTheModel() {
    FakeModel m = new FakeModel(n -> "answer " + n);
    ResponseCache cache = ResponseCache.open(tmp.toString());
    LlmClient c = client(settings(0, 1), m, new CircuitBreaker(), new Budget(0, 0), new RateLimits(0, 0), cache);
    LlmReply first = c.call("s", HELLO, SCHEMA);
    LlmReply second = c.call("s", HELLO, SCHEMA);
    cache.close();
    assertFalse(first.cached());
    assertEquals(1, m.calls.get() - (second.cached() ? 0 : 1));
    // A new process (a rerun) reads the answer from disk: no call at all, tokens not paid again.
    FakeModel again = new FakeModel(n -> "different");
    ResponseCache reopened = ResponseCache.open(tmp.toString());
    LlmReply hit = client(settings(0, 1), again, new CircuitBreaker(), new Budget(0, 0), new RateLimits(0, 0), reopened)
        .call("s", HELLO, SCHEMA);
    assertTrue(hit.cached());
    assertEquals("answer 0", hit.text());
    // It carries what it cost when it was sent (a record's spend must not depend on the cache);
    // nothing is paid again: the model is not called.
    assertEquals(15, hit.tokensIn() + hit.tokensOut());
    assertEquals(0, again.calls.get());
    // Another parameter is another key.
    LlmReply json = client(settings(0, 1), again, new CircuitBreaker(), new Budget(0, 0), new RateLimits(0, 0), reopened)
        .call("s", HELLO, null);
    assertFalse(json.cached());
    reopened.close();
  }

  @Test
  void sharedClientsAreReleased() {
    LlmSettings s = LlmSettings.embedded().withRunId("release-test");
    LlmClient a = LlmClient.shared(s, null);
    LlmClient b = LlmClient.shared(s, null);
    assertTrue(a == b);
    a.release();
    b.release();
    LlmClient c = LlmClient.shared(s, null);
    assertFalse(c == a, "a released client is rebuilt");
    c.release();
  }
}
