package dev.tracegen.decontaminate;

import dev.tracegen.model.Candidate;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.Stages;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Screen: a train candidate whose expanded instruction already shares a counted n-gram with the
 * task of an eval candidate or with an external benchmark text is dropped right after Expand,
 * before the seven calls that would answer, judge and perturb it. Decontamination after Select
 * stays the authoritative check; this stage only keeps the run from paying for records that check
 * would drop. The eval side is every eval candidate built so far (a superset of the eval split
 * that will be published), so what it drops is a superset of what decontamination would.
 *
 * <p>Eval candidates pass untouched. With no eval candidates and no external files nothing is
 * dropped.
 */
public class ScreenCandidates extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  static final String NS = Stages.SCREEN.id();

  private final PCollection<TraceRecord> eval;
  private final DecontaminationConfig config;

  private ScreenCandidates(PCollection<TraceRecord> eval, DecontaminationConfig config) {
    this.eval = eval;
    this.config = config;
  }

  /** Screens train candidates against the tasks of {@code eval} and the configured external files. */
  public static ScreenCandidates against(PCollection<TraceRecord> eval, DecontaminationConfig config) {
    return new ScreenCandidates(eval, config);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> candidates) {
    PCollectionView<ReferenceIndex> index = DecontaminateRecords.referenceIndex(NS, eval, config);
    PCollectionTuple out = candidates.apply("ScreenOverlaps", ParDo.of(new ScreenFn(config.ngrams(), index))
        .withSideInputs(index).withOutputTags(CandidateStage.KEPT, TupleTagList.of(CandidateStage.REJECTED)));
    out.get(CandidateStage.KEPT).setCoder(JsonCoder.of(Candidate.class));
    out.get(CandidateStage.REJECTED).setCoder(JsonCoder.of(Rejection.class));
    return out;
  }

  /** The text a train candidate will be decontaminated on, as far as it exists after Expand. */
  static String screenedText(Candidate c) {
    String input = c.plan().input();
    return c.expanded() + (input == null || input.isBlank() ? "" : "\n" + input);
  }

  static class ScreenFn extends DoFn<Candidate, Candidate> {
    private final NGrams ngrams;
    private final PCollectionView<ReferenceIndex> index;
    private final Counter out = Metrics.counter("stage", Stages.SCREEN.id() + ".out");
    private final Counter rejected = Metrics.counter("stage", Stages.SCREEN.id() + ".rejected");

    ScreenFn(NGrams ngrams, PCollectionView<ReferenceIndex> index) {
      this.ngrams = ngrams;
      this.index = index;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Candidate candidate = c.element();
      DecontaminateRecords.Overlap o = "train".equals(candidate.plan().split()) && candidate.expanded() != null
          ? DecontaminateRecords.overlap(screenedText(candidate), ngrams, c.sideInput(index)) : null;
      if (o == null) {
        out.inc();
        c.output(candidate);
      } else {
        rejected.inc();
        Metrics.counter(NS, o.reason()).inc();
        c.output(CandidateStage.REJECTED,
            new Rejection(Stages.SCREEN.id(), o.reason(), candidate.id(), o.detail(), Json.write(candidate))
                .withSpend(candidate.spend()));
      }
    }
  }
}
