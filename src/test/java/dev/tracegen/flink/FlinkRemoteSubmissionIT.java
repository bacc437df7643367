package dev.tracegen.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real remote submission. A Flink session cluster ({@link FlinkLocalCluster}, a Flink
 * MiniCluster) runs in its own JVM from the fat jar, in another working directory, with its REST
 * endpoint on loopback; {@code java -jar target/tracegen.jar run --runner=FlinkRunner
 * --flinkMaster=localhost:PORT} uploads the jar to it, the job runs there, and the corpus is the
 * DirectRunner's, every file byte for byte except run.json and report.html (timings).
 */
class FlinkRemoteSubmissionIT {
  static final Path JAR = Path.of("target/tracegen.jar").toAbsolutePath();
  static final String PROFILE = "src/test/resources/profiles/tiny.yaml";
  @TempDir static Path tmp;
  static Process cluster;
  static Path clusterLog;
  static int port;

  @BeforeAll
  static void startCluster() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing; run 'mvn package' first (mvn verify does)");
    Path work = Files.createDirectories(tmp.resolve("cluster-cwd"));
    Path portFile = tmp.resolve("port");
    clusterLog = tmp.resolve("cluster.log");
    cluster = new ProcessBuilder(java(), "-Xmx2g", "-cp", JAR.toString(), FlinkLocalCluster.class.getName(),
        "--port=0", "--taskManagers=1", "--slots=2", "--portFile=" + portFile)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(clusterLog.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(portFile)) {
      if (!cluster.isAlive()) {
        fail("the Flink cluster exited with " + cluster.exitValue() + ":\n" + tail(clusterLog));
      }
      if (System.nanoTime() > deadline) {
        fail("the Flink cluster did not start within 120 s:\n" + tail(clusterLog));
      }
      Thread.sleep(200);
    }
    port = Integer.parseInt(Files.readString(portFile).strip());
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (cluster != null) {
      cluster.destroy();
      if (!cluster.waitFor(30, TimeUnit.SECONDS)) {
        cluster.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void jarSubmittedToARemoteClusterBuildsTheSameCorpusAsTheDirectRunner() throws Exception {
    // Each pipeline is a job that uploads the fat jar and loads its classes afresh, so the run is kept
    // to three jobs (fixed planning: the eval wave, the train wave, the finishing) on a small profile.
    Path direct = tmp.resolve("direct");
    SameCorpus.run("--runner=DirectRunner", "--profile=" + PROFILE, "--planning=fixed", "--output=" + direct);
    Path remote = tmp.resolve("flink-remote");
    Path submitLog = tmp.resolve("submit.log");
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx2g", "-jar", JAR.toString(), "run",
        "--runner=FlinkRunner", "--flinkMaster=localhost:" + port, "--parallelism=2",
        "--profile=" + PROFILE, "--planning=fixed", "--output=" + remote));
    long t0 = System.nanoTime();
    // Relative paths (profile, seeds, taxonomy, prompts) resolve against the project directory,
    // which is not the cluster's working directory.
    Process submit = new ProcessBuilder(cmd)
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true)
        .redirectOutput(submitLog.toFile())
        .start();
    if (!submit.waitFor(10, TimeUnit.MINUTES)) {
      submit.destroyForcibly();
      fail("submission did not finish within 10 minutes:\n" + tail(submitLog));
    }
    assertEquals(0, submit.exitValue(), () -> "submission failed:\n" + tail(submitLog) + "\ncluster:\n" + tail(clusterLog));
    System.err.printf("[flink-it] jar -> remote Flink cluster p=2 tiny: %.1f s%n", (System.nanoTime() - t0) / 1e9);

    // Every pipeline of the run (each wave, each finishing) ran as a job on the cluster, not in a
    // local Flink inside the submitting JVM.
    JsonNode jobs = restGet("/jobs/overview").get("jobs");
    int pipelines = SameCorpus.pipelinesOf(remote);
    assertEquals(3, pipelines, "two waves and a finishing");
    assertEquals(pipelines, jobs.size(), jobs.toString());
    for (JsonNode job : jobs) {
      assertEquals("FINISHED", job.get("state").asText(), jobs.toString());
      assertTrue(job.get("tasks").get("total").asInt() > 10, jobs.toString());
    }
    assertEquals("FlinkRunner", SameCorpus.runnerOf(remote));

    SameCorpus.assertSameSelection(direct, remote);
    SameCorpus.assertSame(direct, remote);
  }

  static JsonNode restGet(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Json.PLAIN.readTree(r.body());
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
