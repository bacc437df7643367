package dev.tracegen.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Params;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code output_format}: the whole response is in {@code format}:
 *
 * <ul>
 *   <li>{@code json}: one JSON object (not an array), optionally in a {@code ```json} fence,
 *       nothing else;
 *   <li>{@code markdown_table}: every non-blank line is a row of one table, which has a header
 *       row, a separator row ({@code |---|:--:|}) and at least one data row, all with the same
 *       number of cells;
 *   <li>{@code html}: starts with {@code <!DOCTYPE html>} or {@code <html}, ends with {@code
 *       </html>}, and its tags nest properly (void elements and {@code />} tags need no end tag).
 * </ul>
 */
public final class OutputFormatChecker extends FailClosedChecker<String> {
  private static final Pattern DOCTYPE =
      Pattern.compile("<!doctype\\s+html\\b[^>]*>\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEPARATOR_CELL = Pattern.compile("\\s*:?-+:?\\s*");
  private static final Set<String> VOID_ELEMENTS =
      Set.of(
          "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
          "track", "wbr");

  @Override
  public String id() {
    return "output_format";
  }

  @Override
  String params(Params params) {
    return oneOf(params, "format", List.of("json", "markdown_table", "html"));
  }

  @Override
  CheckResult verify(String format, String response) {
    return switch (format) {
      case "json" -> json(response);
      case "markdown_table" -> markdownTable(response);
      default -> html(response.strip());
    };
  }

  private static CheckResult json(String response) {
    JsonNode node = TextMetrics.parseJson(response);
    if (node == null) {
      return verdict(false, "not a single JSON object");
    }
    // The phrasing asks for "a single valid JSON object": an array of them is not one.
    return verdict(node.isObject(), "valid JSON " + (node.isObject() ? "object" : "array"));
  }

  private static CheckResult markdownTable(String response) {
    List<List<String>> table = new ArrayList<>();
    int tables = 0;
    int lineNo = 0;
    for (String line : (response + "\n").split("\n", -1)) {
      lineNo++;
      String row = line.strip();
      if (!row.isEmpty() && row.charAt(0) != '|') {
        return verdict(false, "line " + lineNo + " is not a table row");
      }
      if (!row.isEmpty()) {
        table.add(cells(row));
      } else if (!table.isEmpty()) {
        String problem = tableProblem(table);
        if (problem != null) {
          return verdict(false, "table " + (tables + 1) + ": " + problem);
        }
        tables++;
        table.clear();
      }
    }
    // "Format the entire answer as a Markdown table": one table, not several.
    return verdict(
        tables == 1, tables == 0 ? "no table" : tables + " well-formed table(s), needs exactly 1");
  }

  /** What is wrong with a table, or {@code null}. */
  private static String tableProblem(List<List<String>> rows) {
    if (rows.size() < 3) {
      return rows.size() + " rows, needs a header, a separator and a data row";
    }
    for (String cell : rows.get(1)) {
      if (!SEPARATOR_CELL.matcher(cell).matches()) {
        return "second row is not a separator row";
      }
    }
    int width = rows.get(0).size();
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).size() != width) {
        return "row " + (i + 1) + " has " + rows.get(i).size() + " cells, header has " + width;
      }
    }
    return null;
  }

  /** The cells of a row that starts with {@code |}; the closing {@code |} is optional. */
  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < row.length(); i++) {
      char c = row.charAt(i);
      if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (!cell.toString().isBlank()) {
      cells.add(cell.toString());
    }
    return cells;
  }

  private static CheckResult html(String html) {
    Matcher doctype = DOCTYPE.matcher(html);
    int start = doctype.lookingAt() ? doctype.end() : 0;
    if (!html.regionMatches(true, start, "<html", 0, 5)) {
      return verdict(false, "does not start with <!DOCTYPE html> or <html>");
    }
    if (!html.regionMatches(true, html.length() - 7, "</html>", 0, 7)) {
      return verdict(false, "does not end with </html>");
    }
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TextMetrics.HTML_TOKEN.matcher(html);
    while (m.find()) {
      String name = m.group("name");
      if (name == null) {
        continue;
      }
      name = name.toLowerCase(Locale.ROOT);
      if (!m.group("close").isEmpty()) {
        if (!name.equals(open.peek())) {
          return verdict(
              false,
              "unexpected </"
                  + name
                  + ">"
                  + (open.isEmpty() ? "" : ", expected </" + open.peek() + ">"));
        }
        open.pop();
      } else if (!VOID_ELEMENTS.contains(name) && !m.group("attrs").endsWith("/")) {
        open.push(name);
      }
    }
    return open.isEmpty()
        ? verdict(true, "well-formed HTML document")
        : verdict(false, "unclosed <" + open.peek() + ">");
  }
}
