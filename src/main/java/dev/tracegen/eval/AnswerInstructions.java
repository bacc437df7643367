package dev.tracegen.eval;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.llm.LlmCallFailedException;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.stage.LlmStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepResult;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Answer: the model under test answers each instruction as the paper has it, the row's system
 * prompt ("You are a helpful assistant.") and the instruction as the only user message.
 */
public class AnswerInstructions extends PTransform<PCollection<EvalResult>, PCollection<EvalResult>> {
  private final LlmSettings model;
  private final Taxonomy taxonomy;

  public AnswerInstructions(LlmSettings model, Taxonomy taxonomy) {
    this.model = model;
    this.taxonomy = taxonomy;
  }

  @Override
  public PCollection<EvalResult> expand(PCollection<EvalResult> in) {
    return EvalStage.apply(in, new AnswerFn(model, taxonomy));
  }

  static class AnswerFn extends LlmStepFn<EvalResult, EvalResult> {
    AnswerFn(LlmSettings model, Taxonomy taxonomy) {
      super(Stages.EVAL_ANSWER.id(), model, taxonomy, EvalStage.KEPT, EvalStage.REJECTED);
    }

    @Override
    protected StepResult<EvalResult> work(EvalResult r, LlmSession session) {
      EvalItem item = r.item();
      try {
        String answer = session.askText(List.of(SystemMessage.from(item.system()), UserMessage.from(item.instruction())));
        return StepResult.of(r.withAnswer(answer));
      } catch (LlmCallFailedException e) {
        // A filtered or twice cut-off answer is the model's failure on this item, not a reason to drop it.
        session.countFailure();
        return StepResult.of(r.withAnswerFailure(e.reason() + ": " + e.getMessage()));
      }
    }

    @Override
    protected String idOf(EvalResult r) {
      return r.item().id();
    }
  }
}
