package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html renders in headless Chromium (Debian's {@code chromium} package): a tiny build, then
 * {@code scripts/render-report.sh}, which writes {@code report.png} under the output directory.
 * Skipped when {@code /usr/bin/chromium} is not installed ({@code apt-get install -y chromium}).
 */
class ReportRenderIT {
  @Test
  void reportRendersInHeadlessChromium(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is not installed");
    Path out = tmp.resolve("tiny");
    Cli.Result run = Cli.execute("run", "--profile=src/test/resources/profiles/tiny.yaml", "--output=" + out,
        "--reference=" + CorpusCommandsTest.REFERENCE, "--quiet=true");
    assertEquals(0, run.code(), run.err());

    Process p = new ProcessBuilder("bash", "scripts/render-report.sh", out.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), log);

    Path png = out.resolve("report.png");
    assertTrue(log.strip().endsWith(png.toAbsolutePath().toString()), log);
    assertTrue(Files.size(png) > 20_000, "a real page, not a blank one: " + Files.size(png) + " bytes");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    assertEquals(2000, image.getHeight());
    // Charts in several colours were drawn: count the distinct colours of a coarse sample.
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y) & 0xF0F0F0);
      }
    }
    assertTrue(colours.size() > 20, colours.size() + " colours");
    assertTrue(Screenshots.hasColour(image, 0x4269d0) && Screenshots.hasColour(image, 0xefb118)
        && Screenshots.hasColour(image, 0x3ca951), "train, eval and reference bars are on the page");
  }
}
