package dev.tracegen.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.io.IoErrors;
import dev.tracegen.io.Locations;
import dev.tracegen.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a TRACE-layout eval file ({@code id, messages, description, constraints, input,
 * constraints_num, constraints_splits, levels2, category}): the official one or a build's
 * {@code trace_eval.jsonl}, from any file system Beam knows. Every problem is reported with its
 * line; a file with any bad row is refused as a whole, since a benchmark that silently skips rows
 * is not the benchmark.
 */
public final class EvalItems {
  private static final Pattern NUMBERING = Pattern.compile("^\\s*\\d{1,2}\\s*[.、)）]\\s*");

  private EvalItems() {}

  /** The items of {@code location}, in file order. */
  public static List<EvalItem> read(String location) {
    List<EvalItem> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Locations.open(location), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          EvalItem item = item(items.size(), Json.PLAIN.readTree(line));
          if (!ids.add(item.id())) {
            problems.add(location + ":" + lineNo + ": id " + item.id() + " appears twice");
          }
          items.add(item);
        } catch (IOException e) {
          problems.add(location + ":" + lineNo + ": not JSON: " + e.getMessage().split("\n")[0]);
        } catch (IllegalArgumentException e) {
          problems.add(location + ":" + lineNo + ": " + e.getMessage());
        }
        if (problems.size() >= 20) {
          problems.add("(stopped after 20 problems)");
          break;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--data=" + location + ": cannot read: " + IoErrors.describe(e), e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("--data=" + location + " is not a TRACE-layout eval file:\n  "
          + String.join("\n  ", problems));
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("--data=" + location + " holds no instructions");
    }
    return items;
  }

  /** One row; its user message is the instruction, else it is rendered from its parts as the official file does. */
  static EvalItem item(int position, JsonNode row) {
    if (!row.isObject()) {
      throw new IllegalArgumentException("a row must be a JSON object");
    }
    String id = row.path("id").asText("");
    if (id.isBlank()) {
      throw new IllegalArgumentException("no id");
    }
    List<String> constraints = new ArrayList<>();
    row.path("constraints_splits").forEach(c -> constraints.add(c.asText()));
    if (constraints.isEmpty() && !row.path("constraints").asText("").isBlank()) {
      for (String c : row.path("constraints").asText().split("\\R")) {
        if (!c.isBlank()) {
          constraints.add(c.strip());
        }
      }
    }
    if (constraints.isEmpty()) {
      throw new IllegalArgumentException("id " + id + ": no constraints (constraints_splits)");
    }
    List<String> levels2 = new ArrayList<>();
    row.path("levels2").forEach(l -> levels2.add(l.asText()));
    if (!levels2.isEmpty() && levels2.size() != constraints.size()) {
      throw new IllegalArgumentException("id " + id + ": " + levels2.size() + " levels2 labels for "
          + constraints.size() + " constraints");
    }
    int declared = row.path("constraints_num").asInt(constraints.size());
    if (declared != constraints.size()) {
      throw new IllegalArgumentException("id " + id + ": constraints_num " + declared + " but "
          + constraints.size() + " constraints");
    }
    String system = EvalItem.SYSTEM_PROMPT;
    String user = null;
    for (JsonNode m : row.path("messages")) {
      String role = m.path("role").asText();
      if (role.equals("system")) {
        system = m.path("content").asText();
      } else if (role.equals("user") && user == null) {
        user = m.path("content").asText();
      }
    }
    if (user == null || user.isBlank()) {
      user = render(row.path("description").asText(""), constraints, row.path("input").asText(""));
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("id " + id + ": no instruction (a user message, or description)");
    }
    return new EvalItem(position, id, system, user, constraints, levels2, row.path("category").asText(""));
  }

  /** The official layout: description, the numbered constraints one per line, then the input after "# Inputs:". */
  static String render(String description, List<String> constraints, String input) {
    StringBuilder sb = new StringBuilder(description.strip()).append('\n');
    for (int i = 0; i < constraints.size(); i++) {
      String c = constraints.get(i).strip();
      sb.append(NUMBERING.matcher(c).find() ? c : (i + 1) + ". " + c).append('\n');
    }
    if (!input.isBlank() && !input.equals("NULL")) {
      sb.append("# Inputs:\n").append(input.strip()).append('\n');
    }
    return sb.toString();
  }

  /** A constraint sentence without its leading number ("3. "). */
  static String unnumbered(String constraint) {
    return NUMBERING.matcher(constraint).replaceFirst("").strip();
  }
}
