package dev.tracegen.eval;

import dev.tracegen.llm.LlmCallFailedException;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.stage.LlmStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepResult;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Judge: the judge scores each answer in the official format ({@link EvalPrompts}); an answer it
 * cannot read ({@link JudgeVerdictParser}) is asked for once more, then recorded as a parse
 * failure with the judge's text. An unanswered item is not judged.
 */
public class JudgeAnswers extends PTransform<PCollection<EvalResult>, PCollection<EvalResult>> {
  private final LlmSettings judge;
  private final Taxonomy taxonomy;
  private final EvalPrompts prompts;

  public JudgeAnswers(LlmSettings judge, Taxonomy taxonomy, EvalPrompts prompts) {
    this.judge = judge;
    this.taxonomy = taxonomy;
    this.prompts = prompts;
  }

  @Override
  public PCollection<EvalResult> expand(PCollection<EvalResult> in) {
    return EvalStage.apply(in, new JudgeFn(judge, taxonomy, prompts));
  }

  static class JudgeFn extends LlmStepFn<EvalResult, EvalResult> {
    private final EvalPrompts prompts;

    JudgeFn(LlmSettings judge, Taxonomy taxonomy, EvalPrompts prompts) {
      super(Stages.EVAL_JUDGE.id(), judge, taxonomy, EvalStage.KEPT, EvalStage.REJECTED);
      this.prompts = prompts;
    }

    @Override
    protected StepResult<EvalResult> work(EvalResult r, LlmSession session) {
      if (r.unanswered()) {
        return StepResult.of(r);
      }
      int constraints = r.item().count();
      AtomicReference<String> text = new AtomicReference<>();
      try {
        JudgeVerdict v = session.askText(prompts.judge(r.item(), r.answer()), answer -> {
          text.set(answer);
          return JudgeVerdictParser.parse(answer, constraints);
        });
        return StepResult.of(r.judged(v, text.get()));
      } catch (MalformedOutputException e) {
        return StepResult.of(r.unjudged(e.getMessage(), text.get()));
      } catch (LlmCallFailedException e) {
        session.countFailure();
        return StepResult.of(r.unjudged(e.reason() + ": " + e.getMessage(), text.get()));
      }
    }

    @Override
    protected String idOf(EvalResult r) {
      return r.item().id();
    }
  }
}
