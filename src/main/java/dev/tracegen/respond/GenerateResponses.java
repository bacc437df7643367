package dev.tracegen.respond;

import dev.tracegen.config.Prompts;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Instruction;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Respond: writes y1 for x1, or y2 for x2. A response cut off at the token limit is asked for once
 * more and then rejected ({@code truncated}, by the session); a refusal ({@code refusal}) or an
 * answer in another language than the instruction's ({@code wrong_language}) is rejected.
 */
public class GenerateResponses extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;
  private final boolean second;

  private GenerateResponses(StepContext ctx, boolean second) {
    this.ctx = ctx;
    this.second = second;
  }

  /** y1 for x1. */
  public static GenerateResponses forX1(StepContext ctx) {
    return new GenerateResponses(ctx, false);
  }

  /** y2 for x2. */
  public static GenerateResponses forX2(StepContext ctx) {
    return new GenerateResponses(ctx, true);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> in) {
    return CandidateStage.apply(in, new RespondFn(ctx, second));
  }

  /** The respond prompt for {@code x}: what the generator is asked, and what a revision continues. */
  public static String prompt(Prompts prompts, Instruction x) {
    return prompts.render("respond", Map.of("instruction", x.render()));
  }

  static class RespondFn extends CandidateStepFn {
    private final StepContext ctx;
    private final boolean second;

    RespondFn(StepContext ctx, boolean second) {
      super((second ? Stages.RESPOND_Y2 : Stages.RESPOND_Y1).id(), ctx.generator(), ctx.taxonomy());
      this.ctx = ctx;
      this.second = second;
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) {
      Instruction x = second ? c.x2() : c.x1();
      String response = session.askText(prompt(ctx.prompts(), x)).strip();
      Optional<AnswerScreen.Problem> problem = AnswerScreen.problem(x.render(), response);
      if (problem.isPresent()) {
        return StepResult.reject(problem.get().reason(), problem.get().detail());
      }
      Candidate out = second ? c.withY2(response) : c.withY1(response);
      return StepResult.of(out.spent((second ? Stages.RESPOND_Y2 : Stages.RESPOND_Y1).id(), ctx.prompts().hash("respond"), session.spent(), session.fromCache()));
    }
  }
}
