package dev.tracegen;

import dev.tracegen.check.Checkers;
import dev.tracegen.cli.ExitStatus;
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
 * call and lists every problem found, exiting with {@link ExitStatus#USAGE} if there is one. Its
 * help page is {@link RunHelp#validate()}.
 */
final class ValidateCommand {
  private ValidateCommand() {}

  static int execute(String[] args) {
    String[] normalized = RunHelp.catalog("validate").normalize(args);
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs(normalized).as(TraceOptions.class);
    List<String> problems = new ArrayList<>(problems(o));
    if (problems.isEmpty()) {
      System.out.println("tracegen validate: taxonomy, prompts, profile and seeds are valid");
      return ExitStatus.OK.code();
    }
    System.out.println("tracegen validate: " + problems.size() + " problem(s)");
    problems.forEach(p -> System.out.println("  " + p));
    // The same status a run would end with on this input: it is not usable as it stands.
    return ExitStatus.USAGE.code();
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
