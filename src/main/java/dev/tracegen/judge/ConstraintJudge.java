package dev.tracegen.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.llm.StepContext;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Score;
import dev.tracegen.plan.Draws;
import dev.tracegen.structure.InstructionParser;
import dev.tracegen.taxonomy.Dimension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a response against chosen constraints of an instruction: checkers first, then the LLM
 * for the rest and for a calibration sample of the checker-decided ones.
 */
public final class ConstraintJudge {
  private ConstraintJudge() {}

  /** Judges {@code indices} (1-based) of {@code x}; an LLM call is made only if some lack a checker. */
  public static Judgement judge(StepContext ctx, LlmSession session, Instruction x, String response, List<Integer> indices)
      throws MalformedOutputException {
    Checkers checkers = Checkers.load();
    Map<Integer, Score> scores = new HashMap<>();
    List<Integer> forLlm = new ArrayList<>();
    List<Integer> calibrated = new ArrayList<>();
    String sample = ctx.judgeCalibration() > 0 ? Long.toString(Draws.hash(ctx.runSeed(), x.render(), response)) : "";
    for (int i : indices) {
      Constraint c = x.constraints().get(i - 1);
      Dimension d = ctx.taxonomy().dimension(c.dimension());
      Optional<Checker> checker = d == null || !d.hasChecker() ? Optional.empty() : checkers.get(d.checker());
      if (checker.isPresent()) {
        CheckResult r = checker.get().check(c, response);
        scores.put(i, new Score(i, r.pass() ? Score.FULL : 0, "checker:" + d.checker(), r.reason()));
        // A sample of checker verdicts goes to the judge as well: how often it agrees tells how far
        // its verdicts on the constraints no program can check are to be trusted with this model.
        if (ctx.judgeCalibration() > 0 && Draws.unit(ctx.runSeed(), "calibrate", sample, Integer.toString(i))
            < ctx.judgeCalibration()) {
          forLlm.add(i);
          calibrated.add(i);
        }
      } else {
        forLlm.add(i);
      }
    }
    if (!forLlm.isEmpty()) {
      ObjectNode payload = StepContext.payload();
      payload.put("response", response);
      payload.put("instruction", x.render());
      ArrayNode cs = payload.putArray("constraints");
      StringBuilder list = new StringBuilder();
      for (int i : forLlm) {
        Constraint c = x.constraints().get(i - 1);
        list.append(i).append(". ").append(c.text()).append('\n');
        cs.addObject().put("index", i).put("dimension", c.dimension()).put("text", c.text())
            .set("params", Json.PLAIN.valueToTree(c.params()));
      }
      String prompt = ctx.prompt("judge", Map.of(
          "instruction", x.render(), "constraints", list.toString().strip(), "response", response), payload);
      Map<Integer, Score> llm = session.ask(prompt, true, text -> parseScores(InstructionParser.object(text), forLlm));
      for (Map.Entry<Integer, Score> e : llm.entrySet()) {
        int i = e.getKey();
        scores.put(i, calibrated.contains(i) ? scores.get(i).withJudgeScore(e.getValue().score()) : e.getValue());
      }
    }
    List<Score> ordered = new ArrayList<>();
    double sum = 0;
    for (int i : indices) {
      ordered.add(scores.get(i));
      sum += scores.get(i).score();
    }
    double overall = indices.isEmpty() ? 0 : Math.round(sum * 10.0 / indices.size()) / 10.0;
    return new Judgement(ordered, overall);
  }

  static Map<Integer, Score> parseScores(JsonNode node, List<Integer> wanted) throws MalformedOutputException {
    if (!node.path("scores").isArray()) {
      throw new MalformedOutputException("\"scores\" must be a list");
    }
    Map<Integer, Score> out = new HashMap<>();
    for (JsonNode s : node.path("scores")) {
      int i = s.path("constraint").asInt(-1);
      if (!s.path("score").isNumber() || s.path("score").asDouble() < 0 || s.path("score").asDouble() > 10) {
        throw new MalformedOutputException("score for constraint " + i + " must be a number from 0 to 10");
      }
      if (wanted.contains(i)) {
        out.put(i, new Score(i, (int) Math.floor(s.path("score").asDouble()), "llm", s.path("reason").asText("")));
      }
    }
    for (int i : wanted) {
      if (!out.containsKey(i)) {
        throw new MalformedOutputException("no score for constraint " + i);
      }
    }
    return out;
  }
}
