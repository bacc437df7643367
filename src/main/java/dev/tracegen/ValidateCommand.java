package dev.tracegen;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.io.SeedFiles;
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
          + "Checks everything a run reads, without any LLM call; lists all problems; exit 1 if any.");
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
    problems.addAll(TaxonomyLoader.problems(Path.of(o.getTaxonomy()), id -> checkers.get(id).isPresent()));
    try {
      Prompts.load(Path.of(o.getPrompts()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Profile profile = null;
    try {
      profile = Profile.load(Path.of(o.getProfile()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<String> seeds = o.getSeeds().isBlank() ? (profile == null ? List.of() : profile.seeds())
        : List.of(o.getSeeds().split(","));
    try {
      SeedFiles.checkReadable(seeds);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }
}
