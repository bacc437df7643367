package dev.tracegen.embedded;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Plan;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;

/** A plan as the simulator's expand step would write it: open params filled from the task. */
public final class Filled {
  private Filled() {}

  public static Instruction instruction(Taxonomy taxonomy, Plan plan) {
    Voice voice = Voice.of(taxonomy.language());
    TaskWords words = TaskWords.of(plan.seed().instruction(), voice);
    List<String> used = new ArrayList<>();
    List<Constraint> out = new ArrayList<>();
    int i = 0;
    for (Constraint c : plan.constraints()) {
      String text = EmbeddedSteps.fill(c.text(), c.dimension(), Json.PLAIN.valueToTree(plan.choicesOf(c.id())), words, used,
          plan.id() + "|" + i++, voice.fallbackTerms());
      Taxonomy.PhrasingMatch m = taxonomy.match(text);
      out.add(new Constraint(c.id(), c.type(), c.dimension(), text, m == null ? c.params() : m.params()));
    }
    return new Instruction(plan.seed().instruction(), out, plan.input());
  }
}
