package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.cli.ServeCommand;
import dev.tracegen.llm.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny profile with provider {@code anthropic} over HTTP against {@link EmbeddedServer}'s
 * Messages API: synchronously (LangChain4j's AnthropicChatModel), then with {@code --batch}
 * through Message Batches (Anthropic's SDK): the same corpus bytes, each distinct request answered
 * once and only in batches. A build killed mid-batch is resumed in {@code BatchCollectorTest} (both
 * providers) and through {@code java -jar} in {@link BatchSmokeIT} and {@code scripts/bench-batch.sh}.
 */
class AnthropicBatchSmokeIT {
  static final String KEY_ENV = "TRACEGEN_ANTHROPIC_IT_KEY";
  static final String KEY = "sk-ant-smoke-it-key";

  @TempDir static Path tmp;
  static Path sync;
  static final List<EmbeddedServer> servers = new ArrayList<>();

  @BeforeAll
  static void baseline() throws Exception {
    Secrets.override(name -> name.equals(KEY_ENV) ? KEY : null);
    EmbeddedServer s = serve();
    sync = tmp.resolve("sync");
    assertTrue(ServeSmokeIT.runProfile(BatchSmokeIT.TINY, args(s, "--output=" + sync,
        "--cacheDir=" + tmp.resolve("sync-cache"))).shortfalls().isEmpty());
    assertTrue(s.stats().get("answered") > 0, "the synchronous build went through /v1/messages");
  }

  @AfterAll
  static void stop() {
    servers.forEach(EmbeddedServer::close);
    Secrets.override(null);
  }

  static EmbeddedServer serve() throws Exception {
    EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults().withRequiredKey(KEY),
        ServeCommand.model(Path.of("taxonomy"), 0, 0));
    servers.add(s);
    return s;
  }

  static String[] args(EmbeddedServer s, String... more) {
    List<String> args = new ArrayList<>(List.of("--provider=anthropic", "--baseUrl=" + s.baseUrl(),
        "--model=" + ServeSmokeIT.MODEL, "--apiKeyEnv=" + KEY_ENV));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static String[] batchArgs(EmbeddedServer s, Path out, Path cache) {
    return args(s, "--output=" + out, "--cacheDir=" + cache, "--batch", "--batchPollSeconds=0.05",
        "--maxInFlight=64", "--buckets=1");
  }

  @Test
  void aMessageBatchBuildWritesTheSameCorpusAndPaysForEachRequestOnce() throws Exception {
    EmbeddedServer s = serve();
    s.batches().delaySeconds(0.2);
    Path out = tmp.resolve("batch");
    assertTrue(ServeSmokeIT.runProfile(BatchSmokeIT.TINY, batchArgs(s, out, tmp.resolve("batch-cache")))
        .shortfalls().isEmpty());
    BatchSmokeIT.sameCorpus(sync, out);
    BatchSmokeIT.eachRequestAnsweredOnceInABatch(s);
    Map<String, Long> stats = s.stats();
    System.out.printf("anthropic batch smoke build: %d batches, %d lines, %d distinct requests, %d paid calls%n",
        stats.get("batches_created"), stats.get("batch_lines"), stats.get("distinct_requests"),
        BatchSmokeIT.paidCalls(out));
    assertEquals(BatchSmokeIT.paidCalls(out), stats.get("batch_lines"), "one batch request per paid call");
    assertTrue(stats.get("batches_created") < stats.get("batch_lines") / 2, "requests are batched");
  }
}
