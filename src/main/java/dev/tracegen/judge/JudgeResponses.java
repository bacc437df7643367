package dev.tracegen.judge;

import dev.tracegen.llm.LlmSession;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Score;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** Judge: y1 on x1 (or y2 on x2); a response that is not full on its own instruction is rejected. */
public class JudgeResponses extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;
  private final boolean second;

  private JudgeResponses(StepContext ctx, boolean second) {
    this.ctx = ctx;
    this.second = second;
  }

  public static JudgeResponses y1OnX1(StepContext ctx) {
    return new JudgeResponses(ctx, false);
  }

  public static JudgeResponses y2OnX2(StepContext ctx) {
    return new JudgeResponses(ctx, true);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> in) {
    return CandidateStage.apply(in, new JudgeFn(ctx, second));
  }

  static class JudgeFn extends CandidateStepFn {
    private final StepContext ctx;
    private final boolean second;

    JudgeFn(StepContext ctx, boolean second) {
      super((second ? Stages.JUDGE_Y2 : Stages.JUDGE_Y1).id(), ctx.judge(), ctx.taxonomy());
      this.ctx = ctx;
      this.second = second;
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      Instruction x = second ? c.x2() : c.x1();
      String y = second ? c.y2() : c.y1();
      List<Integer> all = IntStream.rangeClosed(1, x.constraints().size()).boxed().toList();
      Judgement j = ConstraintJudge.judge(ctx, session, x, y, all);
      String name = (second ? Stages.JUDGE_Y2 : Stages.JUDGE_Y1).id();
      if (!j.full()) {
        Score miss = j.scores().stream().filter(s -> !s.full()).findFirst().orElseThrow();
        String dim = x.constraints().get(miss.constraint() - 1).dimension();
        return StepResult.reject((second ? "y2" : "y1") + "_not_full:" + dim,
            "constraint " + miss.constraint() + " (" + dim + ") scored " + miss.score() + ": " + miss.reason());
      }
      Candidate out = second ? c.withY2X2(j) : c.withY1X1(j);
      return StepResult.of(out.spent(name, ctx.prompts().hash("judge"), session.spent(), session.fromCache()));
    }
  }
}
