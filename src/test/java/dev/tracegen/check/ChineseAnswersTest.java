package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Constraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every checker on answers written in Chinese, compliant and not. */
class ChineseAnswersTest {
  private static CheckResult check(Checker checker, Constraint constraint, String response) {
    return checker.check(constraint, response);
  }

  // ---- TextMetrics ----

  @Test
  void wordsAreCharactersAndLatinRuns() {
    assertEquals(7, TextMetrics.words("我喜欢iPhone 15和AI。"));
    assertEquals(7, TextMetrics.words("版本3.5很好，对吧？"));
    assertEquals(5, TextMetrics.words("“你好”，——《红楼梦》！"), "punctuation counts nothing");
    assertEquals(1, TextMetrics.words("ＡＢＣ１２３"), "a full-width run is one word");
    assertEquals(4, TextMetrics.words("用GPT-4写作"));
  }

  @Test
  void chineseSentenceEnds() {
    assertEquals(3, TextMetrics.sentences("今天天气很好。我们去公园吧！你来吗？"));
    assertEquals(2, TextMetrics.sentences("他说：“我们走吧。”然后离开了。"));
    assertEquals(1, TextMetrics.sentences("「好。」"));
    assertEquals(1, TextMetrics.sentences("第一，我们；第二，他们。"), "；does not end one");
    assertEquals(2, TextMetrics.sentences("我不知道……也许吧。"));
    assertEquals(2, TextMetrics.sentences("好!我们走?"), "half-width marks before Han");
    assertEquals(0, TextMetrics.sentences("１．概述\n２．背景"), "full-width list numbers");
    assertEquals(1, TextMetrics.sentences("Wait… what."), "one ellipsis does not end one");
    assertEquals(2, TextMetrics.paragraphs("第一段。\n\n第二段。"));
  }

  @Test
  void chineseListMarkers() {
    assertEquals(3, TextMetrics.numberedItems("一、概述\n二、背景\n十一、结论"));
    assertEquals(2, TextMetrics.numberedItems("1、苹果\n2、香蕉"));
    assertEquals(List.of(3), TextMetrics.listSizes("（1）第一\n（2）第二\n(3)第三", true));
    assertEquals(List.of(3), TextMetrics.listSizes("①准备\n②执行\n③检查", true));
    assertEquals(List.of(2), TextMetrics.listSizes("１．准备\n２．执行", true));
    assertEquals(List.of(2), TextMetrics.listSizes("1.准备\n2. 执行", true));
    assertEquals(List.of(3), TextMetrics.listSizes("• 要点一\n·要点二\n– 要点三", false));
    assertEquals(0, TextMetrics.numberedItems("一个人走了。\n(2020)年很难。\n3.5倍的增长。"));
    assertEquals(0, TextMetrics.bulletedItems("·"));
  }

  @Test
  void chineseOutlineLevelsStayInsideTheirItem() {
    String outline = "一、概述\n1. 背景\n2. 目标\n二、方法\n（一）调查\n三、结论";
    assertEquals(List.of(3), TextMetrics.listSizes(outline, true));
  }

  // ---- numerical ----

  @Test
  void numericalCountsCharactersAndChineseSentences() {
    Checker checker = new NumericalChecker();
    String answer = "人工智能正在改变我们的生活方式。它让工作更高效！";
    CheckResult words = check(checker, constraint("numerical", "metric", "words", "max", 30), answer);
    assertTrue(words.pass(), words.reason());
    assertEquals("22 words, needs at most 30", words.reason());
    assertFalse(
        check(checker, constraint("numerical", "metric", "words", "max", 20), answer).pass());
    assertTrue(
        check(checker, constraint("numerical", "metric", "sentences", "min", 2, "max", 2), answer)
            .pass());
    assertFalse(
        check(checker, constraint("numerical", "metric", "sentences", "min", 3), answer).pass());
    assertEquals(
        "3 items, needs exactly 3",
        check(
                checker,
                constraint("numerical", "metric", "items", "min", 3, "max", 3),
                "一、计划\n二、执行\n三、总结")
            .reason());
  }

  // ---- numbering_list ----

  @Test
  void numberingListChineseStyles() {
    Checker checker = new NumberingListChecker();
    Constraint three = constraint("numbering_list", "style", "numbered", "count", 3);
    String answer = "以下是三个步骤：\n\n一、制定计划\n二、执行计划\n三、总结经验\n\n祝你顺利。";
    CheckResult result = check(checker, three, answer);
    assertTrue(result.pass(), result.reason());
    assertTrue(check(checker, three, "步骤：\n（1）准备\n（2）执行\n（3）检查").pass());
    assertTrue(check(checker, three, "①准备\n②执行\n③检查").pass());
    assertFalse(
        check(checker, constraint("numbering_list", "style", "numbered", "count", 4), answer)
            .pass());
    CheckResult split = check(checker, three, "一、计划\n二、执行\n\n这是说明。\n\n三、总结");
    assertFalse(split.pass());
    assertEquals("numbered lists of [2, 1] items, needs one of exactly 3", split.reason());
    Constraint bullets = constraint("numbering_list", "style", "bulleted", "count", 2);
    assertTrue(check(checker, bullets, "要点：\n• 多喝水\n• 早睡觉").pass());
    assertFalse(check(checker, bullets, "要点：多喝水，早睡觉。").pass());
  }

  // ---- inclusion / exclusion ----

  @Test
  void inclusionOfChineseAndLatinKeywords() {
    Checker checker = new InclusionChecker();
    assertTrue(check(checker, constraint("inclusion", "keyword", "人工智能"), "我认为人工智能很重要。").pass());
    assertFalse(check(checker, constraint("inclusion", "keyword", "人工智能"), "我认为机器学习很重要。").pass());
    assertTrue(check(checker, constraint("inclusion", "keyword", "cat"), "我喜欢cat。").pass());
    assertFalse(check(checker, constraint("inclusion", "keyword", "cat"), "我喜欢category。").pass());
    assertTrue(check(checker, constraint("inclusion", "keyword", "AI"), "我们使用ＡＩ工具。").pass());
    assertTrue(check(checker, constraint("inclusion", "keyword", "ＧＰＴ"), "GPT-4很强。").pass());
    assertTrue(check(checker, constraint("inclusion", "keyword", "２０２４年"), "2024年发布。").pass());
  }

  @Test
  void exclusionOfChineseAndLatinKeywords() {
    Checker checker = new ExclusionChecker();
    assertFalse(check(checker, constraint("exclusion", "keyword", "人工智能"), "人工智能很重要。").pass());
    assertTrue(check(checker, constraint("exclusion", "keyword", "人工智能"), "机器学习很重要。").pass());
    assertFalse(check(checker, constraint("exclusion", "keyword", "leverage"), "我们要leveraging资源。").pass());
    assertTrue(check(checker, constraint("exclusion", "keyword", "cat"), "我喜欢category。").pass());
    assertFalse(check(checker, constraint("exclusion", "keyword", "cat"), "我喜欢ｃａｔ。").pass());
  }

  // ---- text_pattern ----

  @Test
  void textPatternOnChineseAnswers() {
    Checker checker = new TextPatternChecker();
    Constraint bold = constraint("text_pattern", "pattern", "bold_keyword", "keyword", "关键要点");
    assertTrue(check(checker, bold, "**关键要点**：多喝水。").pass());
    assertTrue(check(checker, bold, "请记住“**关键要点**”。").pass());
    assertFalse(check(checker, bold, "关键要点：**多喝水**。").pass());
    Constraint noEmoji = constraint("text_pattern", "pattern", "no_emoji");
    assertTrue(check(checker, noEmoji, "①准备 ②执行，《指南》【注】").pass());
    assertFalse(check(checker, noEmoji, "太好了😀").pass());
    assertFalse(check(checker, noEmoji, "㊙️配方").pass());
    assertTrue(
        check(checker, constraint("text_pattern", "pattern", "emoji_min", "count", 2), "恭喜㊗️！🎉")
            .pass());
  }

  // ---- citation ----

  @Test
  void citationInChineseStyle() {
    Checker checker = new CitationChecker();
    Constraint numeric = constraint("citation", "style", "numeric", "min", 2);
    String answer =
        "睡眠有助于记忆【1】，运动也有帮助［2］。\n\n参考文献：\n【1】沃克，2017。\n［2］瑞迪，2008。\n";
    CheckResult result = check(checker, numeric, answer);
    assertTrue(result.pass(), result.reason());
    assertEquals("2 cited, 2 listed, needs at least 2", result.reason());
    assertTrue(
        check(checker, numeric, "睡眠有助于记忆[1，2]。\n\n**参考文献：**\n[1]沃克。\n[2] 瑞迪。").pass());
    assertFalse(check(checker, numeric, "睡眠有助于记忆【1】。\n\n参考文献：\n【1】沃克。").pass());
    CheckResult unlisted = check(checker, numeric, "甲【1】，乙【2】，丙【3】。\n\n参考文献：\n【1】甲。\n【2】乙。");
    assertEquals("3 cited, 2 listed, needs at least 2; no entry for [3]", unlisted.reason());
    Constraint none = constraint("citation", "style", "none");
    assertTrue(check(checker, none, "纯文本回答（没有引用），见《红楼梦》。").pass());
    assertFalse(check(checker, none, "正文【1】。").pass());
    assertFalse(check(checker, none, "正文。\n\n参考资料：\n- 某书").pass());
  }

  // ---- multilingual ----

  @Test
  void multilingualWithChineseText() {
    Checker checker = new MultilingualChecker();
    Constraint han = constraint("multilingual", "language", "Chinese", "script", "han");
    CheckResult names = check(checker, han, "Summary done.\n\n我们用iPhone和MacBook拍摄了这部影片。");
    assertTrue(names.pass(), names.reason());
    assertFalse(check(checker, han, "Done. 我们用iPhone、MacBook、AirPods和Apple Watch。").pass());
    Constraint russian = constraint("multilingual", "language", "Russian", "script", "cyrillic");
    assertTrue(check(checker, russian, "睡眠很重要。运动也很重要。\n\nЭто краткое резюме.").pass());
    assertFalse(check(checker, russian, "睡眠很重要。Это краткое резюме. 运动也很重要。").pass());
    Constraint korean = constraint("multilingual", "language", "Korean", "script", "hangul");
    assertTrue(check(checker, korean, "睡眠很重要！이것은 짧은 요약입니다.").pass());
    assertFalse(check(checker, korean, "睡眠很重要。运动也很重要。").pass());
  }

  // ---- hierarchy ----

  @Test
  void hierarchyCountsMarkdownHeadingsInChinese() {
    Checker checker = new HierarchyChecker();
    Constraint two = constraint("hierarchy", "count", 2);
    assertTrue(check(checker, two, "## 一、概述\n\n内容。\n\n## 二、背景\n\n- 要点").pass());
    assertFalse(check(checker, two, "## 概述\n## 背景\n内容。").pass(), "an empty section");
    // The phrasing asks for Markdown headings: plain 一、 lines are list items.
    assertFalse(check(checker, two, "一、概述\n内容。\n二、背景\n内容。").pass());
  }

  // ---- output_format ----

  @Test
  void outputFormatWithChineseContent() {
    Checker checker = new OutputFormatChecker();
    Constraint json = constraint("output_format", "format", "json");
    assertTrue(check(checker, json, "{\"标题\": \"睡眠\", \"要点\": [\"早睡\", \"早起\"]}").pass());
    assertFalse(check(checker, json, "{“标题”: “睡眠”}").pass(), "Chinese quotes are not JSON");
    Constraint table = constraint("output_format", "format", "markdown_table");
    assertTrue(check(checker, table, "| 项目 | 说明 |\n|---|---|\n| 睡眠 | 八小时 |").pass());
    assertFalse(check(checker, table, "｜项目｜说明｜\n｜---｜---｜\n｜睡眠｜八小时｜").pass());
  }
}
