package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where the writer puts headings, lists and the closing sentence, as the checkers see it. */
class ResponseLayoutTest {
  static Taxonomy taxonomy;
  static Checkers checkers;

  @BeforeAll
  static void load() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
  }

  /** Writes a compliant answer to {@code texts} and asserts that every checker passes it. */
  private static void assertWritesCompliant(String... texts) {
    List<PhrasingMatch> matches = new ArrayList<>();
    for (String text : texts) {
      matches.add(taxonomy.match(text));
    }
    String response =
        ResponseWriter.write(matches, "Describe a quiet harbour town.|" + String.join("|", texts), -1);
    for (int i = 0; i < texts.length; i++) {
      PhrasingMatch m = matches.get(i);
      Constraint c =
          new Constraint("c" + (i + 1), "format", m.dimension().id(), texts[i], m.params());
      CheckResult result = checkers.get(m.dimension().checker()).orElseThrow().check(c, response);
      assertTrue(result.pass(), texts[i] + ": " + result.reason() + "\n----\n" + response);
    }
  }

  @Test
  void everyHeadingHasContentUnderIt() {
    assertWritesCompliant("Organise the answer under exactly 3 Markdown headings.");
    assertWritesCompliant(
        "Organise the answer under exactly 4 Markdown headings.",
        "Use no more than 8 sentences in total.");
    assertWritesCompliant(
        "Organise the answer under exactly 4 Markdown headings.",
        "Organise the prose into exactly 2 paragraphs separated by blank lines.");
    assertWritesCompliant(
        "Organise the answer under exactly 3 Markdown headings.",
        "Include a bulleted list with exactly 4 items.");
  }

  @Test
  void theClosingSentenceComesLastInEveryFormat() {
    String hindi = "Add one closing sentence written in Hindi.";
    String list = "Include a numbered list with exactly 3 items.";
    assertWritesCompliant(hindi, list);
    assertWritesCompliant(hindi, list, "Use no more than 8 sentences in total.");
    assertWritesCompliant(hindi, list, "Organise the answer under exactly 2 Markdown headings.");
    assertWritesCompliant(
        "Add one closing sentence written in Chinese.",
        "Support the answer with at least 2 numbered citations such as [1], listed after a line"
            + " reading \"References:\".");
    for (String format :
        List.of("a single valid JSON object", "a Markdown table", "a well-formed HTML document")) {
      // The taxonomy keeps lists and citations out of these formats.
      assertWritesCompliant(
          "Add one closing sentence written in Greek.",
          "Format the entire answer as " + format + ".");
    }
  }
}
