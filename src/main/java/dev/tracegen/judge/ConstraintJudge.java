package dev.tracegen.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Score;
import dev.tracegen.plan.Draws;
import dev.tracegen.stage.StepContext;
import dev.tracegen.structure.InstructionParser;
import dev.tracegen.taxonomy.Dimension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
      Map<Integer, Score> llm = session.ask(prompt, JudgeSchema.SCHEMA, text -> parseScores(text, forLlm));
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

  /** A score line: "Constraint 2: Score: 9/10. reason" (also "2. 9/10 - reason", "Constraint 2 - score 9"). */
  private static final Pattern SCORE_LINE = Pattern.compile(
      "(?im)^[^\\w\\n]*(?:constraint\\h*#?\\h*)?(\\d+)\\h*[:.)\\-–]\\h*(?:score\\h*[:=]?\\h*)?"
          + "(\\d+(?:\\.\\d+)?(?:\\h*/\\h*\\d+)?)\\b[.,;:\\h–-]*(.*)$");
  private static final Pattern SCORE_TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:\\s*/\\s*(\\d+))?");

  /**
   * The scores in a judge's answer: the requested JSON ({@code {"scores": [{"constraint", "score",
   * "reason"}]}}, read leniently, in any order, an overall optional), or one score line per
   * constraint when the answer has no JSON. A score may be a number, or a string such as "9" or
   * "9/10". Anything that is not unambiguous (a missing, duplicated or out-of-range score, another
   * scale) is malformed, which makes the session re-ask once: a missing score is never guessed.
   */
  static Map<Integer, Score> parseScores(String text, List<Integer> wanted) throws MalformedOutputException {
    if (text.indexOf('{') < 0) {
      return scoreLines(text, wanted);
    }
    return parseScores(InstructionParser.object(text), wanted);
  }

  static Map<Integer, Score> parseScores(JsonNode node, List<Integer> wanted) throws MalformedOutputException {
    if (!node.path("scores").isArray()) {
      throw new MalformedOutputException("\"scores\" must be a list");
    }
    Map<Integer, Score> out = new HashMap<>();
    for (JsonNode s : node.path("scores")) {
      JsonNode c = s.path("constraint");
      int i = c.isTextual() && c.asText().strip().matches("\\d{1,9}") ? Integer.parseInt(c.asText().strip()) : c.asInt(-1);
      JsonNode v = s.path("score");
      String raw = v.isNumber() ? v.asText() : v.isTextual() ? v.asText() : "";
      add(out, wanted, i, raw, s.path("reason").asText(""));
    }
    return complete(out, wanted);
  }

  private static Map<Integer, Score> scoreLines(String text, List<Integer> wanted) throws MalformedOutputException {
    Map<Integer, Score> out = new HashMap<>();
    Matcher m = SCORE_LINE.matcher(text);
    while (m.find()) {
      add(out, wanted, Integer.parseInt(m.group(1)), m.group(2), m.group(3).strip());
    }
    if (out.isEmpty()) {
      throw new MalformedOutputException("the answer is neither a JSON object with \"scores\" nor one "
          + "\"Constraint N: Score: S/10\" line per constraint");
    }
    return complete(out, wanted);
  }

  private static void add(Map<Integer, Score> out, List<Integer> wanted, int i, String raw, String reason)
      throws MalformedOutputException {
    Matcher v = SCORE_TEXT.matcher(raw.strip());
    double score = v.matches() ? Double.parseDouble(v.group(1)) : -1;
    if (score < 0 || score > 10 || (v.group(2) != null && !"10".equals(v.group(2)))) {
      throw new MalformedOutputException("score for constraint " + i + " must be a number from 0 to 10");
    }
    if (!wanted.contains(i)) {
      return;
    }
    Score s = new Score(i, (int) Math.floor(score), "llm", reason);
    Score before = out.putIfAbsent(i, s);
    if (before != null && before.score() != s.score()) {
      throw new MalformedOutputException("constraint " + i + " has two different scores");
    }
  }

  private static Map<Integer, Score> complete(Map<Integer, Score> out, List<Integer> wanted)
      throws MalformedOutputException {
    for (int i : wanted) {
      if (!out.containsKey(i)) {
        throw new MalformedOutputException("no score for constraint " + i);
      }
    }
    return out;
  }
}
