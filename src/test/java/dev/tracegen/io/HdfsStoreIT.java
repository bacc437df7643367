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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beam's Hadoop file system against an HDFS started here (MiniDFSCluster: a name node and one data
 * node in this JVM, on loopback), on the DirectRunner: a build with its seeds, output and response
 * cache in HDFS completes there, {@code stats} reads it there, and a build on local disk answered
 * entirely from the HDFS cache writes the same records; the run's working directories are joined,
 * found and deleted, empty directories included. The cluster is named the way a user names theirs,
 * with {@code --hdfsConfiguration}. Two builds rather than S3StoreIT's three: the local one is both
 * the reference and the rerun on the cache.
 */
class HdfsStoreIT {
  static {
    // The name node and data node log every block and call at INFO.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.BlockStateChange", "warn");
  }

  @TempDir static Path tmp;
  static MiniDFSCluster cluster;
  static FileSystem hdfs;
  static String root;
  static EmbeddedServer server;

  @BeforeAll
  static void start() throws Exception {
    cluster = new MiniDFSCluster.Builder(new Configuration(), tmp.resolve("dfs").toFile()).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = cluster.getFileSystem();
    root = "hdfs://localhost:" + cluster.getNameNodePort();
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path("pipeline/seeds/seeds.jsonl"),
        new org.apache.hadoop.fs.Path("/seeds/seeds.jsonl"));
    // Over HTTP, as the embedded generator in the JVM uses no response cache.
    server = EmbeddedServer.start(EmbeddedServer.Config.defaults(), ServeCommand.model(Path.of("taxonomy"), 0, 0));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  /** The generator and judge: the embedded model behind {@code serve}'s HTTP endpoint. */
  static List<String> http() {
    return List.of("--provider=openai", "--baseUrl=" + server.baseUrl(), "--model=tracegen-embedded-1");
  }

  /** The option that names the cluster, as a user names theirs (one data node: one replica). */
  static String hdfsOption() {
    return "--hdfsConfiguration=[{\"fs.defaultFS\": \"" + root + "\", \"dfs.replication\": \"1\"}]";
  }

  static int run(String... args) {
    List<String> all = new ArrayList<>(List.of("run", "--profile=" + S3StoreIT.TINY, "--quiet", hdfsOption()));
    all.addAll(http());
    all.addAll(List.of(args));
    return TraceGen.execute(all.toArray(String[]::new));
  }

  /** Every file under {@code dir} (an absolute HDFS path), by path relative to it. */
  static Map<String, byte[]> hdfsTree(String dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    org.apache.hadoop.fs.Path base = hdfs.makeQualified(new org.apache.hadoop.fs.Path(dir));
    if (!hdfs.exists(base)) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> files = hdfs.listFiles(base, true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path f = files.next().getPath();
      try (InputStream in = hdfs.open(f)) {
        out.put(f.toUri().getPath().substring(base.toUri().getPath().length() + 1), in.readAllBytes());
      }
    }
    return out;
  }

  /** The directories under {@code dir}, by path relative to it. */
  static Set<String> hdfsDirs(String dir) throws IOException {
    Set<String> out = new TreeSet<>();
    org.apache.hadoop.fs.Path base = hdfs.makeQualified(new org.apache.hadoop.fs.Path(dir));
    List<org.apache.hadoop.fs.Path> todo = new ArrayList<>(List.of(base));
    while (!todo.isEmpty()) {
      for (FileStatus s : hdfs.listStatus(todo.remove(todo.size() - 1))) {
        if (s.isDirectory()) {
          out.add(s.getPath().toUri().getPath().substring(base.toUri().getPath().length() + 1));
          todo.add(s.getPath());
        }
      }
    }
    return out;
  }

  @Test
  void aBuildWithSeedsOutputAndCacheInHdfsGivesTheRecordsALocalBuildGetsFromItsCache() throws Exception {
    String cache = "--cacheDir=" + root + "/team-cache";
    // The output leaves the cluster to fs.defaultFS, as locations on a configured cluster often do.
    assertEquals(0, run("--seeds=" + root + "/seeds/seeds.jsonl", "--output=hdfs:///out", cache));
    long requests = server.stats().get("requests");
    assertTrue(requests > 0, "the build asked the server");
    Map<String, byte[]> out = hdfsTree("/out");
    assertTrue(out.containsKey("_SUCCESS"), "_SUCCESS marks the output complete: " + out.keySet());
    String runJson = new String(out.get("run.json"), StandardCharsets.UTF_8);
    assertTrue(runJson.contains("\"status\" : \"complete\""), runJson);
    assertFalse(hdfsTree("/team-cache").isEmpty(), "the cache is in HDFS");
    assertEquals(Set.of("rejections"), hdfsDirs("/out"), "the waves' working directories went with their files");

    // The commands that read a corpus read it in HDFS: stats.json is what the run wrote, and export
    // re-derives the same views, its staging directory gone afterwards.
    assertEquals(0, TraceGen.execute(new String[] {"stats", root + "/out", "--check", hdfsOption()}));
    assertEquals(0, TraceGen.execute(new String[] {"export", root + "/out", hdfsOption()}));
    S3StoreIT.same(S3StoreIT.records(out), S3StoreIT.records(hdfsTree("/out")));
    assertEquals(Set.of("rejections"), hdfsDirs("/out"));

    // A build on local disk, with local seeds, over the HDFS cache: every call is a cache hit, so no
    // request reaches the server, and it writes the same records. A seed read wrongly from HDFS would
    // have asked other questions, and a shard written wrongly to HDFS would differ here.
    Path local = tmp.resolve("local");
    assertEquals(0, run("--output=" + local, cache));
    assertEquals(requests, server.stats().get("requests"), "the local build sent no request");
    S3StoreIT.same(S3StoreIT.localTree(local), S3StoreIT.records(out));
    long calls = 0;
    long hits = 0;
    for (JsonNode step : Json.PLAIN.readTree(local.resolve("run.json").toFile()).path("llm")) {
      calls += step.path("calls").asLong();
      hits += step.path("cache_hits").asLong();
    }
    assertTrue(calls > 0, "the local build counted its calls");
    assertEquals(calls, hits, "every call of the local build came from the HDFS cache");
  }

  static void put(String path, String text) throws IOException {
    try (OutputStream out = Locations.create(root + path)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void directoriesInHdfsAreJoinedListedAndDeleted() throws Exception {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(hdfsOption()).create();
    ObjectStores.register(options, false);
    String staging = root + "/staging";
    assertEquals(root + "/staging/_waves/wave-01/", Locations.dir(staging, "_waves", "wave-01"));
    put("/staging/_waves/wave-01/candidates/eval-00000-of-00001.jsonl", "{}");
    put("/staging/_waves/wave-01/rejections/r.jsonl", "{}");
    put("/staging/_waves/wave-02/candidates/train-00000-of-00001.jsonl", "{}");
    put("/staging/train/train-00000-of-00001.jsonl.gz", "x");
    put("/staging/stats.json", "{}");
    put("/stagingsibling/keep.txt", "not under staging/");
    assertTrue(Locations.exists(Locations.dir(staging, "_waves")));
    assertTrue(Locations.exists(Locations.dir(staging, "train")));
    assertFalse(Locations.exists(Locations.dir(staging, "nothing")));
    assertTrue(Locations.isFile(Locations.file(staging, "stats.json")));
    assertEquals(List.of(Locations.file(staging, "stats.json")), Locations.files(staging, "*.json"));
    Locations.deleteUnder(staging, List.of("_waves"));
    assertEquals(Set.of("_waves/wave-01/candidates/eval-00000-of-00001.jsonl", "_waves/wave-01/rejections/r.jsonl",
        "_waves/wave-02/candidates/train-00000-of-00001.jsonl"), hdfsTree("/staging").keySet(),
        "everything but the waves was deleted");
    assertEquals(Set.of("_waves", "_waves/wave-01", "_waves/wave-01/candidates", "_waves/wave-01/rejections",
        "_waves/wave-02", "_waves/wave-02/candidates"), hdfsDirs("/staging"), "emptied directories were deleted");
    // A location may leave the cluster to fs.defaultFS (Hadoop lists what is there under the cluster's name).
    assertEquals("hdfs:///staging/_waves/", Locations.dir("hdfs:///staging", "_waves"));
    Locations.deleteFiles(Locations.dir("hdfs:///staging", "_waves"), rest -> rest.split("/")[1].equals("candidates"));
    assertEquals(Set.of("_waves/wave-01/rejections/r.jsonl"), hdfsTree("/staging").keySet());
    assertEquals(Set.of("_waves", "_waves/wave-01", "_waves/wave-01/rejections"), hdfsDirs("/staging"));
    Locations.deleteTree(staging);
    assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path("/staging")), "the directory itself went too");
    assertEquals(Set.of("keep.txt"), hdfsTree("/stagingsibling").keySet(), "a directory is not a string prefix");
  }
}
