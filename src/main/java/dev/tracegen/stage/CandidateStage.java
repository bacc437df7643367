package dev.tracegen.stage;

import dev.tracegen.model.Candidate;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/** The two outputs every candidate stage has: the candidates that go on, and rejections. */
public final class CandidateStage {
  public static final TupleTag<Candidate> KEPT = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private CandidateStage() {}

  /**
   * Applies {@code fn}, named after its class (the stage's composite transform carries the stage's
   * name), with both outputs.
   */
  public static PCollectionTuple apply(PCollection<Candidate> in, LlmStepFn<Candidate, Candidate> fn) {
    return in.apply(fn.getClass().getSimpleName(), ParDo.of(fn).withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }
}
