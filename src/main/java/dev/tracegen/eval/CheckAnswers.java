package dev.tracegen.eval;

import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Check: every rule-checkable constraint of an item (one written in a taxonomy phrasing of a
 * dimension with a checker, so that its parameters can be read back from its text) is decided by
 * that checker as well, beside the judge; no LLM call. {@code --scoring} says which verdict counts.
 */
public class CheckAnswers extends PTransform<PCollection<EvalResult>, PCollection<EvalResult>> {
  private final Taxonomy taxonomy;

  public CheckAnswers(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  @Override
  public PCollection<EvalResult> expand(PCollection<EvalResult> in) {
    return in.apply("CheckAnswerFn", ParDo.of(new CheckAnswerFn(taxonomy))).setCoder(JsonCoder.of(EvalResult.class));
  }

  static class CheckAnswerFn extends DoFn<EvalResult, EvalResult> {
    private final Taxonomy taxonomy;
    private transient Checkers checkers;

    CheckAnswerFn(Taxonomy taxonomy) {
      this.taxonomy = taxonomy;
    }

    @Setup
    public void setup() {
      checkers = Checkers.load();
    }

    @ProcessElement
    public void process(@Element EvalResult r, OutputReceiver<EvalResult> out) {
      out.output(r.unanswered() ? r : r.withChecks(check(taxonomy, checkers, r.item(), r.answer())));
    }
  }

  /** The checkers' verdicts on {@code answer} for each rule-checkable constraint of {@code item}, in order. */
  static List<CheckerVerdict> check(Taxonomy taxonomy, Checkers checkers, EvalItem item, String answer) {
    List<CheckerVerdict> out = new ArrayList<>();
    for (int i = 0; i < item.count(); i++) {
      String text = EvalItems.unnumbered(item.constraints().get(i));
      PhrasingMatch m = taxonomy.read(text);
      Dimension d = m == null ? null : m.dimension();
      Optional<Checker> checker = d == null || !d.hasChecker() ? Optional.empty() : checkers.get(d.checker());
      if (checker.isPresent()) {
        CheckResult r = checker.get().check(new Constraint("", d.type(), d.id(), text, m.params()), answer);
        out.add(new CheckerVerdict(i + 1, d.id(), d.checker(), m.params(), r.pass(), r.reason()));
      }
    }
    return out;
  }
}
