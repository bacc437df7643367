package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.coders.DefaultCoder;

/** The unit record of the corpus, written to train and eval shards (DESIGN section 6). */
@JsonPropertyOrder({"id", "seed_id", "split", "x1", "y1", "x2", "y2", "perturbation", "judgements",
    "constraints_num", "lineage"})
@DefaultCoder(JsonCoder.class)
public record TraceRecord(
    String id,
    String seedId,
    String split,
    Instruction x1,
    String y1,
    Instruction x2,
    String y2,
    Perturbation perturbation,
    Map<String, Judgement> judgements,
    int constraintsNum,
    Lineage lineage)
    implements Serializable {

  public static final String Y1_X1 = "y1|x1";
  public static final String Y2_X2 = "y2|x2";
  public static final String Y1_X2 = "y1|x2";
  public static final String Y2_X1 = "y2|x1";

  public TraceRecord {
    judgements = Compact.sorted(judgements);
  }
}
