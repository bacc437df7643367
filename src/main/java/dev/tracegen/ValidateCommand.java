package dev.tracegen;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.decontaminate.DecontaminationConfig;
import dev.tracegen.decontaminate.ReferenceFiles;
import dev.tracegen.io.SeedFiles;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.report.InputChecks;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code tracegen validate}: checks taxonomy, prompts, profile and seed files without any LLM
 * call and lists every problem found, exiting non-zero if there is one.
 */
final class ValidateCommand {
  private ValidateCommand() {}

  static int execute(String[] args) {
    PipelineOptionsFactory.register(TraceOptions.class);
    if (List.of(args).contains("--help")) {
      System.out.println("usage: tracegen validate [--taxonomy=DIR] [--prompts=DIR] [--profile=FILE] [--seeds=FILES]\n"
          + "                         [--seedFormat=F] [--dimensions=ID,...] [--dimensionWeights=ID=W,...]\n"
          + "Checks everything a run reads, without any LLM call, and lists every problem with file:line:\n"
          + "  taxonomy   YAML syntax, fields, references between dimensions/phrasings, checker ids\n"
          + "  prompts    missing templates, {{placeholders}} the step does not provide\n"
          + "  profile    fields, targets, dimension_weights ids (and --dimensions/--dimensionWeights)\n"
          + "  seeds      files exist; every line parses as a run would parse it (at most "
          + InputChecks.MAX_SEED_PROBLEMS_PER_FILE + " bad lines listed per file)\n"
          + "Exit status: 0 when everything is valid, 1 when there are problems.");
      return 0;
    }
    TraceOptions o = PipelineOptionsFactory.fromArgs(args).as(TraceOptions.class);
    List<String> problems = new ArrayList<>(problems(o));
    if (problems.isEmpty()) {
      System.out.println("tracegen validate: taxonomy, prompts, profile and seeds are valid");
      return 0;
    }
    System.out.println("tracegen validate: " + problems.size() + " problem(s)");
    problems.forEach(p -> System.out.println("  " + p));
    return 1;
  }

  static List<String> problems(TraceOptions o) {
    List<String> problems = new ArrayList<>();
    Checkers checkers = Checkers.load();
    List<String> taxonomyProblems = TaxonomyLoader.problems(Path.of(o.getTaxonomy()), id -> checkers.get(id).isPresent());
    problems.addAll(taxonomyProblems);
    try {
      Prompts.load(Path.of(o.getPrompts()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    problems.addAll(InputChecks.promptProblems(Path.of(o.getPrompts())));
    Profile profile = null;
    try {
      profile = Profile.load(Path.of(o.getProfile()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<String> seeds = o.getSeeds().isBlank() ? (profile == null ? List.of() : profile.seeds())
        : List.of(o.getSeeds().split(","));
    boolean readable = true;
    try {
      SeedFiles.checkReadable(seeds);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      readable = false;
    }
    if (!o.getDecontaminate().isBlank()) {
      try {
        ReferenceFiles.check(DecontaminationConfig.defaults(1)
            .withFiles(DecontaminationConfig.parseFiles(o.getDecontaminate()), o.getDecontaminateField()));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    SeedFormat format = null;
    try {
      format = SeedFormat.parse(!o.getSeedFormat().isBlank() ? o.getSeedFormat() : profile == null ? "auto" : profile.seedFormat());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (readable && format != null) {
      problems.addAll(InputChecks.seedProblems(seeds, format));
    }
    if (profile != null && taxonomyProblems.isEmpty()) {
      Taxonomy taxonomy = TaxonomyLoader.load(Path.of(o.getTaxonomy()), id -> checkers.get(id).isPresent());
      problems.addAll(InputChecks.weightProblems(o.getProfile(), profile, taxonomy));
      try {
        RunConfig.withDimensionWeights(profile, taxonomy, o.getDimensions(), o.getDimensionWeights());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }
}
