package dev.tracegen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The object stores a location may name are on the class path (the jar's service files list the
 * same registrars): {@code s3://}, {@code gs://}, and {@code hdfs://} once a cluster is configured.
 * Naming a resource contacts no store.
 */
class FileSystemSchemesTest {
  @AfterEach
  void defaults() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  static void register(String... args) {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args).create();
    ObjectStores.register(options, false);
  }

  @Test
  void s3GcsAndAConfiguredHdfsAreKnownSchemes() {
    register("--hdfsConfiguration=[{\"fs.defaultFS\": \"hdfs://namenode:8020\"}]");
    for (String url : List.of("s3://bucket/out/run.json", "gs://bucket/out/run.json",
        "hdfs://namenode:8020/out/run.json")) {
      ResourceId r = FileSystems.matchNewResource(url, false);
      assertEquals(url, r.toString());
      assertEquals(url.substring(0, url.indexOf(':')), r.getScheme());
    }
    assertEquals("hdfs://namenode:8020/out/_waves/wave-01/",
        Locations.dir("hdfs://namenode:8020/out", "_waves", "wave-01"));
    assertEquals("gs://bucket/out/stats.json", Locations.file("gs://bucket/out", "stats.json"));
  }

  @Test
  void hdfsNeedsAClusterToBeNamed() {
    // Beam registers hdfs:// only for a configured cluster: --hdfsConfiguration or HADOOP_CONF_DIR.
    assumeTrue(System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null);
    register();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystems.matchNewResource("hdfs://namenode:8020/out/run.json", false));
    assertTrue(e.getMessage().contains("No filesystem found for scheme hdfs"), e.getMessage());
  }
}
