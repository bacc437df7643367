package dev.tracegen.config;

import com.google.common.hash.Hashing;
import dev.tracegen.io.IoErrors;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt templates, one file per LLM step in {@code prompts/}, with {@code {{var}}}
 * placeholders. Each template's hash goes into lineage and cache keys, so editing one prompt
 * invalidates that step only.
 */
public final class Prompts implements Serializable {
  public static final List<String> STEPS = List.of("expand", "structure", "quality", "respond", "judge", "perturb",
      "revise");
  private static final Pattern VAR = Pattern.compile("\\{\\{([a-z_]+)}}");

  /** The {@code {{vars}}} each step fills in (see the stages' {@code ctx.prompt} calls). */
  public static final Map<String, Set<String>> PROVIDED = Map.of(
      "expand", Set.of("seed", "input", "count", "constraints", "payload"),
      "structure", Set.of("instruction", "dimensions", "param_guide", "payload"),
      "quality", Set.of("description", "constraints", "input", "payload"),
      "respond", Set.of("instruction"),
      "judge", Set.of("instruction", "constraints", "response", "payload"),
      "perturb", Set.of("op", "hints", "instruction", "constraints", "payload"),
      "revise", Set.of("failures", "revision"));

  /**
   * The {@code {{vars}}} without which a step's answer means nothing (a judge that never sees the
   * response, an expansion that never sees the seed), with what each one carries. {@code payload}
   * is needed only where the embedded model answers, see {@link #problems(Path, Set)}.
   */
  public static final Map<String, Map<String, String>> REQUIRED = Map.of(
      "expand", Map.of("seed", "the seed task to expand", "input", "the seed's input, which the instruction must keep",
          "constraints", "the planned constraints to carry"),
      "structure", Map.of("instruction", "the instruction to split", "dimensions", "the dimension ids to label with",
          "param_guide", "the checker params to extract"),
      "quality", Map.of("description", "the description under review", "constraints", "the constraints under review",
          "input", "the input that makes the task complete"),
      "respond", Map.of("instruction", "the instruction to answer"),
      "judge", Map.of("instruction", "the instruction the response answers", "constraints", "the constraints to score",
          "response", "the response to score"),
      "perturb", Map.of("op", "the edit to make", "instruction", "the instruction to edit",
          "constraints", "the constraints to edit"),
      "revise", Map.of("failures", "what the judge found wrong with the answer"));

  /** Anything that looks like a placeholder, so that {@code {{ Seed }}} is caught too. */
  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{\\{([^{}\\n]{0,60})}}");
  private static final Pattern NAME = Pattern.compile("[a-z_]+");

  private final Map<String, String> templates;
  private final Map<String, String> hashes;
  private final String language;

  private Prompts(Map<String, String> templates, String language) {
    this.language = language;
    this.templates = new TreeMap<>(templates);
    this.hashes = new TreeMap<>();
    templates.forEach((k, v) -> hashes.put(k, Hashing.sha256().hashString(v, StandardCharsets.UTF_8).toString().substring(0, 12)));
  }

  /**
   * Where a language's templates live: {@code dir} itself for the default language (English),
   * {@code dir/<language>/} for any other, so adding a language is adding a directory.
   */
  public static Path directory(Path dir, String language) {
    return language.equals(Profile.DEFAULT_LANGUAGE) ? dir : dir.resolve(language);
  }

  /** The templates of {@code language} under {@code dir} (see {@link #directory}). */
  public static Prompts load(Path dir, String language) {
    return read(directory(dir, language), language);
  }

  /**
   * Names {@code language} in a payload block, so that a model that reads payloads (the embedded
   * generator behind {@code tracegen serve}) answers in it. English payloads stay as they were, and
   * so do the cache keys of English runs.
   */
  public static void markLanguage(com.fasterxml.jackson.databind.node.ObjectNode payload, String language) {
    if (!language.equals(Profile.DEFAULT_LANGUAGE)) {
      payload.put("language", language);
    }
  }

  /** The language the templates are written in (and the answers are asked for in). */
  public String language() {
    return language;
  }

  /** Loads the templates; a missing, unreadable or incomplete one is an error listing every problem. */
  public static Prompts load(Path dir) {
    return read(dir, Profile.DEFAULT_LANGUAGE);
  }

  private static Prompts read(Path dir, String language) {
    List<String> problems = problems(dir, Set.of());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid prompt templates:\n  " + String.join("\n  ", problems));
    }
    Map<String, String> t = new TreeMap<>();
    for (String step : STEPS) {
      Path f = dir.resolve(step + ".txt");
      try {
        t.put(step, Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException(f + ": cannot read prompt template: " + IoErrors.describe(e), e);
      }
    }
    return new Prompts(t, language);
  }

  /** Everything wrong with the templates of {@code language} under {@code dir}. */
  public static List<String> problems(Path dir, String language, Set<String> payloadSteps) {
    return problems(directory(dir, language), payloadSteps);
  }

  /**
   * Everything wrong with the templates in {@code dir}, as {@code file[:line]: problem}: missing or
   * unreadable files, malformed placeholders, placeholders the step does not fill, and required
   * placeholders that are absent ({@code payload} too for the steps in {@code payloadSteps}, those
   * the embedded model answers from its payload block).
   */
  public static List<String> problems(Path dir, Set<String> payloadSteps) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return List.of(dir + ": no prompt template directory (one file per step: "
          + String.join(", ", STEPS.stream().map(s -> s + ".txt").toList()) + ")");
    }
    for (String step : STEPS) {
      Path file = dir.resolve(step + ".txt");
      if (!Files.isRegularFile(file)) {
        out.add(file + ": missing prompt template for the " + step + " step");
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        out.add(file + ": cannot read prompt template: " + IoErrors.describe(e));
        continue;
      }
      Set<String> provided = PROVIDED.get(step);
      Set<String> used = new TreeSet<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ANY_PLACEHOLDER.matcher(lines.get(i));
        while (m.find()) {
          String name = m.group(1);
          if (!NAME.matcher(name).matches()) {
            out.add(file + ":" + (i + 1) + ": malformed placeholder {{" + name + "}} (use {{lower_case}}; it would be"
                + " sent to the model as it is)");
          } else if (!provided.contains(name)) {
            out.add(file + ":" + (i + 1) + ": unknown placeholder {{" + name + "}}; the " + step + " step provides "
                + new TreeSet<>(provided));
          } else {
            used.add(name);
          }
        }
      }
      Map<String, String> required = new TreeMap<>(REQUIRED.get(step));
      if (payloadSteps.contains(step)) {
        required.put("payload", "the structured copy the embedded model reads");
      }
      required.forEach((name, carries) -> {
        if (!used.contains(name)) {
          out.add(file + ": missing placeholder {{" + name + "}}: the " + step + " step needs " + carries);
        }
      });
    }
    return out;
  }

  public String hash(String step) {
    return hashes.get(step);
  }

  public Map<String, String> hashes() {
    return hashes;
  }

  /** Fills {@code {{var}}} placeholders; an unknown variable is an error, not silently kept. */
  public String render(String step, Map<String, String> vars) {
    String template = templates.get(step);
    Matcher m = VAR.matcher(template);
    // Values copied as they are (no replacement-string escaping): they are whole instructions and
    // answers, and every LLM request renders one.
    int valuesLength = vars.values().stream().mapToInt(v -> v == null ? 0 : v.length()).sum();
    StringBuilder sb = new StringBuilder(template.length() + valuesLength);
    int last = 0;
    while (m.find()) {
      String v = vars.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException("prompt '" + step + "' uses {{" + m.group(1) + "}} which the step does not provide");
      }
      sb.append(template, last, m.start()).append(v);
      last = m.end();
    }
    sb.append(template, last, template.length());
    return sb.toString();
  }
}
