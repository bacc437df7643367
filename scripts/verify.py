#!/usr/bin/env python3
"""Reference verifier of tracegen's verifiable.jsonl (Python 3 standard library only).

Scores a response against one line of verifiable.jsonl: every check of the line (func_name
"tracegen:<checker>" and its kwargs) is built into a requirement from its kwargs alone, never from
the constraint text, and decided by the checking core shared with check-corpus.py
(tracegen_checks.py). The line's "judge" constraints are not scored here: they need an LLM judge.
Format and kwargs per checker: docs/verifiable.md.

As a library (scripts/ on sys.path):

    from verify import score
    result = score(line, response)      # line: one parsed verifiable.jsonl line
    result["reward"]                    # fraction of the checks passed; None when the line has none
    result["all_passed"]                # every check passed (True when there are none)
    result["results"]                   # per check: index, func_name, passed, detail

Usage:
  scripts/verify.py VERIFIABLE.jsonl RESPONSES.jsonl
        score each response ({"id": <line id>, "response": <text>} per line) against its line;
        one JSON result per response on stdout, a summary on stderr
  scripts/verify.py --pairings CORPUS_DIR|VERIFIABLE.jsonl [--verdicts FILE]
        score the corpus's own responses in all four pairings of each record (y1|x1, y2|x2, y1|x2,
        y2|x1: response y against instruction x's checks); given a corpus directory, compare with
        the pipeline's checker verdicts recorded in its train shards; --verdicts writes every verdict
        as JSON lines

Exit status: 0 done, 1 a disagreement with the pipeline's recorded verdicts (--pairings), 2 bad
usage or input (the message names the file and line).
"""

import argparse
import collections
import glob
import gzip
import json
import os
import re
import sys

from tracegen_checks import Answer, Spec, check

PREFIX = "tracegen:"
PAIRINGS = (("y1", "x1"), ("y2", "x2"), ("y1", "x2"), ("y2", "x1"))
# The scripts the pipeline's multilingual checker knows that the shared core can read.
SCRIPTS = ("han", "hiragana", "hangul", "cyrillic", "greek", "arabic", "hebrew", "devanagari", "bengali",
           "armenian", "georgian")
INTEGER = re.compile(r"[+-]?[0-9]+")


class KwargsError(ValueError):
    """A missing or malformed kwarg: the check fails, as the pipeline's fail-closed checkers do."""


# ---------------------------------------------------------------------------- kwargs -> Spec
#
# Each reader mirrors what the pipeline's checker reads from its params (dev.tracegen.check).

def _text(kw, name):
    v = kw.get(name)
    s = "" if v is None else ("true" if v is True else "false" if v is False else str(v)).strip()
    if not s:
        raise KwargsError("missing param '%s'" % name)
    return s


def _one_of(kw, name, allowed):
    v = _text(kw, name)
    if v not in allowed:
        raise KwargsError("param '%s' must be one of %s, got '%s'" % (name, ", ".join(allowed), v))
    return v


def _count(kw, name, required=True):
    """A non-negative integer (a number or its digits as text); None when absent and not required."""
    v = kw.get(name)
    if v is None:
        if required:
            raise KwargsError("missing param '%s'" % name)
        return None
    n = -1
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        n = int(v) if float(v).is_integer() else -1
    elif isinstance(v, str) and INTEGER.fullmatch(v.strip()):
        n = int(v.strip())
    if not 0 <= n <= 2 ** 31 - 1:
        raise KwargsError("param '%s' must be a non-negative integer, got '%s'" % (name, v))
    return n


def _bounds(kw):
    lo, hi = _count(kw, "min", False), _count(kw, "max", False)
    if lo is None and hi is None:
        raise KwargsError("missing param 'min' or 'max'")
    if lo is not None and hi is not None and lo > hi:
        raise KwargsError("param 'min' %d exceeds 'max' %d" % (lo, hi))
    return lo, hi


def _numerical(kw):
    metric = _one_of(kw, "metric", ("words", "sentences", "paragraphs", "items"))
    return Spec("numerical", metric, *_bounds(kw))


def _output_format(kw):
    fmt = _one_of(kw, "format", ("json", "markdown_table", "html"))
    return Spec("output_format", fmt, term="object" if fmt == "json" else "")


def _numbering_list(kw):
    style = _one_of(kw, "style", ("numbered", "bulleted"))
    n = _count(kw, "count")
    return Spec("numbering_list", style, n, n)


def _hierarchy(kw):
    if "count" in kw:
        n = _count(kw, "count")
        return Spec("hierarchy", "headings", n, n)
    return Spec("hierarchy", "headings", *_bounds(kw))


def _text_pattern(kw):
    pattern = _one_of(kw, "pattern", ("bold_keyword", "no_bold", "emoji_min", "no_emoji"))
    if pattern == "bold_keyword":
        return Spec("text_pattern", pattern, term=_text(kw, "keyword"))
    if pattern == "emoji_min":
        return Spec("text_pattern", pattern, _count(kw, "count"))
    return Spec("text_pattern", pattern)


def _citation(kw):
    style = _one_of(kw, "style", ("numeric", "none"))
    if style == "numeric":
        return Spec("citation", "citations_min", _count(kw, "min"))
    return Spec("citation", "no_citations")


def _multilingual(kw):
    script = _text(kw, "script").lower()
    if script not in SCRIPTS:
        raise KwargsError("param 'script' must be a non-Latin script, one of %s, got '%s'"
                          % (", ".join(SCRIPTS), kw.get("script")))
    language = kw.get("language")
    return Spec("multilingual", "closing_language", language=language if isinstance(language, str) else "",
                script=script)


READERS = {
    "numerical": _numerical,
    "output_format": _output_format,
    "inclusion": lambda kw: Spec("inclusion", "include", term=_text(kw, "keyword")),
    "exclusion": lambda kw: Spec("exclusion", "exclude", term=_text(kw, "keyword")),
    "numbering_list": _numbering_list,
    "hierarchy": _hierarchy,
    "text_pattern": _text_pattern,
    "citation": _citation,
    "multilingual": _multilingual,
}
FUNC_NAMES = tuple(PREFIX + name for name in READERS)


def spec_of(func_name, kwargs):
    """The requirement a check states. ValueError for a func_name this verifier does not know;
    KwargsError for kwargs the check cannot run on."""
    if not isinstance(func_name, str) or not func_name.startswith(PREFIX) or func_name[len(PREFIX):] not in READERS:
        raise ValueError("unknown func_name %r (this verify.py knows %s)" % (func_name, ", ".join(FUNC_NAMES)))
    if not isinstance(kwargs, dict):
        raise KwargsError("kwargs must be an object, got %s" % type(kwargs).__name__)
    return READERS[func_name[len(PREFIX):]](kwargs)


# ---------------------------------------------------------------------------- scoring

def validate(line):
    """What is wrong with a parsed verifiable.jsonl line, or None."""
    if not isinstance(line, dict):
        return "a line must be a JSON object"
    checks = line.get("checks")
    if not isinstance(checks, list):
        return "no \"checks\" list"
    for n, c in enumerate(checks, 1):
        if not isinstance(c, dict) or not isinstance(c.get("index"), int) or "func_name" not in c:
            return "check %d has no integer \"index\" or no \"func_name\"" % n
        try:
            spec_of(c["func_name"], c.get("kwargs", {}))
        except KwargsError:
            pass  # a verdict (fail), not an input error
        except ValueError as e:
            return "check %d: %s" % (n, e)
    return None


def score(line, response):
    """Scores response (text) against every check of line (a parsed verifiable.jsonl line).

    Returns {"id", "results": [{"index", "func_name", "passed", "detail"}], "checked", "passed",
    "reward", "all_passed", "judge"}: reward is passed / checked (None when the line has no check),
    judge the positions of the constraints left to a judge. Raises ValueError for a malformed line.
    """
    problem = validate(line)
    if problem:
        raise ValueError("%s: %s" % (line.get("id", "?") if isinstance(line, dict) else "?", problem))
    answer = Answer(response) if isinstance(response, str) else None
    results = []
    for c in line["checks"]:
        if answer is None:
            ok, detail = False, "no response"
        else:
            try:
                verdict = check(spec_of(c["func_name"], c.get("kwargs", {})), answer)
                ok, detail = verdict.ok, verdict.detail
            except KwargsError as e:
                ok, detail = False, str(e)
        results.append({"index": c["index"], "func_name": c["func_name"], "passed": ok, "detail": detail})
    passed = sum(r["passed"] for r in results)
    return {
        "id": line.get("id"),
        "results": results,
        "checked": len(results),
        "passed": passed,
        "reward": passed / len(results) if results else None,
        "all_passed": passed == len(results),
        "judge": [j.get("index") for j in line.get("judge") or [] if isinstance(j, dict)],
    }


# ---------------------------------------------------------------------------- command line

class InputError(Exception):
    pass


def read_jsonl(path):
    """(line number, object) per non-blank line; InputError naming the file and line."""
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for n, text in enumerate(f, 1):
                if not text.strip():
                    continue
                try:
                    yield n, json.loads(text)
                except ValueError as e:
                    raise InputError("%s:%d: invalid JSON: %s" % (path, n, e))
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror or e))


def read_lines(path):
    lines = {}
    for n, obj in read_jsonl(path):
        problem = validate(obj)
        if problem is None and not isinstance(obj.get("id"), str):
            problem = "no string \"id\""
        if problem:
            raise InputError("%s:%d: %s" % (path, n, problem))
        if obj["id"] in lines:
            raise InputError("%s:%d: id %r appears twice" % (path, n, obj["id"]))
        lines[obj["id"]] = obj
    if not lines:
        raise InputError("%s: no lines" % path)
    return lines


def score_responses(lines_path, responses_path):
    lines = read_lines(lines_path)
    n = rewards = all_passed = unscored = 0
    for ln, obj in read_jsonl(responses_path):
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("response"), str):
            raise InputError("%s:%d: needs {\"id\": <a line id>, \"response\": <text>}" % (responses_path, ln))
        line = lines.get(obj["id"])
        if line is None:
            raise InputError("%s:%d: id %r is not in %s" % (responses_path, ln, obj["id"], lines_path))
        result = score(line, obj["response"])
        print(json.dumps(result, ensure_ascii=False))
        n += 1
        if result["reward"] is None:
            unscored += 1
        else:
            rewards += result["reward"]
            all_passed += result["all_passed"]
    scored = n - unscored
    print("verify: %d responses, %d with checks: mean reward %.4f, all checks passed %d; %d without a check"
          % (n, scored, rewards / scored if scored else 0.0, all_passed, unscored), file=sys.stderr)
    return 0


def pipeline_verdicts(corpus):
    """(record id, "y|x", index) -> passed, from the checker scores recorded in the train shards."""
    out = {}
    for shard in sorted(glob.glob(os.path.join(corpus, "train-*.jsonl.gz"))):
        for _, r in read_jsonl(shard):
            for pairing, j in (r.get("judgements") or {}).items():
                for s in (j or {}).get("scores") or []:
                    if str(s.get("method", "")).startswith("checker:"):
                        out[(r.get("id"), pairing, s.get("constraint"))] = s.get("score") == 10
    return out


def score_pairings(source, verdicts_path):
    corpus = source if os.path.isdir(source) else None
    lines = read_lines(os.path.join(source, "verifiable.jsonl") if corpus else source)
    records = collections.defaultdict(dict)
    for line in lines.values():
        records[line.get("record_id")][line.get("instruction")] = line
    recorded = pipeline_verdicts(corpus) if corpus else {}
    checked, passed = collections.Counter(), collections.Counter()
    compared, differ, examples = 0, 0, []
    out = open(verdicts_path, "w", encoding="utf-8") if verdicts_path else None
    try:
        for rid in sorted(records, key=str):
            pair = records[rid]
            if set(pair) != {"x1", "x2"}:
                raise InputError("record %r: needs an x1 and an x2 line, has %s" % (rid, sorted(pair, key=str)))
            for y, x in PAIRINGS:
                pairing = y + "|" + x
                result = score(pair[x], pair["x" + y[1]].get("response"))
                for r in result["results"]:
                    checked[pairing] += 1
                    passed[pairing] += r["passed"]
                    if out:
                        out.write(json.dumps({"record_id": rid, "pairing": pairing, "index": r["index"],
                                              "func_name": r["func_name"], "passed": r["passed"],
                                              "detail": r["detail"]}, ensure_ascii=False) + "\n")
                    theirs = recorded.get((rid, pairing, r["index"]))
                    if theirs is not None:
                        compared += 1
                        if theirs != r["passed"]:
                            differ += 1
                            if len(examples) < 10:
                                examples.append("%s %s #%d %s: pipeline %s, verify.py %s (%s)" % (
                                    rid, pairing, r["index"], r["func_name"], "pass" if theirs else "fail",
                                    "pass" if r["passed"] else "fail", r["detail"]))
    finally:
        if out:
            out.close()
    print("verify: %d records, %d lines" % (len(records), len(lines)))
    for y, x in PAIRINGS:
        p = y + "|" + x
        print("  %s: %d checks, %d pass, %d fail" % (p, checked[p], passed[p], checked[p] - passed[p]))
    print("  all pairings: %d checks" % sum(checked.values()))
    if corpus:
        print("  agreement with the pipeline's recorded checker verdicts: %d compared, %d disagree"
              % (compared, differ))
        for e in examples:
            print("    " + e)
    return 1 if differ else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description="Score responses against tracegen's verifiable.jsonl.")
    ap.add_argument("lines", nargs="?", help="verifiable.jsonl")
    ap.add_argument("responses", nargs="?", help="JSON lines {\"id\": <line id>, \"response\": <text>}")
    ap.add_argument("--pairings", metavar="CORPUS_DIR|VERIFIABLE", help="score the corpus's own responses, four pairings")
    ap.add_argument("--verdicts", metavar="FILE", help="with --pairings: write every verdict as JSON lines")
    args = ap.parse_args(argv)
    try:
        if args.pairings:
            if args.lines or args.responses:
                ap.error("--pairings takes no other file")
            return score_pairings(args.pairings, args.verdicts)
        if not (args.lines and args.responses):
            ap.error("give VERIFIABLE.jsonl and RESPONSES.jsonl, or --pairings")
        return score_responses(args.lines, args.responses)
    except InputError as e:
        print("verify.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
