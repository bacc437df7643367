package dev.tracegen.extend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Score;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.report.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A programmatic checker is one class found through ServiceLoader: {@link SignOffChecker} is listed
 * only in src/test/resources/META-INF/services/dev.tracegen.check.Checker, a taxonomy entry names
 * its id, and that checker then decides every constraint of the dimension, in y1|x1 and y2|x2 (pass)
 * as in the cross judgements (fail).
 */
class ServiceLoaderCheckerTest {
  @Test
  void serviceFilesOfTheClassPathAreMerged() {
    // The test services file adds to main's: both the built-in checkers and the test one are found.
    Checkers checkers = Checkers.load();
    assertTrue(checkers.get(SignOffChecker.ID).orElseThrow() instanceof SignOffChecker);
    assertTrue(checkers.ids().containsAll(List.of("numerical", "inclusion", "citation", "hierarchy")), checkers.ids().toString());
    assertEquals(10, checkers.ids().size(), checkers.ids().toString());
  }

  @Test
  void aServiceLoadedCheckerDecidesItsDimension(@TempDir Path tmp) throws IOException {
    Path taxonomy = SignOffDimension.write(tmp.resolve("taxonomy"), SignOffChecker.ID);
    Cli.Result valid = Cli.execute("validate", "--taxonomy=" + taxonomy, "--profile=src/test/resources/profiles/tiny.yaml");
    assertEquals(0, valid.code(), valid.out());
    // A taxonomy naming a checker nobody registered is caught with file:line.
    Path unknown = SignOffDimension.write(tmp.resolve("unknown"), "sign_off_lines");
    Cli.Result invalid = Cli.execute("validate", "--taxonomy=" + unknown);
    assertEquals(2, invalid.code());
    assertTrue(invalid.out().matches("(?s).*style\\.yaml:\\d+: unknown checker 'sign_off_lines'.*"), invalid.out());

    long before = SignOffChecker.VERDICTS.get();
    Path out = tmp.resolve("out");
    Cli.Result run = Cli.execute("run", "--profile=src/test/resources/profiles/tiny.yaml", "--taxonomy=" + taxonomy,
        "--dimensionWeights=sign_off=3000", "--output=" + out, "--quiet=true");
    assertEquals(0, run.code(), run.err());
    assertTrue(SignOffChecker.VERDICTS.get() > before, "the checker ran");

    List<TraceRecord> records = new ArrayList<>(SignOffDimension.records(out, "train"));
    records.addAll(SignOffDimension.records(out, "eval"));
    String method = "checker:" + SignOffChecker.ID;
    int passes = 0;
    int fails = 0;
    for (TraceRecord r : records) {
      for (Map.Entry<String, Judgement> j : r.judgements().entrySet()) {
        boolean own = j.getKey().equals(TraceRecord.Y1_X1) || j.getKey().equals(TraceRecord.Y2_X2);
        List<Constraint> cs = (j.getKey().endsWith("x1") ? r.x1() : r.x2()).constraints();
        for (Score s : j.getValue().scores()) {
          Constraint c = cs.get(s.constraint() - 1);
          if (!c.dimension().equals(SignOffDimension.ID)) {
            assertFalse(s.method().equals(method), "only sign_off constraints go to the checker");
            continue;
          }
          assertEquals(method, s.method(), r.id() + " " + j.getKey());
          if (own) {
            assertEquals(Score.FULL, s.score(), r.id());
            assertEquals("signs off with '" + c.param("closing") + "'", s.reason());
            passes++;
          } else if (s.score() == 0) {
            assertTrue(s.reason().startsWith("no sign-off '"), s.reason());
            fails++;
          }
        }
      }
    }
    assertTrue(passes >= records.size() / 3, passes + " checker passes in " + records.size() + " records");
    assertTrue(fails > 0, "a revised sign-off fails the other response, by the checker's verdict");
  }
}
