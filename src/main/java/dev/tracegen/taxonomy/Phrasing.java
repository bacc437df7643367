package dev.tracegen.taxonomy;

import dev.tracegen.model.Choice;
import dev.tracegen.model.Params;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way of stating a dimension: a text with {@code {param}} placeholders and the parameter sets
 * ({@code options}) it may be instantiated with. Params in {@code choose} are left open by the plan
 * and chosen by the generator to fit the task (the options' values then serve as examples).
 * {@code evidence} and {@code respond} serve the embedded simulator (what a compliant answer
 * visibly shows, and the sentence it writes); {@code judge}, when not null, replaces
 * {@code evidence} with the rule its embedded judge applies.
 */
public record Phrasing(
    String id,
    String text,
    String evidence,
    String respond,
    String input,
    List<Params> options,
    List<String> conflictsWith,
    List<String> reviseTo,
    Map<String, Choice> choose,
    int line,
    JudgeRule judge)
    implements Serializable {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  public Phrasing {
    options = List.copyOf(options);
    conflictsWith = List.copyOf(conflictsWith);
    reviseTo = List.copyOf(reviseTo);
    choose = choose == null ? Map.of() : Map.copyOf(choose);
    evidence = evidence == null ? "" : evidence;
    respond = respond == null ? "" : respond;
    input = input == null ? "" : input;
  }

  /** Replaces every {@code {name}} in {@code template} with the param of that name. */
  public static String fill(String template, Params params) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      Object v = params.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The placeholder names used in {@code template}. */
  public static List<String> placeholders(String template) {
    return PLACEHOLDER.matcher(template).results().map(r -> r.group(1)).toList();
  }
}
