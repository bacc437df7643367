package dev.tracegen.cli;

import static dev.tracegen.cli.OptionTable.required;
import static dev.tracegen.cli.OptionTable.row;

import dev.tracegen.TraceOptions;
import dev.tracegen.cli.OptionTable.Group;
import dev.tracegen.llm.EmbeddedModelOptions;
import dev.tracegen.llm.ModelOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/** The options and help pages of {@code tracegen run} and {@code tracegen validate}. */
public final class RunHelp {
  static final Group REQUIRED = new Group("Required");
  static final Group COMMON = new Group("Common options");
  static final Group LLM = new Group("LLM provider and generation");
  static final Group DEDUP = new Group("Dedup and decontamination");
  static final Group OUTPUT = new Group("Output, console and runner");

  /**
   * Where every TraceOptions option shows in {@code run --help}. A new option needs a row here;
   * RunHelpTest fails until it has one.
   */
  static final OptionTable RUN = new OptionTable(
      List.of(TraceOptions.class, ModelOptions.class, EmbeddedModelOptions.class), rows(List.of(
      required("output", REQUIRED, "DIR"),
      row("profile", COMMON, "FILE"),
      row("seeds", COMMON, "FILES"),
      row("seedFormat", COMMON, "FORMAT"),
      row("language", COMMON, "zh|en"),
      row("taxonomy", COMMON, "DIR"),
      row("prompts", COMMON, "DIR"),
      row("planning", COMMON, "adaptive|fixed"),
      row("priorYield", COMMON, "SHARE"),
      row("waveMargin", COMMON, "SIGMAS"),
      row("maxWaves", COMMON, "N"),
      row("maxPlansPerPipeline", COMMON, "N"),
      row("overgeneration", COMMON),
      row("allowShortfall", COMMON),
      row("dimensions", COMMON, "ID,..."),
      row("dimensionWeights", COMMON, "ID=W,...")),
      modelRows(LLM),
      List.of(
      row("expectedLatency", LLM, "SECONDS"),
      row("judgeCalibration", LLM),
      row("revisions", LLM),
      row("nearDedup", DEDUP),
      row("nearDupThreshold", DEDUP),
      row("shingleSize", DEDUP),
      row("charShingleSize", DEDUP),
      row("minhashPermutations", DEDUP),
      row("lshBands", DEDUP),
      row("semanticDedup", DEDUP),
      row("semanticThreshold", DEDUP),
      row("semanticBands", DEDUP),
      row("semanticBits", DEDUP),
      row("decontaminationNgram", DEDUP),
      row("decontaminationCharNgram", DEDUP),
      row("decontaminationMaxDocs", DEDUP),
      row("decontaminate", DEDUP, "FILES"),
      row("decontaminateField", DEDUP, "PATH"),
      row("overwrite", OUTPUT),
      row("license", OUTPUT, "ID"),
      row("prettyName", OUTPUT, "TITLE"),
      row("quiet", OUTPUT),
      row("verbose", OUTPUT),
      row("progressSeconds", OUTPUT),
      row("reference", OUTPUT, "FILE"),
      row("buckets", OUTPUT),
      row("runner", OUTPUT, "RUNNER", "Beam runner: DirectRunner (in this JVM) or FlinkRunner (with --flinkMaster, "
          + "--parallelism; see --help=all). [default: DirectRunner]"))));

  /** What validate reads; it accepts every run option, so a run's own command line can be validated. */
  private static final Group VALIDATED = new Group("Options (any option of 'tracegen run' is accepted)");
  static final OptionTable VALIDATE = new OptionTable(List.of(), List.of(
      row("profile", VALIDATED, "FILE"),
      row("seeds", VALIDATED, "FILES"),
      row("seedFormat", VALIDATED, "FORMAT"),
      row("language", VALIDATED, "zh|en"),
      row("taxonomy", VALIDATED, "DIR"),
      row("prompts", VALIDATED, "DIR"),
      row("dimensions", VALIDATED, "ID,..."),
      row("dimensionWeights", VALIDATED, "ID=W,..."),
      row("decontaminate", VALIDATED, "FILES"),
      row("decontaminateField", VALIDATED, "PATH")));

  /**
   * The rows of every {@link ModelOptions} option (models, limits, cache, prices and the embedded
   * model's knobs) in {@code group}: run's and eval's help list them alike.
   */
  static List<OptionTable.Row> modelRows(Group group) {
    return List.of(
        row("provider", group, "NAME"),
        row("model", group, "NAME"),
        row("baseUrl", group, "URL"),
        row("apiKeyEnv", group, "VAR"),
        row("judgeProvider", group, "NAME"),
        row("judgeModel", group, "NAME"),
        row("judgeBaseUrl", group, "URL"),
        row("judgeApiKeyEnv", group, "VAR"),
        row("temperature", group),
        row("maxTokens", group),
        row("requestTimeout", group),
        row("responseFormat", group, "MODE"),
        row("maxInFlight", group),
        row("batch", group),
        row("batchPollSeconds", group),
        row("batchMaxRequests", group),
        row("batchTimeoutHours", group),
        row("requestsPerMinute", group),
        row("tokensPerMinute", group),
        row("maxRetries", group),
        row("retryBaseMillis", group),
        row("maxCalls", group),
        row("maxTotalTokens", group),
        row("maxCost", group, "MONEY"),
        row("prices", group, "FILE"),
        row("priceInput", group),
        row("priceOutput", group),
        row("priceCachedInput", group),
        row("priceBatchInput", group),
        row("priceBatchOutput", group),
        row("judgePriceInput", group),
        row("judgePriceOutput", group),
        row("cache", group),
        row("cacheDir", group, "DIR"),
        row("nonCompliance", group),
        row("malformed", group),
        row("persona", group, "NAME"),
        row("personaRates", group, "RATES"));
  }

  /** The rows of {@code parts}, in order. */
  @SafeVarargs
  static List<OptionTable.Row> rows(List<OptionTable.Row>... parts) {
    List<OptionTable.Row> all = new ArrayList<>();
    for (List<OptionTable.Row> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private RunHelp() {}

  /** Every option {@code run} and {@code validate} accept: TraceOptions, then the runners' options. */
  static OptionCatalog catalog(String command) {
    List<Class<? extends PipelineOptions>> interfaces = new ArrayList<>();
    interfaces.add(TraceOptions.class);
    interfaces.addAll(OptionCatalog.runnerOptions());
    return OptionCatalog.of(command, interfaces);
  }

  public static String run(boolean all) {
    OptionCatalog catalog = catalog("run");
    return "usage: tracegen run " + RUN.requiredSynopsis(catalog) + " [--profile=FILE] [--option=value ...]\n"
        + Help.paragraph("Builds the corpus: expands the profile's seed instructions with the constraint taxonomy, "
            + "answers, judges and perturbs them with the LLM, deduplicates, splits and decontaminates the "
            + "quadruples, and publishes exactly the profile's targets in --output (nothing when a run fails or "
            + "falls short). 'run' is the default command.")
        + Help.paragraph("Options are --name=value; --name value works too, and a true/false option alone "
            + "(--quiet) means true.")
        + RUN.render(catalog, all)
        + Help.examples(
            "tracegen run --profile=pipeline/smoke.yaml --output=out/smoke",
            "tracegen run --profile=pipeline/trace.yaml --output=out/trace --provider=openai \\",
            "    --baseUrl=http://localhost:8000/v1 --model=Qwen/Qwen2.5-7B-Instruct --maxInFlight=64",
            "tracegen run --profile=pipeline/smoke.yaml --output=out/flink --runner=FlinkRunner --flinkMaster=[local]")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  the corpus was published in --output",
            ExitStatus.FAILED.code() + "  the run failed (e.g. an LLM endpoint that keeps failing); nothing published",
            ExitStatus.USAGE.code() + "  bad options, or an invalid taxonomy, prompt, profile or seed file",
            ExitStatus.SHORTFALL.code() + "  a stratum fell short of its target; nothing published (raise "
                + "--maxWaves, or --allowShortfall)")
        + (all ? "" : "\n'tracegen run --help=all' also lists the Beam and runner options (--flinkMaster, "
            + "--parallelism, ...).\n");
  }

  public static String validate() {
    OptionCatalog catalog = catalog("validate");
    return "usage: tracegen validate [--profile=FILE] [--seeds=FILES] [--taxonomy=DIR] [--prompts=DIR] [...]\n"
        + Help.paragraph("Checks everything a run reads, without any LLM call, and lists every problem with file:line:")
        + Help.item("taxonomy", "YAML syntax, fields, references between dimensions and phrasings, checker ids")
        + Help.item("prompts", "missing templates, {{placeholders}} the step does not provide")
        + Help.item("profile", "fields, targets, dimension_weights ids (and --dimensions / --dimensionWeights)")
        + Help.item("seeds", "files exist; every line parses as a run would parse it (at most "
            + dev.tracegen.io.SeedFiles.MAX_LINE_PROBLEMS_PER_FILE + " bad lines listed per file)")
        + Help.item("decontaminate", "the --decontaminate files: every line has text at --decontaminateField")
        + VALIDATE.render(catalog, false)
        + Help.examples(
            "tracegen validate",
            "tracegen validate --profile=pipeline/trace.yaml --seeds=my-seeds.jsonl --seedFormat=alpaca",
            "tracegen validate --taxonomy=my-taxonomy --dimensions=inclusion,exclusion")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  everything is valid",
            ExitStatus.USAGE.code() + "  problems were found (listed on stdout), or the options are bad");
  }
}
