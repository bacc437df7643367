package dev.tracegen.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@code segment-<holder id>[-n].jsonl}: one JSON line per answer carrying the key, the answer,
 * its token counts and a CRC-32C of key and answer. On local disk every line is written straight
 * to the file, so a {@code kill -9} loses at most the answers being written at that moment; on
 * other file systems (object stores publish a file when it is closed) the segment is closed and a
 * new one started every {@link #ROLL_ENTRIES} answers or {@link #ROLL_MILLIS} ms.
 *
 * <p>Opening the cache reads every segment into an index (key → segment and offset); answers
 * are read back from the segment when looked up, so the answers themselves are not held in
 * memory. A torn last line or a corrupt line (bad JSON, bad key, CRC mismatch) is skipped with a
 * warning, and every answer is checked again against its key and CRC when read, so a damaged
 * cache costs a new call, never a crash or a wrong answer.
 *
 * <p>Runs sharing the directory at the same time see each other: before its first paid request a
 * run writes a {@link CacheHolder} file (removed on close; one left by a dead process on this host
 * is removed by the next run that sees it). While another run's holder is live, a miss first
 * reads what the other runs' segments gained since the last look (only complete lines), and, on
 * local disk, the other runs' claims files ({@code claims-<holder id>.jsonl}, one line per request
 * being sent): a request another run claimed earlier is waited for (at most
 * {@code claimWaitMillis} after its claim) instead of being sent again.
 *
 * <p>A directory that cannot be written (full disk, read-only) is reported once; the run then goes
 * on without writing and creates no further files. Thread-safe.
 */
public final class ResponseCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  static final String SEGMENT_PREFIX = "segment-";
  static final String SEGMENT_SUFFIX = ".jsonl";
  static final String CLAIMS_PREFIX = "claims-";
  static final String CLAIMS_SUFFIX = ".jsonl";
  static final int ROLL_ENTRIES = 20_000;
  static final long ROLL_MILLIS = 120_000;
  /** Answers this run wrote that stay in memory for repeated requests. */
  static final int RECENT = 10_000;
  /** How often a miss looks for runs that started or ended. */
  static final long HOLDERS_EVERY_MILLIS = 1_000;
  /** How often misses re-read other runs' files: local disk is cheap to list, object stores are not. */
  static final long LOCAL_SCAN_EVERY_MILLIS = 20;
  static final long REMOTE_SCAN_EVERY_MILLIS = 5_000;
  /** Longer than a typical answer; a claim whose answer never comes (failed call) is given up after this. */
  static final long CLAIM_WAIT_MILLIS = 150_000;

  /** One cached answer and what it cost when it was first received. */
  public record Entry(String text, long tokensIn, long tokensOut) {}

  private record Key128(long hi, long lo) {
    static Key128 of(String hex) {
      return new Key128(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16, 32), 16));
    }
  }

  private record Location(int segment, long offset, int length) {}

  /** A request another run is sending: which holder, and when it claimed it (µs since the epoch). */
  private record Claim(String holder, long micros) {}

  /** A segment read so far: its file, how far its complete lines were read, and a channel opened when first needed. */
  private static final class Segment {
    final ResourceId id;
    final String owner;
    final int number;
    SeekableByteChannel channel;
    long size = -1;
    long scanned;

    Segment(ResourceId id, String owner, int number) {
      this.id = id;
      this.owner = owner;
      this.number = number;
    }
  }

  private final String dir;
  private final CacheStore store;
  private final CacheHolder self;
  private final long claimWaitMillis;
  private final List<Segment> segments = new ArrayList<>();
  private final Map<String, Segment> segmentsByName = new HashMap<>();
  private final Map<Key128, Location> index = new ConcurrentHashMap<>();
  /** Answers of segments whose file system gives no seekable channel. */
  private final Map<Key128, Entry> inMemory = new ConcurrentHashMap<>();
  /**
   * This run's latest answers: its own segment is not indexed while it is written, and a request
   * repeated within the run (the same judgement of a repeated answer, two plans with one prompt)
   * must not be paid twice. Bounded, so a long run does not keep its answers in memory.
   */
  private final Cache<Key128, Entry> recent = CacheBuilder.newBuilder().maximumSize(RECENT).build();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong awaited = new AtomicLong();

  // What this run knows of the others, guarded by itself.
  private final Object view = new Object();
  /** Live holders of other runs, by id. */
  private final Map<String, CacheHolder> others = new HashMap<>();
  /** Live holders of this run's other workers: their segments are still growing, but they are not warned about. */
  private final Set<String> sameRun = new HashSet<>();
  /** Holders that ended or died: their claims no longer hold. */
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  /** Other runs already warned about: a run on a cluster has a holder per worker, but is one run. */
  private final Set<String> warnedRuns = new HashSet<>();
  private long holdersAt = Long.MIN_VALUE / 2;
  private long scannedAt = Long.MIN_VALUE / 2;
  private final Map<String, Long> claimsRead = new HashMap<>();
  private final Map<Key128, Claim> claims = new ConcurrentHashMap<>();

  // This run's files, guarded by writeLock.
  private final Object writeLock = new Object();
  private volatile String writeFailure;
  private volatile boolean announced;
  private WritableByteChannel writer;
  private String writerName;
  private int writersOpened;
  private long writerBytes;
  private long writerEntries;
  private long writerOpenedAt;
  private WritableByteChannel claimWriter;

  private ResponseCache(String dir, String runId, CacheStore store, long claimWaitMillis) {
    String d = dir.contains("://") ? dir : Paths.get(dir).toAbsolutePath().normalize().toString();
    this.dir = d.endsWith("/") ? d : d + "/";
    this.store = store;
    this.self = CacheHolder.current(runId);
    this.claimWaitMillis = claimWaitMillis;
  }

  /** Opens (reads) the cache under {@code dir}. */
  public static ResponseCache open(String dir) {
    return open(dir, "", CacheStore.BEAM, CLAIM_WAIT_MILLIS);
  }

  /** The cache under {@code dir} as run {@code runId} uses it (the run's own segment is written on first put). */
  static ResponseCache open(String dir, String runId) {
    return open(dir, runId, CacheStore.BEAM, CLAIM_WAIT_MILLIS);
  }

  /** For tests: the run, how files are created, and how long a claim of another run is waited for. */
  static ResponseCache open(String dir, String runId, CacheStore store, long claimWaitMillis) {
    ResponseCache cache = new ResponseCache(dir, runId, store, claimWaitMillis);
    cache.load();
    return cache;
  }

  /**
   * The cache key of one request: provider, model, parameters, the messages and, for a JSON step
   * ({@code schema} not null), the response format it was asked with and the schema's name and
   * hash, so that an answer is replayed only to a request in the same format. A free-text request's
   * key is what it was before response formats joined the key.
   */
  public static String key(LlmSettings s, List<ChatMessage> messages, JsonSchema schema, ResponseFormatMode mode) {
    return key(s, messages, schema, schema == null ? null : schemaSha256(schema), mode);
  }

  /** The SHA-256 of a schema's JSON form: what the cache key records of a JSON step's schema. */
  static String schemaSha256(JsonSchema schema) {
    return sha256(Json.PLAIN.valueToTree(JsonSchemaElementUtils.toMap(schema.rootElement(), false)).toString());
  }

  /** As above, with the schema's hash already known (a client works it out once per schema, not per call). */
  static String key(LlmSettings s, List<ChatMessage> messages, JsonSchema schema, String schemaSha256,
      ResponseFormatMode mode) {
    boolean json = schema != null;
    ObjectNode k = Json.PLAIN.createObjectNode();
    k.put("v", 1);
    k.put("provider", s.provider());
    k.put("model", s.model());
    k.put("temperature", s.temperature());
    if (s.topP() != null) {
      // Only a top_p that is sent joins the key, so the keys of requests without one stay as they were.
      k.put("top_p", s.topP());
    }
    k.put("max_tokens", s.maxTokens());
    k.put("json", json);
    if (json) {
      k.put("response_format", mode.option());
      k.put("schema", schema.name());
      k.put("schema_sha256", schemaSha256);
    }
    if (s.isEmbedded()) {
      k.put("non_compliance", s.nonCompliance());
      k.put("malformed", s.malformed());
      if (!s.persona().faithful()) {
        // Only a non-default persona joins the key, so the faithful persona's cache stays valid.
        k.put("persona", s.persona().label());
      }
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

  /**
   * The answer stored under {@code key}, if any (and if it passes its checks). While another run
   * shares the directory, a miss looks at what it wrote since the last look, and waits for a
   * request it is already sending; a miss that is still a miss is claimed, so that the other run
   * waits for this one's answer.
   */
  public Optional<Entry> get(String key) {
    Key128 k = Key128.of(key);
    Entry e = lookup(key, k);
    if (e == null) {
      announce();
      if (othersLive()) {
        e = awaitOthers(key, k);
      }
    }
    if (e == null) {
      misses.incrementAndGet();
      return Optional.empty();
    }
    hits.incrementAndGet();
    return Optional.of(e);
  }

  /** Appends an answer to this process's segment; a failed write turns writing off for the run, never fatal. */
  public void put(String key, Entry e) {
    if (writeFailure != null) {
      return;
    }
    byte[] line = line(key, e);
    synchronized (writeLock) {
      if (writeFailure != null) {
        return;
      }
      try {
        if (writer != null && !local() && (writerEntries >= ROLL_ENTRIES
            || System.currentTimeMillis() - writerOpenedAt >= ROLL_MILLIS)) {
          closeWriter();
        }
        if (writer == null) {
          openWriter();
        }
        writeAll(writer, line);
        writerBytes += line.length;
        writerEntries++;
        written.incrementAndGet();
        recent.put(Key128.of(key), e);
      } catch (IOException | RuntimeException ex) {
        failWrites(ex);
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

  /** Hits that were requests another run was sending when this run asked. */
  public long awaited() {
    return awaited.get();
  }

  /** Why this run stopped writing to the cache; null while it writes. */
  public String writeFailure() {
    return writeFailure;
  }

  public String dir() {
    return dir;
  }

  String holderId() {
    return self.id();
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      closeQuietly();
      withdraw();
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
    return CacheStore.isLocal(dir);
  }

  private Entry lookup(String key, Key128 k) {
    Entry memory = inMemory.get(k);
    if (memory == null) {
      memory = recent.getIfPresent(k);
    }
    if (memory != null) {
      return memory;
    }
    Location at = index.get(k);
    if (at == null) {
      return null;
    }
    Entry e = read(key, at);
    if (e == null) {
      index.remove(k, at);
    }
    return e;
  }

  /**
   * Waits while another live run is sending this request, and claims it otherwise. Of two claims
   * the earlier wins (ties: the smaller holder id), so two runs that miss at the same moment agree
   * on which one sends; null means this run sends.
   */
  private Entry awaitOthers(String key, Key128 k) {
    long mine = -1;
    boolean waited = false;
    while (true) {
      refresh(false);
      Entry e = lookup(key, k);
      if (e != null) {
        if (waited) {
          awaited.incrementAndGet();
        }
        return e;
      }
      Claim c = liveClaim(k);
      boolean theirs = c != null
          && (mine < 0 || c.micros() < mine || (c.micros() == mine && c.holder().compareTo(self.id()) < 0));
      if (!theirs) {
        if (mine >= 0) {
          return null;
        }
        mine = claim(key);
        if (mine < 0) {
          return null;
        }
        // Read the others' claims again: one made while this one was written may be earlier.
        refresh(true);
        continue;
      }
      waited = true;
      // A claimer that ended or died is noticed here, so its claims stop holding.
      othersLive();
      try {
        Thread.sleep(LOCAL_SCAN_EVERY_MILLIS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private Claim liveClaim(Key128 k) {
    Claim c = claims.get(k);
    if (c == null || gone.contains(c.holder())
        || System.currentTimeMillis() - c.micros() / 1000 > claimWaitMillis) {
      return null;
    }
    return c;
  }

  /** Writes a claim on {@code key}; its time in µs, or -1 when claims cannot be written (then the run just sends). */
  private long claim(String key) {
    if (!local()) {
      return -1;
    }
    synchronized (writeLock) {
      if (writeFailure != null || !announced) {
        return -1;
      }
      Instant now = Instant.now();
      long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
      try {
        if (claimWriter == null) {
          claimWriter = store.create(dir, claimsName(self.id()));
        }
        writeAll(claimWriter, ("+" + key + " " + micros + "\n").getBytes(StandardCharsets.US_ASCII));
        return micros;
      } catch (IOException | RuntimeException ex) {
        failWrites(ex);
        return -1;
      }
    }
  }

  /** Writes this run's holder file before its first paid request, so that other runs see it. */
  private void announce() {
    if (announced || writeFailure != null) {
      return;
    }
    synchronized (writeLock) {
      if (announced || writeFailure != null) {
        return;
      }
      try {
        announced = true;
        try (WritableByteChannel ch = store.create(dir, self.fileName())) {
          writeAll(ch, self.toJson());
        }
      } catch (IOException | RuntimeException ex) {
        failWrites(ex);
      }
    }
  }

  /** Removes this run's holder and claims files (both only mean something while the run is live). */
  private void withdraw() {
    if (claimWriter != null) {
      try {
        claimWriter.close();
      } catch (IOException ignored) {
        // Deleted next.
      }
      claimWriter = null;
      deleteQuietly(claimsName(self.id()));
    }
    if (announced) {
      announced = false;
      deleteQuietly(self.fileName());
    }
  }

  /** The first write failure: one warning, the empty files this run made removed, no more writes. */
  private void failWrites(Exception ex) {
    if (writeFailure != null) {
      return;
    }
    writeFailure = ex.toString();
    LOG.warn("response cache {} cannot be written ({}); the run goes on without saving answers to it", dir,
        writeFailure);
    WritableByteChannel w = writer;
    writer = null;
    if (w != null) {
      try {
        w.close();
      } catch (IOException | RuntimeException ignored) {
        // Nothing more can be written anyway.
      }
    }
    if (writerName != null && writerBytes == 0) {
      deleteQuietly(writerName);
    }
    // Other runs stop waiting for this run's claims once its holder is gone.
    withdraw();
  }

  private void deleteQuietly(String name) {
    try {
      store.delete(dir, name);
    } catch (IOException | RuntimeException e) {
      LOG.debug("response cache {}: could not remove {} ({})", dir, name, e.toString());
    }
  }

  private static void writeAll(WritableByteChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private void openWriter() throws IOException {
    // The holder id in the name tells other runs whose segment is still growing.
    String name = SEGMENT_PREFIX + self.id() + (writersOpened == 0 ? "" : "-" + writersOpened) + SEGMENT_SUFFIX;
    writersOpened++;
    writerOpenedAt = System.currentTimeMillis();
    writerEntries = 0;
    writerBytes = 0;
    writerName = name;
    writer = store.create(dir, name);
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
      LOG.warn("response cache {}: could not close segment {} ({})", dir, writerName, ex.toString());
    }
  }

  private static String claimsName(String holderId) {
    return CLAIMS_PREFIX + holderId + CLAIMS_SUFFIX;
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

  private List<MatchResult.Metadata> list(String glob) throws IOException {
    MatchResult m = FileSystems.match(dir + glob, EmptyMatchTreatment.ALLOW);
    return m.status() == MatchResult.Status.OK ? m.metadata() : List.of();
  }

  private static String name(ResourceId id) {
    String f = id.getFilename();
    return f == null ? "" : f;
  }

  private void load() {
    List<MatchResult.Metadata> files;
    try {
      files = list(SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX);
    } catch (IOException e) {
      LOG.warn("response cache {}: cannot list segments ({}); starting empty", dir, e.toString());
      return;
    }
    long started = System.nanoTime();
    synchronized (view) {
      scanHolders();
      for (MatchResult.Metadata f : files.stream()
          .sorted(java.util.Comparator.comparing(x -> x.resourceId().toString())).toList()) {
        scan(segment(f.resourceId()), f.sizeBytes(), true);
      }
    }
    if (!files.isEmpty()) {
      LOG.info("response cache {}: {} answers from {} segments in {} ms{}", dir, entries(), files.size(),
          (System.nanoTime() - started) / 1_000_000, skipped.get() == 0 ? "" : " (" + skipped.get() + " damaged lines skipped)");
    }
  }

  /** Whether another run's holder is live, looking again at most every {@link #HOLDERS_EVERY_MILLIS}. */
  private boolean othersLive() {
    synchronized (view) {
      long now = System.currentTimeMillis();
      if (now - holdersAt >= HOLDERS_EVERY_MILLIS) {
        scanHolders();
      }
      return !others.isEmpty();
    }
  }

  /** Reads the holder files: new runs are warned about once, dead ones on this host are taken over. */
  private void scanHolders() {
    holdersAt = System.currentTimeMillis();
    List<MatchResult.Metadata> files;
    try {
      files = list(CacheHolder.PREFIX + "*" + CacheHolder.SUFFIX);
    } catch (IOException e) {
      LOG.debug("response cache {}: cannot list holders ({})", dir, e.toString());
      return;
    }
    Set<String> present = new HashSet<>();
    for (MatchResult.Metadata f : files) {
      String name = name(f.resourceId());
      String id = CacheHolder.idIn(name, CacheHolder.PREFIX);
      if (id == null || id.equals(self.id()) || gone.contains(id)) {
        continue;
      }
      present.add(id);
      CacheHolder known = others.get(id);
      if (known != null) {
        if (!known.possiblyAlive()) {
          takeOver(known, name);
        }
        continue;
      }
      if (sameRun.contains(id)) {
        continue;
      }
      CacheHolder h;
      try (ReadableByteChannel ch = FileSystems.open(f.resourceId()); InputStream in = Channels.newInputStream(ch)) {
        h = CacheHolder.parse(in.readAllBytes());
      } catch (IOException | RuntimeException e) {
        h = null;
      }
      if (h == null || !h.id().equals(id)) {
        continue; // Still being written, or not ours to judge: looked at again next time.
      }
      if (!h.possiblyAlive()) {
        takeOver(h, name);
      } else if (!self.runId().isEmpty() && self.runId().equals(h.runId())) {
        sameRun.add(id);
      } else {
        others.put(id, h);
        if (warnedRuns.add(h.runId().isEmpty() ? id : h.runId())) {
          LOG.warn("response cache {} is in use by another run ({}): answers either run receives are shared, and a "
              + "request the other run is already sending is waited for instead of being sent again", dir,
              h.describe());
        }
      }
    }
    for (String id : List.copyOf(others.keySet())) {
      if (!present.contains(id)) {
        others.remove(id);
        gone.add(id);
        claims.values().removeIf(c -> c.holder().equals(id));
      }
    }
    sameRun.retainAll(present);
  }

  /** A holder left by a process of this host that is gone: its files are removed, its segments stay. */
  private void takeOver(CacheHolder h, String fileName) {
    others.remove(h.id());
    gone.add(h.id());
    claims.values().removeIf(c -> c.holder().equals(h.id()));
    LOG.info("response cache {}: the run of {} is gone; its holder file is removed and its answers are used as usual",
        dir, h.describe());
    deleteQuietly(claimsName(h.id()));
    deleteQuietly(fileName);
  }

  /** Reads what other runs' segments and claims gained, at most every few ms unless {@code now}. */
  private void refresh(boolean now) {
    synchronized (view) {
      long t = System.currentTimeMillis();
      if (!now && t - scannedAt < (local() ? LOCAL_SCAN_EVERY_MILLIS : REMOTE_SCAN_EVERY_MILLIS)) {
        return;
      }
      scannedAt = t;
      if (local()) {
        // A local run writes one segment and one claims file named after it: no listing needed.
        for (String id : others.keySet()) {
          Path seg = CacheStore.localPath(dir).resolve(SEGMENT_PREFIX + id + SEGMENT_SUFFIX);
          long size = sizeOf(seg);
          if (size > 0) {
            grown(FileSystems.matchNewResource(seg.toString(), false), size);
          }
          readClaims(id);
        }
        return;
      }
      try {
        for (MatchResult.Metadata f : list(SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX)) {
          if (!self.id().equals(CacheHolder.idIn(name(f.resourceId()), SEGMENT_PREFIX))) {
            grown(f.resourceId(), f.sizeBytes());
          }
        }
      } catch (IOException e) {
        LOG.debug("response cache {}: cannot list segments ({})", dir, e.toString());
      }
    }
  }

  /** Reads a segment seen for the first time, or what it gained since last read. */
  private void grown(ResourceId id, long size) {
    Segment s;
    synchronized (segments) {
      s = segmentsByName.get(name(id));
    }
    if (s == null) {
      scan(segment(id), size, false);
    } else if (size > s.size) {
      scan(s, size, false);
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  /** New lines of another run's claims file: {@code +key micros} per request it is sending. */
  private void readClaims(String holder) {
    String name = claimsName(holder);
    Path path = CacheStore.localPath(dir).resolve(name);
    long from = claimsRead.getOrDefault(name, 0L);
    if (sizeOf(path) <= from) {
      return;
    }
    byte[] bytes;
    try (SeekableByteChannel ch = Files.newByteChannel(path)) {
      ch.position(from);
      bytes = Channels.newInputStream(ch).readAllBytes();
    } catch (IOException e) {
      return; // Removed as its run ended.
    }
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      String l = new String(bytes, start, i - start, StandardCharsets.US_ASCII);
      start = i + 1;
      if (l.startsWith("+") && l.indexOf(' ') == 65) {
        try {
          Key128 k = Key128.of(l.substring(1, 65));
          if (!index.containsKey(k) && !inMemory.containsKey(k)) {
            claims.putIfAbsent(k, new Claim(holder, Long.parseLong(l.substring(66))));
          }
        } catch (RuntimeException ignored) {
          // A damaged claim only costs a request sent twice.
        }
      }
    }
    // An incomplete last line is read again next time.
    claimsRead.put(name, from + start);
  }

  private Segment segment(ResourceId id) {
    String name = name(id);
    Segment s;
    synchronized (segments) {
      s = new Segment(id, CacheHolder.idIn(name, SEGMENT_PREFIX), segments.size());
      segments.add(s);
      segmentsByName.put(name, s);
    }
    return s;
  }

  /**
   * Indexes the complete lines of {@code s} after what was read before. An incomplete last line
   * is left for the next look; at open it counts as torn unless a live run is still writing it.
   */
  private void scan(Segment s, long size, boolean atOpen) {
    int segmentIndex = s.number;
    s.size = size;
    long damaged = 0;
    long firstDamage = -1;
    long offset = s.scanned;
    int len = 0;
    try (ReadableByteChannel ch = FileSystems.open(s.id)) {
      boolean seekable = ch instanceof SeekableByteChannel;
      InputStream in = Channels.newInputStream(ch);
      if (seekable) {
        ((SeekableByteChannel) ch).position(offset);
      } else {
        in.skipNBytes(offset);
      }
      byte[] chunk = new byte[1 << 20];
      byte[] line = new byte[1 << 16];
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
          } else {
            Key128 k = Key128.of(p.key());
            if (seekable) {
              index.putIfAbsent(k, new Location(segmentIndex, offset, len));
            } else {
              inMemory.putIfAbsent(k, p.entry());
            }
            claims.remove(k);
          }
          offset += len + 1;
          len = 0;
        }
        line = append(line, len, chunk, start, n - start);
        len += n - start;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("response cache: cannot read segment {} ({}); its answers will be asked again", s.id, e.toString());
      return;
    } finally {
      s.scanned = offset;
    }
    if (len > 0 && atOpen && !others.containsKey(s.owner) && !sameRun.contains(s.owner)) {
      // A last line without its newline, and nobody is writing it: the writer was stopped mid-line.
      damaged++;
      firstDamage = firstDamage < 0 ? offset : firstDamage;
    }
    if (damaged > 0) {
      skipped.addAndGet(damaged);
      LOG.warn("response cache: skipped {} torn or corrupt line(s) in {} (first at byte {}); those answers will be "
          + "asked again", damaged, s.id, firstDamage);
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
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }
}
