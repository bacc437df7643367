package dev.tracegen.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tracegen.model.Choice;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An expansion that leaves a placeholder of the plan unfilled is not an instruction. */
class UnfilledPlaceholderTest {
  static final Plan PLAN = new Plan("p1", new Seed("s1", "Explain tides.", "", "qa", "t:1"), "train", 1,
      List.of(new Constraint("c1", "content", "inclusion", "Make sure the answer mentions the term \"{keyword}\".", Params.EMPTY)),
      "", Map.of("c1", Map.of("keyword", Choice.taskWord())));

  @Test
  void aLeftoverPlaceholderIsFound() {
    assertEquals("{keyword}", ExpandInstructions.unfilledPlaceholder(PLAN,
        "Explain tides.\nMake sure the answer mentions the term \"{keyword}\"."));
  }

  @Test
  void aFilledInstructionAndOtherBracesPass() {
    assertNull(ExpandInstructions.unfilledPlaceholder(PLAN,
        "Explain tides in a JSON object such as {\"moon\": 1}.\nMake sure the answer mentions the term \"moon\"."));
  }
}
