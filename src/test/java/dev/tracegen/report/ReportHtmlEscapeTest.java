package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text in the report is HTML-escaped, and control characters that XML 1.0 forbids are dropped. */
class ReportHtmlEscapeTest {
  @Test
  void escapesMarkupAndDropsControlCharacters() {
    assertEquals("a&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39;\n\tend", HtmlCharts.escape("a<b> & \"q\" 's'\u0001\n\t\u001fend"));
    assertEquals("caf\u00e9 \u00a0\u0085 \u4e2d\u6587", HtmlCharts.escape("caf\u00e9 \u00a0\u0085 \u4e2d\u6587"));
  }
}
