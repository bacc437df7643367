package dev.tracegen.structure;

import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Constraint;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.ParamSpec;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the params a model gives for its constraints to what the constraints say. Checkers read
 * only the params, so a param the sentence does not state ("at least 12 sentences" with {@code
 * min: 10}) would verify something the instruction never asked for. Checked per constraint of a
 * checker dimension: each declared param against the sentence ({@link ParamSpec}), the checker's own
 * schema (types, ranges, required keys), and, where a plan fixed the constraint, the planned values.
 */
public final class ParamValidator implements Serializable {
  /** The rejection reason when a repaired answer still disagrees. */
  public static final String REASON = "params_mismatch";

  private final Taxonomy taxonomy;

  public ParamValidator(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  /** What is wrong with the params of {@code c}, each problem naming the param. */
  public List<String> problems(Constraint c, Checkers checkers) {
    Dimension d = taxonomy.dimension(c.dimension());
    if (d == null || !d.hasChecker()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    d.params().forEach((name, spec) -> {
      if (c.params().has(name)) {
        spec.problem(c.params().get(name), c.text()).ifPresent(out::add);
      }
    });
    Optional<Checker> checker = checkers.get(d.checker());
    checker.ifPresent(k -> out.addAll(k.paramProblems(c.params())));
    return out;
  }

  /**
   * What differs from the plan: planned constraints of a checker dimension are matched in order
   * with the answer's constraints of the same dimension, and every planned value of a checked
   * param must come back unchanged. Counts of dimensions are the quality check's business.
   */
  public List<String> planProblems(List<Constraint> got, List<Constraint> planned) {
    List<String> out = new ArrayList<>();
    for (Dimension d : taxonomy.dimensions()) {
      if (!d.hasChecker()) {
        continue;
      }
      List<Constraint> want = planned.stream().filter(c -> c.dimension().equals(d.id())).toList();
      List<Constraint> have = got.stream().filter(c -> c.dimension().equals(d.id())).toList();
      for (int i = 0; i < Math.min(want.size(), have.size()); i++) {
        String where = "the " + d.id() + " constraint \"" + have.get(i).text() + "\": ";
        differences(d, want.get(i), have.get(i), "planned").forEach(p -> out.add(where + p));
      }
    }
    return out;
  }

  /** Differences of checked params between {@code expected} and {@code actual} of dimension {@code d}. */
  public static List<String> differences(Dimension d, Constraint expected, Constraint actual, String expectedName) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ParamSpec> e : d.params().entrySet()) {
      String name = e.getKey();
      if (e.getValue().kind() == ParamSpec.Kind.LABEL || !expected.params().has(name)) {
        continue;
      }
      String want = normal(expected.params().get(name));
      String have = actual.params().has(name) ? normal(actual.params().get(name)) : null;
      if (!want.equals(have)) {
        out.add(expectedName + " " + name + " = " + expected.params().get(name) + " but the params give "
            + (have == null ? "none" : actual.params().get(name)));
      }
    }
    return out;
  }

  /**
   * Throws when any constraint's params disagree with its sentence or with {@code planned} (null
   * when nothing was planned). The message lists every problem, so a repair re-ask can fix all.
   */
  public void require(List<Constraint> constraints, List<Constraint> planned, Checkers checkers)
      throws MalformedOutputException {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      Constraint c = constraints.get(i);
      for (String p : problems(c, checkers)) {
        problems.add(describe(i, c) + p);
      }
    }
    if (planned != null) {
      problems.addAll(planProblems(constraints, planned));
    }
    fail(problems);
  }

  /** Throws a {@link #REASON} failure listing {@code problems}, unless there are none. */
  public static void fail(List<String> problems) throws MalformedOutputException {
    if (!problems.isEmpty()) {
      throw new MalformedOutputException(REASON, "the params disagree with the constraints: "
          + String.join("; ", problems) + ". Give each constraint the params its own sentence states.");
    }
  }

  static String describe(int index, Constraint c) {
    return "constraint " + (index + 1) + " (\"" + c.text() + "\"): ";
  }

  private static String normal(Object v) {
    return String.valueOf(v).strip().toLowerCase(Locale.ROOT);
  }
}
