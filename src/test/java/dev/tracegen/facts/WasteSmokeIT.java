package dev.tracegen.facts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.model.Json;
import dev.tracegen.serve.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile over HTTP, twice with one response cache: the second run sends nothing, yet
 * its {@code stats.json} (waste section included) is byte-identical, and in both runs every LLM
 * request of a step is accounted for as shipped or not shipped.
 */
class WasteSmokeIT {
  @TempDir static Path tmp;

  static void run(EmbeddedServer s, Path out, Path cache) throws IOException {
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs("--profile=src/test/resources/profiles/tiny.yaml", "--provider=openai",
        "--baseUrl=" + s.baseUrl(), "--model=tracegen-embedded-1", "--output=" + out, "--cacheDir=" + cache)
        .withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    TraceRun.run(o);
  }

  @Test
  void wasteIsMeasuredAndTheSameOverAWarmCache() throws Exception {
    Path cache = tmp.resolve("cache");
    Path cold = tmp.resolve("cold");
    Path warm = tmp.resolve("warm");
    try (EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
        ServeCommand.model(Path.of("taxonomy"), 0, 0))) {
      run(s, cold, cache);
      long sent = s.stats().get("requests");
      assertTrue(sent > 0);
      run(s, warm, cache);
      assertEquals(sent, s.stats().get("requests"), "the rerun is answered from the cache");
    }
    byte[] coldStats = Files.readAllBytes(cold.resolve("stats.json"));
    assertArrayEquals(coldStats, Files.readAllBytes(warm.resolve("stats.json")), "stats.json differs on a warm rerun");
    JsonNode waste = Json.PLAIN.readTree(coldStats).get("waste");
    assertTrue(waste != null && waste.at("/not_shipped/requests").asLong() > 0, String.valueOf(waste));

    for (Path dir : new Path[] {cold, warm}) {
      JsonNode llm = Json.PLAIN.readTree(dir.resolve("run.json").toFile()).get("llm");
      long all = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = llm.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> step = it.next();
        JsonNode part = waste.get("by_step").get(step.getKey());
        // run.json's calls count every answer a step used, cache hits included.
        assertEquals(step.getValue().get("calls").asLong(),
            part.at("/shipped/requests").asLong() + part.at("/not_shipped/requests").asLong(), dir + " " + step.getKey());
        all += step.getValue().get("calls").asLong();
      }
      assertEquals(all, waste.at("/shipped/requests").asLong() + waste.at("/not_shipped/requests").asLong());
    }
    long lost = 0;
    for (JsonNode stage : waste.get("by_stage")) {
      lost += stage.get("requests").asLong();
    }
    assertEquals(waste.at("/not_shipped/requests").asLong(), lost, "every lost request has its stage of loss");
    System.out.println("smoke waste: " + waste.toPrettyString());

    // Shards hold each record's spend but not what the run read from the cache.
    try (Stream<Path> files = Files.list(cold)) {
      Path shard = files.filter(f -> f.getFileName().toString().startsWith("train-")).findFirst().orElseThrow();
      try (InputStream in = new GZIPInputStream(Files.newInputStream(shard))) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"spend\":{") && text.contains("\"expand\":{\"requests\":1,"), text.substring(0, 2000));
        assertFalse(text.contains("cached"));
      }
    }
  }
}
