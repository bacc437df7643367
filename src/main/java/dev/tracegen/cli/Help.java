package dev.tracegen.cli;

import java.util.ArrayList;
import java.util.List;

/** Plain-text layout of the help pages: an option or example column, then wrapped text. */
public final class Help {
  /** Lines are wrapped to this width so that help reads in an 100-column terminal. */
  public static final int WIDTH = 100;
  private static final int COLUMN = 32;
  private static final char NBSP = '\u00a0';

  private Help() {}

  /** {@code "  --name=X   text..."}, the text wrapped under itself; a long name puts the text on the next line. */
  public static String item(String name, String text) {
    StringBuilder b = new StringBuilder("  ").append(name);
    List<String> lines = wrap(text, WIDTH - COLUMN);
    if (lines.isEmpty()) {
      return b.append('\n').toString();
    }
    if (b.length() + 2 > COLUMN) {
      b.append('\n').append(" ".repeat(COLUMN));
    } else {
      b.append(" ".repeat(COLUMN - b.length()));
    }
    b.append(String.join("\n" + " ".repeat(COLUMN), lines)).append('\n');
    return b.toString();
  }

  /** A blank line, then a paragraph wrapped to {@link #WIDTH}. */
  public static String paragraph(String text) {
    return "\n" + String.join("\n", wrap(text, WIDTH)) + "\n";
  }

  /** {@code text} with its spaces made unbreakable, so that wrapping keeps it on one line. */
  public static String unbroken(String text) {
    return text.replace(' ', NBSP);
  }

  /** An "Examples:" section: each command on its own line, indented. */
  public static String examples(String... commands) {
    StringBuilder b = new StringBuilder("\nExamples:\n");
    for (String c : commands) {
      b.append("  ").append(c).append('\n');
    }
    return b.toString();
  }

  /** An "Exit status:" section with one line per status. */
  public static String exitStatus(String... lines) {
    StringBuilder b = new StringBuilder("\nExit status:\n");
    for (String l : lines) {
      b.append("  ").append(l).append('\n');
    }
    return b.toString();
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    // Splits at ASCII whitespace only: an unbroken() phrase stays whole.
    for (String word : text.strip().split("[ \\t\\n]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    lines.replaceAll(l -> l.replace(NBSP, ' '));
    return lines;
  }
}
