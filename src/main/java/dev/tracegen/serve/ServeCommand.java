package dev.tracegen.serve;

import dev.tracegen.check.Checkers;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.llm.Secrets;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code tracegen serve}: the embedded model behind an OpenAI-compatible endpoint on 127.0.0.1
 * until the process is stopped. Prints {@code tracegen serve: listening on <base URL>} first.
 */
public final class ServeCommand {
  private ServeCommand() {}

  public static int execute(String[] args) throws IOException, InterruptedException {
    PipelineOptionsFactory.register(ServeOptions.class);
    if (List.of(args).contains("--help")) {
      PipelineOptionsFactory.printHelp(System.out, ServeOptions.class);
      return 0;
    }
    ServeOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(ServeOptions.class);
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
    return 0;
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
    return EmbeddedServer.start(config, model(Path.of(o.getTaxonomy()), o.getNonCompliance(), o.getMalformed()));
  }

  /** The embedded simulator over the taxonomy in {@code taxonomyDir}. */
  public static EmbeddedChatModel model(Path taxonomyDir, double nonCompliance, double malformed) {
    Checkers checkers = Checkers.load();
    Taxonomy taxonomy = TaxonomyLoader.load(taxonomyDir, id -> checkers.get(id).isPresent());
    return new EmbeddedChatModel(taxonomy, checkers, nonCompliance, malformed);
  }
}
