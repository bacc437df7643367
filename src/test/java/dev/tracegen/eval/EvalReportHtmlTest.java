package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class EvalReportHtmlTest {
  static EvalRun.Results results(String model, double score) {
    List<EvalResult> items = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = 1 + i % 3;
      List<String> constraints = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      List<JudgeVerdict.ConstraintScore> scores = new ArrayList<>();
      for (int c = 1; c <= n; c++) {
        constraints.add(c + ". c");
        labels.add(c == 1 ? "格式约束" : "语气风格约束");
        scores.add(new JudgeVerdict.ConstraintScore(c, score, "why"));
      }
      EvalItem item = new EvalItem(i, "i" + i, EvalItem.SYSTEM_PROMPT, "task <b>&", constraints, labels, "cat & <x>");
      items.add(EvalResult.of(item).withAnswer("a").judged(new JudgeVerdict(scores, score), "t"));
    }
    EvalScores s = EvalScores.of(items, l -> l.equals("格式约束") ? "format" : "style");
    return new EvalRun.Results("data.jsonl", "zh", model, "judge <m>", "abc", 0.1, 0, 0.8, "judge", s, null,
        JudgeCheckerAgreement.of(items), Map.of(), 12.5);
  }

  @Test
  void theReportIsWellFormedAndShowsEveryEvaluation() throws Exception {
    String html = EvalReportHtml.render(List.of(new EvalReportHtml.Entry("mine", results("model <a>", 9)),
        new EvalReportHtml.Entry("theirs & co", results("model b", 4))));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
    assertEquals("html", doc.getDocumentElement().getTagName());
    assertTrue(html.contains("model &lt;a&gt;") && html.contains("theirs &amp; co"), "escaped names");
    for (String section : List.of("IF-S and IF-M", "By constraint type", "By dimension", "By constraint count",
        "By category", "Figures")) {
      assertTrue(html.contains(">" + section + "<"), section);
    }
    assertTrue(html.contains("9.00") && html.contains("4.00"), "both evaluations' scores");
    assertTrue(!html.contains("<script") && !html.contains("href=") && !html.contains("src="), "self-contained");
  }
}
