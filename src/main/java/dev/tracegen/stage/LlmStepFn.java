package dev.tracegen.stage;

import dev.tracegen.llm.LlmCallFailedException;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.llm.batch.BatchCollector;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Spend;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Base of every DoFn that calls an LLM. Up to {@code maxInFlight} elements are worked on at once
 * on a pool (LLM latency, not CPU, bounds throughput), results are emitted as they complete and
 * the rest at the end of the bundle. Malformed answers are repaired once, then rejected; every
 * call is counted per step in Beam metrics ({@code llm.<step>} namespace).
 *
 * <p>With {@code --batch}, cache misses wait in the step's {@link BatchCollector}; while this
 * DoFn waits for results it lets the collector send them as one batch once every element at work
 * is waiting for an answer (a full window, or the end of the bundle).
 */
public abstract class LlmStepFn<I, O> extends DoFn<I, O> {
  private final String step;
  private final LlmSettings settings;
  private final Taxonomy taxonomy;
  private final TupleTag<O> mainTag;
  private final TupleTag<Rejection> rejectedTag;

  /** The model this step asks to revise an answer, and the step id its requests are counted under; may be null. */
  private final String reviseStep;
  private final LlmSettings reviseSettings;

  private transient LlmClient client;
  private transient LlmClient reviseClient;
  private transient BatchCollector batch;
  private transient ExecutorService pool;
  private transient CompletionService<Done<O>> completion;
  private transient int inFlight;
  private transient StepCounters counters;
  private transient StepCounters reviseCounters;
  private transient Counter stageOut;
  private transient Counter stageRejected;

  protected LlmStepFn(String step, LlmSettings settings, Taxonomy taxonomy, TupleTag<O> mainTag,
      TupleTag<Rejection> rejectedTag) {
    this(step, settings, null, null, taxonomy, mainTag, rejectedTag);
  }

  /**
   * A step that may also ask a second model to revise answers ({@link LlmSession#reviser()}): its
   * requests are counted and priced under {@code reviseStep}. In batch mode they are sent one by one
   * (revisions are few, and a batch would hold the element for hours).
   */
  protected LlmStepFn(String step, LlmSettings settings, String reviseStep, LlmSettings reviseSettings,
      Taxonomy taxonomy, TupleTag<O> mainTag, TupleTag<Rejection> rejectedTag) {
    this.step = step;
    this.settings = settings;
    this.reviseStep = reviseStep;
    this.reviseSettings = reviseSettings;
    this.taxonomy = taxonomy;
    this.mainTag = mainTag;
    this.rejectedTag = rejectedTag;
  }

  /** A step's LLM counters, in the {@code llm.<step>} namespace. */
  private static final class StepCounters {
    final Counter calls;
    final Counter repairs;
    final Counter retries;
    final Counter cacheHits;
    final Counter tokensIn;
    final Counter tokensOut;
    final Counter failures;

    StepCounters(String step) {
      String ns = "llm." + step;
      calls = Metrics.counter(ns, "calls");
      repairs = Metrics.counter(ns, "repairs");
      retries = Metrics.counter(ns, "retries");
      cacheHits = Metrics.counter(ns, "cache_hits");
      tokensIn = Metrics.counter(ns, "tokens_in");
      tokensOut = Metrics.counter(ns, "tokens_out");
      failures = Metrics.counter(ns, "failures");
    }

    void add(LlmSession s) {
      calls.inc(s.calls());
      repairs.inc(s.repairs());
      retries.inc(s.retries());
      cacheHits.inc(s.cacheHits());
      tokensIn.inc(s.tokensIn());
      tokensOut.inc(s.tokensOut());
      failures.inc(s.failures());
    }
  }

  /** The stage's work for one element, run on a pool thread; may make several LLM calls. */
  protected abstract StepResult<O> work(I input, LlmSession session) throws Exception;

  /** A stable id of the element for rejections. */
  protected abstract String idOf(I input);

  protected Taxonomy taxonomy() {
    return taxonomy;
  }

  /**
   * What was spent on an element before this step (its carried spend); an element that carries
   * none spent nothing.
   */
  protected Spend spendOf(I input) {
    return Spend.NONE;
  }

  /** {@code spent} is what a rejected element cost, this step's requests included. */
  private record Done<O>(String id, String record, StepResult<O> result, LlmSession session, Exception error,
      Spend spent) {}

  @Setup
  public void setup() {
    client = LlmClient.shared(settings, taxonomy);
    reviseClient = reviseSettings == null ? null : LlmClient.shared(reviseSettings, taxonomy);
    // The in-process simulator answers in microseconds; a pool would only add overhead.
    if (!settings.isEmbedded()) {
      pool = Executors.newFixedThreadPool(Math.max(1, settings.maxInFlight()), r -> {
        Thread t = new Thread(r, "llm-" + step);
        t.setDaemon(true);
        return t;
      });
      if (settings.batch().enabled()) {
        batch = BatchCollector.open(client, step);
      }
    }
    counters = new StepCounters(step);
    reviseCounters = reviseClient == null ? null : new StepCounters(reviseStep);
    // Elements leaving the stage, for progress lines and the end-of-run summary.
    stageOut = Metrics.counter("stage", step + ".out");
    stageRejected = Metrics.counter("stage", step + ".rejected");
  }

  @StartBundle
  public void startBundle() {
    completion = pool == null ? null : new ExecutorCompletionService<>(pool);
    inFlight = 0;
  }

  @ProcessElement
  public void process(@Element I input, MultiOutputReceiver out) throws Exception {
    if (pool == null) {
      emit(run(input), out);
      return;
    }
    if (batch != null) {
      // Counted before it runs, so that a batch does not go out while this element may still ask.
      batch.started();
    }
    completion.submit(() -> run(input));
    inFlight++;
    // Emit in completion order: a slow element (retrying, timing out) must not hold a free slot.
    Future<Done<O>> done;
    while ((done = completion.poll()) != null) {
      inFlight--;
      emit(await(done), out);
    }
    while (inFlight >= settings.maxInFlight()) {
      inFlight--;
      emit(await(next()), out);
    }
  }

  /** How often a DoFn waiting for results checks whether its batch can go. */
  private static final long BATCH_CHECK_MILLIS = 20;

  /** The next completed element; in batch mode, sends the queued requests once every element waits for them. */
  private Future<Done<O>> next() throws InterruptedException {
    if (batch == null) {
      return completion.take();
    }
    while (true) {
      Future<Done<O>> f = completion.poll(BATCH_CHECK_MILLIS, TimeUnit.MILLISECONDS);
      if (f != null) {
        return f;
      }
      batch.flushIfAllWaiting();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) throws Exception {
    while (inFlight > 0) {
      inFlight--;
      Done<O> done = await(next());
      account(done);
      if (done.result().rejected()) {
        c.output(rejectedTag, rejection(done), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      } else {
        c.output(mainTag, done.result().value(), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }
  }

  @Teardown
  public void teardown() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (client != null) {
      client.release();
      client = null;
    }
    if (reviseClient != null) {
      reviseClient.release();
      reviseClient = null;
    }
  }

  private Done<O> run(I input) {
    try {
      return runOne(input);
    } finally {
      if (batch != null) {
        batch.finished();
      }
    }
  }

  private Done<O> runOne(I input) {
    LlmSession session = new LlmSession(client, step, batch,
        reviseClient == null ? null : new LlmSession(reviseClient, reviseStep, null));
    String id = idOf(input);
    try {
      StepResult<O> result = work(input, session);
      // The record is serialised only when it is rejected, so nothing is lost and nothing is wasted.
      return result.rejected() ? new Done<>(id, Json.write(input), result, session, null, spent(input, session))
          : new Done<>(id, null, result, session, null, null);
    } catch (MalformedOutputException e) {
      return new Done<>(id, Json.write(input), StepResult.reject(e.reason(), e.getMessage()), session, null,
          spent(input, session));
    } catch (LlmCallFailedException e) {
      session.countFailure();
      return new Done<>(id, Json.write(input), StepResult.reject(e.reason(), e.getMessage()), session, null,
          spent(input, session));
    } catch (Exception e) {
      return new Done<>(id, Json.write(input), null, session, e, null);
    }
  }

  /** What a dropped element cost: its carried spend and this step's requests (repairs and revisions included). */
  private Spend spent(I input, LlmSession session) {
    Spend s = spendOf(input).plus(step, session.spent());
    return session.reviserOrNull() == null ? s : s.plus(reviseStep, session.reviserOrNull().spent());
  }

  private Done<O> await(Future<Done<O>> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private void emit(Done<O> done, MultiOutputReceiver out) throws Exception {
    account(done);
    if (done.result().rejected()) {
      out.get(rejectedTag).output(rejection(done));
    } else {
      out.get(mainTag).output(done.result().value());
    }
  }

  private void account(Done<O> done) throws Exception {
    LlmSession s = done.session();
    counters.add(s);
    if (s.reviserOrNull() != null && s.reviserOrNull().calls() > 0) {
      reviseCounters.add(s.reviserOrNull());
    }
    if (done.error() != null) {
      counters.failures.inc();
      // Errors that are not about one element (bad key, open circuit) stop the run.
      throw done.error();
    }
    (done.result().rejected() ? stageRejected : stageOut).inc();
  }

  private Rejection rejection(Done<O> done) {
    return new Rejection(step, done.result().reason(), done.id(), done.result().detail(),
        done.record() == null ? "" : done.record(), done.spent() == null ? Spend.NONE : done.spent());
  }
}
