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
 * Writes what a Chinese task asks for, the counterpart of {@link TaskContent}: the kind of task
 * and the number of items read from its wording by simple rules, a lead sentence that names its
 * terms, a few sentences that do a plausible version of it, and items for a list. Items carry no
 * sentence marks, so that they never change a sentence count. Every choice is a hash of the
 * instruction; pieces that would trip a judged constraint ({@code safe}) or use a forbidden word
 * ({@code clean}) are replaced by others.
 */
final class ZhTaskContent implements AnswerContent {
  /** A kind of task and the words that announce it; the first that matches wins. */
  private record KindCue(String kind, Pattern cue) {}

  private static final List<KindCue> KINDS = List.of(
      new KindCue("TRANSLATION", Pattern.compile("译成|译为|翻译")),
      new KindCue("SUMMARY", Pattern.compile("概括|总结|摘要|提炼")),
      new KindCue("CODE", Pattern.compile("代码|函数|程序|(?i:python|sql|java)|正则")),
      new KindCue("CALCULATION", Pattern.compile("(?=.*\\d)(?:多少|计算|求|算一算|等于|几)")),
      new KindCue("EMAIL", Pattern.compile("写(?:一)?(?:封|份|条)?.{0,8}(?:信|邮件|短信|便条|通知|请柬|贺词)")),
      new KindCue("POEM", Pattern.compile("诗|歌词|对联|顺口溜")),
      new KindCue("STORY", Pattern.compile("故事|小说|童话|寓言")),
      new KindCue("COMPARISON", Pattern.compile("比较|对比|区别|异同|优缺点")),
      new KindCue("LIST", Pattern.compile("列出|列举|推荐|清单")),
      new KindCue("PLAN", Pattern.compile("计划|方案|安排|日程|行程|设计")),
      new KindCue("EXPLANATION", Pattern.compile("解释|为什么|原理|讲讲|介绍|说明|如何|怎样|怎么")));

  /** A count of items: a number (digits or Chinese numerals) and a measure word. */
  private static final Pattern COUNT = Pattern.compile("(\\d{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:条|个|种|项|点|件|句|位|道|款|样|招|步)");

  private static final Pattern REASONS = Pattern.compile("理由|原因|说明为什么|并解释|各附|分别说明");

  private static final String[] NUMERALS = {"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
      "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"};

  private final String task;
  private final String kind;
  private final int count;
  private final boolean listed;
  private final boolean reasons;
  private final List<String> topics;
  private final String key;
  private final Predicate<String> safe;
  private final Predicate<String> clean;

  ZhTaskContent(String instruction, String key, Predicate<String> safe, Predicate<String> clean) {
    String first = instruction.strip().split("\n", 2)[0];
    this.task = first;
    this.key = key;
    this.safe = safe;
    this.clean = clean;
    String k = "ANSWER";
    for (KindCue cue : KINDS) {
      if (cue.cue().matcher(first).find()) {
        k = cue.kind();
        break;
      }
    }
    Matcher c = COUNT.matcher(first);
    int n = c.find() ? number(c.group(1)) : -1;
    boolean list = k.equals("LIST") || (n > 1 && !k.equals("CALCULATION") && !k.equals("TRANSLATION"));
    this.kind = list && !k.equals("EMAIL") && !k.equals("POEM") && !k.equals("STORY") ? "LIST" : k;
    this.count = n > 1 && n <= 20 ? n : -1;
    this.listed = this.kind.equals("LIST");
    this.reasons = REASONS.matcher(first).find();
    List<String> t = new ArrayList<>();
    for (String w : TaskWords.ofChinese(first).all()) {
      if (clean.test(w)) {
        t.add(w);
      }
    }
    this.topics = t;
  }

  static int number(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    int value = 0;
    int digit = 0;
    for (char ch : s.toCharArray()) {
      int d = "零一二三四五六七八九".indexOf(ch);
      if (ch == '两') {
        d = 2;
      }
      if (ch == '十') {
        value += (digit == 0 ? 1 : digit) * 10;
        digit = 0;
      } else if (d >= 0) {
        digit = d;
      }
    }
    return value + digit;
  }

  /** The kind of task, as the banks name it (LIST, EMAIL, ...). */
  String kind() {
    return kind;
  }

  /** The task's content terms, none of them forbidden. */
  List<String> topics() {
    return topics;
  }

  @Override
  public List<TaskContent.Version> versions(int fixedItems) {
    List<String> more = new ArrayList<>();
    for (String t : ZhPhrases.TASK_MORE.get(kind)) {
      String s = fill(t, 0);
      if (safe.test(s) && clean.test(s) && (topics.size() >= 2 || !t.contains("%4$s"))) {
        more.add(s);
      }
    }
    List<String> tail = new ArrayList<>();
    if (kind.equals("EMAIL")) {
      tail.add(ZhPhrases.SIGN_OFFS.get(Hashes.pick(ZhPhrases.SIGN_OFFS.size(), key, "sign-off")));
    }
    int n = fixedItems >= 0 ? fixedItems : listed ? (count > 0 ? count : 5) : 0;
    boolean opens = !topics.isEmpty();
    List<TaskContent.Version> out = new ArrayList<>();
    out.add(new TaskContent.Version(opens, lead(n), more, items(n, reasons), tail));
    out.add(new TaskContent.Version(opens, lead(n), List.of(), items(n, reasons), tail));
    if (n > 0 && reasons) {
      out.add(new TaskContent.Version(opens, lead(n), List.of(), items(n, false), tail));
    }
    for (int m = n - 2; fixedItems < 0 && m >= 3; m -= 2) {
      out.add(new TaskContent.Version(opens, lead(m), List.of(), items(m, false), tail));
    }
    if (fixedItems > 0) {
      out.add(new TaskContent.Version(opens, lead(n), List.of(), fromBanks(List.of(ZhPhrases.SHORT_ITEMS), n, false,
          "short"), tail));
    }
    return out;
  }

  /** The sentence that states what follows, or null when none is safe. */
  private String lead(int n) {
    List<String> leads = ZhPhrases.TASK_LEADS.get(kind);
    int start = Hashes.pick(leads.size(), key, "lead");
    for (int i = 0; i < leads.size(); i++) {
      String s = fill(leads.get((start + i) % leads.size()), n);
      if (safe.test(s) && clean.test(s)) {
        return s;
      }
    }
    return null;
  }

  private String fill(String template, int n) {
    String count = n > 0 && n < NUMERALS.length ? NUMERALS[n] : n > 0 ? String.valueOf(n) : "几";
    return String.format(Locale.ROOT, template, subject(), count, topic(0), second());
  }

  /** What the task is about: its first two terms, or a stand-in when it names none. */
  private String subject() {
    if (topics.isEmpty()) {
      return "这个问题";
    }
    return topics.size() == 1 ? "“" + topics.get(0) + "”" : "“" + topics.get(0) + "”和“" + topics.get(1) + "”";
  }

  private String topic(int i) {
    if (topics.isEmpty()) {
      return "这个问题";
    }
    return topics.get((Hashes.pick(topics.size(), key, "topic") + i) % topics.size());
  }

  private String second() {
    return topics.size() < 2 ? topic(0) : topic(1);
  }

  private List<String> items(int n, boolean withReasons) {
    if (n <= 0) {
      return List.of();
    }
    List<List<String>> banks = new ArrayList<>();
    banks.add(bank());
    for (List<String> b : List.of(ZhPhrases.POINT_ITEMS, ZhPhrases.IDEA_ITEMS, ZhPhrases.ACTION_ITEMS)) {
      if (!banks.contains(b)) {
        banks.add(b);
      }
    }
    return fromBanks(banks, n, withReasons, "item");
  }

  @Override
  public List<String> extraItems(int from, int n) {
    List<String> all = fromBanks(List.of(ZhPhrases.POINT_ITEMS, ZhPhrases.QUESTION_ITEMS), from + n, false, "extra");
    return all.subList(Math.min(from, all.size()), all.size());
  }

  private List<String> fromBanks(List<List<String>> banks, int n, boolean withReasons, String salt) {
    Set<String> out = new LinkedHashSet<>();
    List<String> words = topics.isEmpty() ? List.of("这件事") : topics;
    int w0 = Hashes.pick(words.size(), key, salt, "word");
    int r0 = Hashes.pick(ZhPhrases.ITEM_REASONS.size(), key, salt, "reason");
    int tried = 0;
    for (List<String> bank : banks) {
      int b0 = Hashes.pick(bank.size(), key, salt, "bank");
      for (int i = 0; i < bank.size() * words.size() && out.size() < n; i++) {
        String word = words.get((w0 + i) % words.size());
        String item = String.format(Locale.ROOT, bank.get((b0 + i) % bank.size()), word);
        if (withReasons) {
          item += "——" + String.format(Locale.ROOT, ZhPhrases.ITEM_REASONS.get((r0 + tried) % ZhPhrases.ITEM_REASONS.size()), word);
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
      list.add(ZhPhrases.ITEMS.get(i % ZhPhrases.ITEMS.size()) + (i >= ZhPhrases.ITEMS.size() ? "（再次）" : ""));
    }
    return list;
  }

  private List<String> bank() {
    if (kind.equals("PLAN") || task.matches(".*(?:步骤|阶段|环节|流程).*")) {
      return ZhPhrases.STEP_ITEMS;
    }
    if (task.matches(".*(?:建议|方法|技巧|习惯|窍门|办法|做法|措施|妙招).*")) {
      return ZhPhrases.ACTION_ITEMS;
    }
    if (task.matches(".*(?:点子|创意|活动|主题|名字|标题|口号|礼物|游戏).*")) {
      return ZhPhrases.IDEA_ITEMS;
    }
    if (task.matches(".*(?:问题|提问|面试题|题目).*")) {
      return ZhPhrases.QUESTION_ITEMS;
    }
    return ZhPhrases.POINT_ITEMS;
  }

  @Override
  public String keywordSentence(String keyword, int i) {
    List<String> bank = ZhPhrases.KEYWORD_SENTENCES;
    String artefact = ZhPhrases.ARTEFACTS.get(kind);
    int start = Hashes.pick(bank.size(), key, "kw", "" + i);
    String first = null;
    for (int j = 0; j < bank.size(); j++) {
      String s = String.format(Locale.ROOT, bank.get((start + j) % bank.size()), keyword, artefact);
      first = first == null ? s : first;
      if (safe.test(s)) {
        return s;
      }
    }
    return first;
  }
}
