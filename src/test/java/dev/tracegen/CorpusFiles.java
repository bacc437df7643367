package dev.tracegen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import dev.tracegen.model.TraceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reading a built corpus back in tests. */
public final class CorpusFiles {
  private CorpusFiles() {}

  public static List<TraceRecord> records(Path dir, String split) {
    List<TraceRecord> out = new ArrayList<>();
    for (String line : shardLines(dir, split)) {
      out.add(Json.read(line, TraceRecord.class));
    }
    return out;
  }

  static List<String> shardLines(Path dir, String split) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(split + "-")).sorted().toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
            StandardCharsets.UTF_8))) {
          r.lines().filter(l -> !l.isBlank()).forEach(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(Json.PLAIN.readTree(line));
      }
    }
    return out;
  }

  /** Every file under {@code dir} (relative path to bytes), except those named in {@code skip}. */
  static Map<String, byte[]> tree(Path dir, String... skip) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(f).toString();
        if (!List.of(skip).contains(rel)) {
          out.put(rel, Files.readAllBytes(f));
        }
      }
    }
    return out;
  }
}
