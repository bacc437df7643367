package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one input check behind {@code tracegen validate} and the start of {@code tracegen run}:
 * each hostile input gets its message, with path (and line), and the run refuses it before any
 * pipeline or LLM call.
 */
class InputValidationTest {
  @TempDir Path tmp;
  Path taxonomy;
  Path prompts;
  Path profile;
  Path seeds;

  @BeforeEach
  void copyTheShippedInputs() throws IOException {
    taxonomy = Files.createDirectories(tmp.resolve("taxonomy"));
    prompts = Files.createDirectories(tmp.resolve("prompts"));
    for (Path[] fromTo : new Path[][] {{Path.of("taxonomy"), taxonomy}, {Path.of("prompts"), prompts}}) {
      try (var files = Files.list(fromTo[0])) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, fromTo[1].resolve(f.getFileName()));
        }
      }
    }
    seeds = tmp.resolve("seeds.jsonl");
    Files.write(seeds, Files.readAllLines(Path.of("pipeline/seeds/seeds.jsonl")).subList(0, 300));
    profile = tmp.resolve("tiny.yaml");
    Files.writeString(profile, Files.readString(Path.of("src/test/resources/profiles/tiny.yaml"))
        .replace("seeds: [pipeline/seeds/seeds.jsonl]", "seeds: [" + seeds + "]"));
  }

  TraceOptions options(String... extra) {
    PipelineOptionsFactory.register(TraceOptions.class);
    List<String> args = new ArrayList<>(List.of("--taxonomy=" + taxonomy, "--prompts=" + prompts,
        "--profile=" + profile, "--output=" + tmp.resolve("out"), "--quiet=true"));
    args.addAll(Arrays.asList(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(TraceOptions.class);
  }

  /** The run refuses the input before anything is built, naming every {@code expected} problem. */
  void runRefuses(TraceOptions o, List<String> expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceRun.run(o));
    for (String problem : expected) {
      assertTrue(e.getMessage().contains("\n  " + problem), problem + " in\n" + e.getMessage());
    }
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), from + " in " + file);
    Files.writeString(file, text.replace(from, to));
  }

  static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  @Test
  void theShippedInputsHaveNoProblem() {
    assertEquals(List.of(), InputValidation.problems(options()));
  }

  @Test
  void aJudgePromptWithoutTheResponseIsRefused() throws IOException {
    edit(prompts.resolve("judge.txt"), "{{response}}", "(see above)");
    edit(prompts.resolve("respond.txt"), "{{instruction}}", "Answer well.");
    List<String> expected = List.of(
        prompts.resolve("respond.txt") + ": missing placeholder {{instruction}}: the respond step needs the instruction to answer",
        prompts.resolve("judge.txt") + ": missing placeholder {{response}}: the judge step needs the response to score");
    assertEquals(expected, InputValidation.problems(options()));
    runRefuses(options(), expected);
  }

  @Test
  void theEmbeddedModelNeedsThePayloadBlockARealOneDoesNot() throws IOException {
    edit(prompts.resolve("quality.txt"), "{{payload}}", "");
    assertEquals(List.of(prompts.resolve("quality.txt")
            + ": missing placeholder {{payload}}: the quality step needs the structured copy the embedded model reads"),
        InputValidation.problems(options()));
    assertEquals(List.of(), InputValidation.problems(options("--provider=openai", "--model=m", "--baseUrl=http://localhost:1")));
  }

  @Test
  void anUnknownConstraintTypeIsRefused() throws IOException {
    edit(taxonomy.resolve("format.yaml"), "type: format\n", "type: bogus_type\n");
    List<String> expected = List.of(taxonomy.resolve("format.yaml")
        + ":1: unknown constraint type 'bogus_type' (known: content, situation, style, format, example)");
    assertEquals(expected, InputValidation.problems(options()));
    runRefuses(options(), expected);
  }

  @Test
  void malformedCheckerParamsAreRefusedAtLoadNotCountedAsNonCompliance() throws IOException {
    Path format = taxonomy.resolve("format.yaml");
    edit(format, "{pattern: emoji_min, count: 3}", "{pattern: emoji_min, count: \"three(\"}");
    List<String> expected = List.of(format + ":" + lineOf(format, "three(") + ": phrasing 'emoji_min': checker"
        + " 'text_pattern' rejects the option's params: param 'count' must be a non-negative integer, got 'three('",
        // The option's sentence is held to its params as well.
        format + ":" + lineOf(format, "id: emoji_min") + ": phrasing 'emoji_min' option {count=three(, pattern=emoji_min}:"
        + " count must be a whole number, got \"three(\" (\"Use at least three( emoji.\")");
    assertEquals(expected, InputValidation.problems(options()));
    runRefuses(options(), expected);
  }

  @Test
  void aTruncatedGzSeedFileNamesTheFileAndTheLineReached() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(Files.readAllBytes(Path.of("pipeline/seeds/seeds.jsonl")));
    }
    Path gz = tmp.resolve("seeds.jsonl.gz");
    Files.write(gz, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
    List<String> problems = InputValidation.problems(options("--seeds=" + gz));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).matches(java.util.regex.Pattern.quote(gz.toString()) + ":\\d+: cannot read the seed"
        + " file after line \\d+: unexpected end of data; the file is"
        + " truncated or its compressed data is corrupt"), problems.get(0));
    assertFalse(problems.get(0).contains("EOFException"), problems.get(0));
    runRefuses(options("--seeds=" + gz), problems);
  }

  @Test
  void anEmptySeedSetIsRefusedBeforeTheRun() throws IOException {
    Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "\n");
    List<String> expected = List.of("no usable seeds in " + empty + ": every line is blank or was rejected");
    assertEquals(expected, InputValidation.problems(options("--seeds=" + empty)));
    runRefuses(options("--seeds=" + empty), expected);
  }

  @Test
  void aProfileWithZeroTargetsIsRefused() throws IOException {
    edit(profile, "total: 30", "total: 0");
    List<String> expected = List.of(profile + ":" + lineOf(profile, "total: 0")
        + ": targets.train.total must be at least 1, got 0");
    assertEquals(expected, InputValidation.problems(options()));
    runRefuses(options(), expected);
  }

  @Test
  void everyProblemIsListedAtOnce() throws IOException {
    edit(profile, "total: 6", "total: -1");
    edit(prompts.resolve("judge.txt"), "{{response}}", "");
    Path missing = tmp.resolve("missing.jsonl");
    runRefuses(options("--seeds=" + seeds + "," + missing), List.of(
        prompts.resolve("judge.txt") + ": missing placeholder {{response}}: the judge step needs the response to score",
        profile + ":" + lineOf(profile, "total: -1") + ": targets.eval.total must be at least 1, got -1",
        missing + ": seed file not found"));
  }

  @Test
  void badSeedLinesAreListedButLeftToTheRunToReject() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(seeds));
    lines.set(4, "{\"id\": \"broken\", \"instruction\": ");
    Files.write(seeds, lines);
    TraceOptions o = options();
    List<InputValidation.Problem> found = InputValidation.check(o);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().startsWith(seeds + ":5: invalid JSON"), found.toString());
    assertFalse(found.get(0).blocksRun());
    InputValidation.requireRunnable(o);
  }

  @Test
  void validatingTheFullSeedBankIsFast() {
    long start = System.nanoTime();
    assertEquals(List.of(), InputValidation.problems(options("--seeds=pipeline/seeds/seeds.jsonl")));
    double seconds = (System.nanoTime() - start) / 1e9;
    // Generous for a shared machine; it takes well under a second alone.
    assertTrue(seconds < 10, seconds + " s");
  }
}
