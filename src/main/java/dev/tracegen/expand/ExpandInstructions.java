package dev.tracegen.expand;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.config.Prompts;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Choice;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Json;
import dev.tracegen.model.Plan;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.CandidateStepFn;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.stage.StepResult;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** Expand: plan in, candidate with the LLM's complex instruction text out. */
public class ExpandInstructions extends PTransform<PCollection<Candidate>, PCollectionTuple> {
  private final StepContext ctx;

  private ExpandInstructions(StepContext ctx) {
    this.ctx = ctx;
  }

  public static ExpandInstructions with(StepContext ctx) {
    return new ExpandInstructions(ctx);
  }

  @Override
  public PCollectionTuple expand(PCollection<Candidate> plans) {
    return CandidateStage.apply(plans, new ExpandFn(ctx));
  }

  /** The first {placeholder} the plan left open that the model did not fill, or null. */
  static String unfilledPlaceholder(Plan plan, String instruction) {
    for (Map<String, Choice> open : plan.choices().values()) {
      for (String param : open.keySet()) {
        if (instruction.contains("{" + param + "}")) {
          return "{" + param + "}";
        }
      }
    }
    return null;
  }

  static class ExpandFn extends CandidateStepFn {
    private final StepContext ctx;

    ExpandFn(StepContext ctx) {
      super(Stages.EXPAND.id(), ctx.generator(), ctx.taxonomy());
      this.ctx = ctx;
    }

    @Override
    protected StepResult<Candidate> work(Candidate c, LlmSession session) {
      Plan plan = c.plan();
      String prompt = prompt(ctx.prompts(), plan);
      String text = session.askText(prompt).strip();
      if (text.isEmpty()) {
        return StepResult.reject("empty_expansion", "the model returned no instruction");
      }
      String unfilled = unfilledPlaceholder(plan, text);
      if (unfilled != null) {
        return StepResult.reject("unfilled_placeholder", "the instruction still holds " + unfilled);
      }
      return StepResult.of(c.withExpanded(text).spent("expand", ctx.prompts().hash("expand"), session.spent(), session.fromCache()));
    }
  }

  /** The expand prompt of {@code plan}: the seed, its input and the planned constraints, with open content to choose. */
  public static String prompt(Prompts prompts, Plan plan) {
    StringBuilder list = new StringBuilder();
    ObjectNode payload = StepContext.payload();
    payload.put("key", plan.id());
    payload.put("seed", plan.seed().instruction());
    payload.put("input", plan.input());
    ArrayNode cs = payload.putArray("constraints");
    for (Constraint k : plan.constraints()) {
      list.append("- [").append(k.dimension()).append("] ").append(k.text());
      ObjectNode entry = cs.addObject().put("dimension", k.dimension()).put("text", k.text());
      Map<String, Choice> open = plan.choicesOf(k.id());
      if (!open.isEmpty()) {
        ObjectNode choose = entry.putObject("choose");
        list.append(" (choose ");
        String sep = "";
        for (Map.Entry<String, Choice> e : new TreeMap<>(open).entrySet()) {
          list.append(sep).append('{').append(e.getKey()).append("}: ").append(e.getValue().describe());
          choose.set(e.getKey(), Json.PLAIN.valueToTree(e.getValue()));
          sep = "; ";
        }
        list.append(')');
      }
      list.append('\n');
    }
    payload.put("step", "expand");
    Prompts.markLanguage(payload, prompts.language());
    return prompts.render("expand", Map.of("seed", plan.seed().instruction(), "input", plan.input(), "count",
        String.valueOf(plan.constraints().size()), "constraints", list.toString().strip(), "payload",
        payload.toString()));
  }
}
