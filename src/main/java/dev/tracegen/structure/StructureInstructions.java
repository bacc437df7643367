package dev.tracegen.structure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.llm.CandidateStage;
import dev.tracegen.llm.CandidateStepFn;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.StepContext;
import dev.tracegen.llm.StepResult;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Instruction;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** Structure: expanded text in, candidate with x1 (description, constraints, input) out. */
public class StructureInstructions extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;

  private StructureInstructions(StepContext ctx) {
    this.ctx = ctx;
  }

  public static StructureInstructions with(StepContext ctx) {
    return new StructureInstructions(ctx);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> in) {
    return CandidateStage.apply(in, "SplitIntoParts", new StructureFn(ctx));
  }

  static class StructureFn extends CandidateStepFn {
    private final StepContext ctx;
    // Computed once here, not lazily in work(): work() runs on several pool threads at once.
    private final String dimensions;
    private final String paramGuide;

    StructureFn(StepContext ctx) {
      super("structure", ctx.generator(), ctx.taxonomy());
      this.ctx = ctx;
      this.dimensions = TaxonomyGuide.dimensions(ctx.taxonomy());
      this.paramGuide = TaxonomyGuide.params(ctx.taxonomy());
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      String prompt = ctx.prompt("structure", Map.of(
          "instruction", c.expanded(), "dimensions", dimensions, "param_guide", paramGuide),
          StepContext.payload().put("instruction", c.expanded()));
      Instruction x1 = session.ask(prompt, true, text -> {
        JsonNode node = InstructionParser.object(text);
        return InstructionParser.instruction(ctx.taxonomy(), node.path("description").asText(""),
            node.path("constraints"), node.path("input").asText(""));
      });
      return StepResult.of(c.withX1(x1).spent("structure", ctx.prompts().hash("structure"), session.calls()));
    }
  }

}
