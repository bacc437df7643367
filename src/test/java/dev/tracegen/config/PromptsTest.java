package dev.tracegen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {
  static final Set<String> PAYLOAD_STEPS = Set.of("expand", "structure", "quality", "perturb", "judge");

  @Test
  void theChineseTemplatesAreCompleteChineseAndKeepEveryPlaceholder() throws IOException {
    assertEquals(List.of(), Prompts.problems(Path.of("prompts"), "zh", PAYLOAD_STEPS));
    Prompts en = Prompts.load(Path.of("prompts"), "en");
    Prompts zh = Prompts.load(Path.of("prompts"), "zh");
    for (String step : Prompts.STEPS) {
      String text = Files.readString(Path.of("prompts", "zh", step + ".txt"));
      String english = Files.readString(Path.of("prompts", step + ".txt"));
      assertEquals(placeholders(english), placeholders(text), step + ": the same placeholders as in English");
      if (!step.equals("respond")) {
        // The respond template is the instruction itself, in whatever language it is written.
        assertTrue(text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count() > 20,
            step + " is written in Chinese");
        assertNotEquals(en.hash(step), zh.hash(step), step + ": its own cache keys");
      }
    }
  }

  @Test
  void aLanguageWithoutTemplatesOrWithOneMissingIsNamed(@TempDir Path tmp) throws IOException {
    Path prompts = Files.createDirectories(tmp.resolve("prompts"));
    copy(Path.of("prompts"), prompts);
    copy(Path.of("prompts", "zh"), Files.createDirectories(prompts.resolve("zh")));
    Files.delete(prompts.resolve("zh").resolve("judge.txt"));
    assertEquals(List.of(prompts.resolve("zh").resolve("judge.txt") + ": missing prompt template for the judge step"),
        Prompts.problems(prompts, "zh", PAYLOAD_STEPS));
    assertEquals(List.of(), Prompts.problems(prompts, "en", PAYLOAD_STEPS), "English lives in the directory itself");
    List<String> fr = Prompts.problems(prompts, "fr", PAYLOAD_STEPS);
    assertEquals(1, fr.size(), fr.toString());
    assertTrue(fr.get(0).startsWith(prompts.resolve("fr") + ": no prompt template directory (one file per step: expand.txt"),
        fr.get(0));
  }

  static Set<String> placeholders(String template) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile("\\{\\{([a-z_]+)}}").matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void renderingCopiesValuesVerbatimAndNamesAMissingOne() throws IOException {
    Prompts en = Prompts.load(Path.of("prompts"), "en");
    String judge = Files.readString(Path.of("prompts", "judge.txt"));
    // A value with what a replacement string would read as group references and escapes.
    String tricky = "Costs $1 and $2, a path C:\\dir\\$x, braces {x}";
    Map<String, String> vars = new HashMap<>();
    for (String name : placeholders(judge)) {
      vars.put(name, tricky + " (" + name + ")");
    }
    String rendered = en.render("judge", vars);
    String expected = judge;
    for (String name : placeholders(judge)) {
      expected = expected.replace("{{" + name + "}}", tricky + " (" + name + ")");
    }
    assertEquals(expected, rendered);
    String nested = tricky + " and {{instruction}} itself";
    String respond = en.render("respond", Map.of("instruction", nested));
    assertEquals(Files.readString(Path.of("prompts", "respond.txt")).replace("{{instruction}}", nested), respond,
        "a value is not rendered again");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> en.render("respond", Map.of()));
    assertEquals("prompt 'respond' uses {{instruction}} which the step does not provide", e.getMessage());
  }
}
