package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracegen.SmokeReference;
import dev.tracegen.TraceGen;
import dev.tracegen.report.Screenshots;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation's report.html renders in headless Chromium ({@code scripts/render-report.sh}), with
 * a second evaluation compared beside the first. Skipped when {@code /usr/bin/chromium} is missing
 * ({@code .ci/run} installs it).
 */
class EvalReportRenderIT {
  @Test
  void theReportOfTwoComparedEvaluationsRendersInHeadlessChromium(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is not installed");
    String data = SmokeReference.directory().resolve("trace_eval.jsonl").toString();
    Path faithful = tmp.resolve("faithful");
    Path sloppy = tmp.resolve("sloppy");
    assertEquals(0, TraceGen.execute(new String[] {"eval", "--data=" + data, "--output=" + faithful, "--quiet"}));
    assertEquals(0, TraceGen.execute(new String[] {"eval", "--data=" + data, "--output=" + sloppy, "--quiet",
        "--nonCompliance=0.5", "--scoring=both", "--compare=" + faithful}));
    String html = Files.readString(sloppy.resolve(EvalReportHtml.FILE));
    assertTrue(html.contains(">faithful<") && html.contains(">sloppy<"), "both evaluations are series");

    Process p = new ProcessBuilder("bash", "scripts/render-report.sh", sloppy.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), log);
    Path png = sloppy.resolve("report.png");
    assertTrue(Files.size(png) > 20_000, "a real page, not a blank one: " + Files.size(png) + " bytes");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    assertTrue(Screenshots.hasColour(image, 0x4269d0) && Screenshots.hasColour(image, 0xefb118),
        "bars of both evaluations are drawn");
  }
}
