package dev.tracegen.report;

import java.util.Locale;

/** Number and time formats shared by the report classes and the corpus commands. */
public final class Report {
  private Report() {}

  /** {@code 12,345}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 950}, {@code 12.3k}, {@code 4.56M}: short enough for a progress line. */
  static String human(long n) {
    if (n < 10_000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    if (n < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.2fG", n / 1e9);
  }

  /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
  public static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
