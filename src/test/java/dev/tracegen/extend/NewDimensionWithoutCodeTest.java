package dev.tracegen.extend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.RunConfig;
import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Json;
import dev.tracegen.model.Score;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.report.Cli;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new constraint type without code: a YAML entry in a copy of taxonomy/ (checker: null), a
 * weight from the command line, and a tiny run whose records carry the new dimension, judged by
 * the LLM judge.
 */
class NewDimensionWithoutCodeTest {
  @Test
  void aYamlOnlyDimensionReachesTheRecordsAndTheLlmJudgeDecidesIt(@TempDir Path tmp) throws IOException {
    Path taxonomy = SignOffDimension.write(tmp.resolve("taxonomy"), "null");
    Cli.Result valid = Cli.execute("validate", "--taxonomy=" + taxonomy, "--profile=src/test/resources/profiles/tiny.yaml");
    assertEquals(0, valid.code(), valid.out());

    Path out = tmp.resolve("out");
    Cli.Result run = Cli.execute("run", "--profile=src/test/resources/profiles/tiny.yaml", "--taxonomy=" + taxonomy,
        "--dimensionWeights=sign_off=3000", "--output=" + out, "--quiet=true");
    assertEquals(0, run.code(), run.err());

    List<TraceRecord> records = new ArrayList<>(SignOffDimension.records(out, "train"));
    records.addAll(SignOffDimension.records(out, "eval"));
    int carrying = 0;
    for (TraceRecord r : records) {
      List<Constraint> cs = r.x1().constraints();
      for (int i = 0; i < cs.size(); i++) {
        if (!cs.get(i).dimension().equals(SignOffDimension.ID)) {
          continue;
        }
        carrying++;
        assertEquals("style", cs.get(i).type());
        assertTrue(cs.get(i).text().startsWith("End with the sign-off line"), cs.get(i).text());
        Score s = r.judgements().get(TraceRecord.Y1_X1).scores().get(i);
        assertEquals(i + 1, s.constraint());
        assertEquals("llm", s.method(), r.id());
        assertEquals(Score.FULL, s.score(), r.id());
        // y1 really shows the sign-off the constraint asks for.
        assertTrue(r.y1().toLowerCase().contains(cs.get(i).param("closing").toLowerCase()), r.y1());
      }
    }
    assertTrue(carrying >= records.size() / 3, "sign_off in " + carrying + " of " + records.size() + " records");

    // The new dimension flows into every derived file: its label in trace_eval.jsonl, the statistics.
    String traceEval = Files.readString(out.resolve("trace_eval.jsonl"), StandardCharsets.UTF_8);
    assertTrue(traceEval.contains(SignOffDimension.LABEL_ZH), "levels2 label of the new dimension");
    JsonNode stats = Json.PLAIN.readTree(out.resolve("stats.json").toFile());
    assertTrue(stats.at("/dimensions/train/sign_off").asLong() > 0, stats.at("/dimensions/train").toString());
    JsonNode runJson = Json.PLAIN.readTree(out.resolve("run.json").toFile());
    assertEquals(3000.0, runJson.at("/dimension_weights/sign_off").asDouble());
    assertTrue(Files.readString(out.resolve("README.md")).contains("Dimension weights overridden: `sign_off=3000.0`"));
  }

  @Test
  void dimensionsCanBeRestrictedAndUnknownIdsAreNamed(@TempDir Path tmp) throws IOException {
    Cli.Result bad = Cli.execute("run", "--profile=src/test/resources/profiles/tiny.yaml", "--dimensionWeights=no_such=2",
        "--output=" + tmp.resolve("x"));
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("unknown dimension id(s) [no_such]"), bad.err());
    Cli.Result badValidate = Cli.execute("validate", "--dimensions=inclusion,nope");
    assertEquals(2, badValidate.code());
    assertTrue(badValidate.out().contains("[nope]"), badValidate.out());

    Profile profile = Profile.load(Path.of("src/test/resources/profiles/tiny.yaml"));
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> Checkers.load().get(id).isPresent());
    Profile restricted = RunConfig.withDimensionWeights(profile, taxonomy, "inclusion, numerical", "numerical=5");
    assertEquals(25, restricted.dimensionWeights().size(), "24 switched off + numerical");
    assertEquals(5.0, restricted.dimensionWeights().get("numerical"));
    assertEquals(null, restricted.dimensionWeights().get("inclusion"), "kept at its taxonomy weight");
    assertEquals(0.0, restricted.dimensionWeights().get("theme"));
    assertEquals(profile, RunConfig.withDimensionWeights(profile, taxonomy, "", ""));
  }
}
