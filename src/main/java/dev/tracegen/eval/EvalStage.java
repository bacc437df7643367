package dev.tracegen.eval;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import dev.tracegen.stage.LlmStepFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The outputs of an eval step. Every item goes on, whatever happened to it (an unanswered item
 * scores 0, an unreadable judgement is a parse failure), so the rejected output stays empty: a
 * benchmark does not drop instructions.
 */
final class EvalStage {
  static final TupleTag<EvalResult> KEPT = new TupleTag<>() {};
  static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private EvalStage() {}

  /** Applies {@code fn}, named after its class, and returns the items it passed on. */
  static PCollection<EvalResult> apply(PCollection<EvalResult> in, LlmStepFn<EvalResult, EvalResult> fn) {
    PCollectionTuple out = in.apply(fn.getClass().getSimpleName(),
        ParDo.of(fn).withOutputTags(KEPT, TupleTagList.of(REJECTED)));
    out.get(REJECTED).setCoder(JsonCoder.of(Rejection.class))
        .apply("NoItemIsDropped", ParDo.of(new NoItemIsDroppedFn()));
    return out.get(KEPT).setCoder(JsonCoder.of(EvalResult.class));
  }

  /** The eval steps keep every item; one that reaches the rejected output is a bug, which stops the run. */
  static final class NoItemIsDroppedFn extends DoFn<Rejection, Void> {
    @ProcessElement
    public void process(@Element Rejection r) {
      throw new IllegalStateException("eval item " + r.id() + " was dropped at " + r.stage() + ": " + r.reason()
          + " (" + r.detail() + ")");
    }
  }
}
