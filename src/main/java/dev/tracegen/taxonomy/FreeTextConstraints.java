package dev.tracegen.taxonomy;

import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a checker's parameters from a constraint written in words of its own, as the official TRACE
 * eval set's are ("回答不超过200字", "避免使用“革命性”一词", "以JSON格式输出", "Keep it under 150
 * words"): the length of the whole answer in characters or words, sentences or paragraphs, one
 * quoted term to include or to avoid, and a JSON or table answer. Only shapes that say exactly what
 * a checker checks are read; a limit on a part of the answer (each item, the title), an approximate
 * length, several quoted terms, or a term with a place of its own are left to a judge (null).
 */
final class FreeTextConstraints {
  private static final String NUMBER = "(\\d+|[零〇一二两三四五六七八九十百千]+)";
  // 字 as the unit of length, not the start of 字段 (field), 字符串, 字母, 字体 ...
  private static final String CHARS = "\\s*(?:个)?(?:汉)?字(?![段符母体典幕样号])";
  private static final String RANGE_SEP = "\\s*(?:到|至|-|~|～|—|–)\\s*";

  private static final Pattern ZH_RANGE = Pattern.compile(NUMBER + "(?:" + CHARS + ")?" + RANGE_SEP + NUMBER + CHARS);
  private static final Pattern ZH_COUNT_RANGE = Pattern.compile(
      "字数[^，。；,;\\d]{0,6}" + NUMBER + RANGE_SEP + NUMBER + "(?:" + CHARS + ")?\\s*之间");
  private static final Pattern ZH_MAX = Pattern.compile(
      "(?:不超过|不多于|不得超过|不能超过|不要超过|不应超过|不可超过|(?<!不|不得|不能|不应|不可)少于|控制在|限制在|限定在|最多|至多)\\s*"
          + NUMBER + CHARS);
  private static final Pattern ZH_MAX_AFTER = Pattern.compile(NUMBER + CHARS + "\\s*(?:以内|之内|以下)");
  private static final Pattern ZH_MIN = Pattern.compile(
      "(?:不少于|不低于|至少|最少|不得少于|不能少于|不应少于|(?<!不|不得|不能|不应|不可)多于)\\s*" + NUMBER + CHARS);
  private static final Pattern ZH_MIN_AFTER = Pattern.compile(NUMBER + CHARS + "\\s*以上");
  private static final Pattern ZH_SENTENCES_MAX = Pattern.compile(
      "(?:不超过|不多于|最多|至多|控制在)\\s*" + NUMBER + "\\s*(?:个)?句");
  private static final Pattern ZH_SENTENCES_MIN = Pattern.compile("(?:不少于|至少|最少)\\s*" + NUMBER + "\\s*(?:个)?句");
  private static final Pattern ZH_PARAGRAPHS = Pattern.compile(
      "(?:分为|分成|划分为|共|恰好|包含|写)\\s*" + NUMBER + "\\s*(?:个)?(?:自然)?段(?:落)?(?![^，。；]*(?:以上|以内|至少))");
  // Words of a part of the answer: a limit on one of them is not a limit on the answer.
  private static final Pattern PART = Pattern.compile(
      "每|各|标题|题目|摘要|名称|字段|标语|口号|开头|结尾|首句|第[一二三四五六七八九十\\d]|句子|段落的|段落中|引言|结论部分|简介|副标题"
          + "|一段|一句|包含|包括|左右|约|大概|大约|页"
          + "|(?i:\\beach\\b|\\bper\\b|\\btitle\\b|\\bheadline\\b|\\bsummary\\b|\\bfirst\\b|\\blast\\b)");

  private static final String EN_UNIT = "\\s+(words?|sentences?|paragraphs?)\\b";
  private static final Pattern EN_RANGE = Pattern.compile(
      "(?i)\\bbetween\\s+(\\d+)\\s+and\\s+(\\d+)" + EN_UNIT + "|\\b(\\d+)\\s*(?:-|–|to)\\s*(\\d+)" + EN_UNIT);
  private static final Pattern EN_MAX = Pattern.compile(
      "(?i)\\b(?:at most|no more than|not (?:to )?exceed(?:ing)?|fewer than|less than|under|maximum of|up to|within)\\s+(\\d+)"
          + EN_UNIT);
  private static final Pattern EN_MIN = Pattern.compile(
      "(?i)\\b(?:at least|no fewer than|no less than|more than|minimum of|over)\\s+(\\d+)" + EN_UNIT);
  private static final Pattern EN_EXACT_PARAGRAPHS = Pattern.compile("(?i)\\bexactly\\s+(\\d+)\\s+paragraphs?\\b");

  private static final Pattern QUOTED = Pattern.compile("[“\"「『‘]([^”\"」』’\\n]{1,24})[”\"」』’]");
  // One quoted term right after a verb of using or avoiding it, and nothing more about it: "须提及
  // “碳中和”", "不得出现“革命性”一词", "Do not use the word \"delve\"". A term with a place, a form
  // or a count of its own (its opening, its repetition, a field of a JSON object) is more than its
  // presence, which is all the keyword checkers check.
  private static final int MAX_KEYWORD_CONSTRAINT = 40;
  private static final String TERM = "\\s*[“\"「『]([^”\"」』\\n]{1,24})[”\"」』]\\s*";
  private static final String TERM_END = "(?:一词|这一术语|这个词|这一词语|字样|等字样|一语|\\s*(?:this|the)?\\s*(?:word|term|phrase))?"
      + "(?:anywhere|in the answer|in your answer|in the response)?\\s*[；;。.，,！!]?\\s*$";
  private static final Pattern INCLUDE_TERM = Pattern.compile(
      "(?:包含|包括|提及|提到|出现|使用|用到|含有)(?:关键词|关键字|词语|术语|短语|字样|一词|词)?" + TERM + TERM_END
          + "|(?i)\\b(?:include|mention|use)s?\\s+(?:the\\s+)?(?:word|term|phrase|keyword)?" + TERM + TERM_END);
  private static final Pattern EXCLUDE_TERM = Pattern.compile(
      "(?:不得|不要|不能|不可|不应|避免|禁止|严禁|切勿|勿)(?:在[^“\"「『]{0,8})?(?:使用|出现|包含|提及|提到|用到)?"
          + "(?:关键词|关键字|词语|术语|短语|字样|一词|词)?" + TERM + TERM_END
          + "|(?i)\\b(?:do not|don't|never|avoid)\\s+(?:use|using|write|writing|mention|mentioning|say|saying)?\\s*"
          + "(?:the\\s+)?(?:word|term|phrase)?" + TERM + TERM_END);
  private static final Pattern NEGATION = Pattern.compile(
      "不得|不要|不能|不可|不应|不允许|避免|禁止|严禁|切勿|勿|(?i:\\bnot\\b|\\bnever\\b|\\bavoid\\b|\\bwithout\\b|\\bdon't\\b)");

  private static final Pattern JSON = Pattern.compile("(?i)\\bjson\\b");
  private static final Pattern WHOLE_ANSWER_FORMAT = Pattern.compile(
      "格式|形式|输出|返回|回答|呈现|(?i:\\bformat|\\boutput|\\breturn|\\brespond|\\banswer)");
  private static final Pattern PART_OF_FORMAT = Pattern.compile(
      "示例|例子|字段|文件|配置|代码|解析|转换|读取|键|对象中|数组中|包含|函数|接口|API|(?i:\\bexample|\\bfield|\\bfile|\\bcode|\\bparse|\\bschema|\\bkey)");
  private static final Pattern TABLE = Pattern.compile(
      "^[^，,；;。:：]{0,10}?(?:应|需|须|要|请)?(?:以|用|采用|使用)(?:Markdown|markdown)?表格(?:的)?(?:形式|格式)?(?:呈现|展示|输出|给出|返回)?"
          + "(?:所有信息|全部内容)?\\s*[；;。.]?\\s*$"
          + "|(?i)^(?:present|format|return|give)\\s+(?:the|your)\\s+(?:whole\\s+|entire\\s+)?answer\\s+(?:as|in)\\s+a\\s+(?:markdown\\s+)?table\\W*$");

  private FreeTextConstraints() {}

  /** The dimension and checker parameters {@code text} asks for, or null when it says no such thing exactly. */
  static PhrasingMatch read(Taxonomy taxonomy, String text) {
    String t = normalise(text);
    Params length = length(t);
    if (length != null) {
      return match(taxonomy, "numerical", length);
    }
    Params format = format(t);
    if (format != null) {
      return match(taxonomy, "output_format", format);
    }
    if (t.length() <= MAX_KEYWORD_CONSTRAINT && quoted(t).size() == 1) {
      Matcher m = EXCLUDE_TERM.matcher(t);
      if (m.find()) {
        return match(taxonomy, "exclusion", Params.of("keyword", firstGroup(m)));
      }
      m = INCLUDE_TERM.matcher(t);
      if (m.find() && !NEGATION.matcher(t).find()) {
        return match(taxonomy, "inclusion", Params.of("keyword", firstGroup(m)));
      }
    }
    return null;
  }

  private static Params length(String t) {
    if (PART.matcher(t).find()) {
      return null;
    }
    Matcher m;
    if ((m = ZH_RANGE.matcher(t)).find() || (m = ZH_COUNT_RANGE.matcher(t)).find()) {
      return words(number(m.group(1)), number(m.group(2)));
    }
    int max = -1;
    int min = -1;
    if ((m = ZH_MAX.matcher(t)).find() || (m = ZH_MAX_AFTER.matcher(t)).find()) {
      max = number(m.group(1));
    }
    if ((m = ZH_MIN.matcher(t)).find() || (m = ZH_MIN_AFTER.matcher(t)).find()) {
      min = number(m.group(1));
    }
    if (min >= 0 || max >= 0) {
      return words(min, max);
    }
    if ((m = ZH_SENTENCES_MAX.matcher(t)).find()) {
      return metric("sentences", -1, number(m.group(1)));
    }
    if ((m = ZH_SENTENCES_MIN.matcher(t)).find()) {
      return metric("sentences", number(m.group(1)), -1);
    }
    if ((m = ZH_PARAGRAPHS.matcher(t)).find()) {
      int n = number(m.group(1));
      return metric("paragraphs", n, n);
    }
    if ((m = EN_RANGE.matcher(t)).find()) {
      return m.group(1) != null ? metric(unit(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
          : metric(unit(m.group(6)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
    }
    if ((m = EN_EXACT_PARAGRAPHS.matcher(t)).find()) {
      int n = Integer.parseInt(m.group(1));
      return metric("paragraphs", n, n);
    }
    if ((m = EN_MAX.matcher(t)).find()) {
      return metric(unit(m.group(2)), -1, Integer.parseInt(m.group(1)));
    }
    if ((m = EN_MIN.matcher(t)).find()) {
      return metric(unit(m.group(2)), Integer.parseInt(m.group(1)), -1);
    }
    return null;
  }

  private static Params format(String t) {
    if (PART_OF_FORMAT.matcher(t).find()) {
      return null;
    }
    if (JSON.matcher(t).find() && WHOLE_ANSWER_FORMAT.matcher(t).find()) {
      return Params.of("format", "json");
    }
    if (TABLE.matcher(t).find()) {
      return Params.of("format", "markdown_table");
    }
    return null;
  }

  /** The first group that took part in the match (each alternative of a pattern has its own). */
  private static String firstGroup(Matcher m) {
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g).strip();
      }
    }
    throw new IllegalStateException("no group in " + m.pattern());
  }

  private static List<String> quoted(String t) {
    List<String> out = new ArrayList<>();
    Matcher m = QUOTED.matcher(t);
    while (m.find()) {
      if (!m.group(1).isBlank()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static Params words(int min, int max) {
    return metric("words", min, max);
  }

  private static Params metric(String metric, int min, int max) {
    if (min < 0 && max < 0 || min > 0 && max > 0 && min > max || max == 0) {
      return null;
    }
    Params p = Params.of("metric", metric);
    if (min >= 0) {
      p = p.with("min", min);
    }
    if (max >= 0) {
      p = p.with("max", max);
    }
    return p;
  }

  private static String unit(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return w.startsWith("sentence") ? "sentences" : w.startsWith("paragraph") ? "paragraphs" : "words";
  }

  /** A dimension's match with the first of its phrasings (the writer and checkers read only its params). */
  private static PhrasingMatch match(Taxonomy taxonomy, String dimension, Params params) {
    Dimension d = taxonomy.dimension(dimension);
    if (params == null || d == null || d.phrasings().isEmpty() || !d.hasChecker()) {
      return null;
    }
    return new PhrasingMatch(d, d.phrasings().get(0), params);
  }

  /** Full-width digits and letters as ASCII, so one pattern reads both. */
  static String normalise(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c >= '０' && c <= '９' || c >= 'Ａ' && c <= 'Ｚ' || c >= 'ａ' && c <= 'ｚ' ? (char) (c - 0xFEE0) : c);
    }
    return sb.toString().strip();
  }

  /** A number in digits or in Chinese numerals up to the thousands (两百, 一千五百, 三十). */
  static int number(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    int total = 0;
    int digit = 0;
    for (char c : s.toCharArray()) {
      int v = c == '〇' ? 0 : c == '两' ? 2 : "零一二三四五六七八九".indexOf(c);
      if (v >= 0) {
        digit = v;
        continue;
      }
      int unit = c == '十' ? 10 : c == '百' ? 100 : c == '千' ? 1000 : 1;
      total += (digit == 0 && unit == 10 ? 1 : digit) * unit;
      digit = 0;
    }
    return total + digit;
  }
}
