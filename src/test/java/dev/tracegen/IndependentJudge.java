package dev.tracegen;

import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Re-verifies verdicts without the pipeline's stored judgements: checkers decide the constraints
 * they cover; the others are decided by the evidence their phrasing declares.
 */
final class IndependentJudge {
  final Taxonomy taxonomy;
  final Checkers checkers;

  IndependentJudge() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
  }

  boolean meets(Constraint c, String response) {
    Dimension d = taxonomy.dimension(c.dimension());
    Optional<Checker> checker = d.hasChecker() ? checkers.get(d.checker()) : Optional.empty();
    if (checker.isPresent()) {
      return checker.get().check(c, response).pass();
    }
    Taxonomy.PhrasingMatch m = taxonomy.match(c.text());
    if (m == null) {
      return false;
    }
    String evidence = Phrasing.fill(m.phrasing().evidence(), m.params()).replaceAll("[.!?]+$", "");
    return !evidence.isBlank() && response.toLowerCase(Locale.ROOT).contains(evidence.toLowerCase(Locale.ROOT));
  }

  boolean full(Instruction x, String response) {
    return x.constraints().stream().allMatch(c -> meets(c, response));
  }
}
