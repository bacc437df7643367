package dev.tracegen;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.decontaminate.DecontaminationConfig;
import dev.tracegen.decontaminate.ReferenceFiles;
import dev.tracegen.io.SeedFiles;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one check of everything a run reads, without any LLM call or pipeline: taxonomy (with every
 * checker's param schema), prompt templates (required placeholders per step), profile and options,
 * seed files read to the end, decontamination files. {@code tracegen validate} lists all of it;
 * {@code tracegen run} calls {@link #requireRunnable} first, so the two never disagree.
 */
public final class InputValidation {
  /**
   * One problem as {@code path[:line]: message}. Seed lines that a run rejects (and goes on
   * without) do not block a run; {@code validate} still lists them.
   */
  public record Problem(String message, boolean blocksRun) {}

  private InputValidation() {}

  /** Every problem, as {@code path[:line]: message}, for {@code tracegen validate}. */
  public static List<String> problems(TraceOptions o) {
    return check(o).stream().map(Problem::message).toList();
  }

  /**
   * Throws, listing every problem that would spoil a run, before anything is built or called.
   *
   * @throws IllegalArgumentException when there is one
   */
  public static void requireRunnable(TraceOptions o) {
    List<String> blocking = check(o).stream().filter(Problem::blocksRun).map(Problem::message).toList();
    if (!blocking.isEmpty()) {
      throw new IllegalArgumentException("invalid input (" + blocking.size() + " problem"
          + (blocking.size() == 1 ? "" : "s") + "; nothing was run):\n  " + String.join("\n  ", blocking));
    }
  }

  /** Every problem, in the order taxonomy, prompts, profile and options, seeds, decontamination files. */
  public static List<Problem> check(TraceOptions o) {
    List<Problem> out = new ArrayList<>();
    Checkers checkers = Checkers.load();
    Path taxonomyDir = Path.of(o.getTaxonomy());
    List<String> profileProblems = Profile.problems(Path.of(o.getProfile()));
    Profile profile = profileProblems.isEmpty() ? Profile.load(Path.of(o.getProfile())) : null;
    String language = Profile.DEFAULT_LANGUAGE;
    List<String> languageProblems = new ArrayList<>();
    try {
      language = RunConfig.language(o.getLanguage(), profile != null ? profile.language() : Profile.DEFAULT_LANGUAGE);
    } catch (IllegalArgumentException e) {
      languageProblems.add(e.getMessage());
    }
    List<String> taxonomyProblems = TaxonomyLoader.problems(taxonomyDir, checkers);
    if (taxonomyProblems.isEmpty() && languageProblems.isEmpty() && !language.equals(Profile.DEFAULT_LANGUAGE)) {
      // The run's language is checked whole; the base files' problems come first and alone.
      taxonomyProblems = TaxonomyLoader.problems(taxonomyDir, checkers, language);
    }
    blocking(out, taxonomyProblems);
    if (languageProblems.isEmpty()) {
      blocking(out, Prompts.problems(Path.of(o.getPrompts()), language, payloadSteps(o)));
      String embedded = RunConfig.embeddedLanguageProblem(language,
          "embedded".equals(o.getProvider()) || "embedded".equals(judgeProvider(o)));
      if (embedded != null) {
        languageProblems.add(embedded);
      }
    }

    blocking(out, profileProblems);
    blocking(out, languageProblems);
    if (o.getOvergeneration() > 0 && o.getOvergeneration() < 1) {
      blocking(out, List.of("--overgeneration must be at least 1, got " + o.getOvergeneration()));
    }
    if (o.getBuckets() < 1) {
      blocking(out, List.of("--buckets must be at least 1, got " + o.getBuckets()));
    }
    if (profile != null && taxonomyProblems.isEmpty()) {
      Taxonomy taxonomy = TaxonomyLoader.load(taxonomyDir, checkers, language);
      for (String id : new TreeSet<>(profile.dimensionWeights().keySet())) {
        if (!taxonomy.has(id)) {
          blocking(out, List.of(o.getProfile() + ": dimension_weights names unknown dimension '" + id + "'"));
        }
      }
      try {
        RunConfig.withDimensionWeights(profile, taxonomy, o.getDimensions(), o.getDimensionWeights());
      } catch (IllegalArgumentException e) {
        blocking(out, List.of(e.getMessage()));
      }
    }

    List<String> patterns = RunConfig.seedPatterns(o, profile);
    SeedFormat format = null;
    try {
      format = RunConfig.seedFormat(o, profile);
    } catch (IllegalArgumentException e) {
      blocking(out, List.of(e.getMessage()));
    }
    // Without --seeds, the profile names the seeds; its own problems are listed above.
    if (format != null && (profile != null || !patterns.isEmpty())) {
      SeedFiles.Check seeds = SeedFiles.check(patterns, format);
      blocking(out, seeds.errors());
      seeds.rejectedLines().forEach(line -> out.add(new Problem(line, false)));
    }

    if (!o.getDecontaminate().isBlank()) {
      try {
        ReferenceFiles.check(DecontaminationConfig.defaults(1)
            .withFiles(DecontaminationConfig.parseFiles(o.getDecontaminate()), o.getDecontaminateField()));
      } catch (IllegalArgumentException e) {
        blocking(out, List.of(e.getMessage()));
      }
    }
    return out;
  }

  private static void blocking(List<Problem> out, List<String> messages) {
    messages.forEach(m -> out.add(new Problem(m, true)));
  }

  /** The judge's provider: the generator's unless given. */
  private static String judgeProvider(TraceOptions o) {
    return o.getJudgeProvider().isBlank() ? o.getProvider() : o.getJudgeProvider();
  }

  /** The steps answered by the embedded model, which reads the prompt's payload block. */
  static Set<String> payloadSteps(TraceOptions o) {
    Set<String> steps = new TreeSet<>();
    if ("embedded".equals(o.getProvider())) {
      steps.addAll(List.of("expand", "structure", "quality", "perturb"));
    }
    if ("embedded".equals(judgeProvider(o))) {
      steps.add("judge");
    }
    return steps;
  }
}
