package dev.tracegen.stage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stages of the flow in pipeline order: the one list that the pipeline, the funnel, the
 * progress line, the report and the card read. Immutable; {@link #TRACE} is the flow tracegen
 * runs, and {@link #with} gives a list with one more stage (a test's dummy stage, a new step).
 */
public final class Stages implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final Stage READ_SEEDS = new Stage("read_seeds", "ReadSeeds", "seeds", "Read seeds",
      "seed files are parsed and validated; bad lines are rejected with file and line.", Stage.Kind.SEEDS);
  public static final Stage PLAN = new Stage("plan", "Plan", "plan", "Plan",
      "draw the constraint count and dimensions for each seed from hashes of the run seed.", Stage.Kind.SEEDS);
  public static final Stage EXPAND = new Stage("expand", "Expand", "expand", "Expand",
      "an LLM rewrites the simple seed into one complex instruction with those constraints.", Stage.Kind.CANDIDATES);
  public static final Stage SCREEN = new Stage("screen", "Screen", "screen", "Screen",
      "train instructions that already share a long n-gram with an eval task or an external benchmark are dropped"
          + " before they are answered (decontamination after selection stays the final check).",
      Stage.Kind.CANDIDATES);
  public static final Stage STRUCTURE = new Stage("structure", "Structure", "structure", "Structure",
      "the LLM splits it into description, labelled constraints and input; parameters are checked against the text.",
      Stage.Kind.CANDIDATES);
  public static final Stage QUALITY = new Stage("quality", "QualityCheck", "quality", "Quality check",
      "completeness, redundancy and rule checks.", Stage.Kind.CANDIDATES);
  public static final Stage RESPOND_Y1 = new Stage("respond_y1", "RespondY1", "y1", "Respond (y1)",
      "the generator answers x1.", Stage.Kind.CANDIDATES);
  public static final Stage JUDGE_Y1 = new Stage("judge_y1", "JudgeY1", "judge", "Judge (y1 on x1)",
      "every constraint must score 10/10; programmatic checkers decide the constraints they cover.",
      Stage.Kind.CANDIDATES);
  public static final Stage PERTURB = new Stage("perturb", "Perturb", "perturb", "Perturb",
      "add, delete or revise constraints so that y1 no longer complies (x2).", Stage.Kind.CANDIDATES);
  public static final Stage RESPOND_Y2 = new Stage("respond_y2", "RespondY2", "y2", "Respond (y2)",
      "the generator answers x2.", Stage.Kind.CANDIDATES);
  public static final Stage JUDGE_Y2 = new Stage("judge_y2", "JudgeY2", "judge", "Judge (y2 on x2)",
      "as for y1: every constraint of x2 must score 10/10.", Stage.Kind.CANDIDATES);
  public static final Stage CROSS_JUDGE = new Stage("cross_judge", "CrossJudge", "cross", "Cross-judge",
      "y1 must fail x2 and y2 must fail x1.", Stage.Kind.CANDIDATES);
  public static final Stage DEDUP = new Stage("dedup", "Dedup", "dedup", "Dedup",
      "exact, near-duplicate (MinHash/LSH) and, when enabled, semantic (embedding) duplicates are removed.",
      Stage.Kind.RECORDS);
  public static final Stage SPLIT = new Stage("split", "Split", "split", "Split",
      "eval comes from held-out seeds; no duplicate cluster straddles the split.", Stage.Kind.RECORDS);
  public static final Stage DECONTAMINATE = new Stage("decontaminate", "Decontaminate", "decontaminate",
      "Decontaminate", "train records sharing long n-grams with an eval task or an external benchmark are dropped.",
      Stage.Kind.RECORDS);
  public static final Stage SELECT = new Stage("select", "Select", "select", "Select",
      "exact counts per split and constraint-count stratum, chosen by hash.", Stage.Kind.RECORDS);

  public static final Stage EVAL_ANSWER = new Stage("eval_answer", "AnswerInstructions", "answer", "Answer",
      "the model under test answers each instruction of the eval file.", Stage.Kind.CANDIDATES);
  public static final Stage EVAL_JUDGE = new Stage("eval_judge", "JudgeAnswers", "judge", "Judge",
      "the judge scores each constraint 0-10 and the answer as a whole, in the official format.",
      Stage.Kind.CANDIDATES);

  /** The flow of {@code tracegen eval}. */
  public static final Stages EVAL = new Stages(List.of(EVAL_ANSWER, EVAL_JUDGE));

  /** The flow tracegen runs. */
  public static final Stages TRACE = new Stages(List.of(READ_SEEDS, PLAN, EXPAND, SCREEN, STRUCTURE, QUALITY, RESPOND_Y1,
      JUDGE_Y1, PERTURB, RESPOND_Y2, JUDGE_Y2, CROSS_JUDGE, DEDUP, SPLIT, DECONTAMINATE, SELECT));

  private final List<Stage> all;

  private Stages(List<Stage> all) {
    List<String> ids = all.stream().map(Stage::id).toList();
    if (ids.stream().distinct().count() != ids.size()) {
      throw new IllegalArgumentException("stage ids repeat: " + ids);
    }
    this.all = List.copyOf(all);
  }

  /** Every stage in pipeline order. */
  public List<Stage> all() {
    return all;
  }

  /** The stages that candidates pass through (the LLM part), in order. */
  public List<Stage> candidateStages() {
    return all.stream().filter(Stage::isCandidateStage).toList();
  }

  /** The stages of the funnel: every stage after seed reading, in order. */
  public List<String> funnelIds() {
    return all.stream().filter(s -> s != READ_SEEDS).map(Stage::id).toList();
  }

  public Optional<Stage> byId(String id) {
    return all.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** This list with {@code extra} inserted just before the stage {@code beforeId}. */
  public Stages with(Stage extra, String beforeId) {
    List<Stage> out = new ArrayList<>(all);
    int at = out.indexOf(byId(beforeId).orElseThrow(() -> new IllegalArgumentException("no stage " + beforeId)));
    out.add(at, extra);
    return new Stages(out);
  }
}
