package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The batch records under {@code <cacheDir>/batches/}: {@code <tag>.json} is written before the
 * batch is created, {@code <tag>.batch} (its id) right after, and both are removed once its
 * answers are in the response cache. On local disk each file is written whole (a temporary file
 * moved into place), so a crash leaves either the old state or the new one; on other file systems
 * a file appears when it is closed. A record that cannot be read is not trusted: without its id,
 * the batch is looked up by its tag at the provider.
 */
public final class BatchLedger {
  static final String DIR = "batches";
  private static final Pattern TAG = Pattern.compile("[0-9a-f]{16,64}");

  private final String dir;

  /** The ledger of the response cache under {@code cacheDir}. */
  public BatchLedger(String cacheDir) {
    String d = cacheDir.endsWith("/") ? cacheDir : cacheDir + "/";
    this.dir = d + DIR + "/";
  }

  public String dir() {
    return dir;
  }

  /** Writes {@code r}'s request set (before its batch is created). */
  void begin(BatchRecord r) {
    ObjectNode n = Json.PLAIN.createObjectNode();
    n.put("v", r.v());
    n.put("tag", r.tag());
    n.put("step", r.step());
    n.put("provider", r.provider());
    n.put("endpoint", r.endpoint());
    n.put("model", r.model());
    n.put("created", r.createdMillis());
    r.keys().forEach(n.putArray("keys")::add);
    write(r.tag() + ".json", n.toString());
  }

  /** Records the id of {@code r}'s batch (right after it was created). */
  void created(BatchRecord r) {
    ObjectNode n = Json.PLAIN.createObjectNode();
    n.put("tag", r.tag());
    n.put("batch_id", r.batchId());
    write(r.tag() + ".batch", n.toString());
  }

  /** Forgets {@code tag} (its answers are in the cache, or its batch never existed). */
  void done(String tag) {
    delete(tag + ".batch");
    delete(tag + ".json");
  }

  /** Every readable record, with its batch id where one was recorded; unreadable ones are skipped. */
  List<BatchRecord> records() {
    List<BatchRecord> out = new ArrayList<>();
    MatchResult m;
    try {
      m = FileSystems.match(dir + "*.json", EmptyMatchTreatment.ALLOW);
      if (m.status() == MatchResult.Status.NOT_FOUND) {
        return out;
      }
      for (MatchResult.Metadata f : m.metadata()) {
        BatchRecord r = parse(read(f.resourceId()));
        if (r == null) {
          continue;
        }
        String id = null;
        JsonNode idFile = readTree(tagFile(r.tag() + ".batch"));
        if (idFile != null && r.tag().equals(idFile.path("tag").asText()) && BatchInfo.plainId(idFile.path("batch_id").asText(""))) {
          id = idFile.path("batch_id").asText();
        }
        out.add(r.withBatchId(id));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the batch records in " + dir, e);
    }
    return out;
  }

  static BatchRecord parse(byte[] bytes) {
    try {
      JsonNode n = bytes == null ? null : Json.PLAIN.readTree(bytes);
      if (n == null || !n.isObject() || n.path("v").asInt() != BatchRecord.VERSION
          || !TAG.matcher(n.path("tag").asText("")).matches() || !n.path("keys").isArray()) {
        return null;
      }
      List<String> keys = new ArrayList<>();
      for (JsonNode k : n.path("keys")) {
        if (!k.isTextual() || !TAG.matcher(k.asText()).matches()) {
          return null;
        }
        keys.add(k.asText());
      }
      return new BatchRecord(BatchRecord.VERSION, n.path("tag").asText(), n.path("step").asText(""),
          n.path("provider").asText(""), n.path("endpoint").asText(""), n.path("model").asText(""),
          n.path("created").asLong(0), List.copyOf(keys), null);
    } catch (IOException e) {
      return null;
    }
  }

  private JsonNode readTree(ResourceId id) {
    try {
      byte[] b = read(id);
      return b == null ? null : Json.PLAIN.readTree(b);
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] read(ResourceId id) {
    try (ReadableByteChannel ch = FileSystems.open(id); InputStream in = Channels.newInputStream(ch)) {
      return in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private boolean local() {
    return !dir.contains("://") || dir.startsWith("file://");
  }

  private Path localPath(String name) {
    return Paths.get(dir.startsWith("file://") ? dir.substring("file://".length()) : dir).resolve(name);
  }

  private ResourceId tagFile(String name) {
    return FileSystems.matchNewResource(dir, true).resolve(name, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  private void write(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (local()) {
        Path target = localPath(name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(name + ".tmp");
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return;
      }
      try (WritableByteChannel ch = FileSystems.create(tagFile(name), "application/json")) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    } catch (IOException e) {
      // Without its record a crash would lose track of a paid batch: no record, no batch.
      throw new UncheckedIOException("cannot write the batch record " + dir + name, e);
    }
  }

  private void delete(String name) {
    try {
      if (local()) {
        Files.deleteIfExists(localPath(name));
      } else {
        FileSystems.delete(List.of(tagFile(name)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    } catch (IOException e) {
      // A record left behind costs a look-up on the next run, nothing more.
    }
  }
}
