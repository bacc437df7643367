package dev.tracegen.cli;

import static dev.tracegen.cli.OptionTable.required;
import static dev.tracegen.cli.OptionTable.row;

import dev.tracegen.RunConfig;
import dev.tracegen.TraceRun;
import dev.tracegen.check.Checkers;
import dev.tracegen.cli.OptionTable.Group;
import dev.tracegen.eval.EvalItem;
import dev.tracegen.eval.EvalItems;
import dev.tracegen.eval.EvalPrompts;
import dev.tracegen.eval.EvalReportHtml;
import dev.tracegen.eval.EvalRun;
import dev.tracegen.eval.EvalScores;
import dev.tracegen.eval.JudgeCheckerAgreement;
import dev.tracegen.eval.Scoring;
import dev.tracegen.io.Locations;
import dev.tracegen.llm.ChatModels;
import dev.tracegen.llm.EmbeddedModelOptions;
import dev.tracegen.llm.ModelOptions;
import dev.tracegen.llm.Models;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code tracegen eval}: the TRACE benchmark on a TRACE-layout eval file. The model under test
 * answers every instruction, the judge scores them in the official format, and the figures (IF-S,
 * IF-M and their breakdowns) go to {@code results.json}, every item to {@code items.jsonl}.
 */
public final class EvalCommand {
  private static final Group REQUIRED = new Group("Required");
  private static final Group DATA = new Group("Data and prompts");
  private static final Group MODEL = new Group("Model under test (--provider ...) and judge (--judge...): "
      + "endpoints, limits, cache, cost");
  private static final Group OUTPUT = new Group("Output");

  /** The paper's temperature for the model under test. */
  static final double TEMPERATURE = 0.1;
  /** The official judge's top_p (beside temperature 0). */
  static final double JUDGE_TOP_P = 0.8;

  /** Where every EvalOptions option shows in {@code eval --help}; EvalCommandTest checks that none is missing. */
  static final OptionTable OPTIONS = new OptionTable(
      List.of(EvalOptions.class, ModelOptions.class, EmbeddedModelOptions.class), RunHelp.rows(
      List.of(
          required("data", REQUIRED, "FILE"),
          required("output", REQUIRED, "DIR"),
          row("limit", DATA, "N"),
          row("language", DATA, "zh|en"),
          row("prompts", DATA, "DIR"),
          row("taxonomy", DATA, "DIR"),
          row("scoring", DATA, "judge|checker-first|both"),
          row("compare", DATA, "DIR,...")),
      RunHelp.modelRows(MODEL).stream().map(r -> !r.name().equals("temperature") ? r
          : row("temperature", MODEL, null, "Sampling temperature of the model under test. [default: 0.1, as in the "
              + "paper; the judge samples at 0]")).toList(),
      List.of(
          row("overwrite", OUTPUT),
          row("quiet", OUTPUT),
          row("progressSeconds", OUTPUT))));

  private EvalCommand() {}

  /** EvalOptions, then the runners' options (an evaluation is a pipeline like a build). */
  static OptionCatalog catalog() {
    List<Class<? extends PipelineOptions>> interfaces = new ArrayList<>();
    interfaces.add(EvalOptions.class);
    interfaces.addAll(OptionCatalog.runnerOptions());
    return OptionCatalog.of("eval", interfaces);
  }

  public static String help() {
    OptionCatalog catalog = catalog();
    return "usage: tracegen eval " + OPTIONS.requiredSynopsis(catalog) + " [--provider=NAME --model=NAME ...] "
        + "[--judgeProvider=NAME --judgeModel=NAME ...]\n"
        + Help.paragraph("Runs the TRACE benchmark on --data (the official eval set or a build's trace_eval.jsonl): "
            + "the model under test answers every instruction (system prompt \"You are a helpful assistant.\", "
            + "temperature 0.1), the judge writes an explanation and a 0-10 score per constraint and 'Constraints "
            + "Overall Score: [[d]]' (temperature 0, top_p 0.8), and --output gets results.json (IF-S and IF-M as mean "
            + "score "
            + "and as the share of instructions with every constraint at 10, with bootstrap intervals, by type, "
            + "dimension, constraint count and category, parse failures) and items.jsonl (each answer and "
            + "judgement). A judgement that cannot be read is asked for once more, then counted as a parse failure "
            + "and left out of the scores. Requests go through the response cache: a rerun sends none.")
        + OPTIONS.render(catalog, false)
        + Help.examples(
            "tracegen eval --data=out/smoke/trace_eval.jsonl --output=out/eval-embedded",
            "tracegen eval --data=src/test/resources/reference/trace/trace_eval_official.jsonl --output=out/eval \\",
            "    --provider=openai --baseUrl=http://localhost:8000/v1 --model=Qwen/Qwen2.5-7B-Instruct \\",
            "    --judgeProvider=openai --judgeBaseUrl=https://api.openai.com/v1 --judgeModel=gpt-4o "
                + "--judgeApiKeyEnv=OPENAI_API_KEY")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  the results were written to --output",
            ExitStatus.FAILED.code() + "  the evaluation failed (e.g. an endpoint that keeps failing); nothing written",
            ExitStatus.USAGE.code() + "  bad options, or an eval file or judge prompt that cannot be used");
  }

  public static int execute(String[] args) throws Exception {
    CommandLine<EvalOptions> line = CommandLine.parse(catalog(), args, List.of(), EvalOptions.class);
    EvalOptions o = line.options();
    EvalRun.Settings settings = settings(o, line.given("temperature") == null ? TEMPERATURE : o.getTemperature());
    TraceRun.runnerDefaults(o);
    EvalRun.Results r = EvalRun.run(o, settings);
    System.err.print(summary(r));
    System.err.println("tracegen eval: wrote " + Locations.file(o.getOutput(), EvalRun.RESULTS) + ", "
        + EvalRun.ITEMS + " and " + EvalReportHtml.FILE + " in " + r.seconds() + " s");
    return ExitStatus.OK.code();
  }

  /** Everything the evaluation reads, checked before any request. */
  static EvalRun.Settings settings(EvalOptions o, double temperature) {
    Scoring.parse(o.getScoring());
    if (o.getData().isBlank()) {
      throw new UsageException("eval", "--data=FILE is required (a TRACE-layout JSONL eval file)");
    }
    if (o.getOutput().isBlank()) {
      throw new UsageException("eval", "--output=DIR is required");
    }
    if (o.getLimit() < 0) {
      throw new UsageException("eval", "--limit must be 0 (all) or more, got " + o.getLimit());
    }
    List<EvalItem> items = EvalItems.read(o.getData());
    if (o.getLimit() > 0 && o.getLimit() < items.size()) {
      items = items.subList(0, o.getLimit());
    }
    String language = o.getLanguage().isBlank() ? EvalPrompts.language(items)
        : RunConfig.language(o.getLanguage(), o.getLanguage());
    Models models = Models.from(o, temperature, JUDGE_TOP_P);
    String embeddedProblem = RunConfig.embeddedLanguageProblem(language,
        models.generator().isEmbedded() || models.judge().isEmbedded());
    if (embeddedProblem != null) {
      throw new IllegalArgumentException(embeddedProblem);
    }
    ChatModels.validate(models.generator(), "model under test");
    ChatModels.validate(models.judge(), "judge");
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of(o.getTaxonomy()), Checkers.load(), language);
    EvalPrompts prompts = EvalPrompts.load(Path.of(o.getPrompts()), language);
    return new EvalRun.Settings(o.getData(), List.copyOf(items), language, taxonomy, models, prompts,
        Scoring.parse(o.getScoring()), EvalRun.compared(compareDirs(o.getCompare())), o.getOutput(),
        o.getOverwrite(), o.getQuiet() ? 0 : o.getProgressSeconds());
  }

  private static List<String> compareDirs(String option) {
    List<String> dirs = new ArrayList<>();
    for (String d : option.split(",")) {
      if (!d.isBlank()) {
        dirs.add(d.strip());
      }
    }
    return dirs;
  }

  /** The headline figures, for the terminal. */
  static String summary(EvalRun.Results r) {
    EvalScores s = r.scores();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "tracegen eval: %s judged by %s on %,d instructions (%s)%n", r.model(),
        r.judge(), s.items(), r.language()));
    b.append(line("IF-S", s.ifS())).append(line("IF-M", s.ifM()));
    if (r.checkerFirst() != null) {
      b.append("  checker-first:\n").append(line("IF-S", r.checkerFirst().ifS()))
          .append(line("IF-M", r.checkerFirst().ifM()));
    }
    JudgeCheckerAgreement a = r.agreement();
    if (a.rate() != null) {
      b.append(String.format(Locale.ROOT,
          "  judge and checkers agree on %,d of %,d rule-checkable constraints (%.1f %%)%n",
          a.agree(), a.constraints(), 100 * a.rate()));
    }
    b.append(String.format(Locale.ROOT, "  parse failures %,d (%.1f %%), unanswered %,d%n", s.parseFailures(),
        100 * s.parseFailureRate(), s.unanswered()));
    return b.toString();
  }

  private static String line(String name, EvalScores.ItemGroup g) {
    if (g.meanScore() == null) {
      return String.format(Locale.ROOT, "  %s  no scored instruction (%,d in the file)%n", name, g.items());
    }
    return String.format(Locale.ROOT, "  %s  mean score %.2f [%.2f, %.2f], all constraints met %.1f %% [%.1f, %.1f] "
        + "(%,d scored of %,d)%n", name, g.meanScore(), g.meanScoreCi().get(0), g.meanScoreCi().get(1),
        100 * g.allFull(), 100 * g.allFullCi().get(0), 100 * g.allFullCi().get(1), g.scored(), g.items());
  }
}
