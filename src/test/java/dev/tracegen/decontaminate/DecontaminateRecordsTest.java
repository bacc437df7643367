package dev.tracegen.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.dedup.Planted;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Planted contamination: a train record quoting 13 words of an eval record, one quoting 13 English
 * words of the official TRACE eval set and one quoting 26 Chinese characters of it are dropped;
 * a 12-word quote, shared template phrasing, a constraint line of one eval record and a control set are
 * kept.
 */
class DecontaminateRecordsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final String OFFICIAL = "src/test/resources/reference/trace/trace_eval_official.jsonl";
  static final String EVAL_DESCRIPTION = "Draft a polite email to a landlord asking for the broken kitchen window in"
      + " flat 4B to be repaired before the cold weather arrives next month.";
  /** A phrase in two eval seeds' tasks: template text, not an item. */
  static final String TEMPLATE = "Make sure that every paragraph of the answer starts with a short question for the reader.";
  /** A constraint line of one eval record only: taxonomy phrasing, which is never the task. */
  static final String CONSTRAINT_LINE = "Organise the answer under exactly four Markdown headings, each followed by at"
      + " least one paragraph of content.";

  static String englishSpan;
  static int englishLine;
  static String chineseSpan;
  static int chineseLine;

  /** A 13-word English span and a 30-character Chinese span that occur in exactly one official record. */
  @BeforeAll
  static void findOfficialSpans() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(OFFICIAL), StandardCharsets.UTF_8);
    List<String> texts = new ArrayList<>();
    for (String line : lines) {
      JsonNode n = Json.PLAIN.readTree(line);
      texts.add(n.get("messages").get(n.get("messages").size() - 1).get("content").asText());
    }
    Pattern words = Pattern.compile("[A-Za-z][A-Za-z ,]{60,}");
    Pattern han = Pattern.compile("[\\u4e00-\\u9fff]{30,}");
    for (int i = 0; i < texts.size() && (englishSpan == null || chineseSpan == null); i++) {
      Matcher w = words.matcher(texts.get(i));
      while (englishSpan == null && w.find()) {
        String[] ws = w.group().replace(",", " ").trim().split("\\s+");
        if (ws.length >= 13) {
          String span = String.join(" ", Arrays.copyOfRange(ws, 0, 13));
          if (count(texts, span) == 1) {
            englishSpan = span;
            englishLine = i + 1;
          }
        }
      }
      Matcher h = han.matcher(texts.get(i));
      if (chineseSpan == null && h.find() && count(texts, h.group().substring(0, 30)) == 1) {
        chineseSpan = h.group().substring(0, 30);
        chineseLine = i + 1;
      }
    }
    assertNotNull(englishSpan);
    assertNotNull(chineseSpan);
  }

  private static long count(List<String> texts, String span) {
    return texts.stream().filter(t -> t.replace(",", " ").replaceAll("\\s+", " ").contains(span)).count();
  }

  static List<TraceRecord> eval() {
    List<TraceRecord> out = new ArrayList<>();
    out.add(Planted.record("eval-a", "seed-ea", "eval", EVAL_DESCRIPTION, List.of("Keep it under 100 words.",
        CONSTRAINT_LINE), ""));
    out.add(Planted.record("eval-b", "seed-eb", "eval", "Summarise the plot of a film you like. " + TEMPLATE,
        List.of("Use one paragraph."), ""));
    out.add(Planted.record("eval-c", "seed-ec", "eval", "Explain why leaves change colour. " + TEMPLATE,
        List.of("Use one paragraph."), ""));
    return out;
  }

  static List<TraceRecord> train() {
    List<TraceRecord> out = new ArrayList<>(Planted.control("train"));
    String thirteen = String.join(" ", Arrays.copyOfRange(EVAL_DESCRIPTION.split(" "), 3, 16));
    String twelve = String.join(" ", Arrays.copyOfRange(EVAL_DESCRIPTION.split(" "), 3, 15));
    out.add(Planted.record("train-q-eval", "seed-1", "train", "Rewrite this request more formally: " + thirteen + ".",
        List.of("Use one paragraph."), ""));
    out.add(Planted.record("train-q-official-en", "seed-2", "train", "Answer the question below.",
        List.of("Use one paragraph."), "Question: " + englishSpan + "?"));
    out.add(Planted.record("train-q-official-zh", "seed-3", "train", "Translate this passage into English: "
        + chineseSpan + "。", List.of("Keep the meaning exact."), ""));
    out.add(Planted.record("train-q-twelve", "seed-4", "train", "Rewrite this request more formally: " + twelve + ".",
        List.of("Use one paragraph."), ""));
    out.add(Planted.record("train-template", "seed-5", "train", "Describe a walk in the park.", List.of(TEMPLATE), ""));
    out.add(Planted.record("train-constraint-line", "seed-6", "train", "Describe a day at the seaside.",
        List.of(CONSTRAINT_LINE), ""));
    return out;
  }

  static final Set<String> DROPPED = Set.of("train-q-eval", "train-q-official-en", "train-q-official-zh");

  private static PCollectionTuple run(TestPipeline p, DecontaminationConfig config) {
    PCollection<PackedRecord> eval = p.apply("Eval", Create.of(eval()).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("EvalPacked", PackedRecord.packEach());
    return p.apply("Train", Create.of(train()).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("TrainPacked", PackedRecord.packEach())
        .apply(DecontaminateRecords.against(eval, config));
  }

  @Test
  void removesExactlyThePlantedContamination(TestPipeline p) {
    PCollectionTuple out = run(p, DecontaminationConfig.defaults(4).withFiles(List.of(OFFICIAL), ""));
    PAssert.that(ids(out.get(DecontaminateRecords.KEPT)))
        .containsInAnyOrder(train().stream().map(TraceRecord::id).filter(id -> !DROPPED.contains(id)).toList());
    PAssert.that(out.get(DecontaminateRecords.REJECTED).apply("Summaries", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason() + " " + r.detail().replaceAll(".*\" with ", ""))))
        .containsInAnyOrder(
            "train-q-eval decontaminate/ngram_overlap_eval eval record eval-a (seed seed-ea)",
            "train-q-official-en decontaminate/ngram_overlap_external trace_eval_official.jsonl:" + englishLine,
            "train-q-official-zh decontaminate/ngram_overlap_external trace_eval_official.jsonl:" + chineseLine);
    p.run().waitUntilFinish();
  }

  @Test
  void withoutTheTemplateExemptionSharedPhrasingCountsToo(TestPipeline p) {
    DecontaminationConfig strict = new DecontaminationConfig(13, 26, List.of(), "", 0, 2);
    PCollectionTuple out = run(p, strict);
    PAssert.that(out.get(DecontaminateRecords.REJECTED).apply("Ids", MapElements.into(TypeDescriptors.strings())
        .via(Rejection::id))).containsInAnyOrder("train-q-eval", "train-template");
    p.run().waitUntilFinish();
  }

  @Test
  void noReferenceNoLoss(TestPipeline p) {
    PCollection<PackedRecord> eval = p.apply("Eval", Create.empty(JsonCoder.of(TraceRecord.class)))
        .apply("EvalPacked", PackedRecord.packEach());
    PCollectionTuple out = p.apply("Train", Create.of(train()).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("TrainPacked", PackedRecord.packEach())
        .apply(DecontaminateRecords.against(eval, DecontaminationConfig.defaults(2)));
    PAssert.that(out.get(DecontaminateRecords.REJECTED)).empty();
    PAssert.that(ids(out.get(DecontaminateRecords.KEPT))).containsInAnyOrder(train().stream().map(TraceRecord::id).toList());
    p.run().waitUntilFinish();
  }

  @Test
  void planted13WordQuoteIsThirteenWords() {
    NGrams ngrams = DecontaminationConfig.defaults(1).ngrams();
    long[] evalGrams = ngrams.hashes(eval().get(0).x1().render());
    long hits = Arrays.stream(ngrams.hashes(train().stream().filter(r -> r.id().equals("train-q-twelve"))
        .findFirst().orElseThrow().x1().render())).filter(h -> Arrays.binarySearch(evalGrams, h) >= 0).count();
    assertEquals(0, hits);
    assertTrue(englishSpan.split(" ").length == 13);
  }

  static PCollection<String> ids(PCollection<PackedRecord> records) {
    return records.apply("Ids", MapElements.into(TypeDescriptors.strings()).via(PackedRecord::id));
  }
}
