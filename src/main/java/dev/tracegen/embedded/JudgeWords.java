package dev.tracegen.embedded;

import dev.tracegen.taxonomy.Dimension;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the embedded judge writes as a constraint's reason, and the quality step as its verdict's,
 * per language (a {@link Voice}'s): each format's {@code %s} are filled with text quoted from the
 * answer or the rule. The scores do not
 * depend on it; a judgement of a Chinese run reads as Chinese. The last two are the lines of the
 * benchmark judge's answer ({@code tracegen eval}): a constraint's explanation and its score.
 */
record JudgeWords(String unknown, String forbidden, String noOwnStart, String begins, String nothingForbidden,
    String shows, String noSign, String noOwnOpening, String opensWith, String openingOff, String noneOfAll,
    String noneOfAny, String otherValue, String showsAll, String join, String open, String close, String itemOpen,
    String itemClose, String listOpen, String listClose, String listJoin, String checkerPass, String checkerFail,
    boolean chineseLabels, String missingInput, String redundant, String sound, String constraintExplanation,
    String constraintScore) {

  static final JudgeWords ENGLISH = new JudgeWords(
      "cannot tell whether this constraint is met",
      "the response contains forbidden %s",
      "no statement of its own begins with %s",
      "a statement begins with %s",
      "nothing forbidden in the response",
      "the response shows %s",
      "no sign of %s outside text copied from the instruction",
      "the response does not open in a manner of its own",
      "the response opens with %s",
      "the opening %s is not in the example's manner",
      "no sign of every one of %s",
      "no sign of any of %s",
      "%s belongs to %s %s",
      "the response shows %s",
      "; ", "\"", "\"", "", "", "[", "]", ", ",
      "%2$s",
      "%2$s",
      false,
      "The description refers to an input that is missing.",
      "A constraint repeats the description or another constraint.",
      "The task is complete and its constraints are distinct.",
      "Constraint %d explanation: %s",
      "Constraint %d score: %d");

  static final JudgeWords CHINESE = new JudgeWords(
      "无法判断是否满足该约束",
      "回答中出现了禁止的%s",
      "回答中没有一句自己写的话以%s开头",
      "有一句话以%s开头",
      "回答中没有禁止的内容",
      "回答中出现了%s",
      "除抄自指令的文字外，回答中没有%s",
      "回答的开头不是自己写的",
      "回答以%s开头",
      "开头%s不符合示例的方式",
      "回答中没有全部出现%s",
      "回答中没有出现%s中的任何一个",
      "%1$s属于另一种取值，不是所要求的",
      "回答中出现了%s",
      "；", "“", "”", "“", "”", "", "", "、",
      "回答满足“%s”约束",
      "回答不满足“%s”约束",
      true,
      "任务描述提到了输入，但没有给出输入。",
      "有一条约束与任务描述或另一条约束重复。",
      "任务完整，各条约束互不重复。",
      "约束%d 说明：%s",
      "约束%d 得分：%d");

  String quote(String text) {
    return open + text + close;
  }

  String quoted(List<String> texts) {
    return texts.stream().map(t -> itemOpen + t + itemClose).collect(Collectors.joining(listJoin, listOpen, listClose));
  }

  String format(String template, String... quotedArgs) {
    return String.format(template, (Object[]) quotedArgs);
  }

  /** How a checker-decided constraint's dimension is named: its {@code label_zh} in Chinese, where it has one. */
  String label(Dimension d) {
    return chineseLabels && d.labelZh() != null && !d.labelZh().isBlank() ? d.labelZh() : d.id();
  }

  /**
   * The reason for a checker-decided constraint from the dimension's label in this language and
   * the checker's own detail (English; the Chinese words name the dimension instead).
   */
  String checker(boolean pass, String label, String detail) {
    return String.format(pass ? checkerPass : checkerFail, label, detail);
  }
}
