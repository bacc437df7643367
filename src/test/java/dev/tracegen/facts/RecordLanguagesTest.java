package dev.tracegen.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordLanguagesTest {
  @Test
  void scriptsNameTheLanguagesATextContains() {
    assertEquals(Set.of("en"), RecordLanguages.of("Write three sentences.", null));
    assertEquals(Set.of("en", "zh"), RecordLanguages.of("End with a summary.", "这是一个简短的总结"));
    assertEquals(Set.of("zh"), RecordLanguages.of("请用三句话回答。"));
    assertEquals(Set.of("ja"), RecordLanguages.of("これは日本語の文です"), "kana make Han text Japanese");
    assertEquals(Set.of("ja", "zh"), RecordLanguages.of("这份清单围绕城市湿地公园展开，先讲概况，再讲细节，最后谈谈怎样安排一次周末的参观活动。", "これはまとめです。"),
        "a Chinese answer that closes in Japanese is Chinese too");
    assertEquals(Set.of("en", "hi", "ru"), RecordLanguages.of("Hello", "नमस्ते", "Привет"));
    assertEquals(Set.of("en"), RecordLanguages.of("A single stray letter: 字"), "one letter is not a language");
    assertEquals(Set.of(), RecordLanguages.of("123 456 !?", ""));
  }
}
