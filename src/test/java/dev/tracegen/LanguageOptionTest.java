package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.taxonomy.Dimension;
import org.junit.jupiter.api.Test;

/** {@code --language} and the profile's {@code language}, as the run configuration resolves them. */
class LanguageOptionTest {
  static final String[] OPENAI = {"--provider=openai", "--model=m", "--baseUrl=http://127.0.0.1:1/v1"};

  static RunConfig config(String... args) {
    String[] all = new String[args.length + OPENAI.length];
    System.arraycopy(OPENAI, 0, all, 0, OPENAI.length);
    System.arraycopy(args, 0, all, OPENAI.length, args.length);
    return BatchOptionsTest.config(all);
  }

  @Test
  void englishByDefaultAndChineseOnRequestWithItsOwnPromptsAndPhrasings() {
    RunConfig en = config();
    RunConfig zh = config("--language=zh");
    assertEquals("en", en.profile().language());
    assertEquals("zh", zh.profile().language());
    assertEquals("en", en.taxonomy().language());
    assertEquals("zh", zh.taxonomy().language());
    Dimension format = zh.taxonomy().dimension("output_format");
    assertTrue(format.phrasings().get(0).text().codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), format.phrasings().get(0).text());
    for (String step : new String[] {"expand", "structure", "quality", "judge", "perturb", "revise"}) {
      assertNotEquals(en.prompts().hash(step), zh.prompts().hash(step), step + " has a Chinese template");
    }
    assertEquals(en.prompts().hash("respond"), zh.prompts().hash("respond"), "respond is the instruction itself");
  }

  @Test
  void aMalformedLanguageOrOneTheEmbeddedGeneratorCannotWriteIsRefused() {
    IllegalArgumentException code = assertThrows(IllegalArgumentException.class, () -> config("--language=Chinese"));
    assertTrue(code.getMessage().startsWith("--language: 'Chinese' is not a language code"), code.getMessage());
    assertEquals("zh", BatchOptionsTest.config("--language=zh").taxonomy().language(), "the embedded generator writes zh");
    // A language with its files but no phrase banks of the simulator is refused before any call.
    String fr = RunConfig.embeddedLanguageProblem("fr", true);
    assertTrue(fr != null && fr.contains("the embedded generator writes en and zh only"), fr);
    assertEquals(null, RunConfig.embeddedLanguageProblem("fr", false), "an LLM endpoint writes any language");
  }
}
