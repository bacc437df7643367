package dev.tracegen.llm;

import dev.tracegen.llm.batch.BatchResume;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the LLM steps of one run share inside one JVM: a client per model settings, a circuit
 * breaker per client, the run's budget, rate limits per endpoint, the response cache segment, and
 * the message that stopped the run, if one did.
 *
 * <p>This is the one per-JVM registry of run state, keyed by the run id that every DoFn carries in
 * its {@link LlmSettings}: on a cluster, DoFns are deserialised in worker JVMs and can only find
 * each other's shared state there. The driver holds a reference for the whole run ({@link #open}),
 * DoFns take one in {@code @Setup} and give it back in {@code @Teardown}; when the last reference is
 * given back the run's cache segment is closed and everything else is dropped, so nothing outlives
 * its run and two runs in one JVM never see each other's state. While a run holds resources, a
 * shutdown hook closes its cache segment if the JVM exits first.
 */
public final class RunResources implements AutoCloseable {
  private static final Map<String, RunResources> RUNS = new HashMap<>();

  private final String runId;
  private final Thread closeAtExit;
  private int references;
  private final Map<LlmSettings, LlmClient> clients = new HashMap<>();
  private final Map<LlmSettings, CircuitBreaker> breakers = new HashMap<>();
  private final Map<String, Budget> budgets = new HashMap<>();
  private final Map<String, RateLimits> rateLimits = new HashMap<>();
  private final Map<String, ResponseCache> caches = new HashMap<>();
  private final Map<String, BatchResume> batchResumes = new HashMap<>();
  private String stopMessage;

  private RunResources(String runId) {
    this.runId = runId;
    this.closeAtExit = new Thread(this::closeCaches, "tracegen-cache-close");
    Runtime.getRuntime().addShutdownHook(closeAtExit);
  }

  /** The driver's reference to the resources of run {@code runId}, held until {@link #close}. */
  public static RunResources open(String runId) {
    return acquire(runId);
  }

  /** A reference to run {@code runId}'s resources in this JVM, created on first use; pair with {@link #release}. */
  static RunResources acquire(String runId) {
    synchronized (RUNS) {
      RunResources r = RUNS.computeIfAbsent(runId, RunResources::new);
      r.references++;
      return r;
    }
  }

  /** Whether this JVM holds resources of run {@code runId} (for tests). */
  static boolean held(String runId) {
    synchronized (RUNS) {
      return RUNS.containsKey(runId);
    }
  }

  /** Gives back a reference; the last one closes the run's cache segment and drops its state. */
  void release() {
    synchronized (RUNS) {
      if (--references > 0) {
        return;
      }
      RUNS.remove(runId, this);
      // Closed before anyone can open the run's segment again (a DoFn set up just after the last teardown).
      closeCaches();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(closeAtExit);
    } catch (IllegalStateException exiting) {
      // The JVM is already shutting down; the hook closes the caches.
    }
  }

  /** The hook that closes the run's cache segment if the JVM exits while the run holds resources (for tests). */
  Thread shutdownHook() {
    return closeAtExit;
  }

  @Override
  public void close() {
    release();
  }

  /** The run's client for {@code s}, built on first use; the caller holds a reference to this run. */
  LlmClient client(LlmSettings s, Taxonomy taxonomy) {
    synchronized (clients) {
      return clients.computeIfAbsent(s, k -> new LlmClient(s, ChatModels.create(s, taxonomy), this));
    }
  }

  /** The breaker of the client for {@code s}; tripped at once if the run was already stopped. */
  synchronized CircuitBreaker breaker(LlmSettings s) {
    CircuitBreaker b = breakers.computeIfAbsent(s, k -> new CircuitBreaker(s.cached()));
    if (stopMessage != null) {
      b.trip(stopMessage);
    }
    return b;
  }

  /** Stops every call of the run in this JVM, of clients built later too; the first message wins. */
  void stop(String message) {
    List<CircuitBreaker> all;
    String first;
    synchronized (this) {
      if (stopMessage == null) {
        stopMessage = message;
      }
      first = stopMessage;
      all = new ArrayList<>(breakers.values());
    }
    all.forEach(b -> b.trip(first));
  }

  /** The run's request and token budget for these limits (generator and judge share it). */
  synchronized Budget budget(LlmLimits l) {
    return budgets.computeIfAbsent(l.maxCalls() + "|" + l.maxTotalTokens() + "|" + l.maxCost(),
        k -> new Budget(l.maxCalls(), l.maxTotalTokens(), l.maxCost()));
  }

  /** The rate limits towards one endpoint and key variable (generator and judge share them when those match). */
  synchronized RateLimits rateLimits(LlmSettings s) {
    LlmLimits l = s.limits();
    String key = s.provider() + "|" + s.baseUrl() + "|" + s.apiKeyEnv() + "|" + l.requestsPerMinute() + "|"
        + l.tokensPerMinute();
    return rateLimits.computeIfAbsent(key, k -> new RateLimits(l.requestsPerMinute(), l.tokensPerMinute()));
  }

  /** The run's response cache segment under {@code dir}, opened on first use and closed with the run. */
  ResponseCache cache(String dir) {
    synchronized (caches) {
      return caches.computeIfAbsent(dir, d -> ResponseCache.open(d, runId));
    }
  }

  /**
   * Whether the run collected the batches that earlier runs left at one cache and endpoint, and
   * what they answered: done once per run, however many steps send batches there.
   */
  public BatchResume batchResume(String cacheAndEndpoint) {
    synchronized (batchResumes) {
      return batchResumes.computeIfAbsent(cacheAndEndpoint, k -> new BatchResume());
    }
  }

  private void closeCaches() {
    List<ResponseCache> open;
    synchronized (caches) {
      open = new ArrayList<>(caches.values());
      caches.clear();
    }
    open.forEach(ResponseCache::close);
  }
}
