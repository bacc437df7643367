package dev.tracegen.eval;

import java.io.Serializable;
import java.util.List;

/**
 * One instruction of a TRACE-layout eval file.
 *
 * @param position the row's place in the file (0-based): results keep the file's order
 * @param id the row's {@code id}
 * @param system the system prompt the model under test gets (the official file's, else the paper's)
 * @param instruction the user message the model under test answers, as the file renders it
 * @param constraints the constraint sentences ({@code constraints_splits}), numbering kept as written
 * @param levels2 each constraint's dimension label, as in the file (the official Chinese labels)
 * @param category the row's {@code category}; empty when it has none
 */
public record EvalItem(int position, String id, String system, String instruction, List<String> constraints, List<String> levels2,
    String category) implements Serializable {

  /** The paper's system prompt for the model under test. */
  public static final String SYSTEM_PROMPT = "You are a helpful assistant.";

  public EvalItem {
    constraints = List.copyOf(constraints);
    levels2 = List.copyOf(levels2);
    category = category == null ? "" : category;
  }

  /** How many constraints the instruction carries. */
  public int count() {
    return constraints.size();
  }
}
