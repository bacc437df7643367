package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.Persona;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile over real HTTP against {@code serve --persona=realistic}: the pipeline repairs
 * what real models get wrong and rejects the rest with a reason, and still meets its targets. JSON
 * object mode, as without a schema the persona's JSON habits show too.
 */
class ServePersonaIT {
  /**
   * Higher than the defaults for the habits that reject, so that each reason shows in a smoke-sized
   * run; the over-generation is raised to pay for them, as a build against such a model would.
   */
  static final String RATES = "refusal=0.02,wrongLanguage=0.02,truncate=0.1";

  @TempDir static Path tmp;

  @Test
  void smokeBuildAgainstTheRealisticPersonaMeetsItsTargets() throws Exception {
    Persona persona = Persona.of(Persona.REALISTIC_NAME, RATES);
    try (EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
        ServeCommand.model(Path.of("taxonomy"), 0, 0, persona))) {
      Path out = tmp.resolve("realistic");
      int code = ServeSmokeIT.cli(ServeSmokeIT.httpArgs(s, "--output=" + out, "--cacheDir=" + tmp.resolve("cache"),
          "--overgeneration=2", "--responseFormat=json_object"));
      assertEquals(0, code, ServeSmokeIT.lastCli);
      List<String> rejections = ServeSmokeIT.rejections(out);
      Map<String, Integer> reasons = new TreeMap<>();
      for (String r : rejections) {
        reasons.merge(r.substring(0, r.indexOf(' ')), 1, Integer::sum);
      }
      for (String expected : List.of("respond_y1/refusal", "respond_y1/wrong_language", "respond_y1/truncated")) {
        assertTrue(reasons.containsKey(expected), "no " + expected + " rejection among " + reasons);
      }
      assertTrue(rejections.stream().filter(r -> r.contains("/refusal ")).allMatch(r -> r.contains("sorry")
          || r.contains("apologize")), "a refusal's detail quotes it");
    }
  }
}
