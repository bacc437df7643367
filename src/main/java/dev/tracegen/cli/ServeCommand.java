package dev.tracegen.cli;

import static dev.tracegen.cli.OptionTable.row;

import dev.tracegen.check.Checkers;
import dev.tracegen.cli.OptionTable.Group;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.embedded.Persona;
import dev.tracegen.llm.EmbeddedModelOptions;
import dev.tracegen.llm.Secrets;
import dev.tracegen.serve.EmbeddedServer;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tracegen serve}: the embedded model behind an OpenAI-compatible endpoint on 127.0.0.1
 * until the process is stopped. Prints {@code tracegen serve: listening on <base URL>} first.
 */
public final class ServeCommand {
  private static final Group SERVER = new Group("Server");
  private static final Group MODEL = new Group("Embedded model");
  private static final Group FAULTS = new Group("Latency and faults (for testing clients)");
  private static final Group BATCH = new Group("Batch API (/v1/files, /v1/batches)");

  /** Where every ServeOptions option shows in {@code serve --help}; ServeCommandTest checks that none is missing. */
  static final OptionTable OPTIONS = new OptionTable(List.of(ServeOptions.class, EmbeddedModelOptions.class), List.of(
      row("port", SERVER),
      row("servedModel", SERVER, "NAME"),
      row("requireKeyEnv", SERVER, "VAR"),
      row("taxonomy", MODEL, "DIR"),
      row("nonCompliance", MODEL),
      row("malformed", MODEL),
      row("persona", MODEL, "NAME"),
      row("personaRates", MODEL, "RATES"),
      row("latencyMillis", FAULTS),
      row("jitterMillis", FAULTS),
      row("fraction429", FAULTS),
      row("retryAfterSeconds", FAULTS),
      row("fraction500", FAULTS),
      row("fractionStall", FAULTS),
      row("stallSeconds", FAULTS),
      row("fractionMalformed", FAULTS),
      row("faultSeed", FAULTS),
      row("batchDelay", BATCH),
      row("batchFailures", BATCH),
      row("batchMalformed", BATCH)));

  private ServeCommand() {}

  /** The options serve accepts: its own and PipelineOptions' (harmless, as nothing here runs a pipeline). */
  static OptionCatalog catalog() {
    return OptionCatalog.of("serve", List.of(ServeOptions.class));
  }

  public static String help() {
    return "usage: tracegen serve [--port=N] [--option=value ...]\n"
        + Help.paragraph("Serves the embedded generator behind an OpenAI-compatible HTTP endpoint on 127.0.0.1 "
            + "(POST /v1/chat/completions, GET /v1/models, OpenAI's batch API under /v1/files and /v1/batches, "
            + "GET /stats for counts) until the process is stopped; "
            + "the first line printed is 'tracegen serve: listening on <base URL>'. Point a run at it with "
            + "--provider=openai --baseUrl=<base URL>. It answers in the language a request is written in (English, "
            + "or Chinese where the taxonomy has its zh overlay). The fault knobs make it misbehave the way real "
            + "endpoints do.")
        + OPTIONS.render(catalog(), false)
        + Help.examples(
            "tracegen serve --port=8088",
            "tracegen serve --port=0 --latencyMillis=200 --fraction429=0.1 --fraction500=0.05",
            "tracegen serve --port=0 --persona=realistic --personaRates=refusal=0.05,truncate=0.05",
            "API_KEY=secret tracegen serve --requireKeyEnv=API_KEY --servedModel=my-model")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  stopped",
            ExitStatus.FAILED.code() + "  the server could not start (e.g. the port is taken)",
            ExitStatus.USAGE.code() + "  bad options or an invalid taxonomy");
  }

  public static int execute(String[] args) throws IOException, InterruptedException {
    ServeOptions o = CommandLine.parse("serve", args, List.of(), ServeOptions.class).options();
    EmbeddedServer server = start(o);
    System.out.println("tracegen serve: listening on " + server.baseUrl() + " (model " + server.config().model()
        + "; GET /stats for counts; Ctrl-C stops)");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "serve-stop"));
    stopped.await();
    return ExitStatus.OK.code();
  }

  /** Builds the model and starts the server from options. */
  public static EmbeddedServer start(ServeOptions o) throws IOException {
    String key = null;
    if (!o.getRequireKeyEnv().isBlank()) {
      key = Secrets.require(o.getRequireKeyEnv(), "--requireKeyEnv");
    }
    EmbeddedServer.Config config = new EmbeddedServer.Config(o.getPort(), o.getServedModel(), o.getLatencyMillis(),
        o.getJitterMillis(), o.getFraction429(), o.getRetryAfterSeconds(), o.getFraction500(), o.getFractionStall(),
        o.getStallSeconds(), o.getFractionMalformed(), key, o.getFaultSeed());
    Persona persona = Persona.of(o.getPersona(), o.getPersonaRates());
    EmbeddedServer server = EmbeddedServer.start(config, model(Path.of(o.getTaxonomy()), o.getNonCompliance(),
        o.getMalformed(), persona));
    try {
      server.batches().delaySeconds(o.getBatchDelay()).failures(o.getBatchFailures()).malformed(o.getBatchMalformed());
    } catch (IllegalArgumentException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The faithful embedded simulator over the taxonomy in {@code taxonomyDir}. */
  public static EmbeddedChatModel model(Path taxonomyDir, double nonCompliance, double malformed) {
    return model(taxonomyDir, nonCompliance, malformed, Persona.FAITHFUL);
  }

  /**
   * The embedded simulator over the taxonomy in {@code taxonomyDir}, with {@code persona}: English,
   * and every language of the directory's overlays that the simulator writes, each conversation
   * answered in the language it is written in.
   */
  public static EmbeddedChatModel model(Path taxonomyDir, double nonCompliance, double malformed, Persona persona) {
    Checkers checkers = Checkers.load();
    List<EmbeddedChatModel> models = new ArrayList<>();
    for (String language : TaxonomyLoader.languages(taxonomyDir)) {
      if (EmbeddedChatModel.writes(language)) {
        Taxonomy taxonomy = TaxonomyLoader.load(taxonomyDir, id -> checkers.get(id).isPresent(), language);
        models.add(new EmbeddedChatModel(taxonomy, checkers, nonCompliance, malformed, persona));
      }
    }
    return models.get(0).withLanguages(models);
  }
}
