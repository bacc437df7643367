package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM state of a run lives in its {@link RunResources}: shared within the run, never across runs, gone after it. */
class RunResourcesTest {
  @TempDir Path tmp;

  static LlmSettings run(String id) {
    return LlmSettings.embedded().withRunId(id);
  }

  @Test
  void twoRunsInOneJvmShareNothing() {
    LlmClient a = LlmClient.shared(run("run-a"), null);
    LlmClient b = LlmClient.shared(run("run-b"), null);
    try {
      assertNotSame(a, b);
      RunResources ra = RunResources.acquire("run-a");
      RunResources rb = RunResources.acquire("run-b");
      assertNotSame(ra.breaker(run("run-a")), rb.breaker(run("run-b")));
      assertNotSame(ra.budget(run("run-a").limits()), rb.budget(run("run-b").limits()));
      assertNotSame(ra.rateLimits(run("run-a")), rb.rateLimits(run("run-b")));
      ra.stop("run a stopped");
      assertTrue(ra.breaker(run("run-a")).isOpen());
      assertFalse(rb.breaker(run("run-b")).isOpen(), "stopping one run leaves the other running");
      ra.release();
      rb.release();
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void aStopReachesClientsBuiltLaterInTheSameRunUntilTheRunEnds() {
    RunResources driver = RunResources.open("run-stop");
    LlmSettings s = run("run-stop");
    LlmClient first = LlmClient.shared(s, null);
    driver.stop("bad key");
    first.release();
    // A runner may set DoFns up again while the failure propagates: the new client is stopped too.
    LlmClient later = LlmClient.shared(s.withResponseFormat(ResponseFormatMode.NONE), null);
    assertThrows(LlmFatalException.class, () -> later.call("expand", List.of(UserMessage.from("hi")), null));
    later.release();
    driver.close();
    assertFalse(RunResources.held("run-stop"), "the run's state is dropped with its last reference");
    LlmClient next = LlmClient.shared(s, null);
    try {
      assertFalse(next.stopped(), "a new run with the same id starts clean");
    } finally {
      next.release();
    }
  }

  @Test
  void theLastReferenceClosesTheCacheSegmentAndRemovesTheShutdownHook() throws Exception {
    String dir = tmp.resolve("cache").toString();
    LlmSettings s = run("run-cache").withCacheDir(dir);
    LlmClient client = LlmClient.shared(s, null);
    RunResources resources = RunResources.acquire("run-cache");
    Thread hook = resources.shutdownHook();
    LlmReply answer = client.call("respond_y1", List.of(UserMessage.from("Say hello.")), null);
    assertFalse(answer.cached());
    resources.release();
    client.release();
    assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "the hook went with the run");
    // Closed and complete on disk: a fresh reader replays the answer.
    ResponseCache reader = ResponseCache.open(dir);
    try {
      String key = ResponseCache.key(s, List.of(UserMessage.from("Say hello.")), null, ResponseFormatMode.NONE);
      assertEquals(answer.text(), reader.get(key).orElseThrow().text());
    } finally {
      reader.close();
    }
  }

  @Test
  void clientsOfOneRunAreSharedAndRebuiltAfterRelease() {
    LlmSettings s = run("run-shared");
    LlmClient a = LlmClient.shared(s, null);
    LlmClient b = LlmClient.shared(s, null);
    assertSame(a, b);
    a.release();
    b.release();
    assertFalse(RunResources.held("run-shared"));
    LlmClient c = LlmClient.shared(s, null);
    assertNotSame(a, c);
    c.release();
  }
}
