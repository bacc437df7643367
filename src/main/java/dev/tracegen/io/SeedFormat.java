package dev.tracegen.io;

import java.util.Locale;

/**
 * Layouts of seed files that {@link SeedParser} understands.
 *
 * <ul>
 *   <li>{@link #TRACEGEN}: our JSON lines, {@code {"id", "family", "instruction", "input"}}
 *       (pipeline/seeds/seeds.jsonl).
 *   <li>{@link #ALPACA}: JSON lines or one JSON array of {@code {"instruction", "input", "output"}}.
 *   <li>{@link #DOLLY}: JSON lines of {@code {"instruction", "context", "response", "category"}};
 *       {@code context} becomes the input and {@code category} the family.
 *   <li>{@link #SELF_INSTRUCT}: JSON lines of {@code {"id", "name", "instruction", "instances":
 *       [{"input", "output"}], "is_classification"}}; the input of the first instance is the input.
 *   <li>{@link #TEXT}: one instruction per line.
 *   <li>{@link #AUTO}: per file and per line: a {@code .txt} file is {@link #TEXT}; a file whose
 *       first non-blank character is {@code [} is a JSON array of Alpaca objects; otherwise each
 *       JSON line is recognised by its keys ({@code instances} → Self-Instruct; {@code context},
 *       {@code response} or {@code category} → Dolly; {@code output} → Alpaca; else ours).
 * </ul>
 */
public enum SeedFormat {
  TRACEGEN,
  ALPACA,
  DOLLY,
  SELF_INSTRUCT,
  TEXT,
  AUTO;

  /** Parses an option value such as {@code auto}, {@code self-instruct} or {@code SELF_INSTRUCT}. */
  public static SeedFormat parse(String value) {
    String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    if (v.equals("SELFINSTRUCT")) {
      return SELF_INSTRUCT;
    }
    for (SeedFormat f : values()) {
      if (f.name().equals(v)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown seed format '" + value + "' (expected one of tracegen, alpaca, dolly,"
            + " self_instruct, text, auto)");
  }
}
