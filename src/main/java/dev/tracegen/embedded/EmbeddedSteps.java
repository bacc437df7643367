package dev.tracegen.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** How the simulator answers each structured prompt, reading the prompt's payload. */
final class EmbeddedSteps {
  private static final Pattern NUMBERED = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s+");
  private static final Pattern REFERS_TO_INPUT = Pattern.compile(
      "(?i)\\b(the following|below|given (text|passage|table|list|data|code)|this (passage|text|table|list|code|data|paragraph|email|poem)|the input)\\b"
      + "|以下|下面(?:的|这)|下列|给定的|上述|所给|输入的");

  private EmbeddedSteps() {}

  record ParsedInstruction(String description, List<String> constraints, List<PhrasingMatch> matches, String input) {}

  /** Splits an instruction in the official layout (or our expand output) into its parts. */
  static ParsedInstruction parseInstruction(Taxonomy taxonomy, String instruction) {
    String[] lines = instruction.strip().split("\n", -1);
    String description = lines.length == 0 ? "" : lines[0].strip();
    List<String> constraints = new ArrayList<>();
    List<PhrasingMatch> matches = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    boolean inInput = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (!inInput && line.strip().equals("# Inputs:")) {
        inInput = true;
        continue;
      }
      if (inInput) {
        input.append(input.length() > 0 ? "\n" : "").append(line);
      } else if (!line.isBlank()) {
        String text = NUMBERED.matcher(line).replaceFirst("").strip();
        constraints.add(text);
        matches.add(taxonomy.read(text));
      }
    }
    return new ParsedInstruction(description, constraints, matches, input.toString().strip());
  }

  static String expand(JsonNode p) {
    return expand(p, Voice.ENGLISH);
  }

  static String expand(JsonNode p, Voice voice) {
    String seed = p.path("seed").asText().strip();
    String key = p.path("key").asText();
    List<String> contexts = voice.contexts();
    String context = contexts.get(Hashes.pick(contexts.size(), key, "context"));
    String base = ResponseWriter.stripEnd(seed);
    String description;
    if (voice.spaced()) {
      description = seed.endsWith("?") ? seed + " Answer it " + context + "." : base + ", " + context + ".";
    } else {
      description = seed.endsWith("？") || seed.endsWith("?") ? seed + "（" + context + "）" : base + "，" + context + "。";
    }
    StringBuilder sb = new StringBuilder(description).append('\n');
    TaskWords words = TaskWords.of(seed, voice);
    List<String> used = new ArrayList<>();
    int i = 0;
    for (JsonNode c : p.path("constraints")) {
      sb.append(fill(c.path("text").asText(), c.path("dimension").asText(), c.path("choose"), words, used,
          key + "|" + i++, voice.fallbackTerms())).append('\n');
    }
    String input = p.path("input").asText();
    if (!input.isBlank()) {
      sb.append("# Inputs:\n").append(input).append('\n');
    }
    return sb.toString();
  }

  /**
   * Fills the params a plan left open: a task word (a different one per constraint) or a number
   * in the allowed range and step, each chosen by hash of the plan and the constraint's position.
   */
  static String fill(String text, String dimension, JsonNode choose, TaskWords words, List<String> used, String key,
      List<String> fallbackTerms) {
    String out = text;
    for (Iterator<Map.Entry<String, JsonNode>> it = choose.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode spec = e.getValue();
      String value;
      if ("NUMBER".equals(spec.path("kind").asText())) {
        int min = spec.path("min").asInt();
        int step = Math.max(1, spec.path("step").asInt(1));
        int choices = (spec.path("max").asInt() - min) / step + 1;
        value = String.valueOf(min + step * Hashes.pick(Math.max(1, choices), key, e.getKey()));
      } else {
        // "Do not use the word X" forbids a word; the other choices may name a short phrase.
        value = words.pick(key + "|" + e.getKey(), used, fallbackTerms, !"exclusion".equals(dimension));
        used.add(value);
      }
      out = out.replace("{" + e.getKey() + "}", value);
    }
    return out;
  }

  static String structure(Taxonomy taxonomy, JsonNode p) {
    ParsedInstruction parsed = parseInstruction(taxonomy, p.path("instruction").asText());
    ObjectNode out = EmbeddedChatModel.object();
    out.put("description", parsed.description());
    ArrayNode cs = out.putArray("constraints");
    for (int i = 0; i < parsed.constraints().size(); i++) {
      PhrasingMatch m = parsed.matches().get(i);
      ObjectNode c = cs.addObject();
      c.put("text", parsed.constraints().get(i));
      c.put("dimension", m == null ? "unknown" : m.dimension().id());
      c.set("params", Json.PLAIN.valueToTree(m == null ? Params.EMPTY : m.params()));
    }
    out.put("input", parsed.input());
    return out.toString();
  }

  static String quality(JsonNode p) {
    return quality(p, Voice.ENGLISH);
  }

  static String quality(JsonNode p, Voice voice) {
    String description = p.path("description").asText();
    String input = p.path("input").asText();
    boolean complete = !(input.isBlank() && REFERS_TO_INPUT.matcher(description).find());
    boolean redundant = false;
    List<String> seen = new ArrayList<>();
    for (JsonNode c : p.path("constraints")) {
      String t = normal(c.asText());
      redundant |= t.equals(normal(description)) || seen.contains(t);
      seen.add(t);
    }
    ObjectNode out = EmbeddedChatModel.object();
    out.put("complete", complete);
    out.put("redundant", redundant);
    JudgeWords words = voice.judgeWords();
    out.put("reason", !complete ? words.missingInput() : redundant ? words.redundant() : words.sound());
    return out.toString();
  }

  static String judge(Taxonomy taxonomy, Checkers checkers, JsonNode p, Voice voice) {
    JudgeWords words = voice.judgeWords();
    String response = p.path("response").asText();
    // Text the answer copies from the instruction is no evidence; without the instruction, the
    // constraint sentences are what it could copy.
    StringBuilder copyable = new StringBuilder(p.path("instruction").asText());
    p.path("constraints").forEach(c -> copyable.append('\n').append(c.path("text").asText()));
    String instruction = copyable.toString();
    ObjectNode out = EmbeddedChatModel.object();
    ArrayNode scores = out.putArray("scores");
    int total = 0;
    int n = 0;
    for (JsonNode c : p.path("constraints")) {
      String text = c.path("text").asText();
      Dimension d = taxonomy.dimension(c.path("dimension").asText());
      Params params = d == null || !d.hasChecker() ? null : Json.PLAIN.convertValue(c.path("params"), Params.class);
      Decision decision = decide(taxonomy, checkers, d, params, text, response, instruction, words);
      int score = decision.decided() ? decision.score() : 0;
      ObjectNode s = scores.addObject();
      s.put("constraint", c.path("index").asInt());
      s.put("score", score);
      s.put("reason", decision.reason());
      total += score;
      n++;
    }
    out.put("overall", n == 0 ? 0 : Math.round(total * 10.0 / n) / 10.0);
    return out.toString();
  }

  /** A constraint's score (10 met; 0 failed by a checker, 2 by a judging rule) and why; undecided when no rule tells. */
  record Decision(boolean decided, int score, String reason) {}

  /**
   * How the embedded judge scores constraint {@code text} of dimension {@code d}: by the dimension's
   * checker with {@code params} when it has one, else by the judging rule of the phrasing the text
   * is written in ({@link JudgeRules}).
   */
  private static Decision decide(Taxonomy taxonomy, Checkers checkers, Dimension d, Params params, String text,
      String response, String instruction, JudgeWords words) {
    Optional<Checker> checker = d == null || !d.hasChecker() || params == null ? Optional.empty()
        : checkers.get(d.checker());
    if (checker.isPresent()) {
      CheckResult r = checker.get().check(new Constraint("", d.type(), d.id(), text, params), response);
      return new Decision(true, r.pass() ? 10 : 0, words.checker(r.pass(), words.label(d), r.reason()));
    }
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(text), response, instruction, words);
    return new Decision(v.decided(), v.pass() ? 10 : 2, v.reason());
  }

  /**
   * What the benchmark judge ({@code tracegen eval}) gives a constraint that no checker or rule
   * decides (one written in words of its own, as the official set's are): the middle of the scale,
   * so that such constraints neither pass nor sink an answer.
   */
  static final int UNDECIDED_EVAL_SCORE = 5;

  /**
   * The benchmark judge: the official text layout, an explanation and a score per constraint, then
   * {@code Constraints Overall Score: [[d]]}, the floor of the constraints' mean (10 only when every
   * constraint scored 10). A constraint written in one of the taxonomy's phrasings is decided by its
   * checker (parameters read back from the text) or rule, as in a build.
   */
  static String evalJudge(Taxonomy taxonomy, Checkers checkers, JsonNode p, Voice voice) {
    JudgeWords words = voice.judgeWords();
    String response = p.path("response").asText();
    // The rendered instruction holds every constraint: text the answer copies from it is no evidence.
    String instruction = p.path("instruction").asText();
    StringBuilder out = new StringBuilder();
    int total = 0;
    int n = 0;
    for (JsonNode c : p.path("constraints")) {
      String text = c.path("text").asText();
      PhrasingMatch m = taxonomy.read(text);
      Decision decision = decide(taxonomy, checkers, m == null ? null : m.dimension(), m == null ? null : m.params(),
          text, response, instruction, words);
      int score = decision.decided() ? decision.score() : UNDECIDED_EVAL_SCORE;
      int index = c.path("index").asInt();
      out.append(String.format(Locale.ROOT, words.constraintExplanation(), index, decision.reason()))
          .append('\n')
          .append(String.format(Locale.ROOT, words.constraintScore(), index, score)).append('\n');
      total += score;
      n++;
    }
    return out.append("Constraints Overall Score: [[").append(n == 0 ? 0 : total / n).append("]]").toString();
  }

  /** One constraint as the perturber sees it. */
  private record Item(String text, String dimension, Params params, PhrasingMatch match) {}

  static String perturb(Taxonomy taxonomy, JsonNode p) {
    String op = p.path("op").asText();
    String key = p.path("key").asText() + "|" + op;
    boolean hasInput = !p.path("input").asText().isBlank();
    List<Item> items = new ArrayList<>();
    for (JsonNode c : p.path("constraints")) {
      String text = c.path("text").asText();
      Params params = Json.PLAIN.convertValue(c.path("params"), Params.class);
      items.add(new Item(text, c.path("dimension").asText(), params, taxonomy.match(text)));
    }
    List<Integer> revisable = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      PhrasingMatch m = items.get(i).match();
      if (m != null && m.dimension().revisable() && !m.phrasing().reviseTo().isEmpty()) {
        revisable.add(i);
      }
    }
    List<Item> next = new ArrayList<>(items);
    List<Integer> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    if (!revisable.isEmpty()) {
      int r = revisable.get(Hashes.pick(revisable.size(), key, "revise"));
      next.set(r, revise(taxonomy, items.get(r), key + "|r"));
      changed.add(r);
      if ("REVISE".equals(op) && revisable.size() >= 4) {
        int r2 = revisable.get(Hashes.pick(revisable.size(), key, "revise2"));
        if (r2 != r) {
          next.set(r2, revise(taxonomy, items.get(r2), key + "|r2"));
          changed.add(r2);
        }
      }
      if ("DELETE".equals(op) && items.size() >= 2) {
        int d = Hashes.pick(items.size() - 1, key, "delete");
        d = d >= r ? d + 1 : d;
        removed.add(items.get(d).text());
        next.set(d, null);
      }
      if ("ADD".equals(op)) {
        Item added = add(taxonomy, next, hasInput, key);
        if (added != null) {
          next.add(added);
          changed.add(next.size() - 1);
        }
      }
    }
    ObjectNode out = EmbeddedChatModel.object();
    ArrayNode cs = out.putArray("constraints");
    ArrayNode ch = out.putArray("changed");
    int pos = 0;
    for (int i = 0; i < next.size(); i++) {
      Item it = next.get(i);
      if (it == null) {
        continue;
      }
      pos++;
      ObjectNode c = cs.addObject();
      c.put("text", it.text());
      c.put("dimension", it.dimension());
      c.set("params", Json.PLAIN.valueToTree(it.params()));
      if (changed.contains(i)) {
        ch.add(pos);
      }
    }
    ArrayNode rm = out.putArray("removed");
    removed.forEach(rm::add);
    return out.toString();
  }

  private static Item revise(Taxonomy taxonomy, Item item, String key) {
    PhrasingMatch m = item.match();
    List<String> targets = m.phrasing().reviseTo();
    String target = targets.get(Hashes.pick(targets.size(), key, "target"));
    Dimension dim = m.dimension();
    Phrasing phrasing = m.phrasing();
    if (!target.equals("other_option")) {
      String[] parts = target.split("/", 2);
      dim = taxonomy.dimension(parts[0]);
      phrasing = dim.phrasing(parts[1]);
    }
    List<Params> options = new ArrayList<>();
    for (Params o : phrasing.options()) {
      if (!Phrasing.fill(phrasing.text(), o).equals(item.text())) {
        options.add(o);
      }
    }
    // A count revised within the original range would let the new answer meet the old constraint
    // too; a range that excludes the original's is preferred when the phrasing has one.
    if (target.equals("other_option")) {
      List<Params> apart = options.stream().filter(o -> disjoint(o, m.params())).toList();
      if (!apart.isEmpty()) {
        options = apart;
      }
    }
    Params params = options.get(Hashes.pick(options.size(), key, "option"));
    // Flipping a requirement into its opposite keeps its subject (the same keyword).
    if (!target.equals("other_option") && params.has("keyword") && m.params().has("keyword")) {
      params = params.with("keyword", m.params().get("keyword"));
    }
    return new Item(Phrasing.fill(phrasing.text(), params), dim.id(), params, new PhrasingMatch(dim, phrasing, params));
  }

  /** Whether two numeric ranges ({@code min}/{@code max}, either open) share no value; false when either has none. */
  static boolean disjoint(Params a, Params b) {
    if (!(a.has("min") || a.has("max")) || !(b.has("min") || b.has("max"))) {
      return false;
    }
    double aMin = number(a, "min", Double.NEGATIVE_INFINITY);
    double aMax = number(a, "max", Double.POSITIVE_INFINITY);
    double bMin = number(b, "min", Double.NEGATIVE_INFINITY);
    double bMax = number(b, "max", Double.POSITIVE_INFINITY);
    return aMax < bMin || bMax < aMin;
  }

  private static double number(Params p, String name, double absent) {
    return p.get(name) instanceof Number n ? n.doubleValue() : absent;
  }

  private static Item add(Taxonomy taxonomy, List<Item> current, boolean hasInput, String key) {
    List<String> present = new ArrayList<>();
    List<String> blocked = new ArrayList<>();
    for (Item it : current) {
      if (it != null && it.match() != null) {
        present.add(it.match().dimension().id());
        blocked.addAll(it.match().dimension().conflictsWith());
        blocked.addAll(it.match().phrasing().conflictsWith());
      }
    }
    List<Dimension> candidates = new ArrayList<>();
    double total = 0;
    for (Dimension d : taxonomy.dimensions()) {
      boolean conflicts = blocked.contains(d.id()) || d.conflictsWith().stream().anyMatch(present::contains);
      if (present.contains(d.id()) || conflicts || d.providesInput() || (d.needsInput() && !hasInput) || d.weight() <= 0) {
        continue;
      }
      candidates.add(d);
      total += d.weight();
    }
    if (candidates.isEmpty()) {
      return null;
    }
    double x = Hashes.unit(key, "add") * total;
    Dimension chosen = candidates.get(candidates.size() - 1);
    for (Dimension d : candidates) {
      x -= d.weight();
      if (x < 0) {
        chosen = d;
        break;
      }
    }
    List<Phrasing> phrasings = chosen.phrasings().stream()
        .filter(ph -> ph.conflictsWith().stream().noneMatch(present::contains)).toList();
    if (phrasings.isEmpty()) {
      return null;
    }
    Phrasing ph = phrasings.get(Hashes.pick(phrasings.size(), key, "add-phrasing"));
    Params params = ph.options().get(Hashes.pick(ph.options().size(), key, "add-option"));
    return new Item(Phrasing.fill(ph.text(), params), chosen.id(), params, new PhrasingMatch(chosen, ph, params));
  }

  private static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
