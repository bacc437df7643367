package dev.tracegen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.TraceGen;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.model.Json;
import dev.tracegen.serve.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beam's S3 file system against an S3-compatible server started here (s3proxy with an in-memory
 * store, AWS signatures checked): a build with its seeds, output and response cache in the bucket
 * writes the same records as a build on local disk, on the DirectRunner and on a Flink
 * MiniCluster; {@code stats} reads it there, a rerun is answered from the bucket's cache, and the
 * run's working directories are joined, found and deleted as prefixes of the bucket.
 */
class S3StoreIT {
  static final String TINY = "src/test/resources/profiles/tiny.yaml";
  static final String BUCKET = "tracegen-it";
  static final String ACCESS = "tracegen-access";
  static final String SECRET = "tracegen-secret-key-for-the-it";

  @TempDir static Path tmp;
  static BlobStoreContext context;
  static BlobStore store;
  static S3Proxy proxy;
  static Path local;
  static EmbeddedServer server;

  /** The generator and judge: the embedded model behind {@code serve}'s HTTP endpoint. */
  static List<String> http() {
    return List.of("--provider=openai", "--baseUrl=" + server.baseUrl(), "--model=tracegen-embedded-1");
  }

  @BeforeAll
  static void start() throws Exception {
    context = ContextBuilder.newBuilder("transient").credentials(ACCESS, SECRET).build(BlobStoreContext.class);
    store = context.getBlobStore();
    store.createContainerInLocation(null, BUCKET);
    proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
    proxy.start();
    for (int i = 0; i < 200 && proxy.getPort() <= 0; i++) {
      Thread.sleep(25);
    }
    store.putBlob(BUCKET, store.blobBuilder("seeds/seeds.jsonl")
        .payload(Files.readAllBytes(Path.of("pipeline/seeds/seeds.jsonl"))).build());
    // Over HTTP, as the embedded generator in the JVM uses no response cache.
    server = EmbeddedServer.start(EmbeddedServer.Config.defaults(), ServeCommand.model(Path.of("taxonomy"), 0, 0));
    local = tmp.resolve("local");
    List<String> args = new ArrayList<>(List.of("run", "--profile=" + TINY, "--output=" + local,
        "--cacheDir=" + tmp.resolve("local-cache"), "--quiet"));
    args.addAll(http());
    assertEquals(0, TraceGen.execute(args.toArray(String[]::new)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
    if (context != null) {
      context.close();
    }
  }

  /** The options that point Beam's S3 file system at the server. */
  static List<String> s3Options() {
    return List.of("--endpoint=http://127.0.0.1:" + proxy.getPort(), "--awsRegion=us-east-1",
        "--awsCredentialsProvider={\"@type\": \"StaticCredentialsProvider\", \"accessKeyId\": \"" + ACCESS
            + "\", \"secretAccessKey\": \"" + SECRET + "\"}");
  }

  static int run(String... args) {
    List<String> all = new ArrayList<>(List.of("run", "--profile=" + TINY, "--quiet"));
    all.addAll(http());
    all.addAll(List.of(args));
    all.addAll(s3Options());
    return TraceGen.execute(all.toArray(String[]::new));
  }

  /** Every file under {@code dir} by relative path, but the run-specific run.json and report.html. */
  static Map<String, byte[]> localTree(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    out.remove("run.json");
    out.remove("report.html");
    return out;
  }

  static void same(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, b.get(name)), name + " differs"));
  }

  /** Every object under {@code prefix}, by key relative to it. */
  static Map<String, byte[]> bucketTree(String prefix) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (StorageMetadata m : store.list(BUCKET, ListContainerOptions.Builder.prefix(prefix).recursive())) {
      if (m.getName().endsWith("/")) {
        continue; // a "directory" marker, not a file
      }
      try (var in = store.getBlob(BUCKET, m.getName()).getPayload().openStream()) {
        out.put(m.getName().substring(prefix.length()), in.readAllBytes());
      }
    }
    return out;
  }

  /** {@code tree} without the run-specific run.json and report.html. */
  static Map<String, byte[]> records(Map<String, byte[]> tree) {
    Map<String, byte[]> out = new TreeMap<>(tree);
    out.remove("run.json");
    out.remove("report.html");
    return out;
  }

  @Test
  void aBuildWithSeedsOutputAndCacheInTheBucketGivesTheSameRecordsAndReadsItsCacheBack() throws Exception {
    String seeds = "--seeds=s3://" + BUCKET + "/seeds/seeds.jsonl";
    String cache = "--cacheDir=s3://" + BUCKET + "/team-cache";
    assertEquals(0, run(seeds, "--output=s3://" + BUCKET + "/out", cache));
    long requests = server.stats().get("requests");
    Map<String, byte[]> out = bucketTree("out/");
    assertTrue(out.containsKey("_SUCCESS"), "_SUCCESS marks the output complete: " + out.keySet());
    same(records(localTree(local)), records(out));
    assertFalse(keys("team-cache/").isEmpty(), "the cache is in the bucket");
    for (Map.Entry<String, byte[]> f : bucketTree("").entrySet()) {
      assertFalse(new String(f.getValue(), StandardCharsets.UTF_8).contains(SECRET), "no credentials in " + f.getKey());
    }
    String runJson = new String(out.get("run.json"), StandardCharsets.UTF_8);
    assertTrue(runJson.contains("\"status\" : \"complete\""), runJson);

    // The commands that read a corpus read it in the bucket: stats.json is what the run wrote.
    List<String> stats = new ArrayList<>(List.of("stats", "s3://" + BUCKET + "/out", "--check"));
    stats.addAll(s3Options());
    assertEquals(0, TraceGen.execute(stats.toArray(String[]::new)));

    // A second build on the same bucket cache is answered from it: every call is a cache hit.
    assertEquals(0, run(seeds, "--output=s3://" + BUCKET + "/out-again", cache));
    assertEquals(requests, server.stats().get("requests"), "the rerun sent no request");
    Map<String, byte[]> again = bucketTree("out-again/");
    same(records(out), records(again));
    long calls = 0;
    long hits = 0;
    for (JsonNode step : Json.PLAIN.readTree(again.get("run.json")).path("llm")) {
      calls += step.path("calls").asLong();
      hits += step.path("cache_hits").asLong();
    }
    assertTrue(calls > 0, "the rerun counted its calls");
    assertEquals(calls, hits, "every call of the rerun came from the bucket cache");
  }

  @Test
  void aFlinkBuildWithEverythingInTheBucketGivesTheSameRecords() throws Exception {
    assertEquals(0, run("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2",
        "--seeds=s3://" + BUCKET + "/seeds/seeds.jsonl", "--output=s3://" + BUCKET + "/flink-out",
        "--cacheDir=s3://" + BUCKET + "/flink-cache"));
    Map<String, byte[]> out = bucketTree("flink-out/");
    assertTrue(out.containsKey("_SUCCESS"), "_SUCCESS marks the output complete: " + out.keySet());
    same(records(localTree(local)), records(out));
    assertTrue(new String(out.get("run.json"), StandardCharsets.UTF_8).contains("FlinkRunner"));
    assertFalse(keys("flink-cache/").isEmpty(), "the workers cached their answers in the bucket");
  }

  static void put(String key, String text) throws IOException {
    try (var out = java.nio.channels.Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource("s3://" + BUCKET + "/" + key, false), "text/plain"))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  static java.util.Set<String> keys(String prefix) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (StorageMetadata m : store.list(BUCKET, ListContainerOptions.Builder.prefix(prefix).recursive())) {
      out.add(m.getName().substring(prefix.length()));
    }
    return out;
  }

  @Test
  void directoriesInTheBucketAreJoinedListedAndDeletedAsPrefixes() throws Exception {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(s3Options().toArray(String[]::new)).create();
    ObjectStores.register(options, true);
    String staging = "s3://" + BUCKET + "/staging";
    assertEquals("s3://" + BUCKET + "/staging/_waves/wave-01/", Locations.dir(staging, "_waves", "wave-01"));
    put("staging/_waves/wave-01/candidates/eval-00000-of-00001.jsonl", "{}");
    put("staging/_waves/wave-01/rejections/r.jsonl", "{}");
    put("staging/_waves/wave-02/candidates/train-00000-of-00001.jsonl", "{}");
    put("staging/train/train-00000-of-00001.jsonl.gz", "x");
    put("staging/stats.json", "{}");
    put("stagingsibling/keep.txt", "not under staging/");
    assertTrue(Locations.exists(Locations.dir(staging, "_waves")));
    assertFalse(Locations.exists(Locations.dir(staging, "nothing")));
    Locations.deleteUnder(staging, List.of("_waves"));
    assertEquals(java.util.Set.of("_waves/wave-01/candidates/eval-00000-of-00001.jsonl",
        "_waves/wave-01/rejections/r.jsonl", "_waves/wave-02/candidates/train-00000-of-00001.jsonl"), keys("staging/"),
        "everything but the waves was deleted");
    Locations.deleteFiles(Locations.dir(staging, "_waves"), rest -> rest.split("/")[1].equals("candidates"));
    assertEquals(java.util.Set.of("_waves/wave-01/rejections/r.jsonl"), keys("staging/"));
    Locations.deleteTree(staging);
    assertEquals(java.util.Set.of(), keys("staging/"));
    assertEquals(java.util.Set.of("keep.txt"), keys("stagingsibling/"), "a prefix is a directory, not a string prefix");
  }
}
