package dev.tracegen.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.check.TextMetrics;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A layer over the faithful simulator that answers the way real models do: it first "reads" the
 * prompt (undoing its own paraphrases, as a model understands a reworded constraint), lets the
 * faithful simulator answer, then, each habit at its rate and by a hash of the conversation,
 * dresses JSON in fences and prose, writes sloppy JSON, rewords constraints, gets a parameter
 * wrong, misses counts, ignores prohibitions, refuses, answers in French or Spanish, answers the
 * judge in other formats, or runs out of tokens. Deterministic: the same conversation always gets
 * the same answer.
 */
final class RealisticPersona {
  /** The refusals the persona gives; the pipeline's refusal patterns must recognise each. */
  static final List<String> REFUSALS = List.of(
      "I'm sorry, but I can't help with that request.",
      "I'm sorry, but I cannot assist with this request.",
      "I apologize, but I can't provide a response to this.");

  static final List<String> FRENCH = List.of(
      "Cette réponse traite la demande avec soin et dans le bon ordre.",
      "Il est utile de séparer ce que nous savons de ce que nous supposons.",
      "Les exemples concrets expliquent souvent plus que les longues déclarations.",
      "Une approche simple est souvent le meilleur point de départ.",
      "Un court résumé à la fin aide à retenir les points principaux.");

  static final List<String> SPANISH = List.of(
      "Esta respuesta trata la petición con cuidado y en el orden correcto.",
      "Es útil separar lo que sabemos de lo que solo suponemos.",
      "Los ejemplos concretos suelen explicar más que las largas declaraciones.",
      "Un enfoque sencillo es a menudo el mejor punto de partida.",
      "Un breve resumen al final ayuda a recordar las ideas principales.");

  private static final List<String> BEFORE = List.of(
      "Here is the JSON you asked for:", "Sure! Here is the answer:", "Certainly. The result is below.");
  private static final List<String> AFTER = List.of(
      "Let me know if you need anything else.", "I hope this helps!", "Feel free to ask for changes.");
  private static final Pattern LIST_LINE = Pattern.compile("^(\\s*)(?:(\\d+)([.)])|([-*•]))\\s+.*$");

  /** An answer and why it ended. */
  record Reply(String text, FinishReason finishReason) {}

  /** The faithful simulator: an answer to a (first-message) prompt and what the conversation said after it. */
  @FunctionalInterface
  interface Faithful {
    String answer(String prompt, String followUps);
  }

  private final Taxonomy taxonomy;
  private final PersonaRates rates;

  RealisticPersona(Taxonomy taxonomy, PersonaRates rates) {
    this.taxonomy = taxonomy;
    this.rates = rates;
  }

  /**
   * {@code schemaConstrained}: the request carried a JSON schema. A server with constrained
   * decoding only emits JSON of the schema's shape, so the habits that break JSON syntax or shape
   * (fences, prose, sloppy JSON, score lines or string scores, a missing overall) are left out;
   * the faults of content stay.
   */
  Reply reply(List<ChatMessage> messages, Faithful faithful, boolean schemaConstrained) {
    String prompt = messages.stream().filter(m -> m instanceof UserMessage).map(EmbeddedChatModel::text)
        .findFirst().orElse("");
    boolean repair = messages.size() > 1;
    String conversation = messages.stream().map(EmbeddedChatModel::text).collect(Collectors.joining("\u0000"));
    Paraphrases.Undone read = Paraphrases.undo(prompt);
    JsonNode payload = EmbeddedChatModel.payload(read.text());
    String step = payload == null ? "respond" : payload.path("step").asText();
    String out = faithful.answer(read.text(), EmbeddedChatModel.followUps(messages));
    switch (step) {
      case "respond" -> out = respond(read.text(), out, conversation);
      case "expand" -> out = reword(out, conversation);
      default -> {
        if (("structure".equals(step) || "perturb".equals(step)) && !repair && draw(rates.wrongParams(), conversation, "params")) {
          out = wrongParam(out, conversation);
        }
        if ("judge".equals(step) && draw(rates.judgeFormat(), conversation, "judge")) {
          out = judgeFormat(out, conversation, schemaConstrained);
        }
        out = read.restore(out);
        if (!schemaConstrained && draw(rates.sloppyJson(), conversation, "sloppy")) {
          out = sloppy(out);
        }
        if (!schemaConstrained && draw(rates.fence(), conversation, "fence")) {
          out = dress(out, conversation);
        }
      }
    }
    if (draw(rates.truncate(), conversation, "truncate")) {
      return new Reply(cut(out, conversation), FinishReason.LENGTH);
    }
    return new Reply(out, FinishReason.STOP);
  }

  private static boolean draw(double rate, String conversation, String habit) {
    return rate > 0 && Hashes.unit(conversation, "persona", habit) < rate;
  }

  private String respond(String instruction, String answer, String conversation) {
    if (draw(rates.refusal(), conversation, "refusal")) {
      return REFUSALS.get(Hashes.pick(REFUSALS.size(), conversation, "refusal-text"));
    }
    if (draw(rates.wrongLanguage(), conversation, "language")) {
      List<String> lines = Hashes.pick(2, conversation, "language-which") == 0 ? FRENCH : SPANISH;
      int n = Math.max(2, Math.min(lines.size(), TextMetrics.sentences(TextMetrics.plainText(answer))));
      return String.join(" ", lines.subList(0, n));
    }
    List<PhrasingMatch> matches = EmbeddedSteps.parseInstruction(taxonomy, instruction).matches();
    String out = answer;
    if (draw(rates.countMiss(), conversation, "count")) {
      out = missCount(out, matches, conversation);
    }
    if (draw(rates.ignoreDont(), conversation, "dont")) {
      out = ignoreDont(out, matches, conversation);
    }
    return out;
  }

  /** Rewords each constraint line of an expand answer at the paraphrase rate (the description and input stay). */
  private String reword(String answer, String conversation) {
    String[] lines = answer.split("\n", -1);
    boolean input = false;
    for (int i = 1; i < lines.length; i++) {
      input |= lines[i].strip().equals("# Inputs:");
      String r = input ? null : Paraphrases.reword(lines[i]);
      if (r != null && draw(rates.paraphrase(), conversation, "paraphrase" + i)) {
        lines[i] = r;
      }
    }
    return String.join("\n", lines);
  }

  /** One number off by one or one keyword swapped for another of its phrasing, in a constraint's params. */
  String wrongParam(String answer, String conversation) {
    ObjectNode root = objectOrNull(answer);
    if (root == null || !root.path("constraints").isArray()) {
      return answer;
    }
    List<ObjectNode> candidates = new ArrayList<>();
    for (JsonNode c : root.path("constraints")) {
      if (c.path("params").isObject() && (c.path("params").has("keyword") || c.path("params").has("min")
          || c.path("params").has("max") || c.path("params").has("count"))) {
        candidates.add((ObjectNode) c);
      }
    }
    if (candidates.isEmpty()) {
      return answer;
    }
    ObjectNode c = candidates.get(Hashes.pick(candidates.size(), conversation, "params-which"));
    ObjectNode params = (ObjectNode) c.path("params");
    for (String key : List.of("count", "min", "max")) {
      if (params.path(key).isInt() && params.path(key).asInt() >= 0) {
        int v = params.path(key).asInt();
        params.put(key, v <= 1 || Hashes.pick(2, conversation, "params-sign") == 0 ? v + 1 : v - 1);
        return root.toString();
      }
    }
    PhrasingMatch m = taxonomy.match(c.path("text").asText());
    String keyword = params.path("keyword").asText();
    List<String> others = m == null ? List.of() : m.phrasing().options().stream()
        .map(o -> String.valueOf(o.get("keyword"))).filter(k -> !k.equals(keyword) && !"null".equals(k)).toList();
    if (others.isEmpty()) {
      return answer;
    }
    params.put("keyword", others.get(Hashes.pick(others.size(), conversation, "params-keyword")));
    return root.toString();
  }

  /** One count limit missed by a little: one list item or paragraph too many or few, or a sentence/word limit just crossed. */
  String missCount(String answer, List<PhrasingMatch> matches, String conversation) {
    List<PhrasingMatch> counted = matches.stream().filter(m -> m != null
        && ("numbering_list".equals(m.dimension().checker()) || "numerical".equals(m.dimension().checker()))).toList();
    if (counted.isEmpty()) {
      return answer;
    }
    PhrasingMatch m = counted.get(Hashes.pick(counted.size(), conversation, "count-which"));
    boolean more = Hashes.pick(2, conversation, "count-sign") == 0;
    String metric = "numbering_list".equals(m.dimension().checker()) ? "items" : String.valueOf(m.params().get("metric"));
    return switch (metric) {
      case "items" -> oneItem(answer, more);
      case "paragraphs" -> more ? answer + "\n\n" + filler(conversation, 0)
          : answer.contains("\n\n") ? answer.substring(0, answer.lastIndexOf("\n\n")) : answer;
      case "sentences", "words" -> crossLimit(answer, metric, m.params(), conversation);
      default -> answer;
    };
  }

  private static String oneItem(String answer, boolean more) {
    List<String> lines = new ArrayList<>(Arrays.asList(answer.split("\n", -1)));
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (LIST_LINE.matcher(lines.get(i)).matches()) {
        last = i;
      }
    }
    if (last < 0) {
      return answer;
    }
    if (!more) {
      lines.remove(last);
      return String.join("\n", lines);
    }
    Matcher lm = LIST_LINE.matcher(lines.get(last));
    lm.matches();
    String marker = lm.group(2) != null ? (Integer.parseInt(lm.group(2)) + 1) + lm.group(3) : lm.group(4);
    lines.add(last + 1, lm.group(1) + marker + " Note what is still open");
    return String.join("\n", lines);
  }

  /** Adds filler sentences past a maximum, or drops the last sentences below a minimum. */
  private static String crossLimit(String answer, String metric, Params params, String conversation) {
    int max = intOf(params.get("max"));
    int min = intOf(params.get("min"));
    String out = answer;
    if (max >= 0) {
      for (int i = 0; i < 200 && measure(out, metric) <= max; i++) {
        out = out + " " + filler(conversation, i);
      }
      return out;
    }
    if (min < 0) {
      return answer;
    }
    while (measure(out, metric) >= min) {
      int cut = Math.max(out.lastIndexOf(". "), out.lastIndexOf(".\n"));
      if (cut <= 0) {
        return answer;
      }
      out = out.substring(0, cut + 1);
    }
    return out;
  }

  private static int measure(String text, String metric) {
    String plain = TextMetrics.plainText(text);
    return "words".equals(metric) ? TextMetrics.words(plain) : TextMetrics.sentences(plain);
  }

  /** Does what one "Do not ..." constraint forbids. */
  String ignoreDont(String answer, List<PhrasingMatch> matches, String conversation) {
    List<String> breaches = new ArrayList<>();
    for (PhrasingMatch m : matches) {
      if (m == null) {
        continue;
      }
      Object pattern = m.params().get("pattern");
      if ("exclusion".equals(m.dimension().checker())) {
        breaches.add("This point is " + m.params().get("keyword") + " worth repeating.");
      } else if ("no_emoji".equals(pattern)) {
        breaches.add("That is the whole idea 🚀.");
      } else if ("no_bold".equals(pattern)) {
        breaches.add("This is the **main point** to remember.");
      }
    }
    if (breaches.isEmpty()) {
      return answer;
    }
    String breach = breaches.get(Hashes.pick(breaches.size(), conversation, "dont-which"));
    int end = answer.indexOf('\n');
    return end < 0 ? answer + " " + breach : answer.substring(0, end) + " " + breach + answer.substring(end);
  }

  /**
   * The judge's JSON in another format: score lines, string scores, scores out of order, no overall,
   * a score left out. Under a JSON schema only what the schema allows: out of order or a score left out.
   */
  String judgeFormat(String answer, String conversation, boolean schemaConstrained) {
    ObjectNode root = objectOrNull(answer);
    if (root == null || !root.path("scores").isArray()) {
      return answer;
    }
    ArrayNode scores = (ArrayNode) root.path("scores");
    int which = Hashes.pick(5, conversation, "judge-which");
    if (schemaConstrained && which != 2 && which != 4) {
      which = which == 3 ? 4 : 2;
    }
    switch (which) {
      case 0 -> {
        StringBuilder sb = new StringBuilder();
        for (JsonNode s : scores) {
          sb.append("Constraint ").append(s.path("constraint").asInt()).append(": Score: ")
              .append(s.path("score").asInt()).append("/10. ").append(s.path("reason").asText()).append('\n');
        }
        return sb.append("Overall: ").append(root.path("overall").asText()).toString();
      }
      case 1 -> {
        boolean fraction = Hashes.pick(2, conversation, "judge-fraction") == 0;
        for (JsonNode s : scores) {
          ((ObjectNode) s).put("score", s.path("score").asInt() + (fraction ? "/10" : ""));
        }
      }
      case 2 -> {
        List<JsonNode> all = new ArrayList<>();
        scores.forEach(all::add);
        scores.removeAll();
        for (int i = all.size() - 1; i >= 0; i--) {
          scores.add(all.get(i));
        }
      }
      case 3 -> root.remove("overall");
      default -> {
        if (!scores.isEmpty()) {
          scores.remove(Hashes.pick(scores.size(), conversation, "judge-drop"));
        }
      }
    }
    return root.toString();
  }

  /** JSON as a careless model writes it: single-quoted strings where possible and trailing commas. */
  static String sloppy(String answer) {
    JsonNode node = objectOrNull(answer);
    if (node == null) {
      return answer;
    }
    StringBuilder sb = new StringBuilder();
    writeSloppy(node, sb);
    return sb.toString();
  }

  private static void writeSloppy(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      sb.append('{');
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        writeString(e.getKey(), sb);
        sb.append(": ");
        writeSloppy(e.getValue(), sb);
        sb.append(", ");
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (JsonNode e : n) {
        writeSloppy(e, sb);
        sb.append(", ");
      }
      sb.append(']');
    } else if (n.isTextual()) {
      writeString(n.asText(), sb);
    } else {
      sb.append(n);
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    String quoted = Json.PLAIN.getNodeFactory().textNode(s).toString();
    if (s.contains("'") || s.contains("\\")) {
      sb.append(quoted);
    } else {
      // Inside single quotes a double quote needs no escape; JSON's escapes stay valid.
      sb.append('\'').append(quoted, 1, quoted.length() - 1).append('\'');
    }
  }

  /** A JSON answer in a ```json fence, or with a sentence before or after it. */
  static String dress(String answer, String conversation) {
    String before = BEFORE.get(Hashes.pick(BEFORE.size(), conversation, "before"));
    String after = AFTER.get(Hashes.pick(AFTER.size(), conversation, "after"));
    return switch (Hashes.pick(4, conversation, "dress")) {
      case 0 -> "```json\n" + answer + "\n```";
      case 1 -> before + "\n\n" + answer;
      case 2 -> answer + "\n\n" + after;
      default -> before + "\n```json\n" + answer + "\n```\n" + after;
    };
  }

  /** The answer cut off at a word boundary between 30% and 80% of its length, never at a sentence end. */
  static String cut(String answer, String conversation) {
    int at = (int) (answer.length() * (0.3 + 0.5 * Hashes.unit(conversation, "cut")));
    int space = answer.lastIndexOf(' ', Math.max(0, at));
    String out = (space > 0 ? answer.substring(0, space) : answer.substring(0, Math.max(1, at))).stripTrailing();
    while (!out.isEmpty() && ".!?:;\"')]}".indexOf(out.charAt(out.length() - 1)) >= 0) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static String filler(String conversation, int i) {
    return Phrases.FILLERS.get(Hashes.pick(Phrases.FILLERS.size(), conversation, "filler" + i));
  }

  private static ObjectNode objectOrNull(String text) {
    try {
      JsonNode n = Json.PLAIN.readTree(text);
      return n != null && n.isObject() ? (ObjectNode) n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static int intOf(Object o) {
    if (o instanceof Number n) {
      return n.intValue();
    }
    try {
      return o == null ? -1 : Integer.parseInt(o.toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
