package dev.tracegen.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.tracegen.structure.InstructionParser;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** QualityCheck: cheap rules first (no LLM call for a plainly bad instruction), then the LLM review. */
public class CheckInstructionQuality extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;

  private CheckInstructionQuality(StepContext ctx) {
    this.ctx = ctx;
  }

  public static CheckInstructionQuality with(StepContext ctx) {
    return new CheckInstructionQuality(ctx);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> in) {
    return CandidateStage.apply(in, new QualityFn(ctx));
  }

  /** The rule checks; returns the reason code and detail of the first failure, or null. */
  public static String[] ruleProblem(Taxonomy taxonomy, Instruction x, List<Constraint> planned) {
    int n = x.constraints().size();
    if (n < 1 || n > 15) {
      return new String[] {"constraint_count", n + " constraints, must be 1-15"};
    }
    Set<String> seen = new HashSet<>();
    for (Constraint c : x.constraints()) {
      if (c.text().isBlank()) {
        return new String[] {"empty_constraint", "constraint " + c.id() + " is empty"};
      }
      if (!seen.add(c.text().strip().toLowerCase(Locale.ROOT))) {
        return new String[] {"duplicate_constraint", "\"" + c.text() + "\" appears twice"};
      }
      if (!taxonomy.has(c.dimension())) {
        return new String[] {"unknown_dimension", c.dimension()};
      }
    }
    if (planned != null) {
      List<String> want = new ArrayList<>(planned.stream().map(Constraint::dimension).sorted().toList());
      List<String> got = x.constraints().stream().map(Constraint::dimension).sorted().toList();
      if (!want.equals(got)) {
        return new String[] {"planned_dimensions_missing", "planned " + want + " but labelled " + got};
      }
    }
    return null;
  }

  static class QualityFn extends CandidateStepFn {
    private final StepContext ctx;

    QualityFn(StepContext ctx) {
      super(Stages.QUALITY.id(), ctx.generator(), ctx.taxonomy());
      this.ctx = ctx;
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      Instruction x1 = c.x1();
      String[] problem = ruleProblem(ctx.taxonomy(), x1, c.plan().constraints());
      if (problem != null) {
        return StepResult.reject(problem[0], problem[1]);
      }
      ObjectNode payload = StepContext.payload();
      payload.put("description", x1.description());
      payload.put("input", x1.input());
      ArrayNode cs = payload.putArray("constraints");
      x1.constraints().forEach(k -> cs.add(k.text()));
      String prompt = ctx.prompt("quality", Map.of(
          "description", x1.description(),
          "constraints", String.join("\n", x1.numberedConstraints()),
          "input", x1.input()), payload);
      JsonNode verdict = session.ask(prompt, QualitySchema.SCHEMA, text -> {
        JsonNode node = InstructionParser.object(text);
        if (!node.path("complete").isBoolean() || !node.path("redundant").isBoolean()) {
          throw new MalformedOutputException("\"complete\" and \"redundant\" must be true or false");
        }
        return node;
      });
      Candidate spent = c.spent("quality", ctx.prompts().hash("quality"), session.spent(), session.fromCache());
      if (!verdict.path("complete").asBoolean()) {
        return StepResult.reject("incomplete", verdict.path("reason").asText());
      }
      if (verdict.path("redundant").asBoolean()) {
        return StepResult.reject("redundant", verdict.path("reason").asText());
      }
      return StepResult.of(spent);
    }
  }
}
