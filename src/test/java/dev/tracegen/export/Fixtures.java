package dev.tracegen.export;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Lineage;
import dev.tracegen.model.Params;
import dev.tracegen.model.Perturbation;
import dev.tracegen.model.Score;
import dev.tracegen.model.Spend;
import dev.tracegen.model.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Synthetic records for export tests: both splits, 1..15 constraints, some with an input. */
public final class Fixtures {
  static final String[][] DIMENSIONS = {
    {"inclusion", "content"},
    {"numerical", "content"},
    {"tone_style", "style"},
    {"output_format", "format"},
    {"role_playing", "situation"},
    {"positive_example", "example"},
  };
  static final Map<String, String> LABELS_ZH =
      Map.of(
          "inclusion", "包含约束",
          "numerical", "数值约束",
          "tone_style", "语气风格约束",
          "output_format", "输出格式约束",
          "role_playing", "角色扮演约束",
          "positive_example", "正例约束");
  /** The dimensions above with a checker, as the taxonomy names them. */
  static final Map<String, String> CHECKER_IDS =
      Map.of("inclusion", "inclusion", "numerical", "numerical", "output_format", "output_format");
  static final String CATEGORY = "tracegen1.0";
  static final String[] OPS = {"ADD", "DELETE", "REVISE"};

  private Fixtures() {}

  /** {@code n} records; every third is eval; record i has {@code 1 + i % 15} constraints. */
  static List<TraceRecord> records(int n) {
    List<TraceRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(record(i, i % 3 == 0 ? "eval" : "train", 1 + i % 15, i % 4 == 0));
    }
    return out;
  }

  public static TraceRecord record(int i, String split, int k, boolean withInput) {
    List<Constraint> cs = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      String[] d = DIMENSIONS[(i + j) % DIMENSIONS.length];
      Params params = Params.of("n", j + 2, "keyword", "kw" + j);
      cs.add(
          new Constraint(
              "c" + (j + 1),
              d[1],
              d[0],
              "Constraint " + (j + 1) + " on " + d[0] + " \"q\";",
              params));
    }
    String input = withInput ? "Some input text for record " + i + ".\nSecond line — café ✓" : "";
    Instruction x1 = new Instruction("Write about topic " + i + " (主题 " + i + ")", cs, input);
    List<Constraint> cs2 = new ArrayList<>(cs);
    cs2.set(
        k - 1,
        new Constraint(
            "c" + k + "r",
            cs.get(k - 1).type(),
            cs.get(k - 1).dimension(),
            "Revised constraint " + k,
            Params.EMPTY));
    Instruction x2 = new Instruction(x1.description(), cs2, input);
    Judgement full = new Judgement(List.of(new Score(1, 10, "llm", "ok")), 10.0);
    Judgement fail = new Judgement(List.of(new Score(k, 3, "checker:x", "violated")), 6.5);
    Map<String, Judgement> js = new TreeMap<>();
    js.put(TraceRecord.Y1_X1, full);
    js.put(TraceRecord.Y2_X2, full);
    // The LLM judge was asked about these checker verdicts too: it agrees on y1|x2, not on y2|x1.
    js.put(TraceRecord.Y1_X2, new Judgement(List.of(fail.scores().get(0).withJudgeScore(2)), fail.overall()));
    js.put(TraceRecord.Y2_X1, new Judgement(List.of(fail.scores().get(0).withJudgeScore(10)), fail.overall()));
    return new TraceRecord(
        String.format("rec-%03d", i),
        "seed-" + (i / 2),
        split,
        x1,
        "Answer one for record " + i + " with some words" + " more".repeat(i % 5),
        x2,
        "Answer two for record " + i + " here",
        new Perturbation(OPS[i % 3], List.of(k), List.of()),
        js,
        k,
        new Lineage("embedded", "embedded", Map.of("expand", "abc123"), 5 + i,
            new Spend(Map.of("expand", new Spend.Step(5 + i, 100L * (5 + i), 40L * (5 + i))))));
  }
}
