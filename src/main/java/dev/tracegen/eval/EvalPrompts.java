package dev.tracegen.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import dev.tracegen.config.Prompts;
import dev.tracegen.io.IoErrors;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The judge prompt of {@code tracegen eval}, {@code eval_judge.txt} in the language's prompt
 * directory ({@code prompts/} for English, {@code prompts/zh/} for Chinese): the official
 * structure (an explanation and a 0-10 score per constraint, then {@code Constraints Overall
 * Score: [[d]]}) with one worked example. Its placeholders are {@code {{instruction}}, {{constraints}},
 * {{response}}} and {@code {{payload}}} (the same data as JSON, which the embedded judge reads).
 */
public final class EvalPrompts implements Serializable {
  public static final String FILE = "eval_judge.txt";
  /** The step id of the judge's requests: counters, cache keys and the payload. */
  public static final String JUDGE_STEP = "eval_judge";
  /** The step id of the model under test's requests. */
  public static final String ANSWER_STEP = "eval_answer";
  private static final Set<String> PLACEHOLDERS = Set.of("instruction", "constraints", "response", "payload");
  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{\\{([^{}\\n]{0,60})}}");

  private final String template;
  private final String language;
  private final String hash;

  private EvalPrompts(String template, String language) {
    this.template = template;
    this.language = language;
    this.hash = Hashing.sha256().hashString(template, StandardCharsets.UTF_8).toString().substring(0, 12);
  }

  /** The judge prompt of {@code language} under {@code dir}; a missing file or placeholder is an error naming it. */
  public static EvalPrompts load(Path dir, String language) {
    Path file = Prompts.directory(dir, language).resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": missing judge prompt of tracegen eval for language " + language);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
    List<String> problems = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    Matcher m = ANY_PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (PLACEHOLDERS.contains(m.group(1))) {
        used.add(m.group(1));
      } else {
        problems.add("unknown placeholder {{" + m.group(1) + "}}; the judge prompt provides " + new TreeSet<>(PLACEHOLDERS));
      }
    }
    for (String p : new TreeSet<>(PLACEHOLDERS)) {
      if (!used.contains(p)) {
        problems.add("missing placeholder {{" + p + "}}");
      }
    }
    if (!text.contains("Constraints Overall Score: [[")) {
      problems.add("the prompt must ask for the official last line \"Constraints Overall Score: [[d]]\"");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file + ":\n  " + String.join("\n  ", problems));
    }
    return new EvalPrompts(text, language);
  }

  public String language() {
    return language;
  }

  /** The template's hash, for the results' provenance. */
  public String hash() {
    return hash;
  }

  /** The judge prompt for {@code response} to {@code item}. */
  public String judge(EvalItem item, String response) {
    StringBuilder constraints = new StringBuilder();
    ObjectNode payload = Json.PLAIN.createObjectNode();
    payload.put("step", JUDGE_STEP);
    Prompts.markLanguage(payload, language);
    payload.put("instruction", item.instruction());
    ArrayNode list = payload.putArray("constraints");
    for (int i = 0; i < item.count(); i++) {
      String text = EvalItems.unnumbered(item.constraints().get(i));
      constraints.append(constraints.length() == 0 ? "" : "\n").append(i + 1).append(". ").append(text);
      list.addObject().put("index", i + 1).put("text", text);
    }
    payload.put("response", response);
    Map<String, String> vars = Map.of("instruction", item.instruction().strip(),
        "constraints", constraints.toString(), "response", response, "payload", payload.toString());
    // One pass, so that a placeholder written in the data is left as it is.
    Matcher m = ANY_PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + response.length() * 2 + 1024);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The language an eval file is written in: Chinese when Han characters make up at least 30 % of
   * the letters of its instructions, else English.
   */
  public static String language(List<EvalItem> items) {
    long letters = 0;
    long han = 0;
    for (EvalItem item : items) {
      for (int cp : item.instruction().codePoints().toArray()) {
        if (Character.isLetter(cp)) {
          letters++;
          if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
            han++;
          }
        }
      }
    }
    return letters > 0 && han >= 0.3 * letters ? "zh" : "en";
  }
}
