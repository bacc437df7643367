package dev.tracegen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMetricsTest {
  @Test
  void plainTextKeepsMarkdownAsIs() {
    String markdown = "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    assertEquals(markdown, TextMetrics.plainText(markdown));
  }

  @Test
  void plainTextOfJsonJoinsStringValuesInOrder() {
    String json =
        "{\"title\": \"One.\", \"n\": 3, \"parts\": [\"Two.\", {\"x\": \"Three.\"}], \"ok\": true}";
    assertEquals("One.\n\nTwo.\n\nThree.", TextMetrics.plainText(json));
  }

  @Test
  void plainTextOfFencedJson() {
    assertEquals("a\n\nb", TextMetrics.plainText("```json\n[\"a\", \"b\"]\n```"));
    assertEquals("a", TextMetrics.plainText("  ```\n{\"k\": \"a\"}\n```  "));
  }

  @Test
  void plainTextDecodesJsonEscapes() {
    assertEquals("你好", TextMetrics.plainText("{\"t\": \"\\u4f60\\u597d\"}"));
  }

  @Test
  void invalidJsonStaysText() {
    String text = "[1] Some reference that is not JSON.";
    assertEquals(text, TextMetrics.plainText(text));
    String trailing = "{\"a\": \"b\"} and more";
    assertEquals(trailing, TextMetrics.plainText(trailing));
  }

  @Test
  void plainTextOfHtmlEndsBlocksAndListsItems() {
    String html =
        "<!DOCTYPE html>\n<html><head><title>T &amp; U</title>"
            + "<style>p { color: red; }</style></head>\n<body>\n"
            + "  <h1>Heading</h1>\n  <p>First\n     paragraph.</p><p>Second <b>bold</b> one.</p>\n"
            + "  <ul>\n    <li>apple</li>\n    <li>pear</li>\n  </ul>\n"
            + "  <ol><li>one</li><li>two</li></ol>\n"
            + "  <p>Line<br>break &lt;3 &quot;q&quot; &#39;s&#39;</p>\n"
            + "  <!-- a comment -->\n<script>if (a < b) { x(); }</script>\n</body></html>";
    assertEquals(
        "T & U\n\nHeading\n\nFirst paragraph.\n\nSecond bold one.\n\n- apple\n- pear\n\n"
            + "1. one\n2. two\n\nLine\nbreak <3 \"q\" 's'",
        TextMetrics.plainText(html));
  }

  @Test
  void htmlListItemsAreCounted() {
    String html =
        "<html><body><ul><li>a</li><li>b</li><li>c</li></ul><ol><li>d</li></ol></body></html>";
    String plain = TextMetrics.plainText(html);
    assertEquals(3, TextMetrics.bulletedItems(plain));
    assertEquals(1, TextMetrics.numberedItems(plain));
    assertEquals(4, TextMetrics.listItems(plain));
  }

  @Test
  void htmlParagraphsAndSentences() {
    String html =
        "<html><body><p>One. Two.</p>\n<div>Three!</div><p>Version 3.5 is out</p></body></html>";
    String plain = TextMetrics.plainText(html);
    assertEquals(3, TextMetrics.paragraphs(plain));
    assertEquals(3, TextMetrics.sentences(plain));
  }

  @Test
  void wordsCountsLatinTokens() {
    assertEquals(0, TextMetrics.words(""));
    assertEquals(4, TextMetrics.words("Hello, world! It's fine."));
    assertEquals(3, TextMetrics.words("a trade-off ’tis"));
    assertEquals(1, TextMetrics.words("don’t"));
    assertEquals(4, TextMetrics.words("Version 3.5 costs 1,000"));
    assertEquals(3, TextMetrics.words("end 2023. Next"));
    assertEquals(2, TextMetrics.words("Привет мир"));
    assertEquals(1, TextMetrics.words("café"));
    assertEquals(1, TextMetrics.words("नमस्ते"));
  }

  @Test
  void markdownMarkupIsNotWords() {
    assertEquals(0, TextMetrics.words("# * | - _ --- |---|:---:|"));
    assertEquals(3, TextMetrics.words("## Title\n\n- **bold** item\n"));
    assertEquals(4, TextMetrics.words("| a | b |\n|---|---|\n| c | d |"));
  }

  @Test
  void cjkCharactersAreWordsEach() {
    assertEquals(4, TextMetrics.words("我爱北京"));
    assertEquals(5, TextMetrics.words("こんにちは"));
    assertEquals(2, TextMetrics.words("コーヒー"));
    assertEquals(6, TextMetrics.words("我爱 Beijing 和 Tokyo 吗"));
    assertEquals(2, TextMetrics.words("안녕하세요 세계"));
  }

  @Test
  void sentencesNeedTerminatorThenSpaceOrEnd() {
    assertEquals(0, TextMetrics.sentences(""));
    assertEquals(3, TextMetrics.sentences("One. Two! Three?"));
    assertEquals(1, TextMetrics.sentences("Pi is about 3.14 and e is 2.71."));
    assertEquals(1, TextMetrics.sentences("Wait... what"));
    assertEquals(1, TextMetrics.sentences("Really?!"));
    assertEquals(2, TextMetrics.sentences("He said \"stop.\" Then (quietly.) left"));
    assertEquals(1, TextMetrics.sentences("**A bold sentence.** next"));
    assertEquals(0, TextMetrics.sentences("Hello ."));
  }

  @Test
  void decimalIsNotASentence() {
    assertEquals(0, TextMetrics.sentences("3.5"));
    assertEquals(1, TextMetrics.sentences("It costs 3.5 dollars."));
  }

  @Test
  void headingsAndListMarkersAreNotSentences() {
    assertEquals(
        1, TextMetrics.sentences("# Intro\n1. first item\n2) second\n- third\nA sentence."));
    assertEquals(2, TextMetrics.sentences("1. First item.\n2. Second item."));
  }

  @Test
  void cjkSentencesNeedNoSpace() {
    assertEquals(3, TextMetrics.sentences("你好。我是学生！你呢？"));
  }

  @Test
  void otherScriptsSentenceMarks() {
    assertEquals(2, TextMetrics.sentences("यह पहला वाक्य है। यह दूसरा है॥"));
    assertEquals(2, TextMetrics.sentences("यह पहला वाक्य है । यह दूसरा है ।"), "space before danda");
    assertEquals(2, TextMetrics.sentences("كيف حالك؟ یہ اچھا ہے۔"));
    assertEquals(1, TextMetrics.sentences("ይህ አጭር ማጠቃለያ ነው።"));
    assertEquals(2, TextMetrics.sentences("Τι είναι αυτό; Είναι καλό."));
    assertEquals(0, TextMetrics.sentences("x = 1; y = 2"), "a semicolon after Latin text");
    assertEquals(2, TextMetrics.sentences("Սա կարճ է։ 東京です．"));
    assertEquals(0, TextMetrics.sentences("। ।"), "marks without text");
  }

  @Test
  void paragraphsCountProseBlocks() {
    assertEquals(0, TextMetrics.paragraphs(""));
    assertEquals(1, TextMetrics.paragraphs("Just one line."));
    assertEquals(2, TextMetrics.paragraphs("First line\ncontinues.\n\n\n  \nSecond.\n"));
    assertEquals(2, TextMetrics.paragraphs("a\r\n\r\nb\r\n"));
  }

  @Test
  void paragraphsSkipStructure() {
    String text =
        "# Heading\n\nIntro prose.\n\n- item one\n- item two\n\n1. first\n2. second\n\n"
            + "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n```\ncode line\n\nmore code\n```\n\n"
            + "Closing prose [1].\n\nReferences:\n[1] A source.\n[2] Another.\n";
    assertEquals(2, TextMetrics.paragraphs(text));
  }

  @Test
  void proseNextToListIsOneParagraph() {
    assertEquals(1, TextMetrics.paragraphs("Here is a list:\n- a\n- b"));
  }

  @Test
  void itemsCountNumberedAndBulletedLines() {
    String text = "1. one\n2) two\n  3. nested\n- a\n* b\n• c\n+ d\n  - nested\n";
    assertEquals(3, TextMetrics.numberedItems(text));
    assertEquals(5, TextMetrics.bulletedItems(text));
    assertEquals(8, TextMetrics.listItems(text));
  }

  @Test
  void separatorsRulesAndBoldAreNotItems() {
    String text =
        "| a | b |\n"
            + "|---|---|\n"
            + "| 1 | 2 |\n"
            + "---\n"
            + "- - -\n"
            + "* * *\n"
            + "***\n"
            + "**Bold** start\n"
            + "-dash\n"
            + "1.5 percent\n"
            + "3.\n"
            + "-\n";
    assertEquals(0, TextMetrics.listItems(text));
  }

  @Test
  void fencedCodeHasNoItemsOrHeadings() {
    String text = "```yaml\n- a\n# comment\n1. x\n```\n- real\n";
    assertEquals(1, TextMetrics.bulletedItems(text));
    assertEquals(0, TextMetrics.headings(text));
  }

  @Test
  void headingsMarkdownAndHtml() {
    assertEquals(
        3, TextMetrics.headings("# One\ntext\n## Two\n###### Six\n####### Seven\n#hashtag\n"));
    assertEquals(
        2, TextMetrics.headings("<html><body><h1>A</h1><H2 class=\"x\">B</H2><hr></body></html>"));
    assertEquals(0, TextMetrics.headings("    # indented code\n"));
  }

  @Test
  void emojiCount() {
    assertEquals(0, TextMetrics.emojiCount("plain text :) ©"));
    assertEquals(3, TextMetrics.emojiCount("Great 🎉 job ☀ and ⭐"));
    assertEquals(1, TextMetrics.emojiCount("✅"));
    assertEquals(2, TextMetrics.emojiCount("🤖🧠"));
  }

  @Test
  void emojiSequencesCountOnce() {
    assertEquals(1, TextMetrics.emojiCount("Thumbs 👍🏽 up"), "skin tone");
    assertEquals(1, TextMetrics.emojiCount("👩\u200D💻"), "ZWJ sequence");
    assertEquals(1, TextMetrics.emojiCount("👨\u200D👩\u200D👧"), "family");
    assertEquals(2, TextMetrics.emojiCount("🇫🇷🇯🇵"), "two flags");
    assertEquals(1, TextMetrics.emojiCount("❤\uFE0F"), "variation selector");
    assertEquals(1, TextMetrics.emojiCount("Step 1\uFE0F\u20E3"), "keycap");
  }

  @Test
  void boldInCodeIsNotBold() {
    assertEquals(List.of(), TextMetrics.boldSpans("Compute `2**10**3` or `__init__`."));
    assertEquals(List.of(), TextMetrics.boldSpans("```python\nx = 2**10**3\n```\n"));
    assertEquals(
        List.of("key takeaway"), TextMetrics.boldSpans("`a**b**c` and **key takeaway** here"));
  }

  @Test
  void boldSpansMarkdownAndHtml() {
    assertEquals(
        List.of("key takeaway", "next step", "Bottom line", "x"),
        TextMetrics.boldSpans(
            "The **key takeaway** and __next step__; <strong>Bottom line</strong> <B"
                + " class=\"c\">x</B>."));
    assertEquals(
        List.of(), TextMetrics.boldSpans("no * bold ** here and 2 * 3 = 6, snake_case_name"));
    assertEquals(List.of(), TextMetrics.boldSpans("<br> <body> <p>text</p>"));
  }

  @Test
  void scriptChars() {
    assertEquals(2, TextMetrics.scriptChars("Hello 你好", "han"));
    assertEquals(6, TextMetrics.scriptChars("Привет!", "cyrillic"));
    assertEquals(5, TextMetrics.scriptChars("Hello 你好", "latin"));
    assertEquals(0, TextMetrics.scriptChars("Hello", "greek"));
    assertEquals(2, TextMetrics.scriptChars("かな カナ", "hiragana"));
    assertThrows(IllegalArgumentException.class, () -> TextMetrics.scriptChars("x", "klingon"));
  }

  @Test
  void containsTermWholeWordsIgnoringCase() {
    assertTrue(TextMetrics.containsTerm("A Robust design.", "robust"));
    assertFalse(TextMetrics.containsTerm("Robustness matters.", "robust"));
    assertFalse(TextMetrics.containsTerm("unrobust", "robust"));
    assertTrue(TextMetrics.containsTerm("a non-robust plan", "robust"));
    assertTrue(TextMetrics.containsTerm("**robust**", "robust"));
  }

  @Test
  void containsTermAllowsPluralS() {
    assertTrue(TextMetrics.containsTerm("Several constraints apply.", "constraint"));
    assertTrue(TextMetrics.containsTerm("Trade-offs everywhere.", "trade-off"));
    assertTrue(TextMetrics.containsTerm("the trade-off is", "trade-off"));
    assertTrue(TextMetrics.containsTerm("two baselines", "baseline"));
    assertFalse(TextMetrics.containsTerm("baselined", "baseline"));
    assertFalse(TextMetrics.containsTerm("a trade off", "trade-off"));
  }

  @Test
  void containsTermToleratesTypographyAndLineBreaks() {
    assertTrue(TextMetrics.containsTerm("a trade\u2011off", "trade-off"));
    assertTrue(TextMetrics.containsTerm("the feedback\n  loop closes", "feedback loop"));
    assertTrue(TextMetrics.containsTerm("it’s", "it's"));
    assertFalse(TextMetrics.containsTerm("feedbackloop", "feedback loop"));
  }

  @Test
  void containsTermCjkIsSubstring() {
    assertTrue(TextMetrics.containsTerm("我们需要韧性和耐心", "韧性"));
    assertTrue(TextMetrics.containsTerm("회복력은 중요하다", "회복력"));
    assertFalse(TextMetrics.containsTerm("我们需要耐心", "韧性"));
  }

  @Test
  void wordFormsMatchOnlyWithContainsWordForm() {
    assertFalse(TextMetrics.containsTerm("leveraging", "leverage"));
    assertTrue(TextMetrics.containsWordForm("Leveraging", "leverage"));
    assertTrue(TextMetrics.containsWordForm("two synergies", "synergy"));
    assertFalse(TextMetrics.containsWordForm("a journeyman", "journey"));
    assertTrue(TextMetrics.containsWordForm("the feedback loops", "feedback loop"));
    assertTrue(TextMetrics.containsWordForm("我们需要韧性", "韧性"));
    assertFalse(TextMetrics.containsWordForm("anything", " "));
  }

  @Test
  void blankTermMatchesNothing() {
    assertFalse(TextMetrics.containsTerm("anything", "  "));
  }
}
