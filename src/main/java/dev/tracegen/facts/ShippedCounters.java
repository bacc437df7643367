package dev.tracegen.facts;

import dev.tracegen.model.Spend;
import dev.tracegen.model.TraceRecord;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Beam counters of what the exported records cost, per step ({@code waste} namespace): all their
 * requests and tokens, and the part this run read from the response cache. The files cannot say
 * which requests a run paid for (they must not depend on the cache), so the export counts it from
 * the records in flight; {@link RunWaste#of} turns the counters into the {@code waste} of
 * {@code run.json}.
 */
public final class ShippedCounters {
  public static final String NAMESPACE = "waste";
  static final String REQUESTS = ".requests";
  static final String TOKENS_IN = ".tokens_in";
  static final String TOKENS_OUT = ".tokens_out";
  static final String CACHE_HITS = ".cache_hits";
  static final String CACHED_TOKENS_IN = ".cached_tokens_in";
  static final String CACHED_TOKENS_OUT = ".cached_tokens_out";

  private ShippedCounters() {}

  /** Counts one exported record (call it where the export receives its records). */
  public static void count(TraceRecord r) {
    if (r.lineage() == null) {
      return;
    }
    Map<String, Spend.Step> cached = r.lineage().cached().steps();
    r.lineage().spend().steps().forEach((step, used) -> {
      inc(step + REQUESTS, used.requests());
      inc(step + TOKENS_IN, used.tokensIn());
      inc(step + TOKENS_OUT, used.tokensOut());
      Spend.Step hit = cached.get(step);
      if (hit != null) {
        inc(step + CACHE_HITS, hit.requests());
        inc(step + CACHED_TOKENS_IN, hit.tokensIn());
        inc(step + CACHED_TOKENS_OUT, hit.tokensOut());
      }
    });
  }

  private static void inc(String name, long n) {
    if (n != 0) {
      Metrics.counter(NAMESPACE, name).inc(n);
    }
  }
}
