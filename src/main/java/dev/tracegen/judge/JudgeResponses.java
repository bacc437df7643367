package dev.tracegen.judge;

import dev.tracegen.llm.LlmSession;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Score;
import dev.tracegen.respond.AnswerScreen;
import dev.tracegen.respond.GenerateResponses;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Judge: y1 on x1 (or y2 on x2). A response that is not full on its own instruction goes back to
 * the generator with the judge's findings up to {@code revisions} times; if its last answer is still
 * not full, the candidate is rejected.
 */
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

  /** The step id under which a judge step's revision requests (to the generator) are counted. */
  public static String reviseStep(boolean second) {
    return second ? "revise_y2" : "revise_y1";
  }

  /** The revise prompt's list of what the judge failed: one line per constraint not scored full. */
  static String failures(Instruction x, Judgement j) {
    StringBuilder sb = new StringBuilder();
    for (Score s : j.scores()) {
      if (!s.full()) {
        sb.append(sb.isEmpty() ? "" : "\n").append("- Requirement ").append(s.constraint()).append(" (\"")
            .append(x.constraints().get(s.constraint() - 1).text()).append("\") scored ").append(s.score())
            .append("/10: ").append(s.reason() == null || s.reason().isBlank() ? "not met" : s.reason());
      }
    }
    return sb.toString();
  }

  static class JudgeFn extends CandidateStepFn {
    private final StepContext ctx;
    private final boolean second;

    JudgeFn(StepContext ctx, boolean second) {
      super((second ? Stages.JUDGE_Y2 : Stages.JUDGE_Y1).id(), ctx.judge(), reviseStep(second),
          ctx.revisions() > 0 ? ctx.generator() : null, ctx.taxonomy());
      this.ctx = ctx;
      this.second = second;
    }

    /**
     * Judges the response; while it is not full and revisions are left, the generator is shown the
     * judge's findings in the conversation that produced the response and its new answer is judged.
     * A candidate is dropped only when its last answer still fails (or a revision is not an answer).
     */
    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      Instruction x = second ? c.x2() : c.x1();
      String y = second ? c.y2() : c.y1();
      List<Integer> all = IntStream.rangeClosed(1, x.constraints().size()).boxed().toList();
      Judgement j = ConstraintJudge.judge(ctx, session, x, y, all);
      // An answer the generator repeats is not judged again: its judgement would be the same.
      Map<String, Judgement> judged = new HashMap<>(Map.of(y, j));
      for (int revision = 1; !j.full() && revision <= ctx.revisions(); revision++) {
        String revised = session.reviser().askTextAfter(GenerateResponses.prompt(ctx.prompts(), x), y,
            ctx.prompts().render("revise", Map.of("failures", failures(x, j), "revision", Integer.toString(revision))))
            .strip();
        Optional<AnswerScreen.Problem> problem = AnswerScreen.problem(x.render(), revised);
        if (problem.isPresent()) {
          return StepResult.reject(problem.get().reason(), "revision " + revision + ": " + problem.get().detail());
        }
        y = revised;
        j = judged.containsKey(y) ? judged.get(y) : ConstraintJudge.judge(ctx, session, x, y, all);
        judged.put(y, j);
      }
      String name = (second ? Stages.JUDGE_Y2 : Stages.JUDGE_Y1).id();
      if (!j.full()) {
        Score miss = j.scores().stream().filter(s -> !s.full()).findFirst().orElseThrow();
        String dim = x.constraints().get(miss.constraint() - 1).dimension();
        return StepResult.reject((second ? "y2" : "y1") + "_not_full:" + dim,
            "constraint " + miss.constraint() + " (" + dim + ") scored " + miss.score() + ": " + miss.reason());
      }
      Candidate out = second ? c.withY2(y).withY2X2(j) : c.withY1(y).withY1X1(j);
      out = out.spent(name, ctx.prompts().hash("judge"), session.spent(), session.fromCache());
      LlmSession reviser = session.reviserOrNull();
      if (reviser != null && reviser.calls() > 0) {
        out = out.spent(reviseStep(second), ctx.prompts().hash("revise"), reviser.spent(), reviser.fromCache());
      }
      return StepResult.of(out);
    }
  }
}
