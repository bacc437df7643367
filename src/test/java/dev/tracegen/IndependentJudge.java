package dev.tracegen;

import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.embedded.JudgeRules;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Re-verifies verdicts without the pipeline's stored judgements: checkers decide the constraints
 * they cover; the others by the embedded judge's rules (the phrasing's {@code judge} or evidence).
 */
final class IndependentJudge {
  final Taxonomy taxonomy;
  final Checkers checkers;

  IndependentJudge() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
  }

  boolean meets(Constraint c, String response, String instruction) {
    Dimension d = taxonomy.dimension(c.dimension());
    Optional<Checker> checker = d.hasChecker() ? checkers.get(d.checker()) : Optional.empty();
    if (checker.isPresent()) {
      return checker.get().check(c, response).pass();
    }
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(c.text()), response, instruction);
    return v.decided() && v.pass();
  }

  boolean full(Instruction x, String response) {
    return x.constraints().stream().allMatch(c -> meets(c, response, x.render()));
  }
}
