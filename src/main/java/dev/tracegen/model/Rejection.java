package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Why a record left the pipeline: the stage, a short machine-readable reason, a human detail, the
 * record itself as JSON (so nothing is lost silently), and the LLM requests and tokens spent on it
 * up to and including the stage that dropped it ({@code spend}; absent where the record's own
 * lineage carries it, or where nothing was spent).
 */
@DefaultCoder(JsonCoder.class)
public record Rejection(String stage, String reason, String id, String detail, String record,
    @JsonInclude(JsonInclude.Include.NON_NULL) Spend spend)
    implements Serializable {

  @JsonCreator
  public Rejection {}

  /** A rejection with no spend of its own. */
  public Rejection(String stage, String reason, String id, String detail, String record) {
    this(stage, reason, id, detail, record, null);
  }

  /** This rejection with what was spent on the dropped record. */
  public Rejection withSpend(Spend spent) {
    return new Rejection(stage, reason, id, detail, record, spent);
  }
}
