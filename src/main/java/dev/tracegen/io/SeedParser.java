package dev.tracegen.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tracegen.model.Json;
import dev.tracegen.model.Seed;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses one line of a seed file (or one whole JSON-array file) into a {@link Seed} or a {@link
 * Problem}. Pure: no Beam, no I/O; {@link ReadSeeds} streams the files and calls this.
 *
 * <p>Ids: a record's own {@code id} is used as it is for our format ({@link SeedFormat#TRACEGEN});
 * for third-party formats it is prefixed with the file stem ({@code self_instruct_seed_tasks:
 * seed_task_0}) so that ids from different files cannot clash. A record without an id gets {@code
 * <file-stem>:<line>} (for a JSON array: {@code <file-stem>:<element number>}). The seed's {@code
 * source} is always {@code <file>:<line>}.
 */
public final class SeedParser implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_MAX_LINE_CHARS = 100_000;
  public static final int DEFAULT_MAX_INSTRUCTION_CHARS = 20_000;
  /** Length of the excerpt of an offending line kept in a rejection. */
  public static final int EXCERPT_CHARS = 500;

  /** Reason codes of {@link Problem#reason()}. */
  public static final String INVALID_JSON = "invalid_json";

  public static final String MISSING_INSTRUCTION = "missing_instruction";
  public static final String LINE_TOO_LONG = "line_too_long";
  public static final String INVALID_UTF8 = "invalid_utf8";
  public static final String INSTRUCTION_TOO_LONG = "instruction_too_long";
  public static final String DUPLICATE_ID = "duplicate_id";

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final ObjectReader READER =
      Json.PLAIN.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final SeedFormat format;
  private final int maxLineChars;
  private final int maxInstructionChars;

  /** A parsed line: a seed, a problem, or neither (a blank line). */
  public record Result(long line, Seed seed, Problem problem) implements Serializable {
    public boolean isSeed() {
      return seed != null;
    }

    public boolean isProblem() {
      return problem != null;
    }

    public boolean isBlank() {
      return seed == null && problem == null;
    }
  }

  /**
   * Why a line cannot be used: a reason code (the constants of {@link SeedParser}), where, a human
   * message, and the offending text cut to {@link #EXCERPT_CHARS} characters (invalid bytes
   * replaced by U+FFFD).
   */
  public record Problem(String reason, String file, long line, String message, String excerpt)
      implements Serializable {
    public String location() {
      return file + ":" + line;
    }

    /** {@code file:line: message}, as written to the rejections and the log. */
    public String describe() {
      return location() + ": " + message;
    }
  }

  public SeedParser(SeedFormat format) {
    this(format, DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_INSTRUCTION_CHARS);
  }

  public SeedParser(SeedFormat format, int maxLineChars, int maxInstructionChars) {
    if (format == null) {
      throw new IllegalArgumentException("seed format must not be null");
    }
    if (maxLineChars < 1 || maxInstructionChars < 1) {
      throw new IllegalArgumentException("length limits must be positive");
    }
    this.format = format;
    this.maxLineChars = maxLineChars;
    this.maxInstructionChars = maxInstructionChars;
  }

  public SeedFormat format() {
    return format;
  }

  public int maxLineChars() {
    return maxLineChars;
  }

  public int maxInstructionChars() {
    return maxInstructionChars;
  }

  /** The format used for a file: {@link SeedFormat#AUTO} resolves {@code .txt} to TEXT. */
  public SeedFormat formatFor(String file) {
    if (format == SeedFormat.AUTO && stripCompression(baseName(file)).toLowerCase(Locale.ROOT)
        .endsWith(".txt")) {
      return SeedFormat.TEXT;
    }
    return format;
  }

  /** Whether a file whose first non-blank character is {@code [} is read as a JSON array. */
  public boolean readsJsonArrays() {
    return format == SeedFormat.AUTO || format == SeedFormat.ALPACA;
  }

  // ------------------------------------------------------------------------------------------
  // One line
  // ------------------------------------------------------------------------------------------

  /** Parses a line given as raw bytes (without the line terminator). */
  public Result parse(String file, long line, byte[] bytes) {
    return parse(file, line, bytes, bytes.length, countChars(bytes, 0, bytes.length));
  }

  /**
   * Parses a line given as raw bytes: the first {@code length} bytes of {@code bytes} are what was
   * kept of the line, {@code chars} is the number of characters (code points) of the whole line.
   * A line longer than the limit may have been cut by the reader; it is rejected from its length
   * alone. Other lines are decoded strictly, so invalid UTF-8 is a problem, not a U+FFFD.
   */
  public Result parse(String file, long line, byte[] bytes, int length, long chars) {
    int start = 0;
    if (line == 1 && startsWith(bytes, length, UTF8_BOM)) {
      start = UTF8_BOM.length;
      chars--;
    }
    if (chars > maxLineChars) {
      return problem(file, line, LINE_TOO_LONG,
          String.format(Locale.ROOT, "line is %,d characters long (limit %,d)", chars, maxLineChars),
          decodeLenient(bytes, start, Math.min(length - start, EXCERPT_CHARS * 4)));
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, length - start);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE, (long) length + 1));
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position() - start;
      return problem(file, line, INVALID_UTF8,
          "invalid UTF-8: " + (result.isMalformed() ? "malformed" : "unmappable")
              + " byte sequence at byte " + (offset + 1) + " of the line",
          decodeLenient(bytes, start, length - start));
    }
    out.flip();
    return parse(file, line, out.toString());
  }

  /** Parses a line given as text (without the line terminator; a trailing CR is ignored). */
  public Result parse(String file, long line, String text) {
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (line == 1 && text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      return new Result(line, null, null);
    }
    long chars = text.codePointCount(0, text.length());
    if (chars > maxLineChars) {
      return problem(file, line, LINE_TOO_LONG,
          String.format(Locale.ROOT, "line is %,d characters long (limit %,d)", chars, maxLineChars),
          text);
    }
    SeedFormat f = formatFor(file);
    if (f == SeedFormat.TEXT) {
      return seed(file, line, text, text, "", "", defaultId(file, line));
    }
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      return problem(file, line, INVALID_JSON, "invalid JSON: " + e.getOriginalMessage(), text);
    }
    if (node == null || !node.isObject()) {
      return problem(file, line, INVALID_JSON,
          "invalid JSON: expected an object, found " + describeNode(node), text);
    }
    return fromObject(file, line, node, f, defaultId(file, line), text);
  }

  // ------------------------------------------------------------------------------------------
  // A whole JSON array (Alpaca)
  // ------------------------------------------------------------------------------------------

  /**
   * Parses a file holding one JSON array of objects (the Alpaca layout). Elements without an id
   * get {@code <file-stem>:<element number>}; the source names the line where the element starts.
   * Invalid UTF-8 or invalid JSON is reported once, at its line; elements after a syntax error are
   * not read (the error says where to look).
   */
  public List<Result> parseJsonArray(String file, byte[] content) {
    List<Result> results = new ArrayList<>();
    int start = startsWith(content, content.length, UTF8_BOM) ? UTF8_BOM.length : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(content, start);
      int lineStart = bad;
      while (lineStart > start && content[lineStart - 1] != '\n') {
        lineStart--;
      }
      int lineEnd = bad;
      while (lineEnd < content.length && content[lineEnd] != '\n') {
        lineEnd++;
      }
      long lineNo = 1;
      for (int i = start; i < bad; i++) {
        if (content[i] == '\n') {
          lineNo++;
        }
      }
      results.add(problem(file, lineNo, INVALID_UTF8,
          "invalid UTF-8: malformed byte sequence at byte " + (bad - lineStart + 1) + " of the line",
          decodeLenient(content, lineStart, lineEnd - lineStart)));
      return results;
    }
    SeedFormat f = format == SeedFormat.ALPACA ? SeedFormat.ALPACA : SeedFormat.AUTO;
    String stem = fileStem(file);
    try (JsonParser parser = Json.PLAIN.getFactory().createParser(text)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        results.add(problem(file, 1, INVALID_JSON, "invalid JSON: expected an array", text));
        return results;
      }
      long element = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          results.add(problem(file, parser.currentLocation().getLineNr(), INVALID_JSON,
              "invalid JSON: the array is not closed", ""));
          return results;
        }
        element++;
        long line = parser.currentTokenLocation().getLineNr();
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          results.add(problem(file, line, INVALID_JSON,
              "invalid JSON: array element " + element + " is not an object", lineOf(text, line)));
          continue;
        }
        JsonNode node = Json.PLAIN.readTree(parser);
        results.add(fromObject(file, line, node, f, stem + ":" + element, node.toString()));
      }
      if (parser.nextToken() != null) {
        long line = parser.currentTokenLocation().getLineNr();
        results.add(problem(file, line, INVALID_JSON,
            "invalid JSON: unexpected content after the array", lineOf(text, line)));
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      long line = loc == null ? 1 : Math.max(1, loc.getLineNr());
      results.add(problem(file, line, INVALID_JSON, "invalid JSON: " + e.getOriginalMessage(),
          lineOf(text, line)));
    } catch (IOException e) {
      results.add(problem(file, 1, INVALID_JSON, "invalid JSON: " + e.getMessage(), ""));
    }
    return results;
  }

  // ------------------------------------------------------------------------------------------
  // Records
  // ------------------------------------------------------------------------------------------

  private Result fromObject(
      String file, long line, JsonNode obj, SeedFormat f, String defaultId, String raw) {
    if (f == SeedFormat.AUTO) {
      f = detect(obj);
    }
    JsonNode instructionNode = obj.get("instruction");
    if (instructionNode == null || instructionNode.isNull()) {
      return problem(file, line, MISSING_INSTRUCTION, "no \"instruction\" field", raw);
    }
    if (!instructionNode.isValueNode()) {
      return problem(file, line, MISSING_INSTRUCTION,
          "\"instruction\" is " + describeNode(instructionNode) + ", not a string", raw);
    }
    String instruction = instructionNode.asText();
    String ownId = text(obj, "id").strip();
    String id;
    String input;
    String family;
    switch (f) {
      case DOLLY -> {
        id = ownId.isEmpty() ? defaultId : fileStem(file) + ":" + ownId;
        input = text(obj, "context");
        family = text(obj, "category");
      }
      case SELF_INSTRUCT -> {
        id = ownId.isEmpty() ? defaultId : fileStem(file) + ":" + ownId;
        JsonNode instances = obj.get("instances");
        JsonNode first = instances != null && instances.isArray() && instances.size() > 0
            ? instances.get(0) : null;
        input = first == null ? "" : text(first, "input");
        JsonNode cls = obj.get("is_classification");
        family = cls == null || cls.isNull() ? "" : cls.asBoolean() ? "classification" : "generation";
      }
      case ALPACA -> {
        id = ownId.isEmpty() ? defaultId : fileStem(file) + ":" + ownId;
        input = text(obj, "input");
        family = "";
      }
      default -> {
        id = ownId.isEmpty() ? defaultId : ownId;
        input = text(obj, "input");
        family = text(obj, "family");
      }
    }
    return seed(file, line, instruction, raw, input, family, id);
  }

  private Result seed(
      String file, long line, String instruction, String raw, String input, String family,
      String id) {
    String trimmed = instruction.strip();
    if (trimmed.isEmpty()) {
      return problem(file, line, MISSING_INSTRUCTION, "\"instruction\" is empty", raw);
    }
    long chars = trimmed.codePointCount(0, trimmed.length());
    if (chars > maxInstructionChars) {
      return problem(file, line, INSTRUCTION_TOO_LONG,
          String.format(Locale.ROOT, "instruction is %,d characters long (limit %,d)", chars,
              maxInstructionChars),
          raw);
    }
    return new Result(line, new Seed(id, trimmed, input, family, file + ":" + line), null);
  }

  /** Detects the layout of one JSON object by its keys. */
  static SeedFormat detect(JsonNode obj) {
    if (obj.has("instances")) {
      return SeedFormat.SELF_INSTRUCT;
    }
    if (obj.has("context") || obj.has("response") || obj.has("category")) {
      return SeedFormat.DOLLY;
    }
    if (obj.has("output")) {
      return SeedFormat.ALPACA;
    }
    return SeedFormat.TRACEGEN;
  }

  private static String text(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static String describeNode(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private Result problem(String file, long line, String reason, String message, String raw) {
    return new Result(line, null, new Problem(reason, file, line, message, excerpt(raw)));
  }

  // ------------------------------------------------------------------------------------------
  // Helpers
  // ------------------------------------------------------------------------------------------

  /** {@code <file-stem>:<line>}, the id of a record that has none. */
  public static String defaultId(String file, long line) {
    return fileStem(file) + ":" + line;
  }

  /** The file name without directories, compression and data extensions: {@code a/b.jsonl.gz} → b. */
  public static String fileStem(String file) {
    String name = stripCompression(baseName(file));
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".jsonl", ".ndjson", ".json", ".txt"}) {
      if (lower.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String baseName(String file) {
    String f = file;
    while (f.endsWith("/") && f.length() > 1) {
      f = f.substring(0, f.length() - 1);
    }
    int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
    return slash >= 0 ? f.substring(slash + 1) : f;
  }

  private static String stripCompression(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".gz", ".gzip", ".bz2", ".zst", ".deflate", ".zip"}) {
      if (lower.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }

  /** Number of characters (code points) in UTF-8 bytes: every byte that does not continue one. */
  static long countChars(byte[] bytes, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  /** The first {@link #EXCERPT_CHARS} characters of a text, never splitting a surrogate pair. */
  public static String excerpt(String text) {
    if (text == null) {
      return "";
    }
    if (text.codePointCount(0, text.length()) <= EXCERPT_CHARS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, EXCERPT_CHARS));
  }

  private static String decodeLenient(byte[] bytes, int offset, int length) {
    return excerpt(new String(bytes, offset, Math.max(0, length), StandardCharsets.UTF_8));
  }

  private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int firstInvalidUtf8(byte[] content, int start) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      return in.position();
    }
  }

  private static String lineOf(String text, long line) {
    int pos = 0;
    for (long l = 1; l < line && pos >= 0; l++) {
      pos = text.indexOf('\n', pos);
      if (pos >= 0) {
        pos++;
      }
    }
    if (pos < 0) {
      return "";
    }
    int end = text.indexOf('\n', pos);
    return excerpt(end < 0 ? text.substring(pos) : text.substring(pos, end));
  }
}
