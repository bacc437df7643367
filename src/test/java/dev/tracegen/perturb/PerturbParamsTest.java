package dev.tracegen.perturb;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Params;
import dev.tracegen.structure.ParamValidator;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Perturb answers are held to the same param rules as structure answers, and kept constraints keep x1's params. */
class PerturbParamsTest {
  static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load());
  static final ParamValidator VALIDATOR = new ParamValidator(TAXONOMY);

  static Constraint c(String dimension, String text, Params params) {
    return new Constraint("c1", TAXONOMY.dimension(dimension).type(), dimension, text, params);
  }

  static final Constraint WORDS = c("numerical", "The answer must be between 120 and 200 words long.",
      Params.of("metric", "words", "min", 120, "max", 200));
  static final Constraint KEYWORD = c("inclusion", "Make sure the answer mentions the term \"baseline\".",
      Params.of("keyword", "baseline"));
  static final Instruction X1 = new Instruction("Explain tides.", List.of(WORDS, KEYWORD), "");

  static void check(List<Constraint> x2, List<Integer> changed) throws MalformedOutputException {
    PerturbConstraints.requireParams(TAXONOMY, VALIDATOR, X1, new Instruction("Explain tides.", x2, ""), changed);
  }

  @Test
  void aRevisionThatStatesItsParamsPasses() {
    Constraint revised = c("exclusion", "Do not use the word \"baseline\" anywhere in the answer.", Params.of("keyword", "baseline"));
    assertDoesNotThrow(() -> check(List.of(WORDS, revised), List.of(2)));
  }

  @Test
  void aRevisedConstraintWithStaleParamsIsAMismatch() {
    // The sentence moved to 220-320 words but the params still say 120-200.
    Constraint revised = c("numerical", "The answer must be between 220 and 320 words long.",
        Params.of("metric", "words", "min", 120, "max", 200));
    MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> check(List.of(revised, KEYWORD), List.of(1)));
    assertEquals("params_mismatch", e.reason());
    assertTrue(e.getMessage().contains("constraint 1 (\"The answer must be between 220 and 320 words long.\"): min = 120"),
        e.getMessage());
  }

  @Test
  void aKeptConstraintMustKeepX1sParams() {
    // Same sentence, not marked as changed, but the params moved: the cross judgement would check
    // something neither instruction says.
    Constraint kept = c("numerical", WORDS.text(), Params.of("metric", "words", "min", 120, "max", 120));
    MalformedOutputException e = assertThrows(MalformedOutputException.class,
        () -> check(List.of(kept, c("exclusion", "Do not use the word \"baseline\" anywhere in the answer.",
            Params.of("keyword", "baseline"))), List.of(2)));
    assertTrue(e.getMessage().contains("x1's max = 200 but the params give 120"), e.getMessage());
  }
}
