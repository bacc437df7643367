package dev.tracegen.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.model.Json;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One live user of a cache directory: the file {@code holder-<id>.json} that a run writes before
 * its first paid request and removes when it closes, so that another run sharing the directory
 * knows whose segments are still growing and whose requests are in flight.
 *
 * @param id random, names the holder file, the run's segments and its claims file
 * @param runId the pipeline run (workers of one run are not "another run")
 * @param processStartMillis when the process started, to tell a reused pid from the holder's
 */
record CacheHolder(String id, String runId, long pid, String host, long startedMillis, long processStartMillis) {
  static final String PREFIX = "holder-";
  static final String SUFFIX = ".json";
  /** Holder ids are UUIDs; names of this length are recognised in segment and claims file names. */
  static final int ID_LENGTH = 36;
  private static final String HOST = hostName();

  CacheHolder {
    runId = runId == null ? "" : runId;
  }

  /** A new holder for this process. */
  static CacheHolder current(String runId) {
    ProcessHandle self = ProcessHandle.current();
    return new CacheHolder(UUID.randomUUID().toString(), runId, self.pid(), HOST, System.currentTimeMillis(),
        self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  String fileName() {
    return PREFIX + id + SUFFIX;
  }

  /** The holder id in a file name such as {@code holder-<id>.json}, {@code segment-<id>-2.jsonl}; null if none. */
  static String idIn(String fileName, String prefix) {
    if (!fileName.startsWith(prefix) || fileName.length() < prefix.length() + ID_LENGTH) {
      return null;
    }
    String id = fileName.substring(prefix.length(), prefix.length() + ID_LENGTH);
    try {
      UUID.fromString(id);
      return id;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  byte[] toJson() {
    ObjectNode o = Json.PLAIN.createObjectNode();
    o.put("id", id);
    o.put("run", runId);
    o.put("pid", pid);
    o.put("host", host);
    o.put("started", startedMillis);
    o.put("process_started", processStartMillis);
    return (o + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The holder in a file's bytes; null when they are not one (e.g. still being written). */
  static CacheHolder parse(byte[] bytes) {
    try {
      JsonNode n = Json.PLAIN.readTree(bytes);
      if (n == null || !n.path("id").isTextual() || !n.path("pid").canConvertToLong()) {
        return null;
      }
      return new CacheHolder(n.path("id").asText(), n.path("run").asText(""), n.path("pid").asLong(),
          n.path("host").asText(""), n.path("started").asLong(0), n.path("process_started").asLong(0));
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  boolean onThisHost() {
    return HOST.equals(host);
  }

  /**
   * False when this host can tell the process is gone: its pid is dead, or now belongs to a
   * process started at another time. A holder on another host is taken to be alive.
   */
  boolean possiblyAlive() {
    if (!onThisHost()) {
      return true;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    Optional<Instant> started = p.get().info().startInstant();
    // Start times come from the kernel in clock ticks: allow for rounding.
    return processStartMillis == 0 || started.isEmpty()
        || Math.abs(started.get().toEpochMilli() - processStartMillis) < 2_000;
  }

  /** "pid 123 on host h, started 2026-01-01T10:00:00Z", for messages. */
  String describe() {
    return "pid " + pid + " on host " + host + ", started " + Instant.ofEpochMilli(startedMillis);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown-host" : env;
    }
  }
}
