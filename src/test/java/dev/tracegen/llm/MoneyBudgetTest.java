package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracegen.cost.ModelPrice;
import dev.tracegen.llm.batch.BatchOutcome;
import dev.tracegen.llm.batch.BatchQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --maxCost: requests reserve their most before they are sent and settle with their usage. */
class MoneyBudgetTest {
  static final List<ChatMessage> HELLO = List.of(UserMessage.from("hello"));
  /** USD 1 per million tokens in and out. */
  static final ModelPrice PRICE = new ModelPrice("openai:m", true, "USD", 1, 1, 1, 1, 1, "test", "");

  /** Answers with 10 tokens in and 5 out, after {@code sleepMillis}. */
  static final class CountingModel implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();
    final long sleepMillis;

    CountingModel(long sleepMillis) {
      this.sleepMillis = sleepMillis;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      calls.incrementAndGet();
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ChatResponse.builder().aiMessage(AiMessage.from("ok")).tokenUsage(new TokenUsage(10, 5)).build();
    }
  }

  static LlmSettings settings(double maxCost) {
    // 100 output tokens at most: a request reserves (1 input token estimated + 100) * 1e-6.
    return new LlmSettings("openai", "m", "http://127.0.0.1:1/v1", "", 0.0, 100, 5, 4, 0, 0)
        .withLimits(new LlmLimits(0, 0, 0, 1, 0, 0, maxCost)).withPrice(PRICE);
  }

  @Test
  void theRequestThatCouldCrossTheCapIsNeverSent() {
    double cap = 0.0005;
    Budget budget = new Budget(0, 0, cap);
    CountingModel model = new CountingModel(0);
    LlmClient client = new LlmClient(settings(cap), model, null, budget, new RateLimits(0, 0), new CircuitBreaker(),
        () -> 0.5);
    int answered = 0;
    LlmFatalException stop = null;
    for (int i = 0; i < 100 && stop == null; i++) {
      try {
        client.call("expand", HELLO, null);
        answered++;
      } catch (LlmFatalException e) {
        stop = e;
      }
    }
    assertNotNull(stop, "the cap stops the run");
    // Each answer costs 15e-6; the next may cost 101e-6: 27 fit under 500e-6, the 28th could cross it.
    assertEquals(27, answered);
    assertEquals(27, model.calls.get(), "the request that could cross the cap was not sent");
    assertEquals(27 * 15e-6, budget.spentCost(), 1e-12);
    assertTrue(stop.getMessage().contains("money budget reached: USD 0.0004 spent"), stop.getMessage());
    assertTrue(stop.getMessage().contains("rerun the same command with a higher --maxCost"), stop.getMessage());
    assertThrows(LlmFatalException.class, () -> client.call("expand", HELLO, null), "the run stays stopped");
    assertEquals(27, model.calls.get());
  }

  @Test
  void requestsInFlightNeverTakeSpendingPastTheCap() throws Exception {
    double cap = 0.002;
    Budget budget = new Budget(0, 0, cap);
    CountingModel model = new CountingModel(5);
    LlmClient client = new LlmClient(settings(cap), model, null, budget, new RateLimits(0, 0), new CircuitBreaker(),
        () -> 0.5);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        all.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            try {
              client.call("expand", HELLO, null);
            } catch (LlmFatalException stopped) {
              return;
            }
          }
        }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // Answers cost 15e-6 each; with 8 in flight reserving 101e-6 each the run stops within a window of the cap.
    assertTrue(budget.spentCost() <= cap, "spent " + budget.spentCost());
    assertTrue(budget.spentCost() >= cap - 8 * 101e-6 - 15e-6, "spent " + budget.spentCost());
    assertEquals(model.calls.get() * 15e-6, budget.spentCost(), 1e-12, "every answered request settled");
  }

  @Test
  void batchRequestsReserveAndSpendAtBatchPrices(@TempDir Path tmp) {
    // Batch prices are half the synchronous ones: a batch request reserves (1 + 100) * 0.5e-6.
    ModelPrice halfInBatches = new ModelPrice("openai:m", true, "USD", 1, 1, 1, 0.5, 0.5, "test", "");
    double cap = 0.0005;
    Budget budget = new Budget(0, 0, cap);
    CountingModel model = new CountingModel(0);
    ResponseCache cache = ResponseCache.open(tmp.toString());
    try {
      LlmClient client = new LlmClient(settings(cap).withPrice(halfInBatches), model, cache, budget,
          new RateLimits(0, 0), new CircuitBreaker(), () -> 0.5);
      AtomicInteger batched = new AtomicInteger();
      BatchQueue answersAtOnce = request -> {
        batched.incrementAndGet();
        return new BatchOutcome.Answer("ok", 10, 5, FinishReason.STOP, false);
      };
      int answered = 0;
      LlmFatalException stop = null;
      for (int i = 0; i < 200 && stop == null; i++) {
        try {
          client.call("expand", List.of(UserMessage.from("hello " + i)), null, answersAtOnce);
          answered++;
        } catch (LlmFatalException e) {
          stop = e;
        }
      }
      assertNotNull(stop, "the cap stops a batch run too");
      // Each answer costs 7.5e-6 at batch prices; the next may cost 50.5e-6: 60 fit under 500e-6.
      assertEquals(60, answered);
      assertEquals(60, batched.get(), "the request that could cross the cap was not queued");
      assertEquals(0, model.calls.get(), "nothing sent on its own");
      assertEquals(60 * 7.5e-6, budget.spentCost(), 1e-12);
    } finally {
      cache.close();
    }
  }

  @Test
  void aBatchRequestLeftUnansweredGivesBackItsReservation(@TempDir Path tmp) {
    ModelPrice halfInBatches = new ModelPrice("openai:m", true, "USD", 1, 1, 1, 0.5, 0.5, "test", "");
    Budget budget = new Budget(0, 0, 1);
    CountingModel model = new CountingModel(0);
    ResponseCache cache = ResponseCache.open(tmp.toString());
    try {
      LlmClient client = new LlmClient(settings(1).withPrice(halfInBatches), model, cache, budget,
          new RateLimits(0, 0), new CircuitBreaker(), () -> 0.5);
      client.call("expand", HELLO, null, request -> new BatchOutcome.Unanswered("failed line"));
      assertEquals(1, model.calls.get(), "sent on its own after the batch left it unanswered");
      assertEquals(15e-6, budget.spentCost(), 1e-12, "paid once, at the synchronous price");
      assertEquals("ok", client.call("expand", HELLO, null, request -> {
        throw new AssertionError("a cached answer is never queued");
      }).text());
    } finally {
      cache.close();
    }
  }

  @Test
  void withoutACapNothingIsReserved() {
    Budget budget = new Budget(0, 0, 0);
    assertNull(budget.reserveCost(1e9, "USD"));
    assertTrue(!budget.capsCost());
  }
}
