package dev.tracegen.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules a param is held to when its constraint's sentence is Chinese. */
class ParamSpecZhTest {
  static final ParamSpec PATTERN = ParamSpecTest.PATTERN.in("zh",
      Map.of("bold_keyword", List.of("加粗"), "no_bold", List.of("加粗")));
  static final ParamSpec STYLE = new ParamSpec("style", ParamSpec.Kind.ENUM, 0, 0, List.of("numeric", "none"),
      Map.of(), Set.of("none"), "zh");
  static final ParamSpec MAX = new ParamSpec("max", ParamSpec.Kind.NUMBER, 1, 5000, null, null, null, "zh");

  @Test
  void chineseNegationsForbid() {
    for (String text : List.of("回答中不要使用加粗。", "不得出现加粗文字。", "禁止加粗任何内容。", "避免加粗。",
        "请勿加粗。", "切勿加粗任何词语。", "不能加粗。", "正文不可加粗。", "不使用加粗格式。", "无需加粗任何内容。",
        "勿加粗。", "别加粗任何词。", "回答中不含加粗文字。")) {
      assertEquals(Optional.empty(), PATTERN.problem("no_bold", text), text);
      assertTrue(PATTERN.problem("bold_keyword", text).orElseThrow().contains("is a prohibition"), text);
    }
    assertTrue(PATTERN.problem("no_bold", "请将“下一步”加粗。").orElseThrow().contains("forbids nothing"));
    // 别 inside a word (特别, 分别) is no negation.
    assertEquals(Optional.empty(), PATTERN.problem("bold_keyword", "请特别将“下一步”加粗，并分别说明理由。"));
  }

  @Test
  void aBoundOnANumberIsNoProhibition() {
    for (String text : List.of("引用不超过4处。", "至少给出2处引用，不少于2处。", "引用不多于3处。", "引用数量不低于2处。",
        "引用不得超过5处。", "引用不能少于2处。")) {
      assertEquals(Optional.empty(), STYLE.problem("numeric", text), text);
    }
    assertEquals(Optional.empty(), STYLE.problem("none", "回答中不要包含任何引用。"));
    assertEquals(Optional.empty(), MAX.problem(300, "回答不超过300字。"));
    assertTrue(STYLE.problem("none", "回答不超过300字。").orElseThrow().contains("forbids nothing"));
  }

  @Test
  void numbersMayBeDigitsOrChineseNumerals() {
    assertEquals(Optional.empty(), MAX.problem(3, "至少写三个句子。"));
    assertEquals(Optional.empty(), MAX.problem(15, "不超过十五句话。"));
    assertEquals(Optional.empty(), MAX.problem(20, "不少于二十字。"));
    assertEquals(Optional.empty(), MAX.problem(120, "字数控制在一百二十字以内。"));
    assertEquals(Optional.empty(), MAX.problem(2000, "全文不超过两千字。"));
    assertEquals(Optional.empty(), MAX.problem(105, "写一百零五字。"));
    assertEquals(Optional.empty(), MAX.problem(200, "字数不超过200字。"));
    assertEquals(Optional.of("max = 12 but the constraint's text does not state 12"), MAX.problem(12, "字数控制在一百二十字以内。"));
    // "三四句" is three or four, not three.
    assertTrue(MAX.problem(3, "写三四句话。").isPresent());
    assertTrue(MAX.problem(20, "字数不超过200字。").isPresent());
    assertEquals(120, ParamSpec.chineseNumber("一百二十"));
    assertEquals(10, ParamSpec.chineseNumber("十"));
    assertEquals(35000, ParamSpec.chineseNumber("三万五千"));
    assertEquals(-1, ParamSpec.chineseNumber("二〇二四"));
  }

  @Test
  void quotedChineseTextNeverNegates() {
    for (String text : List.of("请将「不要」二字加粗。", "请将“禁止”加粗。", "请将《避免》这个书名加粗。", "请将『切勿』加粗。")) {
      assertEquals(Optional.empty(), PATTERN.problem("bold_keyword", text), text);
    }
    assertTrue(PATTERN.problem("no_bold", "请将「不要」加粗。").orElseThrow().contains("forbids nothing"));
  }

  @Test
  void englishSpecsReadNoChinese() {
    assertEquals("en", ParamSpecTest.PATTERN.language());
    assertTrue(ParamSpecTest.PATTERN.problem("no_bold", "Do not use bold. 不要").isEmpty());
    assertTrue(ParamSpecTest.PATTERN.problem("no_bold", "Use bold 不要 text.").orElseThrow().contains("forbids nothing"));
    assertTrue(ParamSpecTest.MIN.problem(3, "Write 三 sentences.").isPresent());
  }
}
