package dev.tracegen.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tracegen.RunMetrics;
import dev.tracegen.TraceRun;
import dev.tracegen.export.OutputDirectory;
import dev.tracegen.io.Locations;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.Models;
import dev.tracegen.llm.RunResources;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.report.ProgressReporter;
import dev.tracegen.stage.Stages;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * One {@code tracegen eval}: reads the eval file, runs the answer, judge and check steps as a Beam
 * pipeline (the same LLM client as a build: concurrency, rate limits, retries, breaker, response
 * cache), then writes {@code items.jsonl} (one line per instruction, in the file's order), {@code
 * results.json} and {@code report.html} into the output directory, which appears only when everything is written
 * ({@link OutputDirectory}).
 */
public final class EvalRun {
  public static final String RESULTS = "results.json";
  public static final String ITEMS = "items.jsonl";

  private EvalRun() {}

  /**
   * What to evaluate and how.
   *
   * @param data the TRACE-layout eval file
   * @param items its instructions
   * @param language the language its judge prompt is written in
   * @param taxonomy the taxonomy of that language (levels2 labels to types; the embedded model)
   */
  public record Settings(String data, List<EvalItem> items, String language, Taxonomy taxonomy, Models models,
      EvalPrompts prompts, Scoring scoring, List<EvalReportHtml.Entry> compare, String output, boolean overwrite,
      int progressSeconds) {}

  /**
   * The figures and the provenance of one evaluation: {@code results.json}.
   *
   * @param scores the figures by {@code scoring}: the judge's, or (checker-first) the checkers' where
   *     a constraint is rule-checkable; with {@code both}, the judge's
   * @param checkerFirst with {@code --scoring=both}, the checker-first figures; else absent
   * @param agreement how often the judge agreed with the checkers on rule-checkable constraints
   */
  @JsonPropertyOrder({"data", "language", "model", "judge", "judge_prompt", "temperature", "judge_temperature",
      "judge_top_p", "scoring", "scores", "checker_first", "agreement", "requests", "seconds"})
  public record Results(String data, String language, String model, String judge, String judgePrompt,
      double temperature, double judgeTemperature, Double judgeTopP, String scoring, EvalScores scores,
      @JsonInclude(JsonInclude.Include.NON_NULL) EvalScores checkerFirst, JudgeCheckerAgreement agreement,
      Map<String, Map<String, Long>> requests, double seconds) {}

  /** Evaluates; returns the results written to {@code settings.output()}. */
  public static Results run(PipelineOptions options, Settings s) throws IOException {
    OutputDirectory out = OutputDirectory.prepare(s.output(), s.overwrite(),
        notice -> System.err.println("tracegen eval: " + notice));
    long started = System.nanoTime();
    ProgressReporter progress = ProgressReporter.start(System.err, Stages.EVAL, s.progressSeconds(), s.items().size(),
        0);
    try {
      List<EvalResult> results;
      Map<String, Map<String, Long>> counters;
      try (RunResources resources = RunResources.open(s.models().generator().runId())) {
        Pipeline p = Pipeline.create(options);
        String work = Locations.dir(out.staging(), ".items");
        PCollection<EvalResult> items = p.apply("ReadItems",
            Create.of(s.items().stream().map(EvalResult::of).toList()).withCoder(JsonCoder.of(EvalResult.class)));
        items.apply(Stages.EVAL_ANSWER.transform(), new AnswerInstructions(s.models().generator(), s.taxonomy()))
            .apply(Stages.EVAL_JUDGE.transform(), new JudgeAnswers(s.models().judge(), s.taxonomy(), s.prompts()))
            .apply("CheckAnswers", new CheckAnswers(s.taxonomy()))
            .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(Json::write))
            .apply("WriteItems", TextIO.write().to(Locations.file(work, "items")).withSuffix(".jsonl"));
        PipelineResult running = p.run();
        out.beforeExitCleanup(() -> TraceRun.cancel(running));
        progress.attach(running);
        running.waitUntilFinish();
        counters = RunMetrics.counters(running);
        progress.finishing("writing results");
        results = readBack(work, s.items().size());
        Locations.deleteTree(work);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      var typeOf = typeOfLabel(s.taxonomy());
      EvalScores judged = EvalScores.of(results, typeOf);
      EvalScores checkerFirst = s.scoring() == Scoring.JUDGE ? null
          : EvalScores.of(results.stream().map(Scoring::checkerFirst).toList(), typeOf);
      LlmSettings model = s.models().generator();
      LlmSettings judge = s.models().judge();
      Results r = new Results(s.data(), s.language(), model.label(), judge.label(), s.prompts().hash(),
          model.temperature(), judge.temperature(), judge.topP(), s.scoring().option(),
          s.scoring() == Scoring.CHECKER_FIRST ? checkerFirst : judged,
          s.scoring() == Scoring.BOTH ? checkerFirst : null,
          JudgeCheckerAgreement.of(results), RunMetrics.llm(counters), Math.round(seconds * 10) / 10.0);
      writeItems(Locations.file(out.staging(), ITEMS), results);
      try (OutputStream o = Locations.create(Locations.file(out.staging(), RESULTS))) {
        o.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
        o.write('\n');
      }
      List<EvalReportHtml.Entry> entries = new ArrayList<>();
      entries.add(new EvalReportHtml.Entry(name(s.output()), r));
      entries.addAll(s.compare());
      try (OutputStream o = Locations.create(Locations.file(out.staging(), EvalReportHtml.FILE))) {
        o.write(EvalReportHtml.render(entries).getBytes(StandardCharsets.UTF_8));
      }
      progress.close();
      out.publish();
      return r;
    } finally {
      progress.close();
      out.abort();
    }
  }

  /**
   * The results of earlier evaluations to show beside this one ({@code --compare}), each named by
   * its directory; a directory without {@code results.json} is an error naming it.
   */
  public static List<EvalReportHtml.Entry> compared(List<String> dirs) {
    List<EvalReportHtml.Entry> out = new ArrayList<>();
    for (String dir : dirs) {
      String file = Locations.file(dir, RESULTS);
      try {
        out.add(new EvalReportHtml.Entry(name(dir), Json.MAPPER.readValue(Locations.readString(file), Results.class)));
      } catch (IOException e) {
        throw new IllegalArgumentException("--compare: " + file + " cannot be read (an earlier tracegen eval --output"
            + " holds it): " + e.getMessage().split("\n")[0], e);
      }
    }
    return out;
  }

  /** The last name of a directory, as a chart's series. */
  static String name(String dir) {
    String d = dir.replaceAll("/+$", "");
    return d.substring(d.lastIndexOf('/') + 1);
  }

  /** Every item the pipeline wrote, in the eval file's order; an item missing or twice is a bug that stops here. */
  static List<EvalResult> readBack(String work, int expected) throws IOException {
    List<EvalResult> results = new ArrayList<>();
    for (String file : Locations.files(work, "items*.jsonl")) {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(Locations.open(file), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            results.add(Json.read(line, EvalResult.class));
          }
        }
      }
    }
    results.sort(Comparator.comparingInt(r -> r.item().position()));
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).item().position() != i) {
        throw new IllegalStateException("eval item " + i + " is missing or repeated in the pipeline's output");
      }
    }
    if (results.size() != expected) {
      throw new IllegalStateException("the pipeline wrote " + results.size() + " of " + expected + " eval items");
    }
    return results;
  }

  private static void writeItems(String file, List<EvalResult> results) throws IOException {
    try (OutputStream o = Locations.create(file)) {
      for (EvalResult r : results) {
        o.write(Json.write(r).getBytes(StandardCharsets.UTF_8));
        o.write('\n');
      }
    }
  }

  /** A {@code levels2} label's constraint type by the taxonomy's {@code label_zh} (or id); others are {@code other}. */
  static java.util.function.Function<String, String> typeOfLabel(Taxonomy taxonomy) {
    Map<String, String> types = new HashMap<>();
    for (Dimension d : taxonomy.dimensions()) {
      types.put(d.id(), d.type());
      if (d.labelZh() != null && !d.labelZh().isBlank()) {
        types.put(d.labelZh(), d.type());
      }
    }
    return label -> types.getOrDefault(label, "other");
  }
}
