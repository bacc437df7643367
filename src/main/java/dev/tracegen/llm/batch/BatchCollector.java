package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.ResponseCache;
import dev.tracegen.llm.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch queue of one LLM step instance. An element's cache miss leaves its request here and
 * blocks ({@link #ask}); the step's processing thread calls {@link #flushIfAllWaiting} while it
 * waits for results, and once every element at work is blocked here, the queued requests go out
 * as one batch (split at {@code maxRequests}): the batch's record is written under
 * {@code <cacheDir>/batches/}, the input file uploaded, the batch created with its tag as metadata
 * and its id recorded, then the batch is polled until it ends; every usable answer is written to
 * the response cache before the waiting calls are released, and the record is removed. A request
 * the batch did not answer is handed back to its caller, which sends it on its own with the usual
 * retries. Repair re-asks of malformed answers form the next, smaller batch.
 *
 * <p>Before its first batch, a run collects the batches that earlier runs recorded at the same
 * endpoint and never collected (a crash, a kill): their answers go to the cache, so the requests
 * they hold are not paid for again. A record without a batch id (the run died between recording
 * and creating) is matched to a batch by its tag through the provider's batch list.
 */
public final class BatchCollector implements BatchQueue {
  private static final Logger LOG = LoggerFactory.getLogger(BatchCollector.class);
  static final String TAG_KEY = "tracegen_tag";
  static final String STEP_KEY = "tracegen_step";
  /** How many pages of the provider's batch list are searched for a tag. */
  static final int LIST_PAGES = 20;
  /** A record with no batch id younger than this may be another live run's, about to create its batch. */
  static final long UNCREATED_GRACE_MILLIS = 3_600_000;
  /** Consecutive failed polls (each already tried again with backoff) after which the run stops. */
  static final int MAX_POLL_FAILURES = 10;

  private record Pending(BatchRequest request, CompletableFuture<BatchOutcome> future) {}

  private final String step;
  private final LlmClient client;
  private final LlmSettings settings;
  private final BatchSettings batch;
  private final ResponseCache cache;
  private final BatchApi api;
  private final String endpoint;
  private final BatchLedger ledger;
  private final Object lock = new Object();
  private final BatchResume ownResume = new BatchResume();
  private final List<Pending> queue = new ArrayList<>();
  private int active;
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  // Beam counters of the step ({@code llm.<step>}); batches are sent from the processing thread, where they count.
  private final Counter batches;
  private final Counter batchRequests;
  private final Counter batchAnswered;
  private final Counter batchUnanswered;
  private final Counter batchResumed;

  BatchCollector(String step, LlmClient client, ResponseCache cache, BatchApi api, String endpoint) {
    this.step = step;
    this.client = client;
    this.settings = client.settings();
    this.batch = settings.batch();
    this.cache = cache;
    this.api = api;
    this.endpoint = endpoint;
    this.ledger = new BatchLedger(cache.dir());
    String ns = "llm." + step;
    this.batches = Metrics.counter(ns, "batches");
    this.batchRequests = Metrics.counter(ns, "batch_requests");
    this.batchAnswered = Metrics.counter(ns, "batch_answered");
    this.batchUnanswered = Metrics.counter(ns, "batch_unanswered");
    this.batchResumed = Metrics.counter(ns, "batch_resumed");
  }

  /** The collector of one step instance that calls through {@code client} (which must have a response cache). */
  public static BatchCollector open(LlmClient client, String step) {
    LlmSettings s = client.settings();
    ResponseCache cache = client.cache();
    if (cache == null) {
      throw new IllegalStateException("--batch needs the response cache (--cache=true)");
    }
    Duration timeout = Duration.ofSeconds(Math.max(1, s.timeoutSeconds()));
    if ("anthropic".equals(s.provider())) {
      String endpoint = s.baseUrl().isBlank() ? AnthropicBatchApi.DEFAULT_BASE_URL : s.baseUrl().strip();
      return new BatchCollector(step, client, cache, new AnthropicBatchApi(endpoint,
          Secrets.require(s.apiKeyEnv(), "--apiKeyEnv"), timeout, s.limits().maxRetries()), endpoint);
    }
    String endpoint = s.baseUrl().isBlank() ? OpenAiBatchApi.DEFAULT_BASE_URL : s.baseUrl().strip();
    OpenAiBatchApi api = new OpenAiBatchApi(endpoint, Secrets.get(s.apiKeyEnv()), timeout, s.limits().maxRetries());
    return new BatchCollector(step, client, cache, api, endpoint);
  }

  /** An element starts its work (it may ask). */
  public void started() {
    synchronized (lock) {
      active++;
    }
  }

  /** An element finished its work. */
  public void finished() {
    synchronized (lock) {
      active--;
    }
  }

  /** Requests sent in batches, answers received from them, requests they left unanswered. */
  public long submitted() {
    return submitted.get();
  }

  public long answered() {
    return answered.get();
  }

  public long unanswered() {
    return unanswered.get();
  }

  @Override
  public BatchOutcome ask(BatchRequest request) throws InterruptedException {
    CompletableFuture<BatchOutcome> f = new CompletableFuture<>();
    synchronized (lock) {
      queue.add(new Pending(request, f));
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Sends the queued requests as a batch and waits for it, if every element at work is waiting
   * for one (otherwise one of them may still add a request). Returns whether it sent anything.
   */
  public boolean flushIfAllWaiting() {
    List<Pending> take;
    synchronized (lock) {
      if (queue.isEmpty() || queue.size() < active) {
        return false;
      }
      take = new ArrayList<>(queue);
      queue.clear();
    }
    try {
      flush(take);
    } catch (RuntimeException e) {
      take.forEach(p -> p.future().completeExceptionally(e));
      throw e;
    } finally {
      // Whatever was left unresolved is sent on its own by its caller.
      take.forEach(p -> {
        if (p.future().complete(new BatchOutcome.Unanswered("the batch ended without it"))) {
          unanswered.incrementAndGet();
          batchUnanswered.inc();
        }
      });
    }
    return true;
  }

  private void flush(List<Pending> take) {
    Map<String, List<Pending>> byKey = new LinkedHashMap<>();
    for (Pending p : take) {
      byKey.computeIfAbsent(p.request().key(), k -> new ArrayList<>()).add(p);
    }
    Map<String, BatchOutcome.Answer> earlier = resumeEarlierRuns();
    if (!earlier.isEmpty()) {
      // Earlier runs' batches may have answered some of these; they were paid for then.
      for (var it = byKey.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        BatchOutcome.Answer a = earlier.get(e.getKey());
        if (a != null) {
          // Its usage stays with it: what a record cost is the same however it was answered.
          BatchOutcome.Answer paidBefore = new BatchOutcome.Answer(a.text(), a.tokensIn(), a.tokensOut(),
              a.finishReason(), true);
          e.getValue().forEach(p -> p.future().complete(paidBefore));
          batchResumed.inc();
          it.remove();
        }
      }
    }
    List<String> keys = new ArrayList<>(byKey.keySet());
    for (int from = 0; from < keys.size(); from += batch.maxRequests()) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + batch.maxRequests()));
      Map<String, ObjectNode> bodies = new LinkedHashMap<>();
      chunk.forEach(k -> bodies.put(k, byKey.get(k).get(0).request().body()));
      Map<String, BatchOutcome.Answer> answers = submit(bodies);
      for (String k : chunk) {
        BatchOutcome.Answer a = answers.get(k);
        if (a != null) {
          answered.incrementAndGet();
          batchAnswered.inc();
          List<Pending> waiting = byKey.get(k);
          waiting.get(0).future().complete(a);
          // One line answered them all: the others cost nothing, as if read from the cache.
          BatchOutcome.Answer copy = new BatchOutcome.Answer(a.text(), a.tokensIn(), a.tokensOut(), a.finishReason(),
              true);
          waiting.subList(1, waiting.size()).forEach(p -> p.future().complete(copy));
        }
      }
    }
  }

  /** The tag of a request set: the same requests to the same endpoint and model give the same tag. */
  static String tag(String provider, String endpoint, String model, List<String> sortedKeys) {
    String joined = provider + "\n" + endpoint + "\n" + model + "\n" + String.join("\n", sortedKeys);
    return Hashing.sha256().hashString(joined, StandardCharsets.UTF_8).toString().substring(0, 32);
  }

  /** One batch: recorded, created, collected; its answers are in the cache when this returns. */
  private Map<String, BatchOutcome.Answer> submit(Map<String, ObjectNode> bodies) {
    List<String> sorted = bodies.keySet().stream().sorted().toList();
    String tag = tag(settings.provider(), endpoint, settings.model(), sorted);
    BatchRecord rec = new BatchRecord(BatchRecord.VERSION, tag, step, settings.provider(), endpoint,
        settings.model(), System.currentTimeMillis(), sorted, null);
    ledger.begin(rec);
    BatchInfo info;
    try {
      Map<String, ObjectNode> ordered = new LinkedHashMap<>();
      sorted.forEach(k -> ordered.put(k, bodies.get(k)));
      info = api.create(step, tag, ordered);
    } catch (BatchApiException e) {
      // The batch may exist even so (its answer was lost): look it up before giving up on it.
      Optional<BatchInfo> found = findQuietly(rec);
      if (found.isEmpty()) {
        ledger.done(tag);
        if (!e.transientFault()) {
          throw client.stop(step + ": --batch: " + e.getMessage() + " (does " + endpoint
              + " offer " + api.describe() + "?)");
        }
        LOG.warn("{}: {}; its {} requests are sent one by one", step, e.getMessage(), sorted.size());
        return Map.of();
      }
      info = found.get();
    }
    rec = rec.withBatchId(info.id());
    ledger.created(rec);
    submitted.addAndGet(sorted.size());
    batches.inc();
    batchRequests.inc(sorted.size());
    LOG.debug("{}: batch {} submitted with {} requests", step, info.id(), sorted.size());
    Map<String, BatchOutcome.Answer> answers;
    try {
      answers = collect(rec, info);
    } catch (BatchApiException e) {
      throw client.stop(step + ": lost track of batch " + info.id() + ": " + e.getMessage() + ". Its record stays in "
          + ledger.dir() + ", so a rerun collects its answers instead of paying again");
    }
    ledger.done(tag);
    return answers;
  }

  private Optional<BatchInfo> findQuietly(BatchRecord rec) {
    try {
      return api.find(rec, LIST_PAGES);
    } catch (BatchApiException e) {
      return Optional.empty();
    }
  }

  /**
   * Polls a recorded batch until it ends (cancelling it once it outlives {@code --batchTimeoutHours}),
   * reads its output and writes every usable answer to the cache.
   */
  private Map<String, BatchOutcome.Answer> collect(BatchRecord record, BatchInfo first) {
    BatchInfo info = first;
    long deadline = record.createdMillis() + batch.timeoutMillis();
    boolean cancelled = false;
    int failures = 0;
    while (!info.terminal()) {
      if (!cancelled && System.currentTimeMillis() > deadline) {
        LOG.warn("{}: batch {} still {} after {} h; cancelling it, its unanswered requests are sent one by one",
            step, info.id(), info.status(), batch.timeoutHours());
        try {
          info = api.cancel(info.id());
        } catch (BatchApiException e) {
          LOG.warn("{}: could not cancel batch {}: {}", step, info.id(), e.getMessage());
        }
        cancelled = true;
        continue;
      }
      try {
        Thread.sleep(batch.pollMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BatchApiException("interrupted while waiting for batch " + info.id(), 0, false, e);
      }
      try {
        info = api.get(info.id());
        failures = 0;
      } catch (BatchApiException e) {
        if (!e.transientFault() || ++failures >= MAX_POLL_FAILURES) {
          throw e;
        }
      }
    }
    Set<String> keys = new HashSet<>(record.keys());
    BatchResults results = api.results(info, keys);
    Map<String, BatchOutcome.Answer> answers = new LinkedHashMap<>();
    results.answers().forEach((k, a) -> {
      BatchOutcome.Answer full = withTokens(a);
      // A cut-off answer is never replayed: a rerun asks again rather than reuse it.
      if (!full.text().isEmpty() && full.finishReason() != FinishReason.LENGTH) {
        cache.put(k, new ResponseCache.Entry(full.text(), Math.max(0, full.tokensIn()), full.tokensOut()));
      }
      answers.put(k, full);
    });
    int missing = keys.size() - answers.size();
    if (missing > 0 || results.malformedLines() > 0) {
      LOG.warn("{}: batch {} ended {}: {} of {} requests answered ({} failed, {} unreadable lines); the rest are "
          + "sent one by one", step, info.id(), info.status(), answers.size(), keys.size(), missing,
          results.malformedLines());
    } else {
      LOG.debug("{}: batch {} {}: {} answers", step, info.id(), info.status(), answers.size());
    }
    return answers;
  }

  /** An output count the server left out is estimated as the synchronous client does; an input count stays unknown (-1). */
  private static BatchOutcome.Answer withTokens(BatchOutcome.Answer a) {
    if (a.tokensOut() >= 0) {
      return a;
    }
    return new BatchOutcome.Answer(a.text(), a.tokensIn(), Math.max(1, a.text().length() / 4), a.finishReason(),
        a.cached());
  }

  /** Collects, once per run, cache and endpoint, the batches earlier runs recorded; returns the answers they gave. */
  private Map<String, BatchOutcome.Answer> resumeEarlierRuns() {
    // A client outside a run's resources (tests) collects for itself alone.
    BatchResume r = client.run() == null ? ownResume
        : client.run().batchResume(ledger.dir() + "|" + settings.provider() + "|" + endpoint);
    return r.answers(this::resume);
  }

  private Map<String, BatchOutcome.Answer> resume() {
    Map<String, BatchOutcome.Answer> total = new ConcurrentHashMap<>();
    for (BatchRecord rec : ledger.records()) {
      if (!rec.provider().equals(settings.provider()) || !rec.endpoint().equals(endpoint)) {
        continue;
      }
      BatchInfo info;
      try {
        if (rec.batchId() == null) {
          Optional<BatchInfo> found = api.find(rec, LIST_PAGES);
          if (found.isEmpty()) {
            if (System.currentTimeMillis() - rec.createdMillis() > UNCREATED_GRACE_MILLIS) {
              ledger.done(rec.tag());
            }
            continue;
          }
          info = found.get();
          rec = rec.withBatchId(info.id());
          ledger.created(rec);
        } else {
          info = api.get(rec.batchId());
        }
      } catch (BatchApiException e) {
        LOG.warn("{}: cannot look up the batch of an earlier run recorded in {}{}.json: {}", step, ledger.dir(),
            rec.tag(), e.getMessage());
        if (e.status() == 404) {
          ledger.done(rec.tag());
        }
        continue;
      }
      LOG.info("{}: collecting batch {} ({} requests of step {}) left by an earlier run", step, info.id(),
          rec.keys().size(), rec.step());
      try {
        total.putAll(collect(rec, info));
        ledger.done(rec.tag());
      } catch (BatchApiException e) {
        LOG.warn("{}: could not collect batch {} of an earlier run: {}", step, info.id(), e.getMessage());
      }
    }
    return total;
  }
}
