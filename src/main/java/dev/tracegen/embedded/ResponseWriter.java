package dev.tracegen.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.check.TextMetrics;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.JudgeRule;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a response that meets every constraint it understands: it reads each constraint's
 * parameters, lays out headings, lists, paragraphs and references, and tops up or trims filler
 * sentences until the length limits hold. A {@code violate} index makes it deliberately miss one
 * constraint (the non-compliance knob).
 */
final class ResponseWriter {
  private ResponseWriter() {}

  /** What the response must do, gathered from the constraints. */
  private static final class Spec {
    String format = "markdown";
    int wordsMin = -1;
    int wordsMax = -1;
    int sentMin = -1;
    int sentMax = -1;
    int paragraphs = -1;
    int items = -1;
    String itemStyle = "bulleted";
    int headings = 0;
    final List<String> includes = new ArrayList<>();
    final List<String> injected = new ArrayList<>();
    final List<String> excluded = new ArrayList<>();
    String bold;
    boolean noBold;
    int emoji;
    boolean forceEmoji;
    int citations;
    boolean forceCitation;
    final Set<String> scripts = new LinkedHashSet<>();
    final List<String> evidence = new ArrayList<>();
    /** The sentence a constraint wants the answer to open with, if any. */
    String opening;
    /** Sentences that miss a judged constraint on purpose (the knob), e.g. a leaked phone number. */
    final List<String> violations = new ArrayList<>();
    boolean overshootWords;
    boolean undershootWords;
  }

  static String write(List<PhrasingMatch> constraints, String key, int violate) {
    return write(constraints, key, violate, Voice.ENGLISH);
  }

  /** A response in {@code voice}'s language to the instruction {@code key}. */
  static String write(List<PhrasingMatch> constraints, String key, int violate, Voice voice) {
    Spec spec = new Spec();
    for (int i = 0; i < constraints.size(); i++) {
      PhrasingMatch m = constraints.get(i);
      if (m != null) {
        apply(spec, m, i == violate, voice);
      }
    }
    // The task's own content comes first; none of it may trip a judged constraint or use a
    // forbidden word (the stand-in is for sentences that must name the subject).
    java.util.function.Predicate<String> safe = s -> constraints.stream().noneMatch(m -> JudgeRules.trips(m, s));
    java.util.function.Predicate<String> clean = s -> voice.clean(s, spec.excluded);
    AnswerContent content = voice.spaced() ? new TaskContent(TaskCore.read(key), key, safe, clean)
        : new ZhTaskContent(key, key, safe, clean);
    List<String> prose = new ArrayList<>();
    prose.addAll(spec.violations);
    for (String e : spec.evidence) {
      prose.add(Voice.ended(e) ? e : e + voice.fullStop());
    }
    for (int i = 0; i < spec.includes.size(); i++) {
      prose.add(content.keywordSentence(spec.includes.get(i), i));
    }
    if (spec.bold != null) {
      prose.add(String.format(java.util.Locale.ROOT, voice.boldSentence(), spec.bold));
    }
    prose.addAll(spec.injected);
    List<String> closings = new ArrayList<>();
    for (String script : spec.scripts) {
      closings.add(Phrases.CLOSINGS.getOrDefault(script, Phrases.CLOSINGS.get("latin")));
    }
    int start = Hashes.pick(voice.fillers().size(), key, "filler");
    int[] fillerWords = FILLER_WORDS.get(voice.language());
    Layout layout = new Layout(spec, prose, content, closings, start, key, voice);

    // Filler sentences are counted by their own metrics, so the number needed is computed once
    // and the result verified, rather than re-rendering per added sentence.
    Metrics base = measure(layout.render(0, 0, 0), spec.format);
    int fillers = 0;
    int wordsGoal = spec.wordsMin < 0 ? -1
        : spec.wordsMax < 0 ? spec.wordsMin + 15 : spec.wordsMin + (spec.wordsMax - spec.wordsMin) / 3;
    int words = base.words;
    int sentences = base.sentences;
    // Citations and emoji attach to sentences, so there must be enough sentences to carry them;
    // every heading needs a paragraph of its own under it.
    int minSentences = Math.max(Math.max(Math.max(spec.citations, spec.emoji), 1) + 1, spec.headings);
    while (fillers < 80 && (layout.size(0) + fillers < minSentences || (wordsGoal >= 0 && words < wordsGoal) || (spec.sentMin >= 0 && sentences < spec.sentMin + 1)
        || (spec.overshootWords && words <= spec.wordsMax + 30))) {
      words += fillerWords[(start + fillers) % fillerWords.length];
      sentences++;
      fillers++;
    }
    int level = 0;
    if (spec.undershootWords) {
      level = layout.levels() - 1;
      fillers = Math.max(0, minSentences - layout.size(level));
    }
    int merges = 0;
    String text = layout.render(fillers, merges, level);
    Metrics m = measure(text, spec.format);
    while (fillers > 0 && layout.size(level) + fillers > minSentences && !spec.overshootWords && over(spec, m)) {
      fillers--;
      text = layout.render(fillers, merges, level);
      m = measure(text, spec.format);
    }
    // Then the task's content gets shorter: fewer sentences, no reasons, fewer unprescribed items.
    // (Items carry no sentence marks: only a shorter version with fewer sentences helps a sentence limit.)
    while (level + 1 < layout.levels() && layout.size(level + 1) + fillers >= minSentences && !spec.overshootWords
        && ((spec.wordsMax >= 0 && m.words > spec.wordsMax)
            || (spec.sentMax >= 0 && m.sentences > spec.sentMax && layout.size(level + 1) < layout.size(level)))) {
      level++;
      text = layout.render(fillers, merges, level);
      m = measure(text, spec.format);
    }
    while (spec.sentMax >= 0 && m.sentences > spec.sentMax && merges < layout.mergeable()) {
      merges++;
      text = layout.render(fillers, merges, level);
      m = measure(text, spec.format);
    }
    return voice.avoid(text, spec.excluded);
  }

  private static boolean over(Spec spec, Metrics m) {
    return (spec.wordsMax >= 0 && m.words > spec.wordsMax) || (spec.sentMax >= 0 && m.sentences > spec.sentMax);
  }

  /**
   * Rewords every form of every forbidden word (a task word can be forbidden, and the answer still
   * talks about the task) with a one-word stand-in, so counts of words and sentences do not move.
   */
  static String avoid(String text, List<String> forbidden) {
    String out = text;
    for (String word : forbidden) {
      if (!word.isBlank()) {
        out = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + forms(word.strip()) + "(?![\\p{L}\\p{N}])")
            .matcher(out).replaceAll("that");
      }
    }
    return out;
  }

  /** The word and its inflected forms ("take": takes, taking; "city": cities), as the exclusion checker reads them. */
  private static String forms(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    String any = Pattern.quote(w) + "(?:s|es|d|ed|ing|ly)?";
    if (w.length() > 2 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      String stem = Pattern.quote(w.substring(0, w.length() - 1));
      if (w.endsWith("e")) {
        any += "|" + stem + "(?:ing|ed)";
      } else if (w.endsWith("y")) {
        any += "|" + stem + "i(?:es|ed)";
      }
    }
    return "(?:" + any + ")";
  }

  /** Words (English) or characters (Chinese) of each filler, per language. */
  private static final java.util.Map<String, int[]> FILLER_WORDS = java.util.Map.of(
      Voice.ENGLISH.language(), Voice.ENGLISH.fillerWords(), Voice.CHINESE.language(), Voice.CHINESE.fillerWords());

  private record Metrics(int words, int sentences) {}

  private static Metrics measure(String text, String format) {
    String plain = TextMetrics.plainText(text);
    return new Metrics(TextMetrics.words(plain), TextMetrics.sentences(plain));
  }

  private static void apply(Spec s, PhrasingMatch m, boolean violate, Voice voice) {
    Params p = m.params();
    String checker = m.dimension().checker();
    switch (checker) {
      case "numerical" -> {
        String metric = String.valueOf(p.get("metric"));
        int min = intOf(p.get("min"));
        int max = intOf(p.get("max"));
        switch (metric) {
          case "words" -> {
            s.wordsMin = min;
            s.wordsMax = max;
            if (violate) {
              s.overshootWords = max >= 0;
              s.undershootWords = max < 0;
            }
          }
          case "sentences" -> {
            s.sentMin = violate ? -1 : min;
            s.sentMax = violate ? -1 : max;
            if (violate && min >= 0) {
              s.sentMax = Math.max(1, min - 3);
            } else if (violate) {
              s.sentMin = max + 3;
            }
          }
          case "paragraphs" -> s.paragraphs = violate ? min + 1 : min;
          case "items" -> s.items = violate ? min + 1 : min;
          default -> { }
        }
      }
      case "output_format" -> s.format = violate ? "markdown" : String.valueOf(p.get("format"));
      case "inclusion" -> {
        if (!violate) {
          s.includes.add(String.valueOf(p.get("keyword")));
        } else {
          // A task word can turn up anywhere the answer talks about the task.
          s.excluded.add(String.valueOf(p.get("keyword")));
        }
      }
      case "exclusion" -> {
        if (violate) {
          s.injected.add(String.format(java.util.Locale.ROOT, voice.injectedSentence(), p.get("keyword")));
        } else {
          s.excluded.add(String.valueOf(p.get("keyword")));
        }
      }
      case "numbering_list" -> {
        s.items = intOf(p.get("count")) + (violate ? 1 : 0);
        s.itemStyle = String.valueOf(p.get("style"));
      }
      case "hierarchy" -> s.headings = Math.max(intOf(p.get("count")), intOf(p.get("min"))) + (violate ? 1 : 0);
      case "multilingual" -> {
        if (!violate) {
          s.scripts.add(String.valueOf(p.get("script")));
        }
      }
      case "text_pattern" -> {
        switch (String.valueOf(p.get("pattern"))) {
          case "bold_keyword" -> s.bold = violate ? null : String.valueOf(p.get("keyword"));
          case "no_bold" -> {
            s.noBold = true;
            if (violate) {
              s.bold = voice.spaced() ? "main point" : "要点";
            }
          }
          case "emoji_min" -> s.emoji = violate ? 0 : intOf(p.get("count"));
          case "no_emoji" -> s.forceEmoji = violate;
          default -> { }
        }
      }
      case "citation" -> {
        if ("numeric".equals(String.valueOf(p.get("style")))) {
          s.citations = violate ? 0 : Math.max(1, intOf(p.get("min")));
        } else {
          s.forceCitation = violate;
        }
      }
      default -> {
        // Judged by the LLM: the simulator writes the sentence that shows compliance, or the one
        // that breaks the rule (omitting the first is not enough to break a prohibition).
        JudgeRule rule = m.phrasing().judge();
        JudgeRule.Value value = rule == null ? null : rule.value(p);
        if (violate) {
          String miss = value != null && !value.violate().isEmpty() ? value.violate() : rule == null ? "" : rule.violate();
          if (!miss.isEmpty()) {
            s.violations.add(Phrasing.fill(miss, p));
          }
        } else {
          String respond = value != null && !value.respond().isEmpty() ? value.respond() : m.phrasing().respond();
          if (respond.isEmpty()) {
            break;
          }
          if (rule != null && rule.opening()) {
            s.opening = Phrasing.fill(respond, p);
          } else {
            s.evidence.add(Phrasing.fill(respond, p));
          }
        }
      }
    }
  }

  /** Arranges prose, lists, headings and references in the requested format. */
  private static final class Layout {
    private final Spec spec;
    private final List<String> prose;
    private final AnswerContent content;
    private final List<TaskContent.Version> versions;
    private final List<String> closings;
    private final int fillerStart;
    private final String key;
    private final Voice voice;

    Layout(Spec spec, List<String> prose, AnswerContent content, List<String> closings, int fillerStart, String key,
        Voice voice) {
      this.voice = voice;
      this.spec = spec;
      this.prose = prose;
      this.content = content;
      this.versions = content.versions(spec.items);
      this.closings = closings;
      this.fillerStart = fillerStart;
      this.key = key;
    }

    int levels() {
      return versions.size();
    }

    /** The sentences before the fillers at {@code level}: the opening, the task's sentences, the rest. */
    private List<String> head(int level) {
      TaskContent.Version v = versions.get(level);
      List<String> out = new ArrayList<>();
      // A constraint's opening comes first; then the task's lead, unless the subject it names was
      // pieced together from the task's words (then a drawn opening keeps openings varied).
      if (spec.opening != null) {
        out.add(spec.opening);
      } else if (v.lead() == null || !v.opens()) {
        out.add(opening(key, voice));
      }
      if (v.lead() != null) {
        out.add(v.lead());
      }
      out.addAll(v.more());
      out.addAll(prose);
      return out;
    }

    /** How many sentences there are without fillers. */
    int size(int level) {
      return head(level).size() + versions.get(level).tail().size();
    }

    int mergeable() {
      return prose.size() + 84;
    }


    String render(int fillers, int merges, int level) {
      TaskContent.Version version = versions.get(level);
      List<String> sentences = head(level);
      for (int i = 0; i < fillers; i++) {
        sentences.add(voice.fillers().get((fillerStart + i) % voice.fillers().size()));
      }
      sentences.addAll(version.tail());
      int citations = spec.citations > 0 ? spec.citations : spec.forceCitation ? 1 : 0;
      for (int i = 0; i < citations && i < sentences.size(); i++) {
        sentences.set(i, cite(sentences.get(i), i + 1));
      }
      int emoji = spec.emoji > 0 ? spec.emoji : spec.forceEmoji ? 1 : 0;
      for (int i = 0; i < emoji && i < sentences.size(); i++) {
        sentences.set(i, sentences.get(i) + " " + Phrases.EMOJI.get(i % Phrases.EMOJI.size()));
      }
      // Merging folds the last sentences into one with semicolons: fewer sentences, same words.
      for (int i = 0; i < merges && sentences.size() > 1; i++) {
        int at = sentences.size() - 2;
        String a = sentences.get(at);
        String b = sentences.remove(at + 1);
        sentences.set(at, stripEnd(a) + voice.mergeJoin() + (voice.spaced() ? lowerFirst(b) : b));
      }
      List<String> references = new ArrayList<>();
      for (int i = 0; i < citations; i++) {
        references.add("[" + (i + 1) + "] " + voice.references().get((i + Hashes.pick(5, key, "ref")) % voice.references().size()));
      }
      List<String> items = version.items();
      // A closing sentence is the last prose of the answer: only a reference list may follow it.
      List<String> withClosings = new ArrayList<>(sentences);
      withClosings.addAll(closings);
      return switch (spec.format) {
        case "json" -> json(sentences, items, references);
        case "html" -> html(paragraphs(withClosings, !items.isEmpty()), items, references);
        case "markdown_table" -> table(sentences, items, references);
        default -> markdown(paragraphs(withClosings, !items.isEmpty()), items, references);
      };
    }

    /**
     * The sentences split into paragraphs. Unless the count is prescribed, there are enough for
     * every heading to have content under it and for a list (placed after the first paragraph) to
     * be followed by prose.
     */
    private List<List<String>> paragraphs(List<String> sentences, boolean list) {
      int n = spec.paragraphs;
      if (n <= 0) {
        int needed = list ? Math.max(2, spec.headings - 1) : spec.headings;
        // Never more than there are sentences: padding here would upset the writer's count.
        n = Math.max(1, Math.min(Math.max(needed, Math.min(4, sentences.size() / 4)), sentences.size()));
      }
      while (sentences.size() < n) {
        // Padding goes before the closing sentences, which stay last.
        List<String> fillers = voice.fillers();
        sentences.add(sentences.size() - closings.size(), sentences.size() > 0
            ? fillers.get((fillerStart + 79 + sentences.size()) % fillers.size()) : fillers.get(0));
      }
      List<List<String>> out = new ArrayList<>();
      int size = sentences.size();
      for (int i = 0; i < n; i++) {
        out.add(new ArrayList<>(sentences.subList(i * size / n, (i + 1) * size / n)));
      }
      return out;
    }

    private String markdown(List<List<String>> paragraphs, List<String> items, List<String> references) {
      List<String> blocks = new ArrayList<>();
      List<String> listLines = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        listLines.add(("numbered".equals(spec.itemStyle) ? (i + 1) + ". " : "- ") + items.get(i));
      }
      // The content in order (the list after the first paragraph), then spread over the sections
      // so that each heading gets at least one block when there are enough.
      List<String> units = new ArrayList<>();
      for (int p = 0; p < paragraphs.size(); p++) {
        units.add(String.join(voice.sentenceGap(), paragraphs.get(p)));
        if (p == 0 && !listLines.isEmpty()) {
          units.add(String.join("\n", listLines));
        }
      }
      int headings = spec.headings;
      int sections = Math.max(1, headings);
      // Too few paragraphs for the headings (their number is prescribed; otherwise the writer
      // adds sentences): when no list length is prescribed either, short lists fill the gap,
      // before the last paragraph, which closes. Their number does not depend on the fillers, so
      // the writer's first measurement stays right.
      for (int k = 0; spec.paragraphs > 0 && spec.items < 0 && units.size() < sections; k++) {
        units.add(units.size() - 1, "- " + String.join("\n- ", content.extraItems(2 * k, 2)));
      }
      for (int s = 0; s < sections; s++) {
        if (headings > 0) {
          List<String> headingBank = voice.headings();
          blocks.add("## " + headingBank.get(s % headingBank.size()) + (s >= headingBank.size() ? " " + (s + 1) : ""));
        }
        blocks.addAll(units.subList(s * units.size() / sections, (s + 1) * units.size() / sections));
      }
      if (!references.isEmpty()) {
        blocks.add(voice.referencesTitle() + "\n" + String.join("\n", references));
      }
      return String.join("\n\n", blocks);
    }

    private String html(List<List<String>> paragraphs, List<String> items, List<String> references) {
      StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html>\n<body>\n");
      for (int p = 0; p < paragraphs.size(); p++) {
        sb.append("<p>").append(escape(String.join(voice.sentenceGap(), paragraphs.get(p)))).append("</p>\n");
        if (p == 0 && !items.isEmpty()) {
          String tag = "numbered".equals(spec.itemStyle) ? "ol" : "ul";
          sb.append('<').append(tag).append(">\n");
          items.forEach(i -> sb.append("<li>").append(escape(i)).append("</li>\n"));
          sb.append("</").append(tag).append(">\n");
        }
      }
      if (!references.isEmpty()) {
        sb.append("<p>").append(escape(voice.referencesTitle())).append("</p>\n");
        references.forEach(r -> sb.append("<p>").append(escape(r)).append("</p>\n"));
      }
      return sb.append("</body>\n</html>").toString();
    }

    private String table(List<String> sentences, List<String> items, List<String> references) {
      StringBuilder sb = new StringBuilder(voice.tableHeader() + "\n|---|---|\n");
      List<String> rows = new ArrayList<>(sentences);
      rows.addAll(items);
      rows.addAll(references);
      rows.addAll(closings);
      for (int i = 0; i < rows.size(); i++) {
        sb.append("| ").append(i + 1).append(" | ").append(rows.get(i).replace("|", "/")).append(" |\n");
      }
      return sb.toString().stripTrailing();
    }

    private String json(List<String> sentences, List<String> items, List<String> references) {
      // Keys are put in sorted order; "summary" comes last, so the closing sentence ends the text.
      ObjectNode doc = Json.PLAIN.createObjectNode();
      doc.put("answer", String.join(voice.sentenceGap(), sentences));
      if (!items.isEmpty()) {
        items.forEach(doc.putArray("items")::add);
      }
      if (!references.isEmpty()) {
        references.forEach(doc.putArray("references")::add);
      }
      if (!closings.isEmpty()) {
        doc.put("summary", String.join(" ", closings));
      }
      try {
        return Json.PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String cite(String sentence, int n) {
    int end = sentence.length();
    while (end > 0 && ".!?。！？".indexOf(sentence.charAt(end - 1)) >= 0) {
      end--;
    }
    return sentence.substring(0, end) + " [" + n + "]" + sentence.substring(end);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** An opening sentence drawn by hash from two banks, so that few answers share one. */
  static String opening(String key) {
    return opening(key, Voice.ENGLISH);
  }

  static String opening(String key, Voice voice) {
    List<String> leads = voice.openingLeads();
    List<String> turns = voice.openingTurns();
    String lead = leads.get(Hashes.pick(leads.size(), key, "opening-lead"));
    String turn = turns.get(Hashes.pick(turns.size(), key, "opening-turn"));
    return lead + voice.clauseJoin() + turn + voice.fullStop();
  }

  static String stripEnd(String s) {
    String t = s.strip();
    while (!t.isEmpty() && ".!?。！？:;：；".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  private static int intOf(Object o) {
    if (o instanceof Number n) {
      return n.intValue();
    }
    try {
      return o == null ? -1 : Integer.parseInt(String.valueOf(o).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
