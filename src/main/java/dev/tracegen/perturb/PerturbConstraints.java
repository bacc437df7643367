package dev.tracegen.perturb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.check.Checkers;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Perturbation;
import dev.tracegen.plan.Draws;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import dev.tracegen.structure.InstructionParser;
import dev.tracegen.structure.ParamValidator;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Perturb: draws the op by hash (weights from the profile; DELETE needs two constraints), asks
 * the LLM for x2, and validates it: same description and input, a real change, known labels.
 */
public class PerturbConstraints extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;
  private final Map<String, Double> opWeights;

  private PerturbConstraints(StepContext ctx, Map<String, Double> opWeights) {
    this.ctx = ctx;
    this.opWeights = new TreeMap<>(opWeights);
  }

  public static PerturbConstraints with(StepContext ctx, Map<String, Double> opWeights) {
    return new PerturbConstraints(ctx, opWeights);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> in) {
    return CandidateStage.apply(in, new PerturbFn(ctx, opWeights));
  }

  /** The op for a candidate: a weighted draw from a hash of the run seed and its id. */
  static String chooseOp(Map<String, Double> weights, long runSeed, String id, int k) {
    Map<String, Double> usable = new TreeMap<>(weights);
    if (k < 2) {
      usable.remove("DELETE");
    }
    double total = usable.values().stream().mapToDouble(Double::doubleValue).sum();
    double x = Draws.unit(runSeed, "op", id) * total;
    String last = "REVISE";
    for (Map.Entry<String, Double> e : usable.entrySet()) {
      last = e.getKey();
      x -= e.getValue();
      if (x < 0) {
        return e.getKey();
      }
    }
    return last;
  }

  /**
   * Every constraint of x2 states its params, and a constraint kept from x1 (same sentence, not
   * marked as changed) keeps x1's params: the cross judgement relies on both.
   */
  static void requireParams(Taxonomy taxonomy, ParamValidator params, Instruction x1, Instruction x2,
      List<Integer> changed) throws MalformedOutputException {
    List<String> problems = new ArrayList<>();
    Checkers checkers = Checkers.load();
    for (int i = 0; i < x2.constraints().size(); i++) {
      Constraint c = x2.constraints().get(i);
      String where = "constraint " + (i + 1) + " (\"" + c.text() + "\"): ";
      params.problems(c, checkers).forEach(p -> problems.add(where + p));
      Dimension d = taxonomy.dimension(c.dimension());
      if (changed.contains(i + 1) || d == null) {
        continue;
      }
      for (Constraint before : x1.constraints()) {
        if (before.text().strip().equalsIgnoreCase(c.text().strip()) && before.dimension().equals(c.dimension())) {
          ParamValidator.differences(d, before, c, "x1's").forEach(p -> problems.add(where + p));
          break;
        }
      }
    }
    ParamValidator.fail(problems);
  }

  static class PerturbFn extends CandidateStepFn {
    private final StepContext ctx;
    private final Map<String, Double> opWeights;
    // Computed once here, not lazily in work(): work() runs on several pool threads at once.
    private final String hints;
    private final ParamValidator params;

    PerturbFn(StepContext ctx, Map<String, Double> opWeights) {
      super(Stages.PERTURB.id(), ctx.generator(), ctx.taxonomy());
      this.ctx = ctx;
      this.opWeights = opWeights;
      StringBuilder sb = new StringBuilder();
      for (Dimension d : ctx.taxonomy().dimensions()) {
        sb.append("- ").append(d.id()).append(": ADD: ").append(d.addHint()).append(" REVISE: ")
            .append(d.revisable() ? d.reviseHint() : "never revise").append('\n');
      }
      this.hints = sb.toString().strip();
      this.params = new ParamValidator(ctx.taxonomy());
    }


    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) throws Exception {
      Instruction x1 = c.x1();
      String op = chooseOp(opWeights, ctx.runSeed(), c.id(), x1.constraints().size());
      ObjectNode payload = StepContext.payload();
      payload.put("op", op).put("key", c.id()).put("description", x1.description()).put("input", x1.input());
      ArrayNode cs = payload.putArray("constraints");
      for (Constraint k : x1.constraints()) {
        cs.addObject().put("text", k.text()).put("dimension", k.dimension()).set("params", Json.PLAIN.valueToTree(k.params()));
      }
      String prompt = ctx.prompt("perturb", Map.of(
          "op", op, "hints", hints, "instruction", x1.render(), "constraints", cs.toPrettyString()), payload);
      Candidate out = session.ask(prompt, PerturbSchema.SCHEMA, text -> {
        JsonNode node = InstructionParser.object(text);
        Instruction x2 = InstructionParser.instruction(ctx.taxonomy(), x1.description(), node.path("constraints"), x1.input());
        List<Integer> changed = new ArrayList<>();
        for (JsonNode n : node.path("changed")) {
          int i = n.asInt(-1);
          if (i < 1 || i > x2.constraints().size()) {
            throw new MalformedOutputException("\"changed\" holds " + n + ", not a position in the new list (1-"
                + x2.constraints().size() + ")");
          }
          changed.add(i);
        }
        if (changed.isEmpty()) {
          throw new MalformedOutputException("\"changed\" is empty: at least one constraint must be added or revised");
        }
        List<String> removed = new ArrayList<>();
        node.path("removed").forEach(n -> removed.add(n.asText()));
        requireParams(ctx.taxonomy(), params, x1, x2, changed);
        return c.withX2(x2, new Perturbation(op, changed.stream().sorted().distinct().toList(), removed));
      });
      List<String> before = x1.constraints().stream().map(Constraint::text).toList();
      List<String> after = out.x2().constraints().stream().map(Constraint::text).toList();
      if (before.equals(after)) {
        return StepResult.reject("no_change", "x2 has the same constraints as x1");
      }
      if (out.x2().constraints().size() > 15) {
        return StepResult.reject("constraint_count", "x2 has more than 15 constraints");
      }
      return StepResult.of(out.spent("perturb", ctx.prompts().hash("perturb"), session.spent(), session.fromCache()));
    }
  }
}
