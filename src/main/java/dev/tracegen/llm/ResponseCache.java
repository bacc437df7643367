package dev.tracegen.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A content-addressed store of LLM answers under one directory on any Beam file system.
 *
 * <p>The key is the SHA-256 of provider, model, generation parameters and the full message list
 * (never the API key or the endpoint URL, so the same model behind another host still hits).
 * Each process appends the answers it receives, as they arrive, to its own segment
 * {@code segment-<uuid>.jsonl}: one JSON line per answer carrying the key, the answer, its token
 * counts and a CRC-32C of key and answer. On local disk every line is written straight to the
 * file, so a {@code kill -9} loses at most the answers being written at that moment; on other
 * file systems (object stores publish a file when it is closed) the segment is closed and a new
 * one started every {@link #ROLL_ENTRIES} answers or {@link #ROLL_MILLIS} ms.
 *
 * <p>Opening the cache reads every segment into an index (key → segment and offset); answers
 * are read back from the segment when looked up, so the answers themselves are not held in
 * memory. A torn last line or a corrupt line (bad JSON, bad key, CRC mismatch) is skipped with a
 * warning, and every answer is checked again against its key and CRC when read, so a damaged
 * cache costs a new call, never a crash or a wrong answer. Thread-safe.
 */
public final class ResponseCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
  private static final Map<String, ResponseCache> SHARED = new ConcurrentHashMap<>();
  private static final HexFormat HEX = HexFormat.of();

  static final String SEGMENT_PREFIX = "segment-";
  static final String SEGMENT_SUFFIX = ".jsonl";
  static final int ROLL_ENTRIES = 20_000;
  static final long ROLL_MILLIS = 120_000;

  /** One cached answer and what it cost when it was first received. */
  public record Entry(String text, long tokensIn, long tokensOut) {}

  private record Key128(long hi, long lo) {
    static Key128 of(String hex) {
      return new Key128(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16, 32), 16));
    }
  }

  private record Location(int segment, long offset, int length) {}

  /** A segment read at open: its file, and a channel opened when first needed. */
  private static final class Segment {
    final ResourceId id;
    SeekableByteChannel channel;

    Segment(ResourceId id) {
      this.id = id;
    }
  }

  private final String dir;
  private final List<Segment> segments = new ArrayList<>();
  private final Map<Key128, Location> index = new ConcurrentHashMap<>();
  /** Answers of segments whose file system gives no seekable channel. */
  private final Map<Key128, Entry> inMemory = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private int references;
  private String sharedKey;

  private final Object writeLock = new Object();
  private WritableByteChannel writer;
  private ResourceId writerId;
  private long writerEntries;
  private long writerOpenedAt;

  private ResponseCache(String dir) {
    String d = dir.contains("://") ? dir : Paths.get(dir).toAbsolutePath().normalize().toString();
    this.dir = d.endsWith("/") ? d : d + "/";
  }

  /** Opens (reads) the cache under {@code dir}. */
  public static ResponseCache open(String dir) {
    ResponseCache cache = new ResponseCache(dir);
    cache.load();
    return cache;
  }

  /** The JVM's cache for {@code dir} in run {@code runId}, opened on first use; pair with {@link #release}. */
  static ResponseCache acquire(String dir, String runId) {
    synchronized (SHARED) {
      String key = dir + "\u0000" + runId;
      ResponseCache cache = SHARED.computeIfAbsent(key, k -> open(dir));
      cache.sharedKey = key;
      cache.references++;
      return cache;
    }
  }

  /** Gives back an {@link #acquire}d cache; the last release closes its segment. */
  static void release(ResponseCache cache) {
    synchronized (SHARED) {
      if (--cache.references <= 0) {
        if (cache.sharedKey != null) {
          SHARED.remove(cache.sharedKey, cache);
        }
        cache.close();
      }
    }
  }

  /** Closes every cache of this JVM (also run at JVM exit). */
  public static void closeAll() {
    synchronized (SHARED) {
      SHARED.values().forEach(ResponseCache::close);
      SHARED.clear();
    }
  }

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ResponseCache::closeAll, "tracegen-cache-close"));
  }

  /** The cache key of one request: provider, model, parameters, JSON mode and the messages. */
  public static String key(LlmSettings s, List<ChatMessage> messages, boolean json) {
    ObjectNode k = Json.PLAIN.createObjectNode();
    k.put("v", 1);
    k.put("provider", s.provider());
    k.put("model", s.model());
    k.put("temperature", s.temperature());
    k.put("max_tokens", s.maxTokens());
    k.put("json", json);
    if (s.isEmbedded()) {
      k.put("non_compliance", s.nonCompliance());
      k.put("malformed", s.malformed());
    }
    ArrayNode ms = k.putArray("messages");
    for (ChatMessage m : messages) {
      ObjectNode o = ms.addObject();
      if (m instanceof UserMessage u) {
        o.put("role", "user");
        o.put("text", u.hasSingleText() ? u.singleText() : u.contents().toString());
      } else if (m instanceof AiMessage a) {
        o.put("role", "assistant");
        o.put("text", a.text() == null ? "" : a.text());
      } else if (m instanceof SystemMessage sm) {
        o.put("role", "system");
        o.put("text", sm.text());
      } else {
        o.put("role", m.type().name().toLowerCase(java.util.Locale.ROOT));
        o.put("text", m.toString());
      }
    }
    return sha256(k.toString());
  }

  /** The answer stored under {@code key}, if any (and if it passes its checks). */
  public Optional<Entry> get(String key) {
    Key128 k = Key128.of(key);
    Entry memory = inMemory.get(k);
    if (memory != null) {
      hits.incrementAndGet();
      return Optional.of(memory);
    }
    Location at = index.get(k);
    if (at == null) {
      misses.incrementAndGet();
      return Optional.empty();
    }
    Entry e = read(key, at);
    if (e == null) {
      index.remove(k, at);
      misses.incrementAndGet();
      return Optional.empty();
    }
    hits.incrementAndGet();
    return Optional.of(e);
  }

  /** Appends an answer to this process's segment; a failed write is logged, never fatal. */
  public void put(String key, Entry e) {
    byte[] line = line(key, e);
    synchronized (writeLock) {
      try {
        if (writer != null && !local() && (writerEntries >= ROLL_ENTRIES
            || System.currentTimeMillis() - writerOpenedAt >= ROLL_MILLIS)) {
          closeWriter();
        }
        if (writer == null) {
          openWriter();
        }
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
          writer.write(buf);
        }
        writerEntries++;
        written.incrementAndGet();
      } catch (IOException | RuntimeException ex) {
        LOG.warn("response cache {}: could not append an answer ({}); the run goes on without caching it", dir,
            ex.toString());
        closeQuietly();
      }
    }
  }

  public long entries() {
    return index.size() + inMemory.size();
  }

  public long hits() {
    return hits.get();
  }

  public long written() {
    return written.get();
  }

  /** Torn or corrupt lines skipped while loading or reading. */
  public long skipped() {
    return skipped.get();
  }

  public String dir() {
    return dir;
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      closeQuietly();
    }
    synchronized (segments) {
      for (Segment s : segments) {
        if (s.channel != null) {
          try {
            s.channel.close();
          } catch (IOException ignored) {
            // Read-only channel; nothing to lose.
          }
          s.channel = null;
        }
      }
    }
  }

  private boolean local() {
    return !dir.contains("://") || dir.startsWith("file://");
  }

  private void openWriter() throws IOException {
    String name = SEGMENT_PREFIX + UUID.randomUUID() + SEGMENT_SUFFIX;
    writerOpenedAt = System.currentTimeMillis();
    writerEntries = 0;
    if (local()) {
      // Beam's local channel buffers without a flush; a FileChannel puts every line in the file at once.
      Path path = localPath().resolve(name);
      Files.createDirectories(path.getParent());
      writer = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } else {
      writerId = FileSystems.matchNewResource(dir, true).resolve(name,
          org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
      writer = FileSystems.create(writerId, "application/jsonl");
    }
  }

  private Path localPath() {
    String d = dir.startsWith("file://") ? dir.substring("file://".length()) : dir;
    return Paths.get(d);
  }

  private void closeWriter() throws IOException {
    if (writer != null) {
      WritableByteChannel w = writer;
      writer = null;
      w.close();
    }
  }

  private void closeQuietly() {
    try {
      closeWriter();
    } catch (IOException ex) {
      LOG.warn("response cache {}: could not close segment {} ({})", dir, writerId, ex.toString());
    }
  }

  static byte[] line(String key, Entry e) {
    ObjectNode o = Json.PLAIN.createObjectNode();
    o.put("k", key);
    o.put("c", crc(key, e.text()));
    o.put("in", e.tokensIn());
    o.put("out", e.tokensOut());
    o.put("t", e.text());
    return (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String crc(String key, String text) {
    CRC32C c = new CRC32C();
    c.update(key.getBytes(StandardCharsets.UTF_8));
    c.update('\n');
    c.update(text.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(c.getValue());
  }

  /** Parses and checks one line; null when it is damaged. {@code expectedKey} null accepts any valid key. */
  static ParsedLine parse(byte[] bytes, int off, int len, String expectedKey) {
    try {
      JsonNode n = Json.PLAIN.readTree(bytes, off, len);
      if (n == null || !n.isObject()) {
        return null;
      }
      String k = n.path("k").asText("");
      JsonNode t = n.get("t");
      if (k.length() != 64 || !k.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) || t == null || !t.isTextual()
          || (expectedKey != null && !expectedKey.equals(k)) || !crc(k, t.asText()).equals(n.path("c").asText(""))) {
        return null;
      }
      return new ParsedLine(k, new Entry(t.asText(), n.path("in").asLong(0), n.path("out").asLong(0)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  record ParsedLine(String key, Entry entry) {}

  private void load() {
    List<MatchResult.Metadata> files;
    try {
      MatchResult m = FileSystems.match(dir + SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX, EmptyMatchTreatment.ALLOW);
      files = m.status() == MatchResult.Status.OK ? m.metadata() : List.of();
    } catch (IOException e) {
      LOG.warn("response cache {}: cannot list segments ({}); starting empty", dir, e.toString());
      return;
    }
    long started = System.nanoTime();
    for (MatchResult.Metadata f : files.stream()
        .sorted(java.util.Comparator.comparing(x -> x.resourceId().toString())).toList()) {
      loadSegment(f.resourceId());
    }
    if (!files.isEmpty()) {
      LOG.info("response cache {}: {} answers from {} segments in {} ms{}", dir, entries(), files.size(),
          (System.nanoTime() - started) / 1_000_000, skipped.get() == 0 ? "" : " (" + skipped.get() + " damaged lines skipped)");
    }
  }

  private void loadSegment(ResourceId id) {
    int segmentIndex;
    Segment segment = new Segment(id);
    synchronized (segments) {
      segmentIndex = segments.size();
      segments.add(segment);
    }
    long damaged = 0;
    long firstDamage = -1;
    boolean seekable;
    try (ReadableByteChannel ch = FileSystems.open(id); InputStream in = Channels.newInputStream(ch)) {
      seekable = ch instanceof SeekableByteChannel;
      byte[] chunk = new byte[1 << 20];
      byte[] line = new byte[1 << 16];
      int len = 0;
      long offset = 0;
      int n;
      while ((n = in.read(chunk)) >= 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          line = append(line, len, chunk, start, i - start);
          len += i - start;
          start = i + 1;
          ParsedLine p = len == 0 ? null : parse(line, 0, len, null);
          if (p == null) {
            if (len > 0) {
              damaged++;
              firstDamage = firstDamage < 0 ? offset : firstDamage;
            }
          } else if (seekable) {
            index.putIfAbsent(Key128.of(p.key()), new Location(segmentIndex, offset, len));
          } else {
            inMemory.putIfAbsent(Key128.of(p.key()), p.entry());
          }
          offset += len + 1;
          len = 0;
        }
        line = append(line, len, chunk, start, n - start);
        len += n - start;
      }
      if (len > 0) {
        // A last line without its newline: the writer was stopped mid-line.
        damaged++;
        firstDamage = firstDamage < 0 ? offset : firstDamage;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("response cache: cannot read segment {} ({}); its answers will be asked again", id, e.toString());
      return;
    }
    if (damaged > 0) {
      skipped.addAndGet(damaged);
      LOG.warn("response cache: skipped {} torn or corrupt line(s) in {} (first at byte {}); those answers will be "
          + "asked again", damaged, id, firstDamage);
    }
  }

  private static byte[] append(byte[] line, int len, byte[] src, int from, int count) {
    if (count <= 0) {
      return line;
    }
    byte[] out = line;
    if (len + count > line.length) {
      out = java.util.Arrays.copyOf(line, Math.max(line.length * 2, len + count));
    }
    System.arraycopy(src, from, out, len, count);
    return out;
  }

  private Entry read(String key, Location at) {
    Segment s;
    synchronized (segments) {
      s = segments.get(at.segment());
    }
    byte[] bytes = new byte[at.length()];
    try {
      synchronized (s) {
        if (s.channel == null) {
          ReadableByteChannel ch = FileSystems.open(s.id);
          if (!(ch instanceof SeekableByteChannel sc)) {
            ch.close();
            return null;
          }
          s.channel = sc;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        s.channel.position(at.offset());
        while (buf.hasRemaining()) {
          if (s.channel.read(buf) < 0) {
            break;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("response cache: cannot read back from {} ({}); asking again", s.id, e.toString());
      return null;
    }
    ParsedLine p = parse(bytes, 0, bytes.length, key);
    if (p == null) {
      skipped.incrementAndGet();
      LOG.warn("response cache: an entry in {} changed since it was loaded; asking again", s.id);
      return null;
    }
    return p.entry();
  }

  static String sha256(String text) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
