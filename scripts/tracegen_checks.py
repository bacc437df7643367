"""The checking core of tracegen's Python tools (Python 3 standard library only).

What a rule-checkable constraint requires (a Spec) and whether an answer meets it (check(spec,
Answer(text)) -> Verdict): words, sentences, paragraphs, lists, headings, bold, emoji, citations,
closing sentences in a script, JSON, Markdown tables and HTML documents, English and Chinese. It
shares no code with the pipeline. Two scripts use it: check-corpus.py, which reads each Spec back
from a constraint's text, and verify.py, which builds it from a verifiable.jsonl line's kwargs.
"""

import dataclasses
import functools
import html.parser
import json
import re
import unicodedata

CHECKER_DIMENSIONS = ("numerical", "output_format", "inclusion", "exclusion", "numbering_list",
                      "hierarchy", "multilingual", "text_pattern", "citation")

EMPTY_HEADINGS = "without content before the next heading or the end"


@dataclasses.dataclass(frozen=True)
class Spec:
    """What a constraint's text requires. kind is one of: words, sentences, paragraphs, items,
    numbered, bulleted, headings (with lo/hi bounds, None = open), emoji_min (lo), no_emoji, json,
    markdown_table, html, include, exclude, bold_keyword (term), no_bold, citations_min (lo),
    no_citations, closing_language / sentence_language (language, script), latin_language (a
    language a script test cannot tell apart: not rule-checkable)."""
    dimension: str
    kind: str
    lo: object = None
    hi: object = None
    term: str = ""
    language: str = ""
    script: str = ""


@dataclasses.dataclass
class Verdict:
    ok: bool
    detail: str



SCRIPT_RANGES = {
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f",
    "japanese": "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "devanagari": "\u0900-\u097f\ua8e0-\ua8ff",
    "hebrew": "\u0590-\u05ff\ufb1d-\ufb4f",
    "thai": "\u0e00-\u0e7f",
    "bengali": "\u0980-\u09ff",
    "tamil": "\u0b80-\u0bff",
    "georgian": "\u10a0-\u10ff",
    "armenian": "\u0530-\u058f",
}
# The zh taxonomy's Japanese: kana with the kanji written among them, but kana there must be, or a
# Chinese sentence would pass.
SCRIPT_RANGES["hiragana"] = SCRIPT_RANGES["japanese"]
SCRIPT_CHARS = {s: re.compile("[%s]" % r) for s, r in SCRIPT_RANGES.items()}
SCRIPT_OWN = {"hiragana": re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")}


def _char_class(test):
    """A regex character class of the BMP code points passing test, as ranges."""
    out, start, prev = [], None, None
    for cp in range(0x80, 0x10000):
        if test(cp):
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            out.append("%s-%s" % (re.escape(chr(start)), re.escape(chr(prev))) if prev > start else re.escape(chr(start)))
            start = None
    return "".join(out)


MARKS = _char_class(lambda cp: unicodedata.category(chr(cp))[0] == "M")
# Han and kana stand one word per character; the prolonged sound mark only lengthens the kana before it.
CJK_WORD = re.compile("[\u3040-\u309f\u30a0-\u30fb\u30fd-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                      "\uff66-\uff6f\uff71-\uff9f\U00020000-\U0003134f]")
WORD_CHAR = r"(?:[^\W_]|[%s])" % MARKS
WORD = re.compile(WORD_CHAR + r"+(?:(?:['\u2019\-\u2010\u2011]|(?<=\d)[.,](?=\d))" + WORD_CHAR + r"+)*")
LETTER = re.compile(r"[^\W\d_]")
# A run of sentence ends. Latin ones count only after text and before a space, a closer or the end;
# the CJK full stops and the Devanagari/Arabic ones end a sentence wherever they stand.
# Chinese also ends one with the full-width point (not after a list number), a double ellipsis "……",
# and a half-width ! or ? typed right before Han or kana ("好!我们").
CJK_TEXT = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
TERMINATOR = re.compile(r"[.!?\u2026]+(?=[\s\"'\u201d\u2019\u00bb)\]}\u300d\u300f\uff09*_]|$)"
                        r"|[\u3002\uff01\uff1f\uff0e\uff61\u0964\u0965\u061f\u06d4]+|\u2026{2,}|[!?]+(?=[%s])" % CJK_TEXT)
ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "prof", "st", "no", "approx", "fig", "al"}
# "1. " and "1) ", or before CJK text with no space; the Chinese forms 1、 １． （1） (1) 一、 （一） ① need none
# (at most three digits: "(2020)年" is prose).
ZH_ORDINAL = "\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341"
NUMBERED_ITEM = re.compile(r"^[ \t]*(?:\d{1,3}[.)](?:[ \t]+\S|(?=[%s\uff01-\uff5e\u3000-\u303f]))|\d{1,3}[\u3001\uff0e\uff09][ \t]*\S"
                           r"|[(\uff08](?:\d{1,3}|[%s]{1,3})[)\uff09][ \t]*\S|[%s]{1,4}\u3001[ \t]*\S|[\u2460-\u2473][ \t]*\S)"
                           % (CJK_TEXT, ZH_ORDINAL, ZH_ORDINAL))
# The ASCII bullets need a space after them; the others may touch CJK text ("•要点").
BULLETED_ITEM = re.compile(r"^[ \t]*(?:[-*+\u2022\u00b7\u2013][ \t]+\S|[\u2022\u00b7\u2013](?=[%s\uff01-\uff5e\u3000-\u303f]))"
                           % CJK_TEXT)
RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(\S.*?)[ \t#]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
# "[n] entry", and in Chinese answers "[n]作者" with no space, "［n］" or "【n】".
REFERENCE_ENTRY = re.compile(r"^[ \t]*(?:\[(?=\d{1,6}\](?:[ \t]+\S|[%s\uff01-\uff5e]))|[\uff3b\u3010](?=\d{1,6}[\uff3d\u3011][ \t]*\S))"
                             r"(\d{1,6})" % CJK_TEXT)
CITE_MARKER = re.compile(r"[\[\uff3b\u3010](\d{1,6}(?:\s*[,\uff0c\u3001\u2013-]\s*\d{1,6})*)[\]\uff3d\u3011]")
LABEL_LINE = re.compile(r"^[ \t]*#{0,6}[ \t]*([*_]{0,2})[ \t]*(references|bibliography|sources|works cited|citations"
                        r"|\u53c2\u8003\u6587\u732e|\u53c2\u8003\u8d44\u6599)[ \t]*[:\uff1a]?[ \t]*\1[ \t]*[:\uff1a]?[ \t]*$", re.I)
TABLE_SEPARATOR_CELL = re.compile(r"^\s*:?-{1,}:?\s*$")
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w])__(?=\S)(.+?)(?<=\S)__(?![\w])|<(b|strong)(?:\s[^>]*)?>(.*?)</\3\s*>",
                  re.I | re.S)
# With the two circled ideographs that are emoji (㊗ ㊙; the others are text) and the keycap mark of 1️⃣.
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2B1B\u2B1C\u2B05-\u2B07\u2934\u2935\u3030\u303D"
                   "\u3297\u3299\u20e3]")
# Parts of one emoji (skin tones, joiners, variation selectors) and the second flag letter.
EMOJI_JOIN = re.compile("[\U0001F3FB-\U0001F3FF]|\u200d[\U0001F000-\U0001FAFF\u2600-\u27BF]")
FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK_ELEMENTS = {"p", "div", "title", "table", "section", "header", "footer", "article", "main", "nav", "aside",
                  "blockquote", "pre", "figure", "dl", "form", "head", "body", "html", "ul", "ol"}



# ---------------------------------------------------------------------------- reading an answer

class HtmlReader(html.parser.HTMLParser):
    """Well-formedness (one <html> root, every element closed in order) and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problem, self.roots, self.out = [], None, 0, []
        self.lists = []
        self.stray_text = False

    def _fail(self, what):
        if self.problem is None:
            self.problem = what

    def _block(self):
        self.out.append("\n\n")

    def handle_starttag(self, tag, attrs):
        self._open(tag, void=tag in VOID_ELEMENTS)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, void=True)

    def _open(self, tag, void):
        if not self.stack:
            self.roots += 1
            if tag != "html" or self.roots > 1:
                self._fail("content outside a single <html> root: <%s>" % tag)
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        if tag == "li":
            self.out.append("\n" + "  " * max(0, len(self.lists) - 1))
            lst = self.lists[-1] if self.lists else [-1]
            if lst[0] >= 0:
                lst[0] += 1
            self.out.append("- " if lst[0] < 0 else "%d. " % lst[0])
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in ("br", "tr", "dt", "dd"):
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in BLOCK_ELEMENTS:
            self._block()
        elif tag in ("b", "strong"):
            self.out.append("**")
        if not void:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self._fail("</%s> closes %s" % (tag, "<%s>" % self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in ("b", "strong"):
            self.out.append("**")
        if re.fullmatch(r"h[1-6]", tag) or tag in BLOCK_ELEMENTS:
            self._block()

    def handle_data(self, data):
        if data.strip() and not self.stack:
            self._fail("text outside <html>: %r" % data.strip()[:30])
        if self.stack and self.stack[-1] in ("script", "style"):
            return
        self.out.append(re.sub(r"\s+", " ", data))

    def text(self):
        lines = [ln.strip() for ln in "".join(self.out).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def unfence_json(s):
    m = re.fullmatch(r"```[ \t]*(?:json)?[ \t]*\n(.*)\n[ \t]*```", s, re.S | re.I)
    return m.group(1).strip() if m else s


def _no_constant(name):
    raise ValueError("not JSON: " + name)


def json_strings(node, out):
    if isinstance(node, str):
        if node.strip():
            out.append(node)
    elif isinstance(node, dict):
        for v in node.values():
            json_strings(v, out)
    elif isinstance(node, list):
        for v in node:
            json_strings(v, out)
    return out


class Answer:
    """One response with its measurements, each computed once on first use."""

    def __init__(self, raw):
        self.raw = raw or ""

    @functools.cached_property
    def json(self):
        """(value, None) for a response that is exactly one JSON value (a ```json fence allowed), else (None, why)."""
        s = unfence_json(self.raw.strip())
        if not s.startswith(("{", "[")):
            return None, "does not start with { or ["
        try:
            return json.loads(s, parse_constant=_no_constant), None
        except ValueError as e:
            return None, "invalid JSON: %s" % str(e)[:60]

    @functools.cached_property
    def html(self):
        """(reader, None) for a response that parses as HTML at all; well-formedness is in reader.problem."""
        s = self.raw.strip()
        if not s.startswith("<") or not s.endswith(">"):
            return None
        reader = HtmlReader()
        try:
            reader.feed(s)
            reader.close()
        except Exception as e:  # the stdlib parser rejects very little; treat anything as malformed
            reader._fail(str(e))
        if reader.stack:
            reader._fail("unclosed <%s>" % reader.stack[-1])
        return reader

    @functools.cached_property
    def plain(self):
        """What a reader sees: a JSON answer's string values (blank-line separated), an HTML answer's text."""
        value, _ = self.json
        if isinstance(value, (dict, list)):
            return "\n\n".join(json_strings(value, []))
        if self.html is not None and re.match(r"<(?:!doctype|html|!--)", self.raw.strip(), re.I):
            return self.html.text()
        return self.raw

    @functools.cached_property
    def lines(self):
        """The plain text's lines outside fenced code."""
        out, fenced = [], False
        for line in self.plain.splitlines():
            if FENCE.match(line):
                fenced = not fenced
                out.append("")
            elif not fenced:
                out.append(line)
        return out

    @functools.cached_property
    def words(self):
        text = self.plain.replace("\u30fc", "").replace("\uff70", "")
        cjk = len(CJK_WORD.findall(text))
        return cjk + len(WORD.findall(CJK_WORD.sub(" ", text) if cjk else text))

    @functools.cached_property
    def sentence_ends(self):
        """Per line: its sentence-end offsets (none in headings, the References line or its entries)."""
        out = []
        for line in self.lines:
            if HEADING.match(line) or REFERENCE_ENTRY.match(line) or LABEL_LINE.match(line):
                out.append((line, []))
                continue
            ends = []
            for m in TERMINATOR.finditer(line):
                s = m.start()
                if m.group(0)[0] in ".!?\u2026":
                    if s == 0 or line[s - 1].isspace():
                        continue
                    j = s
                    while j > 0 and (line[j - 1].isalnum() or line[j - 1] in "._"):
                        j -= 1
                    word = line[j:s].lower()
                    if m.group(0) == "." and (word in ABBREVIATIONS or re.fullmatch(r"\d{1,3}", line[:s].strip())):
                        continue
                    if m.group(0) == "." and len(word) == 1 and word.isalpha() and s >= 2 and line[s - 2] == ".":
                        continue  # initials such as "J. R."
                elif m.group(0) == "\uff0e" and re.fullmatch(r"\d{1,3}", line[:s].strip()):
                    continue  # a list number such as "１．"
                ends.append(m.end())
            out.append((line, ends))
        return out

    @functools.cached_property
    def sentences(self):
        return sum(len(ends) for _, ends in self.sentence_ends)

    @functools.cached_property
    def paragraphs(self):
        count, prose = 0, False
        for line in self.lines + [""]:
            if not line.strip():
                count += prose
                prose = False
            elif not prose:
                prose = not (HEADING.match(line) or NUMBERED_ITEM.match(line) or BULLETED_ITEM.match(line)
                             or RULE.match(line) or line.lstrip().startswith("|") or REFERENCE_ENTRY.match(line)
                             or LABEL_LINE.match(line))
        return count

    @functools.cached_property
    def numbered_families(self):
        return [marker_family(ln) for ln in self.lines]

    @functools.cached_property
    def numbered(self):
        """Numbered items of the first item's marker family: in a Chinese outline the "1." points
        under "一、" are inside that item, not more items."""
        first = next((f for f in self.numbered_families if f), 0)
        return sum(1 for f in self.numbered_families if f and f == first)

    @functools.cached_property
    def numbered_lines(self):
        return sum(1 for f in self.numbered_families if f)

    @functools.cached_property
    def bulleted(self):
        return sum(1 for ln in self.lines if BULLETED_ITEM.match(ln) and not RULE.match(ln))

    @functools.cached_property
    def headings(self):
        """(headings, headings with no content before the next heading or the end)."""
        heads, empty, content = 0, 0, True
        for line in self.lines:
            if HEADING.match(line):
                empty += not content
                heads += 1
                content = False
            elif line.strip():
                content = True
        return heads, empty + (heads > 0 and not content)

    @functools.cached_property
    def bold_spans(self):
        return [next(g for g in (m.group(1), m.group(2), m.group(4)) if g is not None) for m in BOLD.finditer(self.raw)]

    @functools.cached_property
    def emoji(self):
        text = FLAG.sub("\U0001F3F4", self.plain)
        return len(EMOJI.findall(text)) - len(EMOJI_JOIN.findall(text))

    @functools.cached_property
    def references(self):
        """(cited numbers before the References line, listed entry numbers after it), or None without one."""
        lines = self.plain.split("\n")
        for i, line in enumerate(lines):
            if LABEL_LINE.match(line):
                cited = set()
                for m in CITE_MARKER.finditer("\n".join(lines[:i])):
                    for a, b in re.findall(r"(\d+)\s*[\u2013-]\s*(\d+)", m.group(1)):
                        if int(b) - int(a) < 100:
                            cited.update(range(int(a), int(b) + 1))
                    cited.update(int(n) for n in re.findall(r"\d+", m.group(1)))
                listed = {int(m.group(1)) for m in map(REFERENCE_ENTRY.match, lines[i + 1:]) if m}
                return cited, listed, i
        return None

    def closing_prose(self):
        """The prose without a trailing References block; in a table answer, the last row's last cell."""
        lines = self.plain.rstrip().split("\n")
        for i, line in enumerate(lines):
            if LABEL_LINE.match(line) and all(not ln.strip() or REFERENCE_ENTRY.match(ln) for ln in lines[i + 1:]):
                lines = lines[:i]
                break
        if lines and lines[-1].strip().startswith("|") and lines[-1].strip().endswith("|"):
            cells = [c.strip() for c in lines[-1].strip().strip("|").split("|")]
            cells = [c for c in cells if c]
            if cells:
                lines[-1] = cells[-1]
        return "\n".join(lines).rstrip()

    def sentences_of(self, text):
        """Sentence strings of text, split after each sentence end and at line breaks."""
        out = []
        for line in text.split("\n"):
            start = 0
            for m in TERMINATOR.finditer(line):
                out.append(line[start:m.end()])
                start = m.end()
            out.append(line[start:])
        return [s.strip() for s in out if s.strip()]


def marker_family(line):
    """0 for no numbered item, else its numbering: 1 arabic (1. 1) 1、 １．), 2 (1), 3 一、, 4 （一）, 5 ①."""
    if not NUMBERED_ITEM.match(line):
        return 0
    s = line.lstrip(" \t")
    if s[0] in "(\uff08":
        return 2 if s[1].isdigit() else 4
    if s[0].isdigit():
        return 1
    return 5 if "\u2460" <= s[0] <= "\u2473" else 3


@functools.lru_cache(maxsize=4096)
def term_pattern(term):
    """(the term's regex, whether it is a CJK term matched as a substring)."""
    key = re.escape(folded(term.strip()))
    key = key.replace(r"\ ", r"\s+").replace(r"\-", "[-\u2010\u2011 ]").replace("'", "['\u2019]")
    if CJK_WORD.search(term) or SCRIPT_CHARS["hangul"].search(term):
        return re.compile(key), True
    return re.compile(r"(?<![^\W_])" + key + r"(?:e?s)?(?![^\W_])"), False


@functools.lru_cache(maxsize=64)
def folded(text, cjk_as_space=False):
    """NFKC then case-folded, so that full-width ＡＩ and ２０２４ match AI and 2024. With cjk_as_space,
    Han and kana become spaces: next to a Latin word they are a word edge ("我喜欢cat。" mentions "cat")."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return CJK_WORD.sub(" ", text) if cjk_as_space else text


def mention(text, term):
    """term in text, ignoring case, as a whole word (a plural s/es allowed); CJK terms as substrings."""
    pattern, cjk = term_pattern(term)
    return pattern.search(folded(text, not cjk)) is not None


def script_share(sentence, script):
    letters = LETTER.findall(sentence)
    ours = len(SCRIPT_CHARS[script].findall(sentence))
    return ours, len(letters)


def in_script(sentence, script):
    ours, letters = script_share(sentence, script)
    own = SCRIPT_OWN.get(script)
    return ours >= 2 and ours * 2 >= letters and (own is None or len(own.findall(sentence)) >= 2)


def within(value, spec):
    return (spec.lo is None or value >= spec.lo) and (spec.hi is None or value <= spec.hi)


def bounds_text(spec):
    if spec.lo == spec.hi:
        return "exactly %d" % spec.lo
    if spec.hi is None:
        return "at least %d" % spec.lo
    if spec.lo is None:
        return "at most %d" % spec.hi
    return "%d-%d" % (spec.lo, spec.hi)


def markdown_table_problem(raw):
    rows = [ln.strip() for ln in raw.strip().split("\n")]
    if not rows or not rows[0]:
        return "empty"
    if any(not r for r in rows):
        return "a blank line: more than one table"
    for n, r in enumerate(rows, 1):
        if "|" not in r:
            return "line %d is not a table row" % n
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", r.strip("|"))] for r in rows]
    if len(rows) < 3:
        return "%d rows: needs a header, a separator and a data row" % len(rows)
    if not all(TABLE_SEPARATOR_CELL.match(c) for c in cells[1]):
        return "second row is not a separator row"
    for n, c in enumerate(cells, 1):
        if len(c) != len(cells[0]):
            return "row %d has %d cells, the header %d" % (n, len(c), len(cells[0]))
    return None


def check(spec, a):
    """Whether Answer a meets spec, read as a careful human would read the constraint."""
    k = spec.kind
    if k in ("words", "sentences", "paragraphs"):
        v = getattr(a, k)
        return Verdict(within(v, spec), "%d %s, needs %s" % (v, k, bounds_text(spec)))
    if k == "items":
        v = a.numbered_lines + a.bulleted
        return Verdict(within(v, spec), "%d list items, needs %s" % (v, bounds_text(spec)))
    if k in ("numbered", "bulleted"):
        v = getattr(a, k)
        return Verdict(within(v, spec), "%d %s items, needs %s" % (v, k, bounds_text(spec)))
    if k == "headings":
        v, empty = a.headings
        ok = within(v, spec) and not empty
        if within(v, spec) and empty:
            return Verdict(False, "%d headings, needs %s; %d %s" % (v, bounds_text(spec), empty, EMPTY_HEADINGS))
        return Verdict(ok, "%d headings, needs %s" % (v, bounds_text(spec)))
    if k == "emoji_min":
        return Verdict(a.emoji >= spec.lo, "%d emoji, needs at least %d" % (a.emoji, spec.lo))
    if k == "no_emoji":
        return Verdict(a.emoji == 0, "%d emoji, needs none" % a.emoji)
    if k == "no_bold":
        return Verdict(not a.bold_spans, "%d bold spans, needs none" % len(a.bold_spans))
    if k == "bold_keyword":
        ok = any(mention(s, spec.term) for s in a.bold_spans)
        return Verdict(ok, "%r %s in bold (%d bold spans)" % (spec.term, "is" if ok else "is not", len(a.bold_spans)))
    if k == "include":
        ok = mention(a.plain, spec.term)
        return Verdict(ok, "%s %r" % ("mentions" if ok else "does not mention", spec.term))
    if k == "exclude":
        found = mention(a.raw, spec.term) or mention(a.plain, spec.term)
        return Verdict(not found, "%s %r" % ("uses" if found else "avoids", spec.term))
    if k == "json":
        value, why = a.json
        want = dict if spec.term == "object" else list
        if value is None:
            return Verdict(False, why)
        return Verdict(isinstance(value, want), "a JSON %s" % type(value).__name__)
    if k == "markdown_table":
        why = markdown_table_problem(a.raw)
        return Verdict(why is None, why or "one well-formed table")
    if k == "html":
        s = a.raw.strip()
        reader = a.html
        if reader is None or not re.match(r"(?:<!doctype html[^>]*>\s*)?<html[\s>]", s, re.I):
            return Verdict(False, "does not start with <!DOCTYPE html> or <html>")
        return Verdict(reader.problem is None and reader.roots == 1,
                       reader.problem or "well-formed HTML document")
    if k == "citations_min":
        refs = a.references
        if refs is None:
            return Verdict(False, "no References: line")
        cited, listed, _ = refs
        missing = sorted(cited - listed)
        ok = len(cited) >= spec.lo and not missing
        return Verdict(ok, "%d cited, %d listed, needs at least %d%s" % (
            len(cited), len(listed), spec.lo, "; no entry for %s" % missing if missing else ""))
    if k == "no_citations":
        markers = len(CITE_MARKER.findall(a.plain))
        label = any(LABEL_LINE.match(ln) for ln in a.plain.split("\n"))
        return Verdict(markers == 0 and not label, "%d citation markers%s" % (markers, ", a reference list" if label else ""))
    if k == "closing_language":
        sentences = a.sentences_of(a.closing_prose())
        last = sentences[-1] if sentences else ""
        ours, letters = script_share(last, spec.script)
        return Verdict(in_script(last, spec.script), "closing sentence %r: %d of %d letters %s" % (
            last[-40:], ours, letters, spec.script))
    if k == "sentence_language":
        ok = any(in_script(s, spec.script) for s in a.sentences_of(a.plain))
        return Verdict(ok, "%s sentence in %s" % ("a" if ok else "no", spec.script))
    raise ValueError("no check for " + k)


# ---------------------------------------------------------------------------- the contract per record
