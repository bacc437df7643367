package dev.tracegen.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.llm.FakeSessions;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per parameter-validation rule, on the shipped taxonomy, and the repair-then-reject path. */
class ParamValidatorTest {
  static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load());
  static final ParamValidator VALIDATOR = new ParamValidator(TAXONOMY);

  static Constraint c(String dimension, String text, Params params) {
    return new Constraint("c1", TAXONOMY.dimension(dimension).type(), dimension, text, params);
  }

  static List<String> problems(Constraint c) {
    return VALIDATOR.problems(c, Checkers.load());
  }

  @Test
  void aNumberTheSentenceDoesNotStateIsAMismatch() {
    assertEquals(List.of(), problems(c("numerical", "Write at least 12 complete sentences.",
        Params.of("metric", "sentences", "min", 12))));
    assertEquals(List.of("min = 10 but the constraint's text does not state 10"),
        problems(c("numerical", "Write at least 12 complete sentences.", Params.of("metric", "sentences", "min", 10))));
    assertEquals(List.of("count = 4 but the constraint's text does not state 4"),
        problems(c("numbering_list", "Include a numbered list with exactly 3 items.", Params.of("style", "numbered", "count", 4))));
  }

  @Test
  void aKeywordTheSentenceDoesNotNameIsAMismatch() {
    assertEquals(List.of("keyword \"baseline\" does not appear in the constraint's text"),
        problems(c("inclusion", "Make sure the answer mentions the term \"benchmark\".", Params.of("keyword", "baseline"))));
    assertEquals(List.of(), problems(c("exclusion", "Never write the word \u201csynergy\u201d.", Params.of("keyword", "synergy"))));
  }

  @Test
  void anEnumerationMustComeFromTheVocabularyAndMatchTheSentence() {
    assertEquals(List.of("metric \"pages\" is not one of words, sentences, paragraphs, items",
            "param 'metric' must be one of words, sentences, paragraphs, items, got 'pages'"),
        problems(c("numerical", "Keep it to 3 pages.", Params.of("metric", "pages", "max", 3))));
    assertTrue(problems(c("numerical", "Use no more than 8 sentences in total.", Params.of("metric", "words", "max", 8)))
        .get(0).startsWith("metric \"words\" but the constraint's text mentions none of word"));
    assertTrue(problems(c("output_format", "Format the entire answer as a Markdown table.", Params.of("format", "json")))
        .get(0).startsWith("format \"json\" but the constraint's text mentions none of json"));
    assertTrue(problems(c("text_pattern", "Do not use any emoji.", Params.of("pattern", "emoji_min", "count", 2)))
        .stream().anyMatch(p -> p.contains("is a prohibition")));
  }

  @Test
  void aScriptMustBeTheLanguageTheSentenceNames() {
    assertEquals(List.of(), problems(c("multilingual", "Add one closing sentence written in Korean.",
        Params.of("language", "Korean", "script", "hangul"))));
    assertTrue(problems(c("multilingual", "Add one closing sentence written in Korean.",
        Params.of("language", "Korean", "script", "han"))).get(0).startsWith("script \"han\" but the constraint's text mentions none of"));
    assertTrue(problems(c("multilingual", "Add one closing sentence written in Korean.",
        Params.of("language", "Korean", "script", "latin"))).get(0).startsWith("script \"latin\" is not one of"));
  }

  @Test
  void rangesMustBeValid() {
    assertTrue(problems(c("numerical", "The answer must be between 200 and 120 words long.",
        Params.of("metric", "words", "min", 200, "max", 120))).contains("param 'min' 200 exceeds 'max' 120"));
    assertEquals(List.of("max = 9000 is outside the valid range 1-5000"),
        problems(c("numerical", "Stay under 9000 words.", Params.of("metric", "words", "max", 9000))));
  }

  @Test
  void judgedDimensionsAreNotHeldToCheckerRules() {
    assertEquals(List.of(), problems(c("tone_style", "Adopt a formal tone throughout.", Params.of("tone", "playful"))));
  }

  @Test
  void plannedValuesMustComeBackUnchanged() {
    List<Constraint> planned = List.of(
        c("inclusion", "Make sure the answer mentions the term \"benchmark\".", Params.of("keyword", "benchmark")),
        c("numerical", "Write at least 12 complete sentences.", Params.of("metric", "sentences", "min", 12)),
        c("inclusion", "Make sure the answer mentions the term \"baseline\".", Params.of("keyword", "baseline")));
    assertEquals(List.of(), VALIDATOR.planProblems(planned, planned));
    // The model wrote (and labelled) 16 sentences although the plan asked for 12.
    List<Constraint> got = List.of(planned.get(0),
        c("numerical", "Write at least 16 complete sentences.", Params.of("metric", "sentences", "min", 16)), planned.get(2));
    assertEquals(List.of("the numerical constraint \"Write at least 16 complete sentences.\": planned min = 12 but the params give 16"),
        VALIDATOR.planProblems(got, planned));
    // Repeated dimensions are matched in order.
    List<Constraint> swapped = List.of(planned.get(2), planned.get(1), planned.get(0));
    assertEquals(2, VALIDATOR.planProblems(swapped, planned).size());
  }

  static final String WRONG = "{\"description\": \"Explain tides.\", \"constraints\": [{\"text\": \"Write at least 12 complete"
      + " sentences.\", \"dimension\": \"numerical\", \"params\": {\"metric\": \"sentences\", \"min\": 11}}], \"input\": \"\"}";
  static final String RIGHT = WRONG.replace("\"min\": 11", "\"min\": 12");

  static LlmSession.Parser<Instruction> parser() {
    List<Constraint> planned = List.of(
        c("numerical", "Write at least 12 complete sentences.", Params.of("metric", "sentences", "min", 12)));
    return text -> StructureInstructions.parse(TAXONOMY, VALIDATOR, text, planned);
  }

  @Test
  void aMismatchIsRepairedOnceByReAsking() throws Exception {
    LlmSession session = FakeSessions.scripted("structure", n -> n == 0 ? WRONG : RIGHT);
    Instruction x = session.ask("split this", StructureSchema.SCHEMA, parser());
    assertEquals("12", x.constraints().get(0).param("min"));
    assertEquals(List.of(2, 1), FakeSessions.counts(session));
  }

  @Test
  void aMismatchThatSurvivesTheRepairIsRejectedAsParamsMismatch() {
    LlmSession session = FakeSessions.scripted("structure", n -> WRONG);
    MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> session.ask("split this", StructureSchema.SCHEMA, parser()));
    assertEquals("params_mismatch", e.reason());
    assertTrue(e.getMessage().contains("min = 11 but the constraint's text does not state 11"), e.getMessage());
  }
}
