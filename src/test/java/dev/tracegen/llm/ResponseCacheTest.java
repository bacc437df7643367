package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tracegen.quality.QualitySchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, persistence across processes, and damaged segments: skipped, never a crash, never a wrong answer. */
class ResponseCacheTest {
  @TempDir
  Path dir;

  static final LlmSettings S = new LlmSettings("openai", "m1", "http://a/v1", "KEY_A", 0.7, 100, 5, 4, 0, 0);
  static final List<ChatMessage> M = List.of(UserMessage.from("prompt"));
  static final JsonSchema SCHEMA = QualitySchema.SCHEMA;

  static String key(int i) {
    return ResponseCache.key(S, List.of(UserMessage.from("prompt " + i)), null, ResponseFormatMode.NONE);
  }

  @Test
  void keyChangesWithTheResponseFormatAndTheSchema() {
    String schema = ResponseCache.key(S, M, SCHEMA, ResponseFormatMode.JSON_SCHEMA);
    String object = ResponseCache.key(S, M, SCHEMA, ResponseFormatMode.JSON_OBJECT);
    String prompt = ResponseCache.key(S, M, SCHEMA, ResponseFormatMode.NONE);
    String text = ResponseCache.key(S, M, null, ResponseFormatMode.NONE);
    assertEquals(4, java.util.Set.of(schema, object, prompt, text).size(), "each format has its own answers");
    assertNotEquals(schema, ResponseCache.key(S, M, dev.tracegen.judge.JudgeSchema.SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    JsonSchema renamed = JsonSchema.builder().name("other").rootElement(SCHEMA.rootElement()).build();
    assertNotEquals(schema, ResponseCache.key(S, M, renamed, ResponseFormatMode.JSON_SCHEMA));
    JsonSchema widened = JsonSchema.builder().name(SCHEMA.name()).rootElement(
        ((dev.langchain4j.model.chat.request.json.JsonObjectSchema) SCHEMA.rootElement()).toBuilder()
            .addStringProperty("extra").build()).build();
    assertNotEquals(schema, ResponseCache.key(S, M, widened, ResponseFormatMode.JSON_SCHEMA), "same name, other schema");
    assertEquals(text, ResponseCache.key(S, M, null, ResponseFormatMode.JSON_SCHEMA), "free text has no format");
  }

  @Test
  void keyCoversProviderModelParametersAndMessagesButNotEndpointOrKey() {
    String k = ResponseCache.key(S, M, SCHEMA, ResponseFormatMode.JSON_SCHEMA);
    assertEquals(64, k.length());
    assertEquals(k, ResponseCache.key(S, M, SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    assertEquals(k, ResponseCache.key(new LlmSettings("openai", "m1", "http://elsewhere/v1", "KEY_B", 0.7, 100, 60, 1,
        0, 0).withRunId("other").withCacheDir("/x"), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA), "endpoint, key variable, timeout, run: same key");
    assertNotEquals(k, ResponseCache.key(S, M, null, ResponseFormatMode.NONE));
    assertNotEquals(k, ResponseCache.key(new LlmSettings("openai", "m2", "", "", 0.7, 100, 5, 4, 0, 0), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    assertNotEquals(k, ResponseCache.key(new LlmSettings("ollama", "m1", "", "", 0.7, 100, 5, 4, 0, 0), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    assertNotEquals(k, ResponseCache.key(new LlmSettings("openai", "m1", "", "", 0.0, 100, 5, 4, 0, 0), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    assertNotEquals(k, ResponseCache.key(new LlmSettings("openai", "m1", "", "", 0.7, 200, 5, 4, 0, 0), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    assertNotEquals(k, ResponseCache.key(S, List.of(UserMessage.from("prompt"), AiMessage.from("x"),
        UserMessage.from("again")), SCHEMA, ResponseFormatMode.JSON_SCHEMA));
    assertNotEquals(k, ResponseCache.key(S.withTopP(0.8), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA), "a top_p sent");
    assertEquals(k, ResponseCache.key(S.withTopP(null), M, SCHEMA, ResponseFormatMode.JSON_SCHEMA),
        "no top_p: the key requests without one always had");
  }

  @Test
  void answersSurviveTheProcessAndAreLoadedFromEverySegment() throws IOException {
    ResponseCache a = ResponseCache.open(dir.toString());
    a.put(key(1), new ResponseCache.Entry("one\nwith newline and \"quotes\" and ünïcode", 5, 6));
    a.close();
    ResponseCache b = ResponseCache.open(dir.toString());
    assertEquals(1, b.entries());
    b.put(key(2), new ResponseCache.Entry("two", 1, 2));
    b.close();
    ResponseCache c = ResponseCache.open(dir.toString());
    assertEquals(2, c.entries());
    assertEquals(Optional.of(new ResponseCache.Entry("one\nwith newline and \"quotes\" and ünïcode", 5, 6)), c.get(key(1)));
    assertEquals("two", c.get(key(2)).orElseThrow().text());
    assertTrue(c.get(key(3)).isEmpty());
    assertEquals(2, c.hits());
    c.close();
    assertEquals(2, segments().size(), "one segment per process");
  }

  @Test
  void writtenLinesAreOnDiskAtOnce() throws IOException {
    ResponseCache a = ResponseCache.open(dir.toString());
    a.put(key(1), new ResponseCache.Entry("one", 1, 1));
    // Not closed: what a kill -9 leaves behind.
    assertEquals(1, ResponseCache.open(dir.toString()).entries());
    a.close();
  }

  @Test
  void tornLastLineIsSkipped() throws IOException {
    ResponseCache a = ResponseCache.open(dir.toString());
    for (int i = 0; i < 5; i++) {
      a.put(key(i), new ResponseCache.Entry("answer " + i, 1, 1));
    }
    a.close();
    Path seg = segments().get(0);
    byte[] all = Files.readAllBytes(seg);
    Files.write(seg, java.util.Arrays.copyOf(all, all.length - 7));
    ResponseCache b = ResponseCache.open(dir.toString());
    assertEquals(4, b.entries());
    assertEquals(1, b.skipped());
    assertTrue(b.get(key(4)).isEmpty());
    assertEquals("answer 3", b.get(key(3)).orElseThrow().text());
    b.close();
  }

  @Test
  void garbageAndAlteredLinesAreSkippedNeverServed() throws IOException {
    ResponseCache a = ResponseCache.open(dir.toString());
    for (int i = 0; i < 3; i++) {
      a.put(key(i), new ResponseCache.Entry("answer " + i, 1, 1));
    }
    a.close();
    Path seg = segments().get(0);
    String text = Files.readString(seg, StandardCharsets.UTF_8);
    // Alter the answer of entry 1 (valid JSON, wrong CRC), add garbage bytes and a foreign line.
    text = text.replace("answer 1", "answer X");
    Files.writeString(seg, text, StandardCharsets.UTF_8);
    Files.write(seg, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'}, StandardOpenOption.APPEND);
    Files.writeString(seg, "{\"k\":\"" + key(7) + "\",\"t\":\"no crc\"}\n", StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("segment-garbage.jsonl"), "\u0000\u0001 not json at all\n{{{\n");
    ResponseCache b = ResponseCache.open(dir.toString());
    assertEquals(2, b.entries());
    assertEquals(5, b.skipped());
    assertTrue(b.get(key(1)).isEmpty(), "an altered answer is never served");
    assertTrue(b.get(key(7)).isEmpty());
    assertEquals("answer 2", b.get(key(2)).orElseThrow().text());
    b.close();
  }

  @Test
  void aSegmentChangedAfterLoadingCostsACallNotAWrongAnswer() throws IOException {
    ResponseCache a = ResponseCache.open(dir.toString());
    a.put(key(1), new ResponseCache.Entry("answer 1", 1, 1));
    a.put(key(2), new ResponseCache.Entry("answer 2", 1, 1));
    a.close();
    ResponseCache b = ResponseCache.open(dir.toString());
    Path seg = segments().get(0);
    List<String> lines = Files.readAllLines(seg);
    Files.write(seg, List.of(lines.get(1), lines.get(0)));
    Optional<ResponseCache.Entry> e1 = b.get(key(1));
    assertTrue(e1.isEmpty() || e1.get().text().equals("answer 1"));
    Optional<ResponseCache.Entry> e2 = b.get(key(2));
    assertTrue(e2.isEmpty() || e2.get().text().equals("answer 2"));
    b.close();
  }

  @Test
  void missingDirectoryIsAnEmptyCacheAndIsCreatedOnFirstAnswer() {
    Path sub = dir.resolve("a/b/c");
    ResponseCache c = ResponseCache.open(sub.toString());
    assertEquals(0, c.entries());
    assertFalse(Files.exists(sub), "nothing written by a cache that got no answers");
    c.put(key(1), new ResponseCache.Entry("x", 1, 1));
    c.close();
    assertTrue(Files.isDirectory(sub));
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }
}
