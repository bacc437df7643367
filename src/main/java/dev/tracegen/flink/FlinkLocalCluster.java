package dev.tracegen.flink;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A one-machine Flink session cluster (Flink's {@link MiniCluster}: a JobManager and task
 * managers in this JVM) whose REST endpoint listens on loopback only. Jobs reach it exactly as
 * they reach a real cluster: {@code --runner=FlinkRunner --flinkMaster=localhost:PORT}, the job
 * jar uploaded through the REST API. For trying a submission without a Flink installation, and
 * for the remote-submission test.
 *
 * <pre>
 * java -cp target/tracegen.jar dev.tracegen.flink.FlinkLocalCluster [--port=8081] [--taskManagers=1]
 *     [--slots=2] [--managedMemory=4g] [--portFile=FILE]
 * </pre>
 *
 * <p>Prints {@code flink-rest http://127.0.0.1:PORT} once the cluster accepts jobs (and writes
 * {@code PORT} to {@code --portFile}), then runs until stopped (SIGTERM / Ctrl-C). {@code
 * --port=0} picks a free port.
 */
public final class FlinkLocalCluster implements AutoCloseable {
  private final MiniCluster cluster;
  private final URI restAddress;

  private FlinkLocalCluster(MiniCluster cluster, URI restAddress) {
    this.cluster = cluster;
    this.restAddress = restAddress;
  }

  /**
   * Starts a cluster with {@code taskManagers x slots} slots and its REST endpoint on
   * 127.0.0.1:{@code port} (0 = any free port).
   */
  public static FlinkLocalCluster start(int port, int taskManagers, int slots, MemorySize managedMemory)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_PORT, Integer.toString(port));
    conf.set(RestOptions.PORT, port);
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    // Managed memory (off-heap; Flink sorts and spills groups in it): like the FlinkRunner's
    // [local] mode, 40% of the heap unless given.
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory != null ? managedMemory
        : new MemorySize((long) (Runtime.getRuntime().maxMemory() * 0.4)));
    // Flink's defaults otherwise, as on a real cluster: the jar (~300 MB) is uploaded with each
    // submission as a file, which rest.server.max-content-length (100 MiB) does not limit.
    MiniClusterConfiguration mc = new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(taskManagers)
        .setNumSlotsPerTaskManager(slots)
        .build();
    MiniCluster cluster = new MiniCluster(mc);
    try {
      cluster.start();
      URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
      return new FlinkLocalCluster(cluster, rest);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI restAddress() {
    return restAddress;
  }

  /** The value for {@code --flinkMaster}: {@code localhost:PORT}. */
  public String flinkMaster() {
    return "localhost:" + restAddress.getPort();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }

  public static void main(String[] args) throws Exception {
    int port = 8081;
    int taskManagers = 1;
    int slots = 2;
    MemorySize managed = null;
    Path portFile = null;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      String value = kv.length == 2 ? kv[1] : "";
      switch (kv[0]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--taskManagers" -> taskManagers = Integer.parseInt(value);
        case "--slots" -> slots = Integer.parseInt(value);
        case "--managedMemory" -> managed = MemorySize.parse(value);
        case "--portFile" -> portFile = Path.of(value);
        default -> {
          System.err.println("usage: FlinkLocalCluster [--port=8081] [--taskManagers=1] [--slots=2] "
              + "[--managedMemory=4g] [--portFile=FILE]");
          System.exit(2);
        }
      }
    }
    FlinkLocalCluster cluster = start(port, taskManagers, slots, managed);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.close();
      } catch (Exception e) {
        // exiting anyway
      }
      stopped.countDown();
    }, "flink-local-cluster-shutdown"));
    if (portFile != null) {
      Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
      Files.writeString(tmp, cluster.restAddress().getPort() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    System.out.println("flink-rest " + cluster.restAddress());
    System.out.flush();
    stopped.await();
  }
}
