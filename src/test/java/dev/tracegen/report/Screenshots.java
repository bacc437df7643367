package dev.tracegen.report;

import java.awt.image.BufferedImage;

/** Reading the screenshots that headless Chromium takes of tracegen's pages. */
public final class Screenshots {
  private Screenshots() {}

  /** Whether a pixel of exactly {@code rgb} is in the image (sampled every other pixel): a mark of that colour was drawn. */
  public static boolean hasColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
