package dev.tracegen.extend;

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
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A new dimension written the way a researcher would add one: a YAML entry appended to a copy of
 * the shipped {@code taxonomy/style.yaml}, nothing else (docs/extending.md walks through it).
 */
final class SignOffDimension {
  static final String ID = "sign_off";
  static final String LABEL_ZH = "结尾署名约束";

  private SignOffDimension() {}

  /** The YAML entry; {@code checker} is {@code null} (LLM judge) or a checker id. */
  static String yaml(String checker) {
    return String.join("\n",
        "",
        "  - id: sign_off",
        "    name: Sign-off",
        "    label_zh: " + LABEL_ZH,
        "    definition: The response ends with a given sign-off line.",
        "    weight: 40",
        "    checker: " + checker,
        "    revisable: true",
        "    conflicts_with: []",
        "    perturbation:",
        "      add: Require a sign-off line.",
        "      revise: Require a different sign-off line.",
        "    params:",
        "      closing: text",
        "    phrasings:",
        "      - id: sign_off_with",
        "        text: 'End with the sign-off line \"{closing}\".'",
        "        evidence: \"{closing}\"",
        "        respond: \"{closing}\"",
        "        revise_to: [other_option]",
        "        options:",
        "          - {closing: \"Warm regards, the field team\"}",
        "          - {closing: \"Yours in curiosity, Ada\"}",
        "          - {closing: \"Until next time, the editors\"}",
        "          - {closing: \"With thanks, the review board\"}",
        "");
  }

  /** Copies the shipped taxonomy into {@code dir} and appends the entry to style.yaml. */
  static Path write(Path dir, String checker) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(Path.of("taxonomy"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path style = dir.resolve("style.yaml");
    String text = Files.readString(style, StandardCharsets.UTF_8);
    Files.writeString(style, text.stripTrailing() + "\n" + yaml(checker), StandardCharsets.UTF_8);
    return dir;
  }

  /** The records of every shard of a split. */
  static List<TraceRecord> records(Path dir, String split) {
    List<TraceRecord> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path shard : files.filter(f -> f.getFileName().toString().matches(split + "-\\d{5}-of-\\d{5}\\.jsonl\\.gz"))
          .sorted().toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(shard)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            out.add(Json.MAPPER.readValue(line, TraceRecord.class));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
