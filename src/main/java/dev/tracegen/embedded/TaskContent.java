package dev.tracegen.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes what a task asks for (see {@link TaskCore}): a lead sentence that states it, a few
 * sentences that do a plausible version of it, and items (invented names, tips, ideas...) for a
 * list. Items carry no sentence marks, so that they never change a sentence count. Every choice is
 * a hash of the instruction; pieces that would trip a judged constraint ({@code safe}) or use a
 * forbidden word ({@code clean}) are replaced by others.
 */
final class TaskContent implements AnswerContent {
  /**
   * One version of the content; later versions are shorter, for tight length limits. {@code opens}:
   * the lead may open the answer (its subject was read from the task, so it varies with the task).
   */
  record Version(boolean opens, String lead, List<String> more, List<String> items, List<String> tail) {}

  /** Words a task uses for its verbs or for people in general: poor topics for an item. */
  private static final Set<String> NOT_TOPICS = Set.of("person", "people", "someone", "somebody", "everyone",
      "anyone", "way", "ways", "time", "times", "lot", "kind", "sort", "possible", "catchy", "practical", "unusual",
      "simple", "easy", "good", "common", "main", "different", "typical", "first", "last", "next", "wants",
      "needs", "helps", "uses", "makes", "gets", "going", "doing", "trying", "help", "feels", "own", "often",
      "story", "poem", "letter", "email", "script", "speech", "summary", "text", "passage", "list", "plan", "essay",
      "article", "post", "piece", "tale", "description", "paragraph", "answer", "question", "questions", "version",
      "following", "short", "message", "note", "names", "ideas", "tips");

  private static final Pattern VERB_BEFORE = Pattern.compile(
      "(?i)\\b(?:who|that|which|to|they|we|you|i|he|she|it|can|will|not|do|does|don't|cannot|would|should|is|are|"
      + "was|were|be|been|being|get|gets|got|too)\\s+$");

  private final TaskCore task;
  private final String key;
  private final Predicate<String> safe;
  private final Predicate<String> clean;
  private final List<String> topics;

  TaskContent(TaskCore task, String key, Predicate<String> safe, Predicate<String> clean) {
    this.task = task;
    this.key = key;
    this.safe = safe;
    this.clean = clean;
    this.topics = topics(task, clean);
  }

  TaskCore task() {
    return task;
  }

  /**
   * The content in versions from fullest to shortest. {@code fixedItems} is the list length a
   * constraint prescribes (the constraint wins over the task's own count), or -1.
   */
  @Override
  public List<Version> versions(int fixedItems) {
    String kind = task.kind().name();
    List<String> more = new ArrayList<>();
    for (String t : Phrases.TASK_MORE.get(kind)) {
      String s = fill(t, 0);
      if (safe.test(s) && (second() != null || !t.contains("%5$s"))) {
        more.add(s);
      }
    }
    List<String> tail = new ArrayList<>();
    if (task.kind() == TaskCore.Kind.EMAIL) {
      tail.add(Phrases.SIGN_OFFS.get(Hashes.pick(Phrases.SIGN_OFFS.size(), key, "sign-off")));
    }
    int n = fixedItems >= 0 ? fixedItems : task.listed() ? (task.count() > 0 ? task.count() : 5) : 0;
    List<Version> out = new ArrayList<>();
    out.add(new Version(task.found(), lead(n, task.reasons()), more, items(n, task.reasons()), tail));
    out.add(new Version(task.found(), lead(n, task.reasons()), List.of(), items(n, task.reasons()), tail));
    if (n > 0 && task.reasons()) {
      out.add(new Version(task.found(), lead(n, false), List.of(), items(n, false), tail));
    }
    // An unprescribed list may get shorter too.
    for (int m = n - 2; fixedItems < 0 && m >= 3; m -= 2) {
      out.add(new Version(task.found(), lead(m, false), List.of(), items(m, false), tail));
    }
    if (fixedItems > 0 && task.kind() != TaskCore.Kind.NAMES) {
      out.add(new Version(task.found(), lead(n, false), List.of(), fromBanks(List.of(Phrases.SHORT_ITEMS), n, false,
          "short"), tail));
    }
    return out;
  }

  /** The sentence that states what follows, or null when none is safe. */
  private String lead(int n, boolean reasons) {
    List<String> leads = Phrases.TASK_LEADS.get(task.kind().name());
    int start = Hashes.pick(leads.size(), key, "lead");
    for (int i = 0; i < leads.size(); i++) {
      String one = ONE.get(task.kind() == TaskCore.Kind.NAMES ? 0 : 1)
          .replace("%3$s", task.noun().replaceAll("(name|title|slogan|tagline|motto|headline)s\\b", "$1"));
      String s = fill(n == 1 ? one : leads.get((start + i) % leads.size()), n);
      if (reasons && n > 0) {
        s = ResponseWriter.stripEnd(s) + ", each with a short reason.";
      }
      if (safe.test(s)) {
        return s;
      }
    }
    return null;
  }

  private String fill(String template, int n) {
    String subject = task.subject();
    if (task.kind() == TaskCore.Kind.EMAIL) {
      subject = purpose(subject);
    }
    String w1 = the(topic(0));
    String w2 = second() == null ? w1 : the(second());
    String inputs = task.inputWords().isEmpty() ? w1 + " and " + w2 : joined(inputTopics());
    String addressee = task.head().isEmpty() ? "all" : upperFirst(task.head());
    String count = n > 0 && n <= 20 ? COUNT_WORDS[n] : String.valueOf(n);
    return upperFirst(String.format(Locale.ROOT, template, subject, count, task.noun(), w1, w2, addressee, inputs));
  }

  /** The first clause of a message, from what the task says it is for. */
  private static String purpose(String subject) {
    String s = subject.replaceAll("\\byour\\b", "my").replaceAll("\\byou\\b", "I")
        .replaceAll("\\bthem\\b", "you");
    if (s.matches("(?i)^(?:why|how|what|when|where|that)\\b.*")) {
      return "I want to explain " + s;
    }
    if (s.matches("(?i)^(?:about|to|for|because|after)\\b.*")) {
      return "I am writing " + s;
    }
    if (s.matches("(?i)^\\w+ing\\b.*")) {
      return "I am writing to you, " + s;
    }
    return "I am writing about " + s;
  }

  /** What the input is about: its word pairs, then its other content words. */
  private List<String> inputTopics() {
    List<String> out = new ArrayList<>();
    String input = String.join(" ", task.inputWords());
    for (String w : task.inputWords()) {
      if (topical(input, w) && clean.test(w) && Character.isLowerCase(w.charAt(0)) && !w.endsWith("ed")) {
        out.add(w);
      }
    }
    return out.isEmpty() ? task.inputWords() : out;
  }

  private static String joined(List<String> words) {
    List<String> w = words.subList(0, Math.min(3, words.size()));
    if (w.size() == 1) {
      return w.get(0);
    }
    return String.join(", ", w.subList(0, w.size() - 1)) + " and " + w.get(w.size() - 1);
  }

  /** The i-th topic word of the task, chosen by hash. */
  private String topic(int i) {
    if (topics.isEmpty()) {
      return task.subject();
    }
    return topics.get((Hashes.pick(topics.size(), key, "topic") + i) % topics.size());
  }

  /** A second topic that shares no word with the first, or null. */
  private String second() {
    String first = topic(0).toLowerCase(Locale.ROOT);
    for (int i = 1; i < topics.size(); i++) {
      String t = topic(i);
      boolean shares = false;
      for (String w : t.toLowerCase(Locale.ROOT).split(" ")) {
        shares |= List.of(first.split(" ")).contains(w);
      }
      if (!shares) {
        return t;
      }
    }
    return null;
  }

  /** A topic as a noun phrase: common nouns get an article, names and activities ("-ing") do not. */
  private static String the(String topic) {
    if (topic.isEmpty() || !Character.isLowerCase(topic.charAt(0)) || topic.matches("^(?:the|a|an|this|my|your)\\b.*")
        || topic.split(" ")[0].endsWith("ing")) {
      return topic;
    }
    return "the " + topic;
  }

  /** {@code n} items of the kind the task asks for. */
  List<String> items(int n, boolean reasons) {
    if (n <= 0) {
      return List.of();
    }
    if (task.kind() == TaskCore.Kind.NAMES) {
      return names(n, reasons);
    }
    List<List<String>> banks = new ArrayList<>();
    banks.add(bank());
    for (List<String> b : List.of(Phrases.POINT_ITEMS, Phrases.IDEA_ITEMS, Phrases.ACTION_ITEMS)) {
      if (!banks.contains(b)) {
        banks.add(b);
      }
    }
    return fromBanks(banks, n, reasons, "item");
  }

  /** Items for a short list that fills a section: points about the task. */
  @Override
  public List<String> extraItems(int from, int n) {
    List<String> all = fromBanks(List.of(Phrases.POINT_ITEMS, Phrases.QUESTION_ITEMS), from + n, false, "extra");
    return all.subList(Math.min(from, all.size()), all.size());
  }

  private List<String> fromBanks(List<List<String>> banks, int n, boolean reasons, String salt) {
    Set<String> out = new LinkedHashSet<>();
    List<String> words = topics.isEmpty() ? List.of(task.subject()) : topics;
    int w0 = Hashes.pick(words.size(), key, salt, "word");
    int r0 = Hashes.pick(Phrases.ITEM_REASONS.size(), key, salt, "reason");
    int tried = 0;
    for (List<String> bank : banks) {
      int b0 = Hashes.pick(bank.size(), key, salt, "bank");
      for (int i = 0; i < bank.size() * words.size() && out.size() < n; i++) {
        String word = words.get((w0 + i) % words.size());
        String item = upperFirst(String.format(Locale.ROOT, bank.get((b0 + i) % bank.size()), word));
        if (reasons) {
          item += " — " + String.format(Locale.ROOT, Phrases.ITEM_REASONS.get((r0 + tried) % Phrases.ITEM_REASONS.size()), word);
        }
        tried++;
        if (safe.test(item) && clean.test(item)) {
          out.add(item);
        }
      }
    }
    List<String> list = new ArrayList<>(out);
    // Never short of the count a constraint asks for: generic items are always safe.
    for (int i = 0; list.size() < n; i++) {
      list.add(Phrases.ITEMS.get(i % Phrases.ITEMS.size()) + (i >= Phrases.ITEMS.size() ? " again" : ""));
    }
    return list;
  }

  private List<String> bank() {
    String noun = task.noun().toLowerCase(Locale.ROOT);
    if (task.kind() == TaskCore.Kind.PLAN || noun.matches(".*\\b(?:steps|stages|milestones|phases)$")) {
      return Phrases.STEP_ITEMS;
    }
    if (noun.matches(".*\\b(?:tips|ways|strategies|habits|suggestions|rules|exercises|techniques|tricks|hacks|"
        + "actions|changes|approaches|methods|practices|things to do)$")) {
      return Phrases.ACTION_ITEMS;
    }
    if (noun.matches(".*\\b(?:ideas|themes|activities|topics|posts|events|projects|prompts|gifts|recipes|uses|"
        + "features|games|names|plots|settings|characters|outings|challenges)$")) {
      return Phrases.IDEA_ITEMS;
    }
    if (noun.matches(".*\\b(?:questions|interview questions|quiz questions)$")) {
      return Phrases.QUESTION_ITEMS;
    }
    return Phrases.POINT_ITEMS;
  }

  /** Invented names built from the task's words and the name banks, with a reason each when asked. */
  private List<String> names(int n, boolean reasons) {
    List<String> singles = new ArrayList<>();
    for (String w : TaskWords.of(task.subject()).all().isEmpty() ? task.words() : TaskWords.of(task.subject()).all()) {
      if (topical(task.subject(), w) && clean.test(w) && !w.equalsIgnoreCase(task.head())) {
        singles.add(w);
      }
    }
    List<String> mods = new ArrayList<>();
    // What the subject is about comes first ("a podcast about urban wildlife": wildlife).
    for (String t : task.tailWords()) {
      if (singles.contains(t)) {
        mods.add(t);
      }
    }
    for (String t : singles) {
      if (!mods.contains(t)) {
        mods.add(t);
      }
    }
    String head = task.head().isEmpty() || !clean.test(task.head()) ? "" : task.head();
    if (mods.isEmpty()) {
      mods.add(head.isEmpty() ? "Northfield" : head);
    }
    String what = head.isEmpty() ? "project" : head;
    Set<String> out = new LinkedHashSet<>();
    int p0 = Hashes.pick(Phrases.NAME_PATTERNS.size(), key, "name-pattern");
    int r0 = Hashes.pick(Phrases.NAME_REASONS.size(), key, "name-reason");
    for (int i = 0; i < 400 && out.size() < n; i++) {
      String pattern = Phrases.NAME_PATTERNS.get((p0 + i) % Phrases.NAME_PATTERNS.size());
      if (head.isEmpty() && pattern.contains("{H}")) {
        continue;
      }
      String mod = mods.get((i + i / Phrases.NAME_PATTERNS.size()) % mods.size());
      String name = pattern
          .replace("{M}", title(mod))
          .replace("{H}", title(head))
          .replace("{P}", Phrases.NAME_PLACES.get(Hashes.pick(Phrases.NAME_PLACES.size(), key, "place", "" + i)))
          .replace("{A}", Phrases.NAME_ADJECTIVES.get(Hashes.pick(Phrases.NAME_ADJECTIVES.size(), key, "adj", "" + i)))
          .replace("{R}", Phrases.NAME_PARTNERS.get(Hashes.pick(Phrases.NAME_PARTNERS.size(), key, "partner", "" + i)))
          .replace("{S}", Phrases.NAME_SUFFIXES.get(Hashes.pick(Phrases.NAME_SUFFIXES.size(), key, "suffix", "" + i)));
      String item = name;
      if (task.noun().contains("tagline")) {
        item += " — tagline: " + upperFirst(String.format(Locale.ROOT,
            Phrases.TAGLINES.get(Hashes.pick(Phrases.TAGLINES.size(), key, "tagline", "" + i)), mod.toLowerCase(Locale.ROOT)));
      }
      if (reasons) {
        item += " — " + String.format(Locale.ROOT,
            Phrases.NAME_REASONS.get((r0 + out.size()) % Phrases.NAME_REASONS.size()), mod.toLowerCase(Locale.ROOT), what);
      }
      if (safe.test(item) && clean.test(item) && out.stream().noneMatch(o -> o.startsWith(name + " —") || o.equals(name))) {
        out.add(item);
      }
    }
    List<String> list = new ArrayList<>(out);
    for (int i = 0; list.size() < n; i++) {
      list.add(Phrases.NAME_ADJECTIVES.get(i % Phrases.NAME_ADJECTIVES.size()) + " " + Phrases.NAME_PLACES.get(i % Phrases.NAME_PLACES.size()));
    }
    return list;
  }

  /** A sentence that works a required keyword into the answer, in the task's terms. */
  @Override
  public String keywordSentence(String keyword, int i) {
    List<String> bank = Phrases.KEYWORD_SENTENCES;
    int start = Hashes.pick(bank.size(), key, "kw", "" + i);
    String first = null;
    for (int j = 0; j < bank.size(); j++) {
      String s = upperFirst(String.format(Locale.ROOT, bank.get((start + j) % bank.size()), keyword, task.kind().artefact));
      first = first == null ? s : first;
      if (safe.test(s)) {
        return s;
      }
    }
    return first;
  }

  /** Topic words of the subject: two-word phrases first, then nouns; none that is forbidden. */
  private static List<String> topics(TaskCore task, Predicate<String> clean) {
    TaskWords words = TaskWords.of(task.subject());
    List<String> out = new ArrayList<>();
    for (String p : words.phrases()) {
      if (topical(task.subject(), p) && clean.test(p)) {
        out.add(p);
      }
    }
    List<String> single = new ArrayList<>(words.all());
    if (single.isEmpty()) {
      single.addAll(task.words());
    }
    // A word of a phrase already listed adds nothing ("food waste", then "food").
    Set<String> covered = new java.util.HashSet<>();
    out.forEach(p -> covered.addAll(List.of(p.toLowerCase(Locale.ROOT).split(" "))));
    for (String w : single) {
      if (topical(task.subject(), w) && clean.test(w) && !out.contains(w) && !covered.contains(w.toLowerCase(Locale.ROOT))) {
        out.add(w);
      }
    }
    return out;
  }

  private static boolean topical(String subject, String phrase) {
    String first = phrase.split(" ")[0];
    String last = phrase.substring(phrase.lastIndexOf(' ') + 1);
    if (NOT_TOPICS.contains(first.toLowerCase(Locale.ROOT)) || first.endsWith("ly") || last.endsWith("ly")
        || NOT_TOPICS.contains(phrase.substring(phrase.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT))) {
      return false;
    }
    Matcher m = Pattern.compile("(?i)\\b" + Pattern.quote(first) + "\\b").matcher(subject);
    return !m.find() || !VERB_BEFORE.matcher(subject.substring(0, m.start())).find();
  }

  /** Leads for a single item. */
  private static final List<String> ONE = List.of("Here is one %3$s for %1$s.", "One idea %1$s stands out.");

  private static final String[] COUNT_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven",
      "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen", "twenty"};

  static String title(String word) {
    StringBuilder sb = new StringBuilder();
    for (String part : word.split(" ")) {
      sb.append(sb.length() > 0 ? " " : "").append(upperFirst(part));
    }
    return sb.toString();
  }

  static String upperFirst(String s) {
    return s.isEmpty() || !Character.isLowerCase(s.charAt(0)) ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
