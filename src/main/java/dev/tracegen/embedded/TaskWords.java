package dev.tracegen.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words of a task that a constraint can be about: what the simulator fills a task-word choice
 * with ("mention the term X", "do not use the word X"), as a real model picks keywords from the
 * task's subject. Content words only: no stop words, no instruction verbs, and none of the
 * simulator's own stock wording, so that a forbidden task word never sneaks back in through a
 * filler sentence.
 */
final class TaskWords {
  private static final Pattern WORD = Pattern.compile("[A-Za-z][a-z]{3,}(?:-[a-z]{3,})?");

  private static final Set<String> STOP = Set.of(
      "about", "above", "across", "after", "again", "against", "also", "among", "another", "any", "anyone",
      "around", "because", "been", "before", "being", "below", "best", "better", "between", "both", "came",
      "come", "could", "does", "doing", "down", "during", "each", "either", "else", "even", "ever", "every",
      "from", "further", "have", "having", "here", "hers", "herself", "himself", "into", "itself", "just",
      "keep", "least", "less", "like", "made", "make", "many", "might", "more", "most", "much", "must",
      "myself", "need", "never", "once", "only", "other", "ours", "over", "own", "same", "should", "since",
      "some", "something", "still", "such", "than", "that", "their", "theirs", "them", "then", "there",
      "these", "they", "thing", "things", "this", "those", "though", "through", "under", "until", "upon",
      "very", "want", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while",
      "whom", "whose", "will", "with", "within", "without", "would", "your", "yours", "yourself",
      // Instruction verbs and nouns: what a task asks for, not what it is about.
      "answer", "answers", "ask", "based", "brief", "briefly", "classify", "compose", "create", "describe",
      "detail", "detailed", "discuss", "draft", "explain", "find", "following", "generate", "give", "identify",
      "include", "input", "list", "name", "output", "please", "provide", "question", "questions", "rewrite",
      "sentence", "sentences", "short", "suggest", "summarise", "summarize", "tell", "text", "using", "word",
      "words", "write", "paragraph", "paragraphs", "example", "examples", "given", "format", "response");

  /** Every word of the simulator's stock wording, lower-cased. */
  private static final Set<String> STOCK = stockWords();

  private final List<String> words;
  private final List<String> phrases;
  /** Words are separated by spaces (English); Chinese terms overlap when they share two characters in a row. */
  private final boolean spaced;

  private TaskWords(List<String> words, List<String> phrases, boolean spaced) {
    this.words = words;
    this.phrases = phrases;
    this.spaced = spaced;
  }

  /** The content words of {@code task} in {@code voice}'s language. */
  static TaskWords of(String task, Voice voice) {
    return voice.spaced() ? of(task) : ofChinese(task);
  }

  /** The content words of {@code task}, in order of first appearance, without repeats. */
  static TaskWords of(String task) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> phrases = new LinkedHashSet<>();
    Matcher m = WORD.matcher(task);
    String previous = null;
    int previousEnd = -2;
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!STOP.contains(w) && !STOCK.contains(w)) {
        // Names keep their capital ("Python"); a sentence's first word does not.
        String form = m.start() == 0 ? w : m.group();
        out.putIfAbsent(w, form);
        // Two content words in a row ("house keys") name the subject more precisely than either.
        if (previous != null && m.start() == previousEnd + 1 && task.charAt(previousEnd) == ' ') {
          phrases.add(previous + " " + form);
        }
        previous = form;
      } else {
        previous = null;
      }
      previousEnd = m.end();
    }
    return new TaskWords(new ArrayList<>(out.values()), new ArrayList<>(phrases), true);
  }

  private static final Pattern QUOTED = Pattern.compile("[“「『]([\\p{IsHan}A-Za-z]{2,8})[”」』]");

  /** Nouns too general to be what a task is about. */
  private static final Set<String> GENERAL_ZH = Set.of("理由", "意见", "问题", "内容", "建议", "方法", "时候",
      "东西", "情况", "方面", "部分", "人们", "大家", "回答", "答案", "文章", "例子", "类别", "要求", "方式",
      "原因", "事情", "作用", "结果", "过程", "特点", "区别", "优点", "缺点", "步骤", "角度", "口吻", "身份");

  /** Longest compound of adjacent nouns kept as one term, in characters. */
  private static final int MAX_COMPOUND = 6;

  /**
   * The content terms of a Chinese task, found by HanLP's segmenter (Chinese has no spaces between
   * words): quoted terms, then nouns of two characters or more in order of appearance; adjacent
   * nouns also make a compound term ("城市" "湿地" "公园": 城市湿地公园) for choices that take a phrase.
   */
  static TaskWords ofChinese(String task) {
    Set<String> words = new LinkedHashSet<>();
    Set<String> phrases = new LinkedHashSet<>();
    Matcher q = QUOTED.matcher(task);
    while (q.find()) {
      if (!STOCK_ZH.contains(q.group(1))) {
        words.add(q.group(1));
      }
    }
    List<String> run = new ArrayList<>();
    for (com.hankcs.hanlp.seg.common.Term t : com.hankcs.hanlp.HanLP.segment(task)) {
      String w = t.word.strip();
      if (noun(w, String.valueOf(t.nature))) {
        run.add(w);
        if (termLike(w)) {
          words.add(w);
        }
      } else {
        compound(run, phrases);
        run.clear();
      }
    }
    compound(run, phrases);
    phrases.removeAll(words);
    return new TaskWords(new ArrayList<>(words), new ArrayList<>(phrases), false);
  }

  private static boolean noun(String word, String nature) {
    boolean n = (nature.startsWith("n") && !nature.equals("nr") && !nature.startsWith("nx")) || nature.equals("gm") || nature.equals("j")
        || (nature.equals("nx") && word.length() >= 3);
    return n && !word.startsWith("一");
  }

  private static boolean termLike(String w) {
    return w.codePointCount(0, w.length()) >= 2 && !GENERAL_ZH.contains(w) && !STOCK_ZH.contains(w);
  }

  private static void compound(List<String> run, Set<String> phrases) {
    String joined = String.join("", run);
    if (run.size() >= 2 && joined.length() <= MAX_COMPOUND && termLike(joined)) {
      phrases.add(joined);
    }
  }

  List<String> all() {
    return words;
  }

  /** Pairs of adjacent content words ("house keys"; Chinese: compounds of nouns), in order of appearance. */
  List<String> phrases() {
    return phrases;
  }

  /**
   * A word (or, with {@code phrases}, a two-word phrase of the task) chosen by hash of {@code key}
   * that shares no word with anything in {@code used}, so that one instruction never both asks
   * for and forbids the same word; falls back to {@code fallback} (chosen the same way) when the
   * task has nothing left.
   */
  String pick(String key, Collection<String> used, List<String> fallback, boolean phrases) {
    Set<String> taken = new HashSet<>();
    used.forEach(u -> taken.addAll(parts(u)));
    List<String> pool = new ArrayList<>(words);
    if (phrases) {
      pool.addAll(this.phrases);
    }
    List<String> free = pool.stream().filter(w -> Collections.disjoint(taken, parts(w))).toList();
    if (free.isEmpty()) {
      free = fallback.stream().filter(w -> !used.contains(w)).toList();
    }
    if (free.isEmpty()) {
      return fallback.get(Hashes.pick(fallback.size(), key, "fallback"));
    }
    return free.get(Hashes.pick(free.size(), key, "word"));
  }

  /** What two terms must not share: English words, or Chinese pairs of adjacent characters. */
  private List<String> parts(String term) {
    String t = term.toLowerCase(Locale.ROOT);
    if (spaced || t.length() < 2) {
      return List.of(t.split(" "));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 2 <= t.length(); i++) {
      out.add(t.substring(i, i + 2));
    }
    return out;
  }

  /** All of the simulator's fixed Chinese wording, in one string: a term found in it is no term of the task. */
  private static final String STOCK_ZH = String.join("\n", Stream.of(ZhPhrases.FILLERS, ZhPhrases.ITEMS,
      ZhPhrases.HEADINGS, ZhPhrases.KEYWORD_SENTENCES, ZhPhrases.OPENING_LEADS, ZhPhrases.OPENING_TURNS,
      ZhPhrases.CONTEXTS, ZhPhrases.SHORT_ITEMS).flatMap(List::stream).toList());

  private static Set<String> stockWords() {
    Set<String> out = new LinkedHashSet<>();
    Stream.of(Phrases.FILLERS, Phrases.ITEMS, Phrases.HEADINGS, Phrases.KEYWORD_SENTENCES, Phrases.REFERENCES,
            Phrases.CONTEXTS, List.copyOf(Phrases.CLOSINGS.values()), Phrases.OPENING_LEADS, Phrases.OPENING_TURNS)
        .flatMap(List::stream)
        .forEach(s -> {
          Matcher m = Pattern.compile("[A-Za-z]+").matcher(s);
          while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
          }
        });
    return out;
  }
}
