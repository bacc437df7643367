package dev.tracegen.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a task asks for, read from its wording by simple rules: the kind of artefact, how many
 * items (names, tips, ideas...), the subject they are about and whether each needs a reason. The
 * task is the first line of an instruction (the seed's text plus the context clause the expand
 * step adds); its input, if any, follows a "# Inputs:" line.
 *
 * @param kind what to produce
 * @param count how many items were asked for, or -1
 * @param noun what the items are ("names", "practical tips"), or "" when the task has no list
 * @param subject what the task is about ("a pottery studio"), never empty
 * @param head the subject's main noun ("studio"), or ""
 * @param words content words of the subject, falling back to those of the whole task
 * @param inputWords content words of the task's input
 * @param reasons each item needs a short reason or description
 * @param found the subject was read from the task's wording, not pieced together from its words
 */
record TaskCore(Kind kind, int count, String noun, String subject, String head, List<String> words,
    List<String> inputWords, boolean reasons, boolean found) {

  enum Kind {
    NAMES("list of names"), LIST("list"), EMAIL("message"), STORY("story"), POEM("poem"), SCRIPT("script"),
    SPEECH("speech"), SUMMARY("summary"), TRANSLATION("translation"), COMPARISON("comparison"), PLAN("plan"),
    CODE("solution"), CALCULATION("calculation"), REWRITE("revision"), EXPLANATION("explanation"),
    ANSWER("answer");

    /** What the answer is, as a noun for sentences about it. */
    final String artefact;

    Kind(String artefact) {
      this.artefact = artefact;
    }
  }

  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
      Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
      Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
      Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("a few", 3), Map.entry("several", 5),
      Map.entry("some", 5), Map.entry("a handful of", 5));

  private static final String NUM = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
      + "|fifteen|twenty|a few|several|some|a handful of|an|a)";

  /** Up to three modifiers between the count and the noun: "easy-to-remember, easy-to-spell". */
  private static final String MODIFIERS = "((?:[a-z'-]+,?\\s+(?:and\\s+|but\\s+|or\\s+)?){0,3}?)";

  private static final Pattern NAMES = Pattern.compile("\\b" + NUM + "\\s+" + MODIFIERS
      + "(names?|titles?|slogans?|taglines?|mottos?|headlines?)\\b");

  /** A count of items is asked for near the start of a task, after a verb that asks for them. */
  private static final Pattern ASKS = Pattern.compile("^(?:[\\w',-]+\\s+){0,6}?(?:list|give|suggest|brainstorm|"
      + "come up with|write|create|name|share|provide|outline|describe|identify|propose|offer|make|prepare|draft|"
      + "design|develop|recommend|invent|think of|what are|compile|collect|put together|plan)\\b.*");

  private static final Pattern LIST = Pattern.compile("\\b" + NUM + "\\s+" + MODIFIERS + "([a-z-]{3,}s)\\b");

  private static final Pattern HYPHEN_COUNT = Pattern.compile("\\b" + NUM + "-(question|item|step|point|tip)\\b");

  /** Plural nouns after a number that measure the answer or the task rather than list its items. */
  private static final Pattern NOT_ITEMS = Pattern.compile("(?:sentences|words|paragraphs|lines|days|years|hours"
      + "|minutes|weeks|months|people|times|stars|pages|seconds|lists|centimetres|metres|kilometres|litres|grams"
      + "|kilograms|dollars|pounds|euros|points of view|decimals|places|players|students|children|friends|members"
      + "|guests|pupils|parts|languages|ingredients|values|numbers|columns|rows|cups|eggs|sides)");

  private static final Pattern REASONS = Pattern.compile("\\b(?:with|and|plus)\\s+(?:a|an|one)?\\s*(?:short|brief|"
      + "one-line|one-sentence|quick)?\\s*(?:reason|explanation|description|definition|justification|note|"
      + "rationale)s?\\b|\\beach with\\b|\\bexplain(?:ing)? why\\b|\\bwhy each\\b|\\bjustify");

  private static final Pattern LIST_VERB = Pattern.compile(
      "^(?:list|brainstorm|suggest|give|name|come up with|propose|offer|share|outline|what are some)\\b");

  /** The subject of a task ends where a second request or a length limit begins. */
  private static final Pattern SUBJECT_END = Pattern.compile(",|;|:|\\?|!|\\. |\\.$|\\s(?:and (?:say|explain|"
      + "give|list|show|include|then|suggest|describe|mention|justify|assess)|in (?:no more than|under|fewer than|"
      + "about|exactly|one|two|three|four|five|a few|simple|a table|a short|a paragraph|terms of)|with (?:a|an|one|answers?|examples?)|as (?:a|an) "
      + "(?:json|table|list|bulleted|numbered))\\b");

  private static final Pattern LEAD_IN = Pattern.compile("^(?:(?:what|why|how(?: long| much| many| often| far)?|when|where|who|which|is|are|does|"
      + "do|did|can|could|should|would|will|was|were)\\s+)+(?:(?:is|are|does|do|did|can|could|should|was|were|"
      + "the|a|an|it|you|we|i|someone|people|they)\\s+)*");

  /** "... email to a colleague thanking them for ...": the addressee, then what the message is for. */
  private static final Pattern EMAIL = Pattern.compile("(?i)\\bto\\s+((?:a|an|the|your|my|our|their|his|her)?\\s*"
      + "[\\w' -]+?)\\s+((?:explaining|thanking|asking|about|announcing|inviting|requesting|apologi[sz]ing|"
      + "confirming|declining|accepting|complaining|congratulating|introducing|offering|proposing|reminding|"
      + "welcoming|informing|\\w+ing|to|who|that|because|after|for)\\b.*)");

  private static final Pattern EXPLAIN = Pattern.compile("(?i)^(?:explain|describe|outline|define|discuss|compare|contrast|"
      + "give (?:a|an) (?:[\\w,-]+\\s+){0,3}?(?:explanation|account|overview|description) of)"
      + "(?:\\s+to\\s+(?:a|an|the)?\\s*[\\w-]+(?=\\s+(?:why|how|what|when|where|the|a|an)\\b))?\\s+");

  /** "someone who wants to ...", "if I want to ...": what the task is for. */
  private static final Pattern WANTS = Pattern.compile("(?i)\\b(?:someone who|a person who|people who|a friend who|"
      + "a student who|if i|i) (?:wants?|is trying|needs?|hopes?|would like) to (.+)");

  /** Stands for "the question's main phrase", worked out from its words. */
  private static final String QUESTION = "\u0000question";

  private static final Pattern CUT = Pattern.compile("\\s(?:that|who|which|whose|with|where|run by|selling|"
      + "offering|about|aimed at|for|in|at|on)\\s");

  /** A kind of task and the words that announce it; the first that matches wins. */
  private record KindCue(Kind kind, Pattern cue) {}

  private static final List<KindCue> KINDS = List.of(
      new KindCue(Kind.TRANSLATION, Pattern.compile("\\btranslat|how would you say")),
      new KindCue(Kind.SUMMARY, Pattern.compile("\\bsummari[sz]|\\bsummary\\b|\\bheadline\\b|\\btl;?dr\\b")),
      new KindCue(Kind.EMAIL, Pattern.compile("^(?:write|draft|compose|prepare)\\s+(?:a|an)\\s+(?:[\\w,'-]+\\s+){0,4}?"
          + "(?:e-?mail|letter|message|memo|invitation|note|reply|text message)\\b")),
      new KindCue(Kind.POEM, Pattern.compile("\\b(?:poem|haiku|limerick|sonnet|verse|song|lyrics|rhyme)\\b")),
      new KindCue(Kind.SCRIPT, Pattern.compile("\\b(?:script|dialogue|scene|skit|monologue|radio play)\\b")),
      new KindCue(Kind.STORY, Pattern.compile("\\b(?:story|tale|fable|flash fiction|diary entry|journal entry|"
          + "anecdote|narrative)\\b")),
      new KindCue(Kind.SPEECH, Pattern.compile("\\b(?:speech|toast|pep talk|opening statement|announcement|"
          + "pitch|welcome)\\b")),
      new KindCue(Kind.COMPARISON, Pattern.compile("\\b(?:compar\\w*|contrast\\w*|differences?|differ|versus|"
          + "pros and cons|alike)\\b|\\bover\\b.*\\bopposite\\b")),
      new KindCue(Kind.CODE, Pattern.compile("\\b(?:function|method|python|javascript|java|rust|go|c\\+\\+|sql|"
          + "regex|regular expressions?|pseudocode|implement|code|class|program|algorithm|bash|typescript)\\b"
          + "|^in [a-z+#]+,")),
      new KindCue(Kind.PLAN, Pattern.compile("\\b(?:plan|schedule|itinerary|checklist|timetable|milestones|"
          + "routine|agenda|step-by-step|budget|roadmap)\\b")),
      new KindCue(Kind.REWRITE, Pattern.compile("^(?:rewrite|correct|proofread|improve|shorten|edit|paraphrase|"
          + "simplify|turn|make the|fix|convert|rephrase)\\b")),
      new KindCue(Kind.CALCULATION, Pattern.compile("\\d.*\\b(?:how (?:much|many|long|far)|calculate|what time|"
          + "average|percentage|estimate|work out|find the|total)\\b|^(?:calculate|estimate|work out)\\b")),
      new KindCue(Kind.EXPLANATION, Pattern.compile("^(?:explain|describe|what|why|how|when|where|who|is|are|"
          + "does|do|can|should|which|define|analy[sz]e|discuss|identify|assess|evaluate|did|was|were)\\b|\\?$")));

  private static final Pattern FOR_OF = Pattern.compile("\\s(?:for|of)\\s");
  private static final Pattern ABOUT_ON = Pattern.compile("\\s(?:about|on)\\s");
  private static final Pattern ABOUT_ON_FOR_OF = Pattern.compile("\\s(?:about|on|for|of)\\s");
  private static final Pattern SUBJECT_START = Pattern.compile("\\s(?:on|of|for|between|explaining|describing|arguing that|to|that|"
      + "into|from|inspired by|by|featuring|set in|where|in which|with)\\s");
  private static final Pattern ABOUT = Pattern.compile("\\sabout\\s");
  private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{3,80})[\"”]");
  private static final Pattern GOAL = Pattern.compile("(?i)\\bgoal (?:to|of) (.+?) into\\b");

  private static final Pattern EMAIL_CUE = KINDS.stream().filter(k -> k.kind() == Kind.EMAIL).findFirst()
      .orElseThrow().cue();

  /** Reads the task of {@code instruction}: its first line and its input. */
  static TaskCore read(String instruction) {
    String text = instruction.strip();
    int newline = text.indexOf('\n');
    String task = seedOf(newline < 0 ? text : text.substring(0, newline).strip());
    int at = text.indexOf("\n# Inputs:\n");
    String input = at < 0 ? "" : text.substring(at + "\n# Inputs:\n".length());
    return of(task, input);
  }

  /** The seed's own words: the context clause the expand step appends is not part of the task. */
  static String seedOf(String description) {
    for (String context : Phrases.CONTEXTS) {
      if (description.endsWith(", " + context + ".")) {
        return description.substring(0, description.length() - context.length() - 3) + ".";
      }
      if (description.endsWith(" Answer it " + context + ".")) {
        return description.substring(0, description.length() - context.length() - 12);
      }
    }
    return description;
  }

  static TaskCore of(String task, String input) {
    String lower = task.toLowerCase(Locale.ROOT).strip();
    boolean reasons = REASONS.matcher(lower).find();
    List<String> inputWords = TaskWords.of(input).all();
    Matcher names = NAMES.matcher(lower);
    if (names.find() && ASKS.matcher(lower.substring(0, names.start())).matches()
        && (names.group(3).startsWith("name") || number(names.group(1)) >= 2)) {
      int count = number(names.group(1));
      String rest = task.substring(names.end());
      Matcher prep = FOR_OF.matcher(rest);
      String subject = prep.find() ? clause(rest.substring(prep.end())) : "";
      String noun = (names.group(2) + names.group(3)).strip();
      if (lower.matches(".*\\b(?:tagline|slogan)s?\\b.*") && !noun.matches(".*(?:tagline|slogan).*")) {
        noun = (noun.endsWith("s") ? noun : noun + "s") + " and taglines";
      }
      return build(Kind.NAMES, count == 1 && names.group(3).endsWith("s") ? 5 : count,
          noun.endsWith("s") ? noun : noun.replaceFirst("(name|title|slogan|tagline|motto|headline)$", "$1s"), subject, task,
          inputWords, reasons);
    }
    Matcher list = LIST.matcher(lower);
    while (list.find()) {
      String noun = list.group(3);
      int count = number(list.group(1));
      if (count < 2 || NOT_ITEMS.matcher(noun).matches() || !ASKS.matcher(lower.substring(0, list.start())).matches()) {
        continue;
      }
      String rest = task.substring(list.end()).strip();
      String subject = rest.matches("(?is)^(?:for|of|to|about|on|that|which|in|when|who|where|against|"
          + "from|with|needed|a)\\b.*") ? clause(rest) : "";
      Matcher wants = WANTS.matcher(task);
      if (subject.isEmpty() && wants.find()) {
        subject = "for anyone who wants to " + clause(wants.group(1));
      }
      if (subject.isEmpty()) {
        Matcher about = ABOUT_ON.matcher(task);
        subject = about.find() ? "about " + clause(task.substring(about.end())) : "";
      }
      return build(Kind.LIST, count, (list.group(2) + noun).strip(), subject, task, inputWords, reasons);
    }
    Matcher hyphen = HYPHEN_COUNT.matcher(lower);
    if (hyphen.find()) {
      String rest = task.substring(hyphen.end());
      Matcher about = ABOUT_ON_FOR_OF.matcher(rest);
      return build(Kind.LIST, number(hyphen.group(1)), hyphen.group(2) + "s",
          about.find() ? clause(rest.substring(about.end())) : "", task, inputWords, reasons);
    }
    Kind kind = Kind.ANSWER;
    Matcher email = EMAIL.matcher(task);
    if (EMAIL_CUE.matcher(lower).find() && email.find()) {
      // A message: the addressee is its head, what it is for its subject.
      TaskCore t = build(Kind.EMAIL, -1, "", email.group(2), task, inputWords, reasons);
      String to = email.group(1).strip();
      return new TaskCore(Kind.EMAIL, -1, "", t.subject(), to.substring(to.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT),
          t.words(), t.inputWords(), reasons, t.found());
    }
    for (KindCue k : KINDS) {
      if (k.cue().matcher(lower).find()) {
        kind = k.kind();
        break;
      }
    }
    if (kind == Kind.ANSWER || kind == Kind.EXPLANATION) {
      if (EXPLAIN.matcher(task).find()) {
        kind = Kind.EXPLANATION;
      } else if (LIST_VERB.matcher(lower).find()) {
        kind = Kind.LIST;
      }
    }
    return build(kind, -1, kind == Kind.LIST ? "points" : "", subjectOf(task, kind), task, inputWords, reasons);
  }

  private static TaskCore build(Kind kind, int count, String noun, String subject, String task,
      List<String> inputWords, boolean reasons) {
    String s = subject.equals(QUESTION) ? "" : tidy(subject);
    List<String> words = TaskWords.of(s).all();
    if (words.isEmpty()) {
      words = TaskWords.of(task).all();
    }
    if (subject.equals(QUESTION)) {
      TaskWords tw = TaskWords.of(task);
      List<String> pairs = tw.phrases().stream().filter(p -> !p.matches(".*(?:ly|often)$")
          && !p.matches("(?i).*\\b(?:person|people|someone|somebody)\\b.*")).toList();
      List<String> singles = words.stream().filter(w -> !w.matches("(?i)person|people|someone|somebody")).toList();
      String phrase = pairs.isEmpty() ? (singles.isEmpty() ? "" : singles.get(0)) : pairs.get(0);
      // Overlapping pairs make one longer phrase: "electric washing" + "washing machine".
      for (int i = 1; i < pairs.size() && phrase.endsWith(" " + pairs.get(i).split(" ")[0]); i++) {
        phrase += " " + pairs.get(i).split(" ")[1];
      }
      s = phrase.isEmpty() || Character.isUpperCase(phrase.charAt(0)) ? phrase : "the " + phrase;
    }
    boolean found = !s.isEmpty() && s.split(" ").length <= 18;
    if (!found) {
      s = words.isEmpty() ? "the request" : words.size() == 1 ? words.get(0) : words.get(0) + " and " + words.get(1);
    }
    String head = "";
    if (kind == Kind.EMAIL) {
      return new TaskCore(kind, count, noun, s, head, List.copyOf(words), List.copyOf(inputWords), reasons, found);
    }
    Matcher cut = CUT.matcher(" " + s + " ");
    String base = cut.find() ? (" " + s + " ").substring(0, cut.start()).strip() : s;
    String[] parts = base.split("\\s+");
    if (parts.length > 0 && parts[parts.length - 1].matches("[A-Za-z-]{3,}")) {
      head = parts[parts.length - 1].toLowerCase(Locale.ROOT);
    }
    return new TaskCore(kind, Math.min(count, 20), noun, s, head, List.copyOf(words), List.copyOf(inputWords), reasons, found);
  }

  /** What a task without a list is about: what follows its kind's keyword, or the question's words. */
  private static String subjectOf(String task, Kind kind) {
    String lower = task.toLowerCase(Locale.ROOT);
    Matcher m = SUBJECT_START.matcher(task);
    Matcher about = ABOUT.matcher(task);
    int start = 0;
    if (kind != Kind.EXPLANATION && kind != Kind.ANSWER && kind != Kind.CALCULATION) {
      for (KindCue k : KINDS) {
        if (k.kind() == kind) {
          Matcher key = k.cue().matcher(lower);
          if (key.find()) {
            start = key.end();
          }
        }
      }
    }
    if (kind == Kind.TRANSLATION) {
      Matcher quoted = QUOTED.matcher(task);
      if (quoted.find()) {
        return "the sentence \"" + quoted.group(1) + "\"";
      }
    }
    Matcher goal = GOAL.matcher(task);
    if (goal.find()) {
      return "the goal to " + goal.group(1);
    }
    Matcher wants = WANTS.matcher(task);
    if (wants.find() && kind != Kind.EMAIL && kind != Kind.STORY) {
      return "how to " + wants.group(1);
    }
    Matcher verb = EXPLAIN.matcher(task);
    if (verb.find()) {
      // "Explain (to a beginner) why ...", "Describe how ...": the object of the verb.
      return clause(task.substring(verb.end()));
    }
    if (kind == Kind.EXPLANATION || kind == Kind.ANSWER || kind == Kind.CALCULATION) {
      Matcher lead = LEAD_IN.matcher(lower);
      int end = lead.find() ? lead.end() : 0;
      String rest = task.substring(end);
      if (end > 0 && !rest.isBlank() && lower.matches("^(?:what|who|where) (?:is|are|was|were)\\b.*")) {
        return clause(rest);
      }
      if (end > 0) {
        // A question whose verb comes later ("How long does the turtle live"): its main phrase.
        return QUESTION;
      }
    }
    if (about.find(start)) {
      return clause(task.substring(about.end()));
    }
    if (m.find(start)) {
      return clause(task.substring(m.end()));
    }
    return "";
  }

  /** The phrase up to where the task moves on to something else. */
  private static String clause(String rest) {
    Matcher end = SUBJECT_END.matcher(rest);
    return (end.find() ? rest.substring(0, end.start()) : rest).strip();
  }

  /** A subject fit to sit inside a sentence or a list item: no sentence marks, quotes kept paired. */
  private static String tidy(String subject) {
    String s = subject.replaceAll("[.!?]+(?=[\"”]|$)", "").replaceAll("[!?]", "").replaceAll("\\s+", " ").strip();
    if (s.chars().filter(c -> c == '"').count() % 2 == 1) {
      s = s.replace("\"", "");
    }
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
        && s.matches("^(?:The|A|An|This|These|Those|Some|Your|My|Our|Their)\\b.*")) {
      s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  private static int number(String word) {
    if (word.matches("\\d+")) {
      return Integer.parseInt(word);
    }
    return NUMBERS.getOrDefault(word, -1);
  }

  /** Content words of the subject after its main noun ("a podcast about urban wildlife": wildlife, urban), last first. */
  List<String> tailWords() {
    Matcher cut = CUT.matcher(" " + subject + " ");
    List<String> out = new ArrayList<>(cut.find() ? TaskWords.of((" " + subject + " ").substring(cut.end())).all() : List.of());
    java.util.Collections.reverse(out);
    return out;
  }

  /** Whether the answer is a list of items in its own right. */
  boolean listed() {
    return kind == Kind.NAMES || kind == Kind.LIST;
  }

  /** The subject's content words other than its main noun: what names and items are built from. */
  List<String> modifiers() {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      if (!w.equalsIgnoreCase(head)) {
        out.add(w);
      }
    }
    return out;
  }
}
