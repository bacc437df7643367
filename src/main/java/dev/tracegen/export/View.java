package dev.tracegen.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import dev.tracegen.model.TraceRecord;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The derived views of the corpus (DESIGN section 6). Each view reads one split and turns a record
 * into one or more rows in a third-party layout. Rows are Java records with an explicit property
 * order, written with {@link Json#PLAIN}, so keys appear exactly as their consumer (TRACE eval
 * scripts, LLaMA-Factory, TRL-style DPO/SFT loaders, RLVR/GRPO reward functions) spells and orders
 * them.
 */
public enum View {
  TRACE_EVAL("trace_eval.jsonl", ExportFiles.EVAL, false),
  IOPO("iopo.json", ExportFiles.TRAIN, true),
  DPO("dpo.jsonl", ExportFiles.TRAIN, false),
  SFT("sft.jsonl", ExportFiles.TRAIN, false),
  VERIFIABLE("verifiable.jsonl", ExportFiles.TRAIN, false);

  static final String SYSTEM_PROMPT = "You are a helpful assistant.";
  static final String NO_INPUT = "NULL";
  static final String TRACE_TYPE = "trace";
  /** The namespace of {@code func_name} in {@code verifiable.jsonl}: {@code tracegen:<checker id>}. */
  static final String CHECK_PREFIX = "tracegen:";

  private final String fileName;
  private final String split;
  private final boolean jsonArray;

  View(String fileName, String split, boolean jsonArray) {
    this.fileName = fileName;
    this.split = split;
    this.jsonArray = jsonArray;
  }

  public String fileName() {
    return fileName;
  }

  String split() {
    return split;
  }

  /**
   * True for a single JSON array file (LLaMA-Factory reads {@code iopo.json} with {@code
   * json.load}); false for JSON Lines.
   */
  boolean jsonArray() {
    return jsonArray;
  }

  static List<View> forSplit(String split) {
    List<View> views = new ArrayList<>();
    for (View v : values()) {
      if (v.split.equals(split)) {
        views.add(v);
      }
    }
    return views;
  }

  static View byFileName(String fileName) {
    for (View v : values()) {
      if (v.fileName.equals(fileName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown view " + fileName);
  }

  /**
   * The rows (compact JSON, no line end) this view makes of one record; {@code checkerIds} maps a
   * dimension to its checker (the rule-checkable dimensions).
   */
  List<String> rows(
      TraceRecord r,
      Map<String, String> dimensionLabelsZh,
      Map<String, String> checkerIds,
      String category) {
    switch (this) {
      case TRACE_EVAL:
        return List.of(write(traceEval(r, dimensionLabelsZh, category)));
      case IOPO:
        return List.of(
            write(
                new IopoRow(
                    List.of(new Turn("human", r.x1().render()), new Turn("human", r.x2().render())),
                    new Turn("gpt", r.y1()),
                    new Turn("gpt", r.y2()))));
      case DPO:
        // Both directions of the quadruple: y1 is preferred on x1, y2 on x2.
        return List.of(
            write(new DpoRow(r.x1().render(), r.y1(), r.y2())),
            write(new DpoRow(r.x2().render(), r.y2(), r.y1())));
      case SFT:
        return List.of(
            write(
                new SftRow(
                    List.of(
                        new Message("user", r.x1().render()), new Message("assistant", r.y1())))),
            write(
                new SftRow(
                    List.of(
                        new Message("user", r.x2().render()), new Message("assistant", r.y2())))));
      case VERIFIABLE:
        return List.of(
            write(verifiable(r, "x1", r.x1(), r.y1(), checkerIds)),
            write(verifiable(r, "x2", r.x2(), r.y2(), checkerIds)));
      default:
        throw new AssertionError(this);
    }
  }

  static TraceEvalRow traceEval(TraceRecord r, Map<String, String> labels, String category) {
    Instruction x1 = r.x1();
    List<String> lines = x1.numberedConstraints();
    List<String> levels2 = new ArrayList<>();
    for (Constraint c : x1.constraints()) {
      // A dimension without a label is a taxonomy defect caught by validation; keep the id
      // rather than failing the whole export at its very end.
      levels2.add(labels.getOrDefault(c.dimension(), c.dimension()));
    }
    return new TraceEvalRow(
        r.id(),
        List.of(new Message("system", SYSTEM_PROMPT), new Message("user", x1.render())),
        TRACE_TYPE,
        x1.description(),
        String.join("\n", lines),
        x1.input().isBlank() ? NO_INPUT : x1.input(),
        lines.size(),
        lines,
        levels2,
        category);
  }

  /**
   * One instruction of a record as a verifiable prompt: each constraint of a dimension with a
   * checker becomes a check ({@code tracegen:<checker id>} and the constraint's params as kwargs,
   * exactly what the pipeline's checker reads), every other one is left to a judge. {@code
   * response} is the record's own answer to this instruction, which passed the pipeline's checks.
   */
  static VerifiableRow verifiable(
      TraceRecord r, String which, Instruction x, String response, Map<String, String> checkerIds) {
    List<Check> checks = new ArrayList<>();
    List<JudgeConstraint> judge = new ArrayList<>();
    for (int i = 0; i < x.constraints().size(); i++) {
      Constraint c = x.constraints().get(i);
      String checker = checkerIds.get(c.dimension());
      if (checker != null) {
        checks.add(new Check(i + 1, CHECK_PREFIX + checker, c.params(), c.dimension(), c.text()));
      } else {
        judge.add(new JudgeConstraint(i + 1, c.dimension(), c.text()));
      }
    }
    return new VerifiableRow(
        r.id() + ":" + which,
        r.id(),
        which,
        List.of(new Message("user", x.render())),
        checks,
        judge,
        response);
  }

  private static String write(Object row) {
    try {
      return Json.PLAIN.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chat message in the OpenAI layout. */
  @JsonPropertyOrder({"role", "content"})
  record Message(String role, String content) {}

  /** A sharegpt turn. */
  @JsonPropertyOrder({"from", "value"})
  record Turn(String from, String value) {}

  /** One row of the official TRACE evaluation file, keys in its order. */
  @JsonPropertyOrder({
    "id",
    "messages",
    "type",
    "description",
    "constraints",
    "input",
    "constraints_num",
    "constraints_splits",
    "levels2",
    "category"
  })
  record TraceEvalRow(
      String id,
      List<Message> messages,
      String type,
      String description,
      String constraints,
      String input,
      @JsonProperty("constraints_num") int constraintsNum,
      @JsonProperty("constraints_splits") List<String> constraintsSplits,
      List<String> levels2,
      String category) {}

  /** LLaMA-Factory sharegpt ranking sample: conversations [x1, x2], chosen y1, rejected y2. */
  @JsonPropertyOrder({"conversations", "chosen", "rejected"})
  record IopoRow(List<Turn> conversations, Turn chosen, Turn rejected) {}

  @JsonPropertyOrder({"prompt", "chosen", "rejected"})
  record DpoRow(String prompt, String chosen, String rejected) {}

  record SftRow(List<Message> messages) {}

  /**
   * A line of {@code verifiable.jsonl} (docs/verifiable.md): {@code id} is {@code <record
   * id>:x1} or {@code :x2}; {@code checks} and {@code judge} hold 1-based constraint positions.
   */
  @JsonPropertyOrder({"id", "record_id", "instruction", "messages", "checks", "judge", "response"})
  record VerifiableRow(
      String id,
      @JsonProperty("record_id") String recordId,
      String instruction,
      List<Message> messages,
      List<Check> checks,
      List<JudgeConstraint> judge,
      String response) {}

  /** A rule-checkable constraint: IFEval-style {@code func_name} and {@code kwargs}. */
  @JsonPropertyOrder({"index", "func_name", "kwargs", "dimension", "text"})
  record Check(
      int index, @JsonProperty("func_name") String funcName, Params kwargs, String dimension, String text) {}

  /** A constraint no program checks: a judge (an LLM) decides it. */
  @JsonPropertyOrder({"index", "dimension", "text"})
  record JudgeConstraint(int index, String dimension, String text) {}
}
