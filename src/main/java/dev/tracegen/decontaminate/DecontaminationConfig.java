package dev.tracegen.decontaminate;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Decontamination settings (options {@code --decontaminationNgram --decontaminationCharNgram
 * --decontaminate --decontaminateField --decontaminationMaxDocs --buckets}).
 *
 * @param wordN n-gram length in words (13, as in GPT-3's contamination study)
 * @param charN n-gram length in characters for CJK text (26: about as much text as 13 English words)
 * @param files external benchmark files (local paths or any Beam file system; globs allowed)
 * @param field JSON field path of their text ({@code ""}: {@link ReferenceTexts#DEFAULT_FIELDS})
 * @param maxDocs an n-gram is evidence of contamination only if at most this many reference
 *     documents have it (an eval seed with all its records is one document; so is one record of an
 *     external file). An n-gram shared by more is template phrasing — of the taxonomy, the seed
 *     bank's task templates or a benchmark's boilerplate — not the content of an item. 0 turns the
 *     exemption off (every shared n-gram counts).
 */
public record DecontaminationConfig(int wordN, int charN, List<String> files, String field, int maxDocs, int buckets)
    implements Serializable {
  public static final int DEFAULT_WORD_N = 13;
  public static final int DEFAULT_CHAR_N = 26;
  public static final int DEFAULT_MAX_DOCS = 1;

  public DecontaminationConfig {
    files = files == null ? List.of() : List.copyOf(files);
    field = field == null ? "" : field;
    new NGrams(wordN, charN); // validates
    if (maxDocs < 0) {
      throw new IllegalArgumentException("--decontaminationMaxDocs must be >= 0 (0 = every shared n-gram counts)");
    }
    if (buckets < 1) {
      throw new IllegalArgumentException("--buckets must be at least 1");
    }
  }

  public static DecontaminationConfig defaults(int buckets) {
    return new DecontaminationConfig(DEFAULT_WORD_N, DEFAULT_CHAR_N, List.of(), "", DEFAULT_MAX_DOCS, buckets);
  }

  /** The comma-separated {@code --decontaminate} list; local files must exist (checked before the run). */
  public static List<String> parseFiles(String option) {
    if (option == null || option.isBlank()) {
      return List.of();
    }
    List<String> files = Arrays.stream(option.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String f : files) {
      boolean glob = f.contains("*") || f.contains("?");
      if (!f.contains("://") && !glob && !Files.isReadable(Path.of(f))) {
        throw new IllegalArgumentException("--decontaminate: cannot read " + f);
      }
    }
    return files;
  }

  public DecontaminationConfig withFiles(List<String> newFiles, String newField) {
    return new DecontaminationConfig(wordN, charN, newFiles, newField, maxDocs, buckets);
  }

  public NGrams ngrams() {
    return new NGrams(wordN, charN);
  }
}
