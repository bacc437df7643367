package dev.tracegen.report;

import com.google.common.base.CharMatcher;
import com.google.common.html.HtmlEscapers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * What tracegen's self-contained HTML pages are made of ({@code report.html} of a build, of an
 * evaluation): a well-formed XHTML writer that always escapes, inline SVG with a tooltip on every
 * mark, horizontal bar charts, the palette and the style sheet. No script, no external URL.
 */
public final class HtmlCharts {
  /** The drawing width of every chart. */
  public static final int WIDTH = 1100;
  public static final String[] PALETTE = {"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7",
      "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"};

  private HtmlCharts() {}

  /** A headline figure: a label, its value and a note under it. */
  public static void kpi(Html h, String label, String value, String note) {
    h.open("div", "class", "kpi").open("div", "class", "label").text(label).close("div")
        .open("div", "class", "value").text(value).close("div")
        .open("div", "class", "note").text(note).close("div").close("div");
  }

  /** Horizontal bars: one row per label, one bar per series, scaled to the largest value. */
  public static void bars(Html h, List<String> labels, List<String> series, List<String> colors, double[][] values,
      long[][] counts, DoubleFunction<String> fmt) {
    int labelW = 260;
    int valueW = 90;
    int barH = series.size() > 2 ? 10 : series.size() == 2 ? 12 : 16;
    int rowH = series.size() * barH + (series.size() > 1 ? 8 : 4);
    int top = series.size() > 1 ? 30 : 8;
    int height = top + labels.size() * rowH + 8;
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    double area = WIDTH - labelW - valueW;
    Svg svg = new Svg(WIDTH, height, String.join(", ", series));
    if (series.size() > 1) {
      legend(svg, series, colors, labelW, 14);
    }
    for (int r = 0; r < labels.size(); r++) {
      double y = top + r * rowH;
      svg.text(labelW - 8, y + rowH / 2.0 + 2, labels.get(r), "end", "label");
      for (int s = 0; s < series.size(); s++) {
        double w = max == 0 ? 0 : area * values[r][s] / max;
        double by = y + 3 + s * barH;
        svg.rect(labelW, by, w, barH - 2, colors.get(s),
            labels.get(r) + " · " + series.get(s) + ": " + Report.count(counts[r][s]));
        svg.text(labelW + w + 4, by + barH - 3, fmt.apply(values[r][s]), "start", "val");
      }
    }
    h.raw(svg.toString());
  }

  static void legend(Svg svg, List<String> names, List<String> colors, double x, double y) {
    double at = x;
    for (int i = 0; i < names.size(); i++) {
      svg.rect(at, y - 10, 12, 12, colors.get(i), names.get(i));
      svg.text(at + 16, y, names.get(i), "start", "legend");
      at += 28 + 7.2 * names.get(i).length();
    }
  }

  public static List<String> paletteList(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PALETTE[i % PALETTE.length]);
    }
    return out;
  }

  // ---- XML writing -----------------------------------------------------------------------------

  private static final CharMatcher CONTROL = CharMatcher.inRange('\u0000', '\u001f').and(CharMatcher.noneOf("\n\t"));

  public static String escape(String s) {
    // Only characters XML 1.0 allows: a control character would make the page unparsable.
    return HtmlEscapers.htmlEscaper().escape(CONTROL.removeFrom(s));
  }

  /** A minimal well-formed XHTML writer: attributes and text are always escaped. */
  public static final class Html {
    private final StringBuilder b = new StringBuilder(64 * 1024);

    public Html open(String tag, String... attrs) {
      b.append('<').append(tag);
      for (int i = 0; i + 1 < attrs.length; i += 2) {
        b.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
      }
      b.append('>');
      return this;
    }

    public Html close(String tag) {
      b.append("</").append(tag).append('>');
      return this;
    }

    public Html text(String t) {
      b.append(escape(t));
      return this;
    }

    public Html raw(String s) {
      b.append(s);
      return this;
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }

  /** An inline SVG with a title (for screen readers) and tooltips on every mark. */
  static final class Svg {
    private final StringBuilder b = new StringBuilder();

    Svg(int w, int h, String title) {
      b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(h)
          .append("\" width=\"100%\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
    }

    void rect(double x, double y, double w, double h, String fill, String tip) {
      b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(0, w)))
          .append("\" height=\"").append(f(Math.max(0, h))).append("\" fill=\"").append(fill).append("\"><title>")
          .append(escape(tip)).append("</title></rect>\n");
    }

    void line(double x1, double y1, double x2, double y2, String cls) {
      b.append("<line class=\"").append(cls).append("\" x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1))
          .append("\" x2=\"").append(f(x2)).append("\" y2=\"").append(f(y2)).append("\"/>\n");
    }

    void text(double x, double y, String t, String anchor, String cls) {
      b.append("<text class=\"").append(cls).append("\" x=\"").append(f(x)).append("\" y=\"").append(f(y))
          .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(t)).append("</text>\n");
    }

    private static String f(double v) {
      return String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public String toString() {
      return b.append("</svg>\n").toString();
    }
  }

  public static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;",
      "  margin:0 auto;max-width:1180px;padding:24px 32px;color:#1d2330;background:#fafbfc}",
      "header h1{margin:0 0 4px;font-size:28px}",
      "header .sub{color:#5b6475;font-weight:400}",
      "p.meta{color:#5b6475;margin:0 0 16px;font-size:14px}",
      "section.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0;padding:0;background:none;border:none}",
      ".kpi{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:8px 14px;flex:1 1 140px}",
      ".kpi .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6475}",
      ".kpi .value{font-size:26px;font-weight:600}",
      ".kpi .note{font-size:12px;color:#5b6475}",
      "section{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:12px 20px;margin:16px 0}",
      "section h2{margin:4px 0 2px;font-size:20px}",
      "section h3{margin:10px 0 2px;font-size:15px;color:#3a4252}",
      "p.note{margin:0 0 8px;color:#5b6475;font-size:13px}",
      "svg{display:block;max-width:100%;height:auto}",
      "svg text{font-family:inherit;fill:#1d2330}",
      "svg .tick{font-size:12px;fill:#5b6475}",
      "svg .label{font-size:13px}",
      "svg .legend{font-size:13px}",
      "svg .val{font-size:10px;fill:#3a4252}",
      "svg .inbar{font-size:12px;fill:#fff;font-weight:600}",
      "svg .grid{stroke:#e3e6ec;stroke-width:1}",
      "svg .axis{stroke:#5b6475;stroke-width:1}",
      "table{border-collapse:collapse;margin:8px 0;font-size:13px}",
      "th,td{border-bottom:1px solid #e3e6ec;padding:3px 10px;text-align:left}",
      "td.n{text-align:right;font-variant-numeric:tabular-nums}",
      "footer{color:#5b6475;font-size:12px;margin-top:20px}");
}
