package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonView;
import java.io.Serializable;
import java.util.Map;

/**
 * Which models and prompt versions produced a record, how many LLM attempts it took, and the
 * requests and tokens each step spent on it (what shipping it cost; {@code tracegen stats} sums
 * them from the files). {@code cached} is the part of the spend this run read from the response
 * cache: it travels with the record to the export, which counts what shipping cost this run, and
 * is never written to a file.
 */
public record Lineage(String generator, String judge, Map<String, String> promptHashes, int attempts, Spend spend,
    @JsonView(Json.InFlight.class) Spend cached)
    implements Serializable {
  @JsonCreator
  public Lineage {
    promptHashes = Compact.shared(promptHashes);
    spend = spend == null ? Spend.NONE : spend;
    cached = cached == null ? Spend.NONE : cached;
  }

  /** A lineage with nothing read from the response cache (or not known to have been). */
  public Lineage(String generator, String judge, Map<String, String> promptHashes, int attempts, Spend spend) {
    this(generator, judge, promptHashes, attempts, spend, null);
  }
}
