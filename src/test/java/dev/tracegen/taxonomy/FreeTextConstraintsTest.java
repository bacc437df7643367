package dev.tracegen.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tracegen.check.Checkers;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Constraints in words of their own, most taken from the official TRACE eval set: what a checker
 * can check is read with its parameters; a limit on a part, an approximate length, several terms
 * or a term with a place of its own are left to the judge.
 */
class FreeTextConstraintsTest {
  static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load());

  static String read(String text) {
    PhrasingMatch m = TAXONOMY.read(text);
    return m == null ? null : m.dimension().id() + " " + m.params();
  }

  static String numerical(String metric, Integer min, Integer max) {
    Params p = Params.of("metric", metric);
    if (min != null) {
      p = p.with("min", min);
    }
    if (max != null) {
      p = p.with("max", max);
    }
    return "numerical " + p;
  }

  @Test
  void lengthsOfTheWholeAnswer() {
    assertEquals(numerical("words", 300, 500), read("介绍文本的字数在300至500字之间，确保信息的全面性和精炼性；"));
    assertEquals(numerical("words", 1500, 2000), read("文章字数在1500到2000字之间；"));
    assertEquals(numerical("words", 400, 600), read("字数应在400-600之间"));
    assertEquals(numerical("words", null, 200), read("评论应保持在200字以内；"));
    assertEquals(numerical("words", null, 150), read("整个陈述不超过150字；"));
    assertEquals(numerical("words", 1000, null), read("整个描述的字数应在1000字以上。"));
    assertEquals(numerical("words", 100, 200), read("描述内容不少于100字，不超过200字。"));
    assertEquals(numerical("words", null, 300), read("回答不超过三百字。"));
    assertEquals(numerical("words", null, 200), read("回答不超过２００字。"));
    assertEquals(numerical("sentences", null, 5), read("全文不超过5句话。"));
    assertEquals(numerical("paragraphs", 3, 3), read("文章分为三段。"));
    assertEquals(numerical("paragraphs", 4, 4), read("全文分为4个段落。"));
    assertEquals(numerical("words", 150, 250), read("Keep the reply between 150 and 250 words."));
    assertEquals(numerical("words", null, 120), read("Answer in no more than 120 words."));
    assertEquals(numerical("sentences", 4, null), read("Write at least 4 sentences."));
  }

  @Test
  void lengthsOfAPartOrApproximateAreLeftToTheJudge() {
    for (String text : List.of("每个段落不超过50字；", "段落的字数应控制在150至200字之间；", "标题不超过10个字；", "文章中需包含一段不超过200字的故事情节概括；",
        "字数控制在200字左右；", "长度限制在1页内（约400-500字）；", "\"name\"字段的长度至少为3个字符，至多为50个字符；",
        "Each bullet must be under 20 words.", "需在限定字数内清晰地传达书籍的核心信息；")) {
      assertNull(read(text), text);
    }
  }

  @Test
  void answerFormats() {
    assertEquals("output_format " + Params.of("format", "json"), read("返回的查询结果应以 JSON 格式呈现；"));
    assertEquals("output_format " + Params.of("format", "markdown_table"), read("计划应以表格形式呈现；"));
    assertEquals("output_format " + Params.of("format", "markdown_table"), read("Return the entire answer in a table."));
    // A taxonomy phrasing with a label of its own: the label's cue word gives the format.
    assertEquals("markdown_table", TAXONOMY.read("Present your answer as a table.").params().get("format"));
    for (String text : List.of("JSON对象应包含一个键\"mergedArray\"", "在开机步骤中使用表格形式列出详细建议。",
        "代码需读取JSON配置文件", "以表格形式列出每种药物的特性对比和适用情况分析；")) {
      assertNull(read(text), text);
    }
  }

  @Test
  void oneQuotedTermToUseOrAvoid() {
    assertEquals("inclusion " + Params.of("keyword", "碳中和"), read("回答中须提及“碳中和”。"));
    assertEquals("inclusion " + Params.of("keyword", "feedback"), read("Mention the word \"feedback\"."));
    assertEquals("exclusion " + Params.of("keyword", "革命性"), read("不得使用“革命性”一词；"));
    assertEquals("exclusion " + Params.of("keyword", "delve"), read("Do not use the word \"delve\" anywhere in the answer."));
    for (String text : List.of("内容不能包含\"游泳池\"一词的重复使用；", "以“亲爱的用户”开头；",
        "技能部分，明确列出“流利的英语口语”、“熟练使用Excel”；", "主页包含一个“立即下载”按钮，引导用户轻松获取该扩展；")) {
      assertNull(read(text), text);
    }
  }

  @Test
  void taxonomyPhrasingsAreReadAsBefore() {
    assertEquals(TAXONOMY.match("Keep the answer to at most 180 words.").params(),
        TAXONOMY.read("Keep the answer to at most 180 words.").params());
  }

  @Test
  void chineseNumerals() {
    assertEquals(3, FreeTextConstraints.number("三"));
    assertEquals(12, FreeTextConstraints.number("十二"));
    assertEquals(200, FreeTextConstraints.number("两百"));
    assertEquals(1500, FreeTextConstraints.number("一千五百"));
    assertEquals(305, FreeTextConstraints.number("三百零五"));
  }
}
