package dev.tracegen.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --decontaminate files are checked before the run: bad lines and wrong fields name file and line. */
class ReferenceFilesTest {
  @TempDir Path tmp;

  private static DecontaminationConfig config(String field, Path... files) {
    return DecontaminationConfig.defaults(1).withFiles(
        java.util.Arrays.stream(files).map(Path::toString).toList(), field);
  }

  @Test
  void theOfficialEvalSetHasOneDocumentPerLine() throws IOException {
    Path official = Path.of(DecontaminateRecordsTest.OFFICIAL);
    long lines = Files.readAllLines(official).stream().filter(l -> !l.isBlank()).count();
    Map<String, Long> docs = ReferenceFiles.check(config("", official));
    assertEquals(List.of(lines), List.copyOf(docs.values()));
  }

  @Test
  void plainTextFilesCountNonBlankLines() throws IOException {
    Path txt = Files.writeString(tmp.resolve("bench.txt"), "first question\n\n{ not json but plain text\nthird\n");
    assertEquals(3L, ReferenceFiles.check(config("", txt)).values().iterator().next());
  }

  @Test
  void aBrokenJsonlLineAndAMissingFieldAreErrorsNamingFileAndLine() throws IOException {
    Path jsonl = Files.writeString(tmp.resolve("bench.jsonl"),
        "{\"question\": \"a\"}\n{\"question\": \"b\"\n\n{\"other\": \"c\"}\n[1, 2]\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceFiles.check(config("question", jsonl)));
    String m = e.getMessage();
    assertTrue(m.contains("bench.jsonl:2: not valid JSON"), m);
    assertTrue(m.contains("bench.jsonl:4: no text at field 'question'"), m);
    assertTrue(m.contains("bench.jsonl:5: not a JSON object"), m);
    assertTrue(!m.contains("bench.jsonl:1:"), m);
  }

  @Test
  void aWrongFieldNameIsCaughtOnTheFirstLine() throws IOException {
    Path official = Path.of(DecontaminateRecordsTest.OFFICIAL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceFiles.check(config("messages[-1].contnet", official)));
    assertTrue(e.getMessage().contains("trace_eval_official.jsonl:1: no text at field 'messages[-1].contnet'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("more"), "long lists are cut: " + e.getMessage().length() + " chars");
  }

  @Test
  void emptyFilesAndUnmatchedPatternsAreErrors() throws IOException {
    Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "\n\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReferenceFiles.check(config("", empty)))
        .getMessage().contains("empty.jsonl: empty"));
    DecontaminationConfig glob = DecontaminationConfig.defaults(1).withFiles(List.of(tmp + "/nothing-*.jsonl"), "");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReferenceFiles.check(glob))
        .getMessage().contains("no file matches"));
  }
}
