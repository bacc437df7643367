package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegen.model.Spend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's spend counts every request, sent or answered from the cache; its paid counters only those sent. */
class SessionSpendTest {
  @TempDir
  Path tmp;

  @Test
  void cacheHitsCountInTheSpendButNotInWhatWasPaid() {
    LlmClientTest.FakeModel model = new LlmClientTest.FakeModel(n -> "free text " + n);
    ResponseCache cache = ResponseCache.open(tmp.toString());
    LlmClient client = LlmClientTest.client(LlmClientTest.settings(0, 1), model, new CircuitBreaker(),
        new Budget(0, 0), new RateLimits(0, 0), cache);

    LlmSession sent = new LlmSession(client, "respond_y1");
    sent.askText("answer this");
    cache.close();
    // A rerun: the answer is read from the cache on disk.
    ResponseCache reopened = ResponseCache.open(tmp.toString());
    LlmSession hit = new LlmSession(LlmClientTest.client(LlmClientTest.settings(0, 1), model, new CircuitBreaker(),
        new Budget(0, 0), new RateLimits(0, 0), reopened), "respond_y1");
    hit.askText("answer this");
    reopened.close();

    assertEquals(1, model.calls.get());
    // Both elements cost the same: one request, 10 tokens in and 5 out (the fake model's usage).
    assertEquals(new Spend.Step(1, 10, 5), sent.spent());
    assertEquals(new Spend.Step(1, 10, 5), hit.spent());
    // What this run paid: the first session sent its request, the second was a cache hit.
    assertEquals(1, sent.calls() - sent.cacheHits());
    assertEquals(10, sent.tokensIn());
    assertEquals(5, sent.tokensOut());
    assertEquals(1, hit.calls());
    assertEquals(1, hit.cacheHits());
    assertEquals(0, hit.calls() - hit.cacheHits());
    assertEquals(0, hit.tokensIn() + hit.tokensOut());
  }

  @Test
  void aRepairIsASecondRequestOfTheSameStep() throws Exception {
    LlmClientTest.FakeModel model = new LlmClientTest.FakeModel(n -> n == 0 ? "not json" : "{\"ok\": true}");
    LlmSession s = new LlmSession(LlmClientTest.client(LlmClientTest.settings(0, 1), model), "quality");
    s.ask("check this", LlmClientTest.SCHEMA, text -> {
      if (!text.startsWith("{")) {
        throw new MalformedOutputException("not JSON");
      }
      return text;
    });
    assertEquals(new Spend.Step(2, 20, 10), s.spent());
    assertEquals(1, s.repairs());
  }
}
