package dev.tracegen.structure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.check.Checkers;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Structure: expanded text in, candidate with x1 (description, constraints, input) out. The
 * params of every checked constraint must agree with its sentence and with the plan; an answer
 * that disagrees gets one repair re-ask, then is rejected as {@code params_mismatch}.
 */
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
    return CandidateStage.apply(in, new StructureFn(ctx));
  }

  /** The instruction in a structure answer, with params that agree with its sentences and the plan. */
  static Instruction parse(Taxonomy taxonomy, ParamValidator params, String text, List<Constraint> planned)
      throws MalformedOutputException {
    JsonNode node = InstructionParser.object(text);
    Instruction parsed = InstructionParser.instruction(taxonomy, node.path("description").asText(""),
        node.path("constraints"), node.path("input").asText(""));
    params.require(parsed.constraints(), planned, Checkers.load());
    return parsed;
  }

  static class StructureFn extends CandidateStepFn {
    private final StepContext ctx;
    // Computed once here, not lazily in work(): work() runs on several pool threads at once.
    private final String dimensions;
    private final String paramGuide;
    private final ParamValidator params;

    StructureFn(StepContext ctx) {
      super(Stages.STRUCTURE.id(), ctx.generator(), ctx.taxonomy());
      this.ctx = ctx;
      this.dimensions = TaxonomyGuide.dimensions(ctx.taxonomy());
      this.paramGuide = TaxonomyGuide.params(ctx.taxonomy());
      this.params = new ParamValidator(ctx.taxonomy());
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      String prompt = ctx.prompt("structure", Map.of(
          "instruction", c.expanded(), "dimensions", dimensions, "param_guide", paramGuide),
          StepContext.payload().put("instruction", c.expanded()));
      Instruction x1 = session.ask(prompt, StructureSchema.SCHEMA, text -> parse(ctx.taxonomy(), params, text, c.plan().constraints()));
      return StepResult.of(c.withX1(x1).spent("structure", ctx.prompts().hash("structure"), session.spent(), session.fromCache()));
    }
  }

}
