package dev.tracegen.judge;

import dev.tracegen.llm.LlmSession;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Judgement;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * CrossJudge: y1 must fail x2 and y2 must fail x1. Only the constraints that differ are judged
 * (y1 already meets every unchanged constraint of x1, and y2 every one of x2).
 */
public class CrossJudgeResponses extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;

  private CrossJudgeResponses(StepContext ctx) {
    this.ctx = ctx;
  }

  public static CrossJudgeResponses with(StepContext ctx) {
    return new CrossJudgeResponses(ctx);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> in) {
    return CandidateStage.apply(in, new CrossJudgeFn(ctx));
  }

  /** 1-based positions in x1 of constraints that x2 no longer carries verbatim. */
  public static List<Integer> differingInX1(Candidate c) {
    Set<String> kept = c.x2().constraints().stream().map(Constraint::text).collect(Collectors.toSet());
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < c.x1().constraints().size(); i++) {
      if (!kept.contains(c.x1().constraints().get(i).text())) {
        out.add(i + 1);
      }
    }
    return out;
  }

  static class CrossJudgeFn extends CandidateStepFn {
    private final StepContext ctx;

    CrossJudgeFn(StepContext ctx) {
      super(Stages.CROSS_JUDGE.id(), ctx.judge(), ctx.taxonomy());
      this.ctx = ctx;
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      List<Integer> inX1 = differingInX1(c);
      if (inX1.isEmpty()) {
        return StepResult.reject("y2_cannot_fail_x1", "x2 keeps every constraint of x1, so y2 satisfies x1");
      }
      Judgement y1x2 = ConstraintJudge.judge(ctx, session, c.x2(), c.y1(), c.perturbation().changed());
      if (y1x2.full()) {
        return StepResult.reject("y1_satisfies_x2", "y1 scores full on the changed constraints of x2");
      }
      Judgement y2x1 = ConstraintJudge.judge(ctx, session, c.x1(), c.y2(), inX1);
      if (y2x1.full()) {
        return StepResult.reject("y2_satisfies_x1", "y2 scores full on the constraints x2 changed");
      }
      return StepResult.of(c.withCross(y1x2, y2x1).spent("cross_judge", ctx.prompts().hash("judge"), session.spent(), session.fromCache()));
    }
  }
}
