#!/usr/bin/env python3
"""Independent verifier of a tracegen corpus directory (Python 3 standard library only).

It shares no code with the pipeline; it re-implements the documented definitions:

  counts        exactly the profile's target per split and constraint count (the profile's shape
                scaled to its total by largest remainder, ties to the smaller k), or --counts
  ids/splits    unique ids, each record in the shard of its split, no seed in both splits
  exact dups    no two records whose rendered x1 is the same after normalisation (NFKC, lower case,
                every run of characters that are not letters or digits -> one space)
  near dups     no pair of records (both splits together) whose shingle sets have an exact Jaccard
                similarity >= --threshold. Shingles: 3-word runs of the normalised rendered x1, or
                5-character runs (spaces dropped) when at least half its letters/digits are CJK. All
                pairs above the threshold are found exactly (prefix filtering: two sets with Jaccard
                >= t share a token among their first |x| - ceil(t|x|) + 1 rarest tokens; PPJoin's
                positional filter prunes the rest), so this check has no false negatives and does
                not rely on MinHash.
  n-gram overlap no train record whose instructions (x1 and x2) share a 13-word n-gram (26
                characters for CJK runs) with the task of an eval record's x1 (its description and
                input; its constraint lines are taxonomy phrasing). N-grams stay within one
                line, a leading list marker ("3.") is dropped; an n-gram found in records of more
                than --max-docs eval seeds is template phrasing and does not count (0: all count).
                --external FILE[,FILE] checks train against benchmark files the same way (a JSONL
                line's text field, see --field, or the plain line; one line is one document).
  constraints   every rule-checkable constraint (dimensions numerical, output_format, inclusion,
                exclusion, numbering_list, hierarchy, multilingual, text_pattern, citation), its
                parameters read from its text, never from its params: y1 meets all of x1's, y2 all of
                x2's; y1 fails at least one changed constraint of x2 (perturbation.changed) and y2 one
                of the x1 constraints x2 no longer carries, when those are all rule-checkable (else
                "not rule-checkable"); a params value the text does not say is a mismatch. Constraint
                text this cannot read is listed as unparsed; differences from the pipeline's checker
                verdicts are listed for information. Chinese builds (language: zh) are read the same
                way: constraint text with Han characters outside its quotes by Chinese cues (不超过,
                至少, 恰好, 不得, Chinese numerals), answers by Chinese conventions (one word per Han
                character, 。！？ sentence ends, 一、 and （1） list items, 【n】 citations, 参考文献).
                Details: docs/check-corpus.md.

Usage:
  scripts/check-corpus.py CORPUS_DIR --profile pipeline/trace.yaml [--threshold 0.8] [--max-docs 1]
      [--external src/test/resources/reference/trace/trace_eval_official.jsonl] [--details N] [--sample F]
  scripts/check-corpus.py CORPUS_DIR --counts 'train=1:991,2:8003 eval=1:192,2:96'
  scripts/check-corpus.py --self-test        (the constraint parsers and checks on fixed cases)

Prints a summary; exit status 0 when every check passes, 1 otherwise (2 for usage errors).
"""

import argparse
import collections
import dataclasses
import glob
import gzip
import hashlib
import json
import math
import os
import random
import re
import string
import sys
import time
import unicodedata
import zlib

from tracegen_checks import CHECKER_DIMENSIONS, EMPTY_HEADINGS, Answer, Spec, check

SHARD = re.compile(r"^(\w+)-(\d{5})-of-(\d{5})\.jsonl\.gz$")
LIST_MARKER = re.compile(r"^[ \t\n\x0b\f\r]*[0-9]{1,3}[ \t\n\x0b\f\r]*[.)\u3001\uff0e][ \t\n\x0b\f\r]*")
LINE_BREAKS = re.compile(r"\r\n|[\n\x0b\x0c\r\x85\u2028\u2029]")
DEFAULT_FIELDS = ["messages[-1].content", "instruction", "text", "prompt"]
ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")
CHECKS = ("counts", "ids", "exact", "near", "overlap", "constraints")


# ---------------------------------------------------------------------------- text definitions

# The rules of dev.tracegen.text.Tokens (NFKC then lower case, the CJK blocks, letters and decimal
# digits as word characters) and TextKeys.normalise, which keeps numbers of every kind (L and N).

def is_cjk(ch):
    cp = ord(ch)
    return (0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0x3400 <= cp <= 0x4DBF
            or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF66 <= cp <= 0xFF9F
            or 0x20000 <= cp <= 0x3134F)


def is_letter_or_digit(ch):
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat == "Nd"


def is_letter_or_number(ch):
    return unicodedata.category(ch)[0] in "LN"


def render(x):
    out = [x.get("description") or ""]
    for i, c in enumerate(x.get("constraints") or []):
        out.append("%d. %s" % (i + 1, c.get("text") or ""))
    text = "\n".join(out) + "\n"
    inp = x.get("input") or ""
    if inp.strip():
        text += "# Inputs:\n" + inp + "\n"
    return text


def normalise(text):
    if text.isascii():
        # NFKC leaves ASCII as it is, and its letters and numbers are exactly [a-z0-9] once lower-cased.
        return ASCII_NON_ALNUM.sub(" ", text.lower()).strip()
    return normalise_unicode(text)


def normalise_unicode(text):
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    space = False
    for ch in text:
        if is_letter_or_number(ch):
            out.append(ch)
            space = False
        elif not space:
            out.append(" ")
            space = True
    return "".join(out).strip()


def shingles(text, words_k, chars_k):
    norm = normalise(text)
    if not norm:
        return set()
    letters = [c for c in norm if is_letter_or_digit(c)]
    cjk = sum(1 for c in letters if is_cjk(c))
    if letters and cjk / len(letters) >= 0.5:
        chars = norm.replace(" ", "")
        if len(chars) <= chars_k:
            return {chars}
        return {chars[i:i + chars_k] for i in range(len(chars) - chars_k + 1)}
    words = norm.split(" ")
    if len(words) <= words_k:
        return {" ".join(words)}
    return {" ".join(words[i:i + words_k]) for i in range(len(words) - words_k + 1)}


def ngrams(text, word_n, char_n):
    """Line-bounded n-grams: word runs give word_n-grams, CJK runs char_n-grams."""
    out = set()
    for line in LINE_BREAKS.split(text):
        line = LIST_MARKER.sub("", unicodedata.normalize("NFKC", line).lower(), count=1)
        tokens = []  # (is_cjk, token)
        word = []
        for ch in line:
            if is_cjk(ch):
                if word:
                    tokens.append((False, "".join(word)))
                    word = []
                tokens.append((True, ch))
            elif is_letter_or_digit(ch):
                word.append(ch)
            elif word:
                tokens.append((False, "".join(word)))
                word = []
        if word:
            tokens.append((False, "".join(word)))
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and tokens[j][0] == tokens[i][0]:
                j += 1
            cjk = tokens[i][0]
            run = [t for _, t in tokens[i:j]]
            n = char_n if cjk else word_n
            for s in range(len(run) - n + 1):
                out.add(("c:" + "".join(run[s:s + n])) if cjk else ("w:" + " ".join(run[s:s + n])))
            i = j
    return out


# ---------------------------------------------------------------------------- inputs

def read_corpus(directory, keep=None):
    """The records of the shards, each passed through keep(record) when given (what later checks need)."""
    records = []
    problems = []
    names = sorted(os.listdir(directory))
    shards = [n for n in names if SHARD.match(n)]
    if not shards:
        problems.append("no shards (*-NNNNN-of-NNNNN.jsonl.gz) in " + directory)
    for name in shards:
        split = SHARD.match(name).group(1)
        with gzip.open(os.path.join(directory, name), "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                if r.get("split") != split:
                    problems.append("%s:%d: record %s says split %r" % (name, n, r.get("id"), r.get("split")))
                r["_split"] = split
                records.append(keep(r) if keep else r)
    return records, problems


def parse_profile_targets(path):
    """targets: {split: {total: N, shape: {k: w}}} from the small YAML subset the profiles use."""
    targets = {}
    split = None
    in_targets = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip())
            text = line.strip()
            if indent == 0:
                in_targets = text.startswith("targets:")
                split = None
                continue
            if not in_targets:
                continue
            m = re.match(r"^([A-Za-z_]\w*):\s*(.*)$", text)
            if not m:
                continue
            key, value = m.group(1), m.group(2)
            if value == "" and indent <= 2:
                split = key
                targets[split] = {"total": 0, "shape": {}}
            elif split and key == "total":
                targets[split]["total"] = int(value)
            elif split and key == "shape":
                body = value.strip().lstrip("{").rstrip("}")
                for part in body.split(","):
                    if part.strip():
                        k, w = part.split(":")
                        targets[split]["shape"][int(k)] = float(w)
    return {s: largest_remainder(t["total"], t["shape"]) for s, t in targets.items()}


def largest_remainder(total, shape):
    s = sum(shape.values())
    out = {}
    rema = []
    assigned = 0
    for k in sorted(shape):
        exact = total * shape[k] / s if s else 0.0
        fl = math.floor(exact)
        out[k] = fl
        assigned += fl
        rema.append((-(exact - fl), k))
    rema.sort()
    for i in range(total - assigned):
        out[rema[i % len(rema)][1]] += 1
    return {k: v for k, v in out.items() if v > 0}


def parse_counts(spec):
    targets = {}
    for part in spec.split():
        split, body = part.split("=", 1)
        targets[split] = {int(k): int(v) for k, v in (p.split(":") for p in body.split(",") if p)}
    return targets


def field_at(obj, path):
    cur = obj
    for part in path.split("."):
        m = re.match(r"^([^\[]*)((?:\[-?\d+\])*)$", part)
        if not m:
            return None
        key, idx = m.group(1), m.group(2)
        if key:
            cur = cur.get(key) if isinstance(cur, dict) else None
        for i in re.findall(r"-?\d+", idx):
            if not isinstance(cur, list) or not cur:
                return None
            i = int(i)
            cur = cur[i] if -len(cur) <= i < len(cur) else None
        if cur is None:
            return None
    return cur


def external_texts(path, field):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s:
                continue
            text = s
            if s.startswith("{"):
                try:
                    obj = json.loads(s)
                except ValueError:
                    obj = None
                if isinstance(obj, dict):
                    text = ""
                    for p in ([field] if field else DEFAULT_FIELDS):
                        v = field_at(obj, p)
                        if isinstance(v, str) and v.strip():
                            text = v
                            break
            if text:
                yield "%s:%d" % (os.path.basename(path), n), text


# ---------------------------------------------------------------------------- checks

def exact_key(r):
    """A 128-bit digest of the normalised rendered x1: a million records' keys fit in memory."""
    return hashlib.blake2b(normalise(render(r["x1"])).encode("utf-8"), digest_size=16).digest()


def slim(checks, sampled):
    """keep() for read_corpus: only what the chosen checks read, so a ten-times corpus fits in memory
    (the responses, judgements and lineage are most of a record)."""
    def keep(r):
        small = {"id": r.get("id"), "seed_id": r.get("seed_id"), "_split": r["_split"],
                 "_k": len((r.get("x1") or {}).get("constraints") or [])}
        if "exact" in checks:
            small["_exact"] = exact_key(r)
        if "constraints" in checks and sampled(r):
            r.update(small)
            return r
        if "near" in checks or "overlap" in checks:
            small["x1"] = r.get("x1")
        if "overlap" in checks:
            small["x2"] = r.get("x2")
        return small
    return keep


def check_counts(records, targets):
    got = collections.defaultdict(collections.Counter)
    for r in records:
        got[r["_split"]][r["_k"]] += 1
    problems = []
    lines = []
    for split in sorted(set(targets) | set(got)):
        want = targets.get(split, {})
        have = got.get(split, collections.Counter())
        bad = [k for k in sorted(set(want) | set(have)) if want.get(k, 0) != have.get(k, 0)]
        lines.append("  %-5s %7d records (target %d), %d strata%s" % (
            split, sum(have.values()), sum(want.values()), len(want), "" if not bad else ", MISMATCH"))
        for k in bad:
            problems.append("%s k=%d: %d records, target %d" % (split, k, have.get(k, 0), want.get(k, 0)))
    return lines, problems


def check_ids(records):
    problems = []
    ids = collections.Counter(r["id"] for r in records)
    problems += ["duplicate id %s (%d times)" % (i, n) for i, n in ids.items() if n > 1]
    seeds = collections.defaultdict(set)
    for r in records:
        seeds[r["seed_id"]].add(r["_split"])
    both = sorted(s for s, sp in seeds.items() if len(sp) > 1)
    problems += ["seed %s is in both splits" % s for s in both[:20]]
    return problems


def check_exact(records):
    seen = {}
    problems = []
    for r in records:
        key = r["_exact"]
        if key in seen:
            problems.append("exact duplicate: %s and %s" % (seen[key], r["id"]))
        else:
            seen[key] = r["id"]
    return problems


def near_pairs(records, threshold, words_k, chars_k):
    """All pairs with exact Jaccard >= threshold: PPJoin (Xiao et al. 2008), i.e. prefix filtering
    with positional filtering over tokens ordered rarest first, then an exact Jaccard per candidate.
    Two sets with Jaccard >= t share a token among their first |x| - ceil(t|x|) + 1 tokens, so no
    pair above the threshold is missed."""
    sets = []
    freq = collections.Counter()
    for r in records:
        s = {hash(t) for t in shingles(render(r["x1"]), words_k, chars_k)}
        sets.append(s)
        freq.update(s)
    encoded = [sorted(s, key=lambda tok: (freq[tok], tok)) for s in sets]
    del freq
    frozen = [frozenset(s) for s in sets]
    del sets
    order = sorted(range(len(records)), key=lambda i: (len(encoded[i]), i))
    index = collections.defaultdict(list)  # token -> [(record, position)]
    pairs = []
    compared = 0
    ratio = 2 * threshold / (1 + threshold)
    for i in order:
        x = encoded[i]
        size = len(x)
        if not size:
            continue
        probe = size - math.ceil(threshold * size - 1e-9) + 1
        indexed = size - math.ceil(ratio * size - 1e-9) + 1
        overlap = {}
        for px in range(probe):
            for j, py in index.get(x[px], ()):
                sy = len(encoded[j])
                if sy < threshold * size - 1e-9:
                    continue
                need = math.ceil(threshold / (1 + threshold) * (size + sy) - 1e-9)
                have = overlap.get(j, 0)
                if have < 0:
                    continue
                if have + 1 + min(size - px - 1, sy - py - 1) >= need:
                    overlap[j] = have + 1
                else:
                    overlap[j] = -1
            if px < indexed:
                index[x[px]].append((i, px))
        fx = frozen[i]
        for j, have in overlap.items():
            if have <= 0:
                continue
            compared += 1
            sy = len(encoded[j])
            common = len(fx & frozen[j])
            jac = common / (size + sy - common)
            if jac >= threshold - 1e-12:
                pairs.append((jac, records[j]["id"], records[i]["id"]))
    return pairs, compared


def check_overlap(records, word_n, char_n, max_docs, externals, field):
    ref = collections.defaultdict(set)  # gram -> eval seeds
    origin = {}
    for r in records:
        if r["_split"] == "eval":
            task = (r["x1"].get("description") or "") + "\n" + (r["x1"].get("input") or "")
            for g in ngrams(task, word_n, char_n):
                ref[g].add(r["seed_id"])
                origin.setdefault(g, r["id"])
    counted = {g for g, docs in ref.items() if max_docs <= 0 or len(docs) <= max_docs}
    template = len(ref) - len(counted)
    ext = collections.defaultdict(set)
    for path in externals:
        for where, text in external_texts(path, field):
            for g in ngrams(text, word_n, char_n):
                ext[g].add(where)
    ext_counted = {g for g, docs in ext.items() if max_docs <= 0 or len(docs) <= max_docs}
    problems = []
    hit_eval = 0
    hit_ext = 0
    for r in records:
        if r["_split"] != "train":
            continue
        text = render(r["x1"]) + "\n" + render(r["x2"] or {"description": ""})
        grams = ngrams(text, word_n, char_n)
        e = grams & counted
        if e:
            hit_eval += 1
            g = min(e)
            if len(problems) < 20:
                problems.append("train %s shares %r with eval %s" % (r["id"], g[2:], origin[g]))
        x = grams & ext_counted
        if x:
            hit_ext += 1
            g = min(x)
            if len(problems) < 40:
                problems.append("train %s shares %r with %s" % (r["id"], g[2:], sorted(ext[g])[0]))
    return (len(ref), template, len(ext), len(ext) - len(ext_counted), hit_eval, hit_ext), problems

# ---------------------------------------------------------------------------- constraint re-check
#
# Every rule-checkable constraint is re-read from its text (never from the record's params), then
# checked on the responses with this file's own definitions of words, sentences, lists and formats.
# The params are only compared with what the text says.
# The checking core (Spec, Answer, check) is scripts/tracegen_checks.py, shared with verify.py.

PAIRINGS = ("y1|x1", "y2|x2", "y1|x2", "y2|x1")

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90, "hundred": 100, "dozen": 12, "single": 1, "once": 1, "twice": 2})
NUMBER_WORD = re.compile(r"\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|"
                         r"five|six|seven|eight|nine)|a (dozen)|(%s))\b" % "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)))
QUOTED = re.compile(r"\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|\u00ab\s*([^\u00bb]+?)\s*\u00bb|\u300c([^\u300d]+)\u300d"
                    r"|(?:^|(?<=\s))'([^']+)'(?=[\s.,;:!?)]|$)|\u2018([^\u2019]+)\u2019")
# "no fewer than 2" bounds a number and forbids nothing; "leave X out" forbids X.
NEGATION = re.compile(r"\b(?:do not|don't|dont|never|no(?! (?:fewer|more|less) than)|not(?! (?:fewer|more|less) than)"
                      r"|without|avoid|avoiding|refrain|omit|exclude|free of|nor|leave out)\b")
LEAVE_OUT = r"\bleave\b[^.;]*?(?:%s)[^.;]*?\bout\b"
INT = r"(\d{1,7})"
BETWEEN = re.compile(r"\bbetween\s+" + INT + r"\s+(?:and|to)\s+" + INT + r"|\bfrom\s+" + INT + r"\s+(?:to|through)\s+"
                     + INT + r"|(?<![\d\[])" + INT + r"\s*(?:-|\u2013|\u2014|to)\s*" + INT + r"(?![\d\]])")
LOWER = re.compile(r"\b(?:at least|no fewer than|not fewer than|no less than|not less than|(?:a )?minimum of|min\.?|"
                   r"(?<!no )(?<!not )(?:more|greater) than|over)\s+" + INT + r"|" + INT + r"\s+(?:\w+\s+){0,3}?or more\b")
UPPER = re.compile(r"\b(?:at most|no more than|not more than|up to|(?:a )?maximum of|max\.?|(?<!no )(?<!not )(?:fewer|less) than|under|"
                   r"(?:does not|do not|doesn't|don't|not|never|without) exceed(?:ing)?|not exceeding|within|below|"
                   r"(?:limit|cap|keep)(?:ed|s)?(?: \w+){0,3} (?:to|at))\s+" + INT
                   + r"|" + INT + r"\s+(?:\w+\s+){0,3}?or (?:fewer|less)\b")
EXACT = re.compile(r"\b(?:exactly|precisely|just)\s+" + INT)
STRICT_LOWER = re.compile(r"\b(?:more|greater) than|\bover\b")
STRICT_UPPER = re.compile(r"\b(?:fewer|less) than|\bunder\b")
LANGUAGES = {
    "chinese": "han", "mandarin": "han", "cantonese": "han", "japanese": "japanese", "korean": "hangul",
    "russian": "cyrillic", "ukrainian": "cyrillic", "bulgarian": "cyrillic", "serbian": "cyrillic",
    "greek": "greek", "arabic": "arabic", "persian": "arabic", "farsi": "arabic", "urdu": "arabic",
    "hindi": "devanagari", "marathi": "devanagari", "nepali": "devanagari", "sanskrit": "devanagari",
    "hebrew": "hebrew", "thai": "thai", "bengali": "bengali", "tamil": "tamil", "georgian": "georgian",
    "armenian": "armenian",
    # Scripts named directly ("in Cyrillic script").
    "han": "han", "cyrillic": "cyrillic", "hangul": "hangul", "devanagari": "devanagari",
}
LATIN_LANGUAGES = ("french", "spanish", "german", "italian", "portuguese", "dutch", "swedish", "norwegian",
                   "danish", "polish", "czech", "turkish", "indonesian", "vietnamese", "latin", "finnish", "english")

def numbers_as_digits(text):
    def repl(m):
        if m.group(1):
            return str(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)])
        if m.group(3):
            return "12"
        return str(NUMBER_WORDS[m.group(4)])
    return NUMBER_WORD.sub(repl, text)


def quoted_term(text):
    """(the first quoted phrase, or the word after "the word/term", and where it starts) or ("", len)."""
    for m in QUOTED.finditer(text):
        term = next(g for g in m.groups() if g is not None).strip().strip(".,;:")
        if term:
            return term, m.start()
    m = re.search(r"\b(?:word|term|phrase|keyword)s?\s+([\w'\u2019-]+(?:\s[\w'\u2019-]+)?)\b", text)
    return (m.group(1), m.start(1)) if m else ("", len(text))


def parse_bounds(t):
    """(lo, hi) from cue phrases in lower-case text with digits; None bounds are open; None if no number."""
    t = re.sub(r"\[\d+\]", " ", t)  # "such as [1]" is an example, not a count
    lo = hi = None
    m = BETWEEN.search(t)
    if m:
        a, b = [int(g) for g in m.groups() if g is not None]
        return min(a, b), max(a, b)
    m = EXACT.search(t)
    if m:
        return int(m.group(1)), int(m.group(1))
    for m in LOWER.finditer(t):
        v = int(m.group(1) or m.group(2))
        lo = v + 1 if m.group(1) and STRICT_LOWER.match(m.group(0)) else v
    for m in UPPER.finditer(t):
        v = int(m.group(1) or m.group(2))
        hi = v - 1 if m.group(1) and STRICT_UPPER.match(m.group(0)) else v
    if lo is not None or hi is not None:
        return lo, hi
    found = re.findall(r"(?<![\w.\[])(\d{1,7})(?![\w\]])", t)
    if len(found) == 1:
        return int(found[0]), int(found[0])
    return None


def parse_constraint(dimension, text):
    """The Spec a constraint's text states, or None when the text carries no cue this reads."""
    if is_chinese_text(text):
        return parse_constraint_zh(dimension, text)
    t = numbers_as_digits(unicodedata.normalize("NFKC", text).lower())
    t = t.replace("\u2019", "'")
    # Quoted words are the constraint's content (a keyword may be "avoid"), never its negation.
    tq = re.sub(r'"[^"]*"|\u201c[^\u201d]*\u201d|\u300c[^\u300d]*\u300d', " ", t)
    neg = lambda cue: bool(re.search(NEGATION.pattern + r"[^.;]*?(?:" + cue + ")", tq) or re.search(LEAVE_OUT % cue, tq))
    if dimension == "numerical":
        m = re.search(r"\b(words?|sentences?|paragraphs?|(?:list )?items?|bullet(?: point)?s?|points?)\b", t)
        bounds = parse_bounds(t)
        if not m or not bounds:
            return None
        metric = m.group(1)
        metric = ("words" if metric.startswith("word") else "sentences" if metric.startswith("sentence")
                  else "paragraphs" if metric.startswith("paragraph") else "items")
        return Spec(dimension, metric, *bounds)
    if dimension == "numbering_list":
        style = ("numbered" if re.search(r"\b(?:numbered|ordered|enumerated|numerical)\b", t)
                 else "bulleted" if re.search(r"\b(?:bullet(?:ed)?s?|unordered|bullet-point)\b", t) else None)
        bounds = parse_bounds(t)
        return Spec(dimension, style, *bounds) if style and bounds else None
    if dimension == "hierarchy":
        bounds = parse_bounds(t)
        if re.search(r"\b(?:headings?|headers?|sections?|titles?)\b", t) and bounds:
            return Spec(dimension, "headings", *bounds)
        return None
    if dimension == "text_pattern":
        if re.search(r"\bemoj(?:i|is)\b|\bemoticons?\b", t):
            if neg(r"emoj|emoticon"):
                return Spec(dimension, "no_emoji")
            bounds = parse_bounds(t)
            return Spec(dimension, "emoji_min", bounds[0] if bounds[0] is not None else bounds[1]) if bounds else None
        if re.search(r"\bbold(?:face|ed)?\b", t):
            term, _ = quoted_term(text)
            if term and not neg("bold"):
                return Spec(dimension, "bold_keyword", term=term)
            if not term and neg("bold"):
                return Spec(dimension, "no_bold")
        return None
    if dimension == "citation":
        if not re.search(r"\bcit(?:e|es|ed|ing|ations?)\b|\breferences?\b|\bsources?\b|\bfootnotes?\b", t):
            return None
        if neg(r"cit|reference|source|footnote"):
            return Spec(dimension, "no_citations")
        bounds = parse_bounds(t)
        if bounds and (bounds[0] or bounds[1]):
            return Spec(dimension, "citations_min", bounds[0] if bounds[0] is not None else bounds[1])
        return None
    if dimension in ("inclusion", "exclusion"):
        term, start = quoted_term(text)
        if not term:
            return None
        # Only the words before the term: a term such as "no-code" is not a negation.
        negative = bool(NEGATION.search(numbers_as_digits(text[:start].lower()).replace("\u2019", "'")))
        return Spec(dimension, "exclude" if negative else "include", term=term)
    if dimension == "multilingual":
        where = "closing_language" if re.search(r"\b(?:clos(?:e|ing)|final|finish\w*|last|end(?:ing|s)?|conclud\w*|wrap\w* up|sign\w* off)\b", t) \
            else "sentence_language"
        for lang, script in LANGUAGES.items():
            if re.search(r"\b%s\b" % lang, t):
                return Spec(dimension, where, language=lang, script=script)
        for lang in LATIN_LANGUAGES:
            if re.search(r"\b%s\b" % lang, t):
                return Spec(dimension, "latin_language", language=lang, script="latin")
        return None
    if dimension == "output_format":
        if re.search(r"\bjson\b", t):
            return Spec(dimension, "json", term="array" if re.search(r"\barray\b", t) and "object" not in t else "object")
        if re.search(r"\btable\b", t):
            return Spec(dimension, "markdown_table")
        if re.search(r"\bhtml\b", t):
            return Spec(dimension, "html")
        return None
    return None


# ---------------------------------------------------------------------------- Chinese constraint text
#
# The zh taxonomy (taxonomy/zh/*.yaml) phrases the same dimensions in Chinese: no spaces, no word
# edges, negation and bounds as short cue words (不超过, 至少, 恰好, 不得), numbers in digits or
# Chinese numerals. Text with Han characters outside its quotes is read here; the Spec is the same.

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
ZH_QUOTES = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d|\u300c[^\u300d]*\u300d|\u300e[^\u300f]*\u300f')
ZH_QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d|\u300c([^\u300d]+)\u300d|\u300e([^\u300f]+)\u300f')
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
# A Chinese numeral counts only before a measure word or metric ("三段", "十二个"); "第一", "每一段",
# "一些" and "一行" are no counts. 点 is left out ("简洁一点" is "a bit"), and 级 (二级标题 is a level).
ZH_NUMERAL = re.compile(r"(?<![第每唯统同之])([零〇一二两三四五六七八九十百千]+)(?=\s*(?:个|字|句|段|项|条|处|次|章|节|部分))")
ZH_INT = r"(\d{1,7})"
ZH_GAP = r"[^\d,;:。]{0,6}?"  # a few words between a cue and its number ("至少写", "不超过")
ZH_MODAL = r"(?:得|能|应该|应当|应|可|要|宜|该|会)?"
ZH_NOT = r"(?:不|勿|别|没有|没)"
# Negated comparisons are bounds, not prohibitions: 不少于 (at least), 不超过 (at most), 不到 (under).
ZH_NOT_FEWER = ZH_NOT + ZH_MODAL + r"(?:少于|低于|小于|短于)"
ZH_NOT_MORE = ZH_NOT + ZH_MODAL + r"(?:超过|多于|超出|高于|大于|长于)"
ZH_BETWEEN = re.compile(
    ZH_INT + r"\s*个?\s*[字句段项条处]?\s*(?:至(?!少)|到|~|-|\u2013|\u2014)\s*" + ZH_INT
    + r"|介于\s*" + ZH_INT + r"\D{0,4}?(?:和|与|及|至|到)\s*" + ZH_INT
    + r"|" + ZH_INT + r"\s*(?:和|与)\s*" + ZH_INT + r"\S{0,3}?之间")
ZH_EXACT = re.compile(r"(?:恰好|正好|刚好|恰恰|整整|恰为|精确|准确|确切|不多不少)地?" + ZH_GAP + ZH_INT)
ZH_LOWER = re.compile(r"(?:" + ZH_NOT_FEWER + r"|至少|最少|起码|最低|下限为?)"
                      + ZH_GAP + ZH_INT + r"|" + ZH_INT + r"\s*个?[^\d,;。]{0,4}?(?:或以上|及以上|以上|或更多)")
ZH_UPPER = re.compile(r"(?:" + ZH_NOT_MORE + r"|至多|最多|顶多|上限为?|最高)"
                      + ZH_GAP + ZH_INT + r"|" + ZH_INT + r"\s*个?[^\d,;。]{0,4}?(?:以内|之内|或以下|及以下|以下|或更少|为限)")
# Bare comparisons, read once the negated ones are blanked: 多于/超过 A is A+1, 少于/不到 A is A-1.
ZH_STRICT_LOWER = re.compile(r"(?:多于|超过|超出|高于|大于)" + ZH_GAP + ZH_INT)
ZH_STRICT_UPPER = re.compile(r"(?:少于|低于|小于|不到|不足)" + ZH_GAP + ZH_INT)
# Prohibitions; 不妨 (might as well), 不仅, 不同, 不论 and 特别, 分别, 区别 are none.
ZH_NEGATION = re.compile(r"不(?![妨仅同断错止论管过久])|禁止|避免|勿|(?<![特分区类级识告辨差个])别|严禁|无需|无须|省去|去掉"
                         r"|删去|杜绝|拒绝|没有")
ZH_METRICS = {"字": "words", "句": "sentences", "段": "paragraphs", "项": "items", "条": "items", "点": "items"}
ZH_LANGUAGES = {
    "中文": "han", "汉语": "han", "普通话": "han", "粤语": "han", "日语": "hiragana", "日文": "hiragana",
    "韩语": "hangul", "韩文": "hangul", "朝鲜语": "hangul", "俄语": "cyrillic", "俄文": "cyrillic",
    "乌克兰语": "cyrillic", "保加利亚语": "cyrillic", "塞尔维亚语": "cyrillic", "希腊语": "greek", "希腊文": "greek",
    "阿拉伯语": "arabic", "阿拉伯文": "arabic", "波斯语": "arabic", "乌尔都语": "arabic", "印地语": "devanagari",
    "马拉地语": "devanagari", "尼泊尔语": "devanagari", "梵语": "devanagari", "希伯来语": "hebrew", "泰语": "thai",
    "孟加拉语": "bengali", "泰米尔语": "tamil", "格鲁吉亚语": "georgian", "亚美尼亚语": "armenian",
}
# Latin-script languages cannot be told apart by script: not rule-checkable, as in English.
ZH_LATIN_LANGUAGES = ("英语", "英文", "法语", "西班牙语", "德语", "意大利语", "葡萄牙语", "荷兰语", "瑞典语", "挪威语",
                      "丹麦语", "波兰语", "捷克语", "土耳其语", "印尼语", "印度尼西亚语", "越南语", "拉丁语", "芬兰语")


def zh_number(s):
    """The value of a Chinese numeral: 三 3, 十二 12, 二十 20, 一百二十 120, 一二〇 120."""
    if not any(c in ZH_UNITS for c in s):
        return int("".join(str(ZH_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in ZH_DIGITS:
            digit = ZH_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * ZH_UNITS[c]
            digit = None
    return total + (digit or 0)


def is_chinese_text(text):
    """Han characters outside the quoted content: a Chinese phrasing (an English one may quote a Chinese keyword)."""
    return bool(HAN.search(ZH_QUOTES.sub(" ", text)))


def zh_normalise(text):
    """NFKC (full-width digits and punctuation to ASCII), lower case, counted Chinese numerals as digits."""
    t = unicodedata.normalize("NFKC", text).lower()
    return ZH_NUMERAL.sub(lambda m: str(zh_number(m.group(1))), t)


def zh_parse_bounds(t, units):
    """(lo, hi) from Chinese cues in zh_normalise'd text; None without a number. A lone number right
    before one of units (a regex) is exact, as in "分为3段"."""
    t = re.sub(r"\[\d+\]", " ", t)  # "如[1]" is an example, not a count
    t = re.sub("每[^,;。]*", " ", t)  # "每节一个标题" counts per part, not the parts
    m = ZH_BETWEEN.search(t)
    if m:
        a, b = [int(g) for g in m.groups() if g is not None]
        return min(a, b), max(a, b)
    m = ZH_EXACT.search(t)
    if m:
        return int(m.group(1)), int(m.group(1))
    lo = hi = None
    for m in ZH_LOWER.finditer(t):
        lo = int(m.group(1) or m.group(2))
    for m in ZH_UPPER.finditer(t):
        hi = int(m.group(1) or m.group(2))
    rest = ZH_UPPER.sub(" ", ZH_LOWER.sub(" ", t))
    for m in ZH_STRICT_LOWER.finditer(rest):
        lo = int(m.group(1)) + 1
    for m in ZH_STRICT_UPPER.finditer(rest):
        hi = int(m.group(1)) - 1
    if lo is not None or hi is not None:
        return lo, hi
    found = {int(n) for n in re.findall(r"(\d{1,7})\s*个?[^\d,;:。]{0,3}?(?:%s)" % units, t)}
    if len(found) == 1:
        v = found.pop()
        return v, v
    return None


def zh_negated(t):
    """A prohibition in t (quotes and bound cues such as 不少于 already taken out)."""
    return bool(ZH_NEGATION.search(re.sub(ZH_NOT_FEWER + "|" + ZH_NOT_MORE + r"|不到|不足", " ", t)))


def zh_quoted_term(text):
    """(the first quoted phrase, where it starts, where it ends) or ("", len, len)."""
    for m in ZH_QUOTED.finditer(text):
        term = next(g for g in m.groups() if g is not None).strip().strip(".,;:。\uff0c\uff1b\uff1a")
        if term:
            return term, m.start(), m.end()
    return "", len(text), len(text)


def parse_constraint_zh(dimension, text):
    """parse_constraint for a Chinese phrasing."""
    t = zh_normalise(text)
    tq = ZH_QUOTES.sub(" ", t)  # quoted words are content, never cues
    if dimension == "numerical":
        bounds = zh_parse_bounds(tq, "[字句段项条]")
        if not bounds:
            return None
        metric = None
        # The unit after a number ("12个完整的句子", "180字") says what is counted.
        for m in re.finditer(r"\d+([^\d,;:。()\[\]]{0,6})", tq):
            unit = next((c for c in m.group(1) if c in ZH_METRICS), None)
            if unit:
                metric = ZH_METRICS[unit]
                break
        if metric is None:
            for cue, name in (("列表项", "items"), ("要点", "items"), ("字", "words"),
                              ("句", "sentences"), ("段", "paragraphs")):
                if cue in tq:
                    metric = name
                    break
        return Spec(dimension, metric, *bounds) if metric else None
    if dimension == "numbering_list":
        style = ("bulleted" if re.search("项目符号|无序|圆点|符号列表", tq)
                 else "numbered" if re.search("编号|有序|序号|数字列表", tq) else None)
        bounds = zh_parse_bounds(tq, "[项条点]")
        return Spec(dimension, style, *bounds) if style and bounds else None
    if dimension == "hierarchy":
        if re.search("标题|小节|章节|部分", tq):
            bounds = zh_parse_bounds(tq, "(?:markdown)?\\s*(?:小?标题|小?节|部分)")
            return Spec(dimension, "headings", *bounds) if bounds else None
        return None
    if dimension == "text_pattern":
        if re.search("表情|emoji|颜文字", tq):
            bounds = zh_parse_bounds(tq, "(?:表情|emoji)")
            if bounds and (bounds[0] or bounds[1]):
                return Spec(dimension, "emoji_min", bounds[0] if bounds[0] is not None else bounds[1])
            return Spec(dimension, "no_emoji") if zh_negated(tq) else None
        if re.search("加粗|粗体", tq):
            term, _, _ = zh_quoted_term(text)
            if term and not zh_negated(tq):
                return Spec(dimension, "bold_keyword", term=term)
            if not term and zh_negated(tq):
                return Spec(dimension, "no_bold")
        return None
    if dimension == "citation":
        if not re.search("引用|参考文献|参考资料|出处|来源|脚注|文献", t):
            return None
        if zh_negated(tq):
            return Spec(dimension, "no_citations")
        bounds = zh_parse_bounds(tq, "(?:处|条|个|篇)")
        if bounds and (bounds[0] or bounds[1]):
            return Spec(dimension, "citations_min", bounds[0] if bounds[0] is not None else bounds[1])
        return None
    if dimension in ("inclusion", "exclusion"):
        term, start, end = zh_quoted_term(text)
        if not term:
            return None
        # Chinese may put the prohibition after the word ("“X”一词不得出现"); the word itself never counts.
        negative = zh_negated(zh_normalise(text[:start])) or zh_negated(ZH_QUOTES.sub(" ", zh_normalise(text[end:])))
        return Spec(dimension, "exclude" if negative else "include", term=term)
    if dimension == "multilingual":
        where = "closing_language" if re.search("末尾|结尾|结束|最后|收尾|结语|落款", tq) else "sentence_language"
        for lang in sorted(ZH_LANGUAGES, key=len, reverse=True):
            if lang in tq:
                return Spec(dimension, where, language=lang, script=ZH_LANGUAGES[lang])
        for lang in ZH_LATIN_LANGUAGES:
            if lang in tq:
                return Spec(dimension, "latin_language", language=lang, script="latin")
        return None
    if dimension == "output_format":
        if "json" in tq:
            return Spec(dimension, "json", term="array" if "数组" in tq and "对象" not in tq else "object")
        if "表格" in tq:
            return Spec(dimension, "markdown_table")
        if "html" in tq:
            return Spec(dimension, "html")
        return None
    return None


def param_mismatches(spec, params):
    """(field, text says, params say) for each parameter the text and the params disagree on."""
    p = params if isinstance(params, dict) else {}
    out = []

    def num(key):
        v = p.get(key)
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    def same(field, said, stored):
        if said != stored:
            out.append((field, said, stored))

    def bounds(lo_key="min", hi_key="max"):
        same("min", spec.lo if spec.lo else None, num(lo_key) if num(lo_key) else None)
        same("max", spec.hi, num(hi_key))

    def term(key="keyword"):
        stored = p.get(key)
        same(key, spec.term.casefold(), stored.strip().casefold() if isinstance(stored, str) else stored)

    d, k = spec.dimension, spec.kind
    if d == "numerical":
        same("metric", k, p.get("metric"))
        bounds()
    elif d == "numbering_list":
        same("style", k, p.get("style"))
        same("count", (spec.lo, spec.hi), (num("count"), num("count")))
    elif d == "hierarchy":
        if "count" in p:
            same("count", (spec.lo, spec.hi), (num("count"), num("count")))
        else:
            bounds()
    elif d == "text_pattern":
        same("pattern", k, p.get("pattern"))
        if k == "bold_keyword":
            term()
        if k == "emoji_min":
            same("count", spec.lo, num("count"))
    elif d == "citation":
        same("style", "numeric" if k == "citations_min" else "none", p.get("style"))
        if k == "citations_min":
            same("min", spec.lo, num("min"))
    elif d in ("inclusion", "exclusion"):
        same("polarity", k, "include" if d == "inclusion" else "exclude")
        term()
    elif d == "multilingual":
        if "script" in p or k != "latin_language":
            stored = p.get("script")
            same("script", spec.script, stored.casefold() if isinstance(stored, str) else stored)
        if isinstance(p.get("language"), str):
            same("language", spec.language, p["language"].casefold())
    elif d == "output_format":
        same("format", k, p.get("format"))
    return out


@dataclasses.dataclass
class ConstraintReport:
    records: int = 0
    parsed: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    unparsed: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    checked: collections.Counter = dataclasses.field(default_factory=collections.Counter)  # pairing -> constraints
    passed: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    cross_ok: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    not_checkable: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    violations: collections.Counter = dataclasses.field(default_factory=collections.Counter)  # kind -> n
    mismatches: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    disagreements: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    examples: dict = dataclasses.field(default_factory=lambda: collections.defaultdict(list))
    seconds: float = 0.0

    def example(self, kind, text, limit):
        if len(self.examples[kind]) < limit:
            self.examples[kind].append(text)


class ConstraintChecker:
    def __init__(self, details, sample=1.0):
        self.details = max(details, 3)
        self.sampled = "" if sample >= 1 else ", a %g sample" % sample
        self.report = ConstraintReport()
        self._specs = {}

    def spec(self, c):
        """The constraint's Spec; None for a judge-scored dimension or unparsed text."""
        dim = c.get("dimension")
        if dim not in CHECKER_DIMENSIONS:
            return None
        text = c.get("text") or ""
        key = (dim, text)
        if key not in self._specs:
            try:
                self._specs[key] = parse_constraint(dim, text)
            except Exception:  # a paraphrase this cannot read is reported, never fatal
                self._specs[key] = None
        return self._specs[key]

    def note_constraint(self, rid, where, c, spec):
        r = self.report
        dim = c.get("dimension")
        if dim not in CHECKER_DIMENSIONS:
            return
        if spec is None:
            r.unparsed[dim] += 1
            r.example("unparsed " + dim, "%s %s: %r" % (rid, where, c.get("text")), self.details)
            return
        r.parsed[dim] += 1
        for field, said, stored in param_mismatches(spec, c.get("params")):
            kind = "text/params mismatch %s.%s" % (dim, field)
            r.mismatches[kind] += 1
            r.example(kind, "%s %s %r: text says %r, params say %r" % (rid, where, c.get("text"), said, stored),
                      self.details)

    def verdict(self, spec, answer):
        if spec.kind == "latin_language":
            return None
        return check(spec, answer)

    def run(self, r):
        rep = self.report
        rep.records += 1
        rid = r.get("id")
        xs = {"x1": (r.get("x1") or {}).get("constraints") or [], "x2": (r.get("x2") or {}).get("constraints") or []}
        answers = {"y1": Answer(r.get("y1")), "y2": Answer(r.get("y2"))}
        specs = {x: [self.spec(c) for c in cs] for x, cs in xs.items()}
        for x, cs in xs.items():
            for i, (c, s) in enumerate(zip(cs, specs[x]), 1):
                self.note_constraint(rid, "%s#%d" % (x, i), c, s)
        verdicts = {}

        def judged(y, x, i):
            key = (y, x, i)
            if key not in verdicts:
                s = specs[x][i - 1]
                verdicts[key] = None if s is None else self.verdict(s, answers[y])
            return verdicts[key]

        for y, x in (("y1", "x1"), ("y2", "x2")):
            pairing = y + "|" + x
            for i, c in enumerate(xs[x], 1):
                v = judged(y, x, i)
                if v is None:
                    continue
                rep.checked[pairing] += 1
                if v.ok:
                    rep.passed[pairing] += 1
                else:
                    kind = "%s fails %s" % (pairing, c.get("dimension"))
                    if v.detail.endswith(EMPTY_HEADINGS):
                        kind += " (a heading without content)"
                    rep.violations[kind] += 1
                    rep.example(kind, "%s %s#%d %r: %s" % (rid, x, i, c.get("text"), v.detail), self.details)
        x1_texts = [c.get("text") for c in xs["x1"]]
        x2_texts = {c.get("text") for c in xs["x2"]}
        stated = (r.get("perturbation") or {}).get("changed") or []
        if any(not isinstance(i, int) or not 1 <= i <= len(xs["x2"]) for i in stated):
            kind = "perturbation.changed names no constraint of x2"
            rep.violations[kind] += 1
            rep.example(kind, "%s: changed %s, x2 has %d constraints" % (rid, stated, len(xs["x2"])), self.details)
        changed = {
            "y1|x2": [i for i in stated if isinstance(i, int) and 1 <= i <= len(xs["x2"])],
            "y2|x1": [i for i, t in enumerate(x1_texts, 1) if t not in x2_texts],
        }
        for pairing, positions in changed.items():
            y, x = pairing.split("|")
            rep.checked[pairing] += 1
            ruled = [(i, judged(y, x, i)) for i in positions]
            ruled = [(i, v) for i, v in ruled if v is not None]
            if any(not v.ok for _, v in ruled):
                rep.cross_ok[pairing] += 1
            elif not positions:
                kind = "%s has no changed constraint" % pairing
                rep.violations[kind] += 1
                rep.example(kind, "%s: perturbation %s" % (rid, r.get("perturbation")), self.details)
            elif len(ruled) == len(positions):
                kind = "%s meets every changed constraint" % pairing
                rep.violations[kind] += 1
                rep.example(kind, "%s %s: %s" % (rid, pairing, "; ".join(
                    "%s#%d %r: %s" % (x, i, xs[x][i - 1].get("text"), v.detail) for i, v in ruled)), self.details)
            else:
                rep.not_checkable[pairing] += 1
        # Where the pipeline's own checker decided a constraint, compare; informational only.
        for pairing, j in (r.get("judgements") or {}).items():
            y, x = pairing.split("|")
            for s in (j or {}).get("scores") or []:
                if not str(s.get("method", "")).startswith("checker:"):
                    continue
                i = s.get("constraint")
                if not isinstance(i, int) or not 1 <= i <= len(xs.get(x, [])):
                    continue
                v = judged(y, x, i)
                if v is None or v.ok == (s.get("score") == 10):
                    continue
                kind = "%s: pipeline %s, this check %s" % (s.get("method"), "pass" if s.get("score") == 10 else "fail",
                                                           "pass" if v.ok else "fail")
                rep.disagreements[kind] += 1
                rep.example(kind, "%s %s %s#%d %r: %s (pipeline: %s)" % (
                    rid, pairing, x, i, xs[x][i - 1].get("text"), v.detail, s.get("reason")), self.details)

    def summary(self, details):
        r = self.report
        out = ["constraint re-check (%d records%s, %.0f s):" % (r.records, self.sampled, r.seconds),
               "  rule-checkable constraints read from their text (x1 and x2), per dimension:"]
        for d in CHECKER_DIMENSIONS:
            if r.parsed[d] or r.unparsed[d]:
                out.append("    %-15s %7d parsed, %d unparsed" % (d, r.parsed[d], r.unparsed[d]))
        for p in PAIRINGS[:2]:
            out.append("  %s: %d constraint checks, %d pass, %d violations" % (
                p, r.checked[p], r.passed[p], sum(n for k, n in r.violations.items() if k.startswith(p))))
        for p in PAIRINGS[2:]:
            out.append("  %s: %d records, %d fail a changed constraint as required, %d violations, "
                       "%d not rule-checkable (no failing rule-checkable changed constraint; the rest are judge-scored)"
                       % (p, r.checked[p], r.cross_ok[p], sum(n for k, n in r.violations.items() if k.startswith(p)),
                          r.not_checkable[p]))
        out.append("  text/params mismatches: %d" % sum(r.mismatches.values()))
        out.append("  unparsed constraints of a checker dimension: %d" % sum(r.unparsed.values()))
        out.append("  differences from the pipeline's checker verdicts (informational): %d"
                   % sum(r.disagreements.values()))
        for title, counter in (("contract violations", r.violations), ("text/params mismatches", r.mismatches),
                               ("unparsed", collections.Counter({"unparsed " + d: n for d, n in r.unparsed.items()})),
                               ("differences from the pipeline", r.disagreements)):
            for kind, n in sorted(counter.items()):
                if n:
                    out.append("    %s: %d" % (kind, n))
                    for e in r.examples[kind][:max(details, 3) if title == "unparsed" else details]:
                        out.append("      " + e)
        return out

    def problems(self):
        r = self.report
        return (["%s: %d" % (k, n) for k, n in sorted(r.violations.items())]
                + ["%s: %d" % (k, n) for k, n in sorted(r.mismatches.items())])


# ---------------------------------------------------------------------------- self-test

PARSE_CASES = [
    ("numerical", "The answer must be between 120 and 200 words long.", Spec("numerical", "words", 120, 200)),
    ("numerical", "Keep it to 150-250 words.", Spec("numerical", "words", 150, 250)),
    ("numerical", "Write at least 12 complete sentences.", Spec("numerical", "sentences", 12, None)),
    ("numerical", "Use no more than eight sentences in total.", Spec("numerical", "sentences", None, 8)),
    ("numerical", "Write fewer than 10 sentences.", Spec("numerical", "sentences", None, 9)),
    ("numerical", "Limit the response to 150 words.", Spec("numerical", "words", None, 150)),
    ("numerical", "Your response should contain at least 3 paragraphs.", Spec("numerical", "paragraphs", 3, None)),
    ("numerical", "Write twelve or more sentences.", Spec("numerical", "sentences", 12, None)),
    ("numerical", "Organise the prose into exactly three paragraphs separated by blank lines.",
     Spec("numerical", "paragraphs", 3, 3)),
    ("numerical", "Include exactly 4 list items.", Spec("numerical", "items", 4, 4)),
    ("numbering_list", "Include a numbered list with exactly 5 items.", Spec("numbering_list", "numbered", 5, 5)),
    ("numbering_list", "Add a bulleted list of four points.", Spec("numbering_list", "bulleted", 4, 4)),
    ("hierarchy", "Organise the answer under exactly 3 Markdown headings.", Spec("hierarchy", "headings", 3, 3)),
    ("hierarchy", "Split the answer into two sections, each with a Markdown heading.",
     Spec("hierarchy", "headings", 2, 2)),
    ("text_pattern", "Use at least 2 emoji.", Spec("text_pattern", "emoji_min", 2)),
    ("text_pattern", "Sprinkle in three or more emojis.", Spec("text_pattern", "emoji_min", 3)),
    ("text_pattern", "Do not use any emoji.", Spec("text_pattern", "no_emoji")),
    ("text_pattern", "Put the phrase \"key takeaway\" in bold at least once.",
     Spec("text_pattern", "bold_keyword", term="key takeaway")),
    ("text_pattern", "Do not use bold text anywhere.", Spec("text_pattern", "no_bold")),
    ("text_pattern", "Put the phrase \"avoid\" in bold at least once.", Spec("text_pattern", "bold_keyword", term="avoid")),
    ("citation", "Support the answer with at least 2 numbered citations such as [1], listed after a line "
                 "reading \"References:\".", Spec("citation", "citations_min", 2)),
    ("citation", "Cite three or more sources as [n] and list them under References:.",
     Spec("citation", "citations_min", 3)),
    ("citation", "Do not include citations or a reference list.", Spec("citation", "no_citations")),
    ("inclusion", "Make sure the answer mentions the term \"benchmark\".", Spec("inclusion", "include", term="benchmark")),
    ("inclusion", "Be sure to mention \u201cfeedback loop\u201d somewhere.",
     Spec("inclusion", "include", term="feedback loop")),
    ("exclusion", "Do not use the word \"robust\" anywhere in the answer.", Spec("exclusion", "exclude", term="robust")),
    ("exclusion", "Avoid the word 'synergy'.", Spec("exclusion", "exclude", term="synergy")),
    ("multilingual", "Add one closing sentence written in Chinese.",
     Spec("multilingual", "closing_language", language="chinese", script="han")),
    ("multilingual", "End with a sentence in Hindi.",
     Spec("multilingual", "closing_language", language="hindi", script="devanagari")),
    ("multilingual", "Finish with one sentence in Korean.",
     Spec("multilingual", "closing_language", language="korean", script="hangul")),
    ("multilingual", "Somewhere in the answer, include a sentence in Russian.",
     Spec("multilingual", "sentence_language", language="russian", script="cyrillic")),
    ("inclusion", "Mention the phrase \u201cno-code\u201d at least once.", Spec("inclusion", "include", term="no-code")),
    ("exclusion", "Don\u2019t use the word \u201cleverage\u201d.", Spec("exclusion", "exclude", term="leverage")),
    ("multilingual", "Add one closing sentence written in French.",
     Spec("multilingual", "latin_language", language="french", script="latin")),
    ("output_format", "Format the entire answer as a single valid JSON object.",
     Spec("output_format", "json", term="object")),
    ("output_format", "Format the entire answer as a Markdown table.", Spec("output_format", "markdown_table")),
    ("output_format", "Format the entire answer as a well-formed HTML document.", Spec("output_format", "html")),
    ("output_format", "Write it as a limerick.", None),
    ("numerical", "Keep it short.", None),
    ("inclusion", "Mention the term \"\u4eba\u5de5\u667a\u80fd\".", Spec("inclusion", "include", term="\u4eba\u5de5\u667a\u80fd")),
] + [(d, t, s) for d, t, s in (
    # The zh taxonomy's phrasings and paraphrases of them (Chinese numerals, other cues).
    ("numerical", "回答篇幅不超过180字。", Spec("numerical", "words", None, 180)),
    ("numerical", "回答字数需控制在120至200字之间。", Spec("numerical", "words", 120, 200)),
    ("numerical", "回答不少于四百二十字。", Spec("numerical", "words", 420, None)),
    ("numerical", "字数在150字以内。", Spec("numerical", "words", None, 150)),
    ("numerical", "回答少于100字。", Spec("numerical", "words", None, 99)),
    ("numerical", "至少写十二个完整的句子。", Spec("numerical", "sentences", 12, None)),
    ("numerical", "全文总共不超过八句话。", Spec("numerical", "sentences", None, 8)),
    ("numerical", "写5句或以上。", Spec("numerical", "sentences", 5, None)),
    ("numerical", "正文恰好分为3段，段与段之间以空行分隔。", Spec("numerical", "paragraphs", 3, 3)),
    ("numerical", "正文分为两段。", Spec("numerical", "paragraphs", 2, 2)),
    ("numerical", "回答中恰好包含4个列表项。", Spec("numerical", "items", 4, 4)),
    ("numerical", "回答要简短。", None),
    ("numbering_list", "回答中需包含一个恰好6项的编号列表。", Spec("numbering_list", "numbered", 6, 6)),
    ("numbering_list", "用项目符号列出五个要点。", Spec("numbering_list", "bulleted", 5, 5)),
    ("hierarchy", "回答须用恰好3个Markdown标题来组织。", Spec("hierarchy", "headings", 3, 3)),
    ("hierarchy", "把回答分成两个小节，每节配一个Markdown标题。", Spec("hierarchy", "headings", 2, 2)),
    ("hierarchy", "使用四个二级标题组织回答。", Spec("hierarchy", "headings", 4, 4)),
    ("text_pattern", "回答中至少使用两个表情符号。", Spec("text_pattern", "emoji_min", 2)),
    ("text_pattern", "使用不少于3个emoji。", Spec("text_pattern", "emoji_min", 3)),
    ("text_pattern", "回答中禁止使用表情符号。", Spec("text_pattern", "no_emoji")),
    ("text_pattern", "至少将短语“关键要点”加粗一次。", Spec("text_pattern", "bold_keyword", term="关键要点")),
    ("text_pattern", "回答中不要使用任何加粗文字。", Spec("text_pattern", "no_bold")),
    ("citation", "回答中至少给出2处编号引用（如[1]），并在单独一行“参考文献：”之后列出出处。",
     Spec("citation", "citations_min", 2)),
    ("citation", "回答中不要包含任何引用或参考文献列表。", Spec("citation", "no_citations")),
    ("inclusion", "回答中须提及“韧性”这一术语。", Spec("inclusion", "include", term="韧性")),
    ("inclusion", "回答中需包含关键词“不确定性”。", Spec("inclusion", "include", term="不确定性")),
    ("inclusion", "回答中须特别提及“瓶颈”，不妨多谈几句。", Spec("inclusion", "include", term="瓶颈")),
    ("inclusion", "至少使用一次“Python”一词。", Spec("inclusion", "include", term="Python")),
    ("exclusion", "回答中不得出现“基本上”一词。", Spec("exclusion", "exclude", term="基本上")),
    ("exclusion", "切勿使用“无缝”这个词。", Spec("exclusion", "exclude", term="无缝")),
    ("exclusion", "“颠覆”一词不得出现在回答中。", Spec("exclusion", "exclude", term="颠覆")),
    ("multilingual", "在回答末尾用希腊语补充一句结束语。",
     Spec("multilingual", "closing_language", language="希腊语", script="greek")),
    ("multilingual", "在回答末尾用日语补充一句结束语。",
     Spec("multilingual", "closing_language", language="日语", script="hiragana")),
    ("multilingual", "在回答中加入一句俄语。", Spec("multilingual", "sentence_language", language="俄语", script="cyrillic")),
    ("multilingual", "在回答末尾用法语补充一句结束语。",
     Spec("multilingual", "latin_language", language="法语", script="latin")),
    ("output_format", "整个回答须以一个合法的JSON对象的形式输出。", Spec("output_format", "json", term="object")),
    ("output_format", "只返回一张Markdown表格作为回答。", Spec("output_format", "markdown_table")),
    ("output_format", "请将回答整理为一份结构完整的HTML文档。", Spec("output_format", "html")),
    ("output_format", "以JSON数组的形式输出。", Spec("output_format", "json", term="array")),
)]

CHECK_CASES = [
    # (spec, response, expected verdict)
    (Spec("numerical", "words", 3, 3), "Don't trade-off 3.5 points", False),
    (Spec("numerical", "words", 4, 4), "Don't trade-off 3.5 points", True),
    (Spec("numerical", "words", 4, 4), "\u6211\u4eec\u597d\u3002", False),
    (Spec("numerical", "words", 3, 3), "\u6211\u4eec\u597d\u3002", True),
    (Spec("numerical", "words", 2, 2), "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e", True),
    (Spec("numerical", "sentences", 3, 3), "One, e.g. this. Two is 3.5 long! \u4e09\u3002", True),
    (Spec("numerical", "sentences", 2, 2), "\u092f\u0939 \u0920\u0940\u0915 \u0939\u0948\u0964 \u0935\u0939 \u092d\u0940\u0964", True),
    (Spec("numerical", "sentences", 2, 2), "1. First item\n2. Second item. Done.", True),
    (Spec("numerical", "paragraphs", 2, 2), "# Title\n\nOne.\n\n- item\n\nTwo.", True),
    (Spec("numerical", "items", 3, 3), "- a\n- b\n1. c\n---", True),
    (Spec("numerical", "words", 2, 2), "{\"title\": \"Hello world\", \"n\": 3}", True),
    (Spec("hierarchy", "headings", 2, 2), "## A\ntext\n## B\nmore", True),
    (Spec("hierarchy", "headings", 2, 2), "## A\n\n## B\nmore", False),
    (Spec("hierarchy", "headings", 2, 2), "## A\ntext\n## B\n", False),
    (Spec("hierarchy", "headings", 2, 2), "## A\ntext\n```\n# not a heading\n```\n## B\nmore", True),
    (Spec("numbering_list", "numbered", 2, 2), "<html><body><ol><li>a</li><li>b</li></ol></body></html>", True),
    (Spec("text_pattern", "emoji_min", 2), "Nice \U0001F600 and \U0001F469\u200d\U0001F4BB", True),
    (Spec("text_pattern", "emoji_min", 3), "Nice \U0001F600 and \U0001F469\u200d\U0001F4BB", False),
    (Spec("text_pattern", "no_emoji"), "Plain text.", True),
    (Spec("text_pattern", "bold_keyword", term="next step"), "The **next steps** are clear.", True),
    (Spec("text_pattern", "bold_keyword", term="next step"), "The next step is **clear**.", False),
    (Spec("text_pattern", "no_bold"), "A <strong>bold</strong> claim.", False),
    (Spec("inclusion", "include", term="trade-off"), "Every trade\u2011offs list.", True),
    (Spec("inclusion", "include", term="robust"), "Robustness matters.", False),
    (Spec("exclusion", "exclude", term="robust"), "Robustness matters.", True),
    (Spec("exclusion", "exclude", term="feedback loop"), "a feedback\nloop", False),
    (Spec("output_format", "json", term="object"), "```json\n{\"a\": [1, 2]}\n```", True),
    (Spec("output_format", "json", term="object"), "[1, 2]", False),
    (Spec("output_format", "json", term="object"), "{\"a\": 1} trailing", False),
    (Spec("output_format", "json", term="object"), "{\"a\": NaN}", False),
    (Spec("output_format", "markdown_table"), "| a | b |\n|---|:-:|\n| 1 | 2 |", True),
    (Spec("output_format", "markdown_table"), "| a | b |\n|---|---|\n| 1 |", False),
    (Spec("output_format", "markdown_table"), "Intro\n| a | b |\n|---|---|\n| 1 | 2 |", False),
    (Spec("output_format", "html"), "<!DOCTYPE html>\n<html><body><p>Hi<br>there</p></body></html>", True),
    (Spec("output_format", "html"), "<html><body><p>Hi</body></html>", False),
    (Spec("output_format", "html"), "<html><body></body></html><p>x</p>", False),
    (Spec("citation", "citations_min", 2), "A [1] and B [2].\n\nReferences:\n[1] X\n[2] Y", True),
    (Spec("citation", "citations_min", 2), "A [1] and B [3].\n\nReferences:\n[1] X\n[2] Y", False),
    (Spec("citation", "citations_min", 2), "A [1] and B [2].", False),
    (Spec("citation", "no_citations"), "See [1].", False),
    (Spec("citation", "no_citations"), "No sources.\n\n**References:**\n", False),
    (Spec("multilingual", "closing_language", script="han"), "English first. \u8fd9\u662f\u7ed3\u5c3e\u3002", True),
    (Spec("multilingual", "closing_language", script="han"),
     "English first. \u8fd9\u662f\u7ed3\u5c3e\u3002\n\nReferences:\n[1] X", True),
    (Spec("multilingual", "closing_language", script="han"), "\u8fd9\u662f\u7ed3\u5c3e\u3002 English last.", False),
    (Spec("multilingual", "closing_language", script="greek"), "Text. \u0391\u03c5\u03c4\u03ae.\n\n- a list after", False),
    (Spec("multilingual", "closing_language", script="devanagari"), "Done. \u092f\u0939 \u0905\u0902\u0924 \u0939\u0948\u0964",
     True),
    # Chinese answers, as in ChineseAnswersTest.
    (Spec("numerical", "words", 7, 7), "我喜欢iPhone 15和AI。", True),
    (Spec("numerical", "words", 4, 4), "用GPT-4写作", True),
    (Spec("numerical", "words", 5, 5), "“你好”，——《红楼梦》！", True),
    (Spec("numerical", "words", 22, 22), "人工智能正在改变我们的生活方式。它让工作更高效！", True),
    (Spec("numerical", "sentences", 3, 3), "今天天气很好。我们去公园吧！你来吗？", True),
    (Spec("numerical", "sentences", 2, 2), "他说：“我们走吧。”然后离开了。", True),
    (Spec("numerical", "sentences", 1, 1), "第一，我们；第二，他们。", True),
    (Spec("numerical", "sentences", 2, 2), "我不知道……也许吧。", True),
    (Spec("numerical", "sentences", 2, 2), "好!我们走?", True),
    (Spec("numerical", "sentences", 0, 0), "１．概述\n２．背景", True),
    (Spec("numerical", "paragraphs", 2, 2), "第一段。\n\n一、要点\n二、要点\n\n第二段。\n\n参考文献：\n【1】某书。", True),
    (Spec("numerical", "items", 3, 3), "一、计划\n二、执行\n三、总结", True),
    (Spec("numerical", "items", 0, 0), "一个人走了。\n(2020)年很难。\n3.5倍的增长。", True),
    (Spec("numbering_list", "numbered", 3, 3), "以下是三个步骤：\n\n一、制定计划\n二、执行计划\n三、总结经验\n\n祝你顺利。", True),
    (Spec("numbering_list", "numbered", 3, 3), "步骤：\n（1）准备\n（2）执行\n(3)检查", True),
    (Spec("numbering_list", "numbered", 3, 3), "①准备\n②执行\n③检查", True),
    (Spec("numbering_list", "numbered", 3, 3), "一、概述\n1. 背景\n2. 目标\n二、方法\n（一）调查\n三、结论", True),
    (Spec("numbering_list", "numbered", 2, 2), "1、苹果\n2、香蕉", True),
    (Spec("numbering_list", "bulleted", 3, 3), "• 要点一\n·要点二\n– 要点三", True),
    (Spec("numbering_list", "bulleted", 2, 2), "要点：多喝水，早睡觉。", False),
    (Spec("inclusion", "include", term="人工智能"), "我认为人工智能很重要。", True),
    (Spec("inclusion", "include", term="人工智能"), "我认为机器学习很重要。", False),
    (Spec("inclusion", "include", term="cat"), "我喜欢cat。", True),
    (Spec("inclusion", "include", term="cat"), "我喜欢category。", False),
    (Spec("inclusion", "include", term="AI"), "我们使用ＡＩ工具。", True),
    (Spec("exclusion", "exclude", term="人工智能"), "人工智能很重要。", False),
    (Spec("exclusion", "exclude", term="cat"), "我喜欢ｃａｔ。", False),
    (Spec("text_pattern", "bold_keyword", term="关键要点"), "请记住“**关键要点**”。", True),
    (Spec("text_pattern", "bold_keyword", term="关键要点"), "关键要点：**多喝水**。", False),
    (Spec("text_pattern", "no_emoji"), "①准备 ②执行，《指南》【注】", True),
    (Spec("text_pattern", "no_emoji"), "㊙️配方", False),
    (Spec("text_pattern", "emoji_min", 2), "恭喜㊗️！🎉", True),
    (Spec("citation", "citations_min", 2), "睡眠有助于记忆【1】，运动也有帮助［2］。\n\n参考文献：\n【1】沃克，2017。\n［2］瑞迪，2008。\n",
     True),
    (Spec("citation", "citations_min", 2), "睡眠有助于记忆[1，2]。\n\n**参考文献：**\n[1]沃克。\n[2] 瑞迪。", True),
    (Spec("citation", "citations_min", 2), "睡眠有助于记忆【1】。\n\n参考文献：\n【1】沃克。", False),
    (Spec("citation", "citations_min", 2), "甲【1】，乙【2】，丙【3】。\n\n参考文献：\n【1】甲。\n【2】乙。", False),
    (Spec("citation", "no_citations"), "纯文本回答（没有引用），见《红楼梦》。", True),
    (Spec("citation", "no_citations"), "正文【1】。", False),
    (Spec("citation", "no_citations"), "正文。\n\n参考资料：\n- 某书", False),
    (Spec("multilingual", "closing_language", script="cyrillic"), "睡眠很重要。运动也很重要。\n\nЭто краткое резюме.", True),
    (Spec("multilingual", "closing_language", script="cyrillic"), "睡眠很重要。Это краткое резюме. 运动也很重要。", False),
    (Spec("multilingual", "closing_language", script="hangul"), "睡眠很重要！이것은 짧은 요약입니다.", True),
    (Spec("multilingual", "closing_language", script="hiragana"), "睡眠很重要。これは短いまとめです。", True),
    (Spec("multilingual", "closing_language", script="hiragana"), "睡眠很重要。运动也很重要。", False),
    (Spec("multilingual", "closing_language", script="greek"),
     "| 序号 | 要点 |\n|---|---|\n| 1 | 多喝水。 |\n| 2 | Αυτή είναι μια σύντομη περίληψη. |", True),
    (Spec("hierarchy", "headings", 2, 2), "## 一、概述\n\n内容。\n\n## 二、背景\n\n- 要点", True),
    (Spec("hierarchy", "headings", 2, 2), "一、概述\n内容。\n二、背景\n内容。", False),
    (Spec("output_format", "json", term="object"), "{\"标题\": \"睡眠\", \"要点\": [\"早睡\", \"早起\"]}", True),
    (Spec("output_format", "json", term="object"), "{“标题”: “睡眠”}", False),
    (Spec("output_format", "markdown_table"), "｜项目｜说明｜\n｜---｜---｜\n｜睡眠｜八小时｜", False),
]

MISMATCH_CASES = [
    ("numerical", "Write at least 12 complete sentences.", {"metric": "sentences", "min": 10}, [("min", 12, 10)]),
    ("numerical", "Write at least 12 complete sentences.", {"metric": "sentences", "min": 12}, []),
    ("numerical", "Use no more than 8 sentences in total.", {"metric": "sentences", "max": 8}, []),
    ("inclusion", "Make sure the answer mentions the term \"benchmark\".", {"keyword": "baseline"},
     [("keyword", "benchmark", "baseline")]),
    ("multilingual", "Add one closing sentence written in Chinese.", {"language": "Chinese", "script": "cyrillic"},
     [("script", "han", "cyrillic")]),
    ("output_format", "Format the entire answer as a Markdown table.", {"format": "markdown_table"}, []),
    ("numbering_list", "Include a numbered list with exactly 3 items.", {"style": "numbered", "count": 4},
     [("count", (3, 3), (4, 4))]),
    ("numerical", "回答字数需控制在120至200字之间。", {"metric": "words", "min": 120, "max": 200}, []),
    ("numerical", "正文恰好分为3段，段与段之间以空行分隔。", {"metric": "paragraphs", "min": 3, "max": 3}, []),
    ("numerical", "回答篇幅不超过180字。", {"metric": "words", "max": 240}, [("max", 180, 240)]),
    ("exclusion", "回答中不得出现“基本上”一词。", {"keyword": "基本上"}, []),
    ("inclusion", "回答中须提及“韧性”这一术语。", {"keyword": "权衡"}, [("keyword", "韧性", "权衡")]),
    ("multilingual", "在回答末尾用日语补充一句结束语。", {"language": "日语", "script": "hiragana"}, []),
    ("multilingual", "在回答末尾用希腊语补充一句结束语。", {"language": "希腊语", "script": "cyrillic"},
     [("script", "greek", "cyrillic")]),
]


def overlap_self_test():
    """A train record quoting an eval task is found; one sharing only an eval constraint line is not."""
    task = "Draft a polite email to a landlord asking for the broken kitchen window in flat 4B to be repaired soon."
    line = "Organise the answer under exactly four Markdown headings, each followed by at least one paragraph."

    def rec(rid, seed, split, description, constraint):
        x = {"description": description, "constraints": [{"text": constraint}], "input": ""}
        return {"id": rid, "seed_id": seed, "_split": split, "x1": x, "x2": x}
    records = [rec("e", "s-e", "eval", task, line),
               rec("t-task", "s-1", "train", "Rewrite this formally: " + task, "Use one paragraph."),
               rec("t-line", "s-2", "train", "Describe a day at the seaside.", line)]
    (_, _, _, _, hit_eval, _), problems = check_overlap(records, 13, 26, 1, [], "")
    if hit_eval != 1 or not problems or "t-task" not in problems[0]:
        return ["overlap: want only t-task, got %d hits %s" % (hit_eval, problems)]
    # The same in Chinese, by 26-character n-grams (punctuation does not break a Han run).
    task = "请帮我给房东写一封礼貌的邮件，请求尽快修理四号公寓厨房里那扇已经破损了很久的窗户。"
    line = "回答须用恰好3个Markdown标题来组织，每个标题下面至少写一段完整而清楚的说明文字。"
    records = [rec("e", "s-e", "eval", task, line),
               rec("t-task", "s-1", "train", "把下面这段话改写得更正式一些：" + task, "只写一段。"),
               rec("t-line", "s-2", "train", "描述在海边度过的一天。", line),
               rec("t-short", "s-3", "train", "请帮我给房东写一封礼貌的邮件。", "只写一段。")]
    (_, _, _, _, hit_eval, _), problems = check_overlap(records, 13, 26, 1, [], "")
    if hit_eval != 1 or not problems or "t-task" not in problems[0]:
        return ["overlap (zh): want only t-task, got %d hits %s" % (hit_eval, problems)]
    return []


def normalise_self_test():
    """normalise's ASCII shortcut says what the general definition says."""
    rng = random.Random(7)
    alphabet = string.printable + "_" * 5
    cases = ["", "  ", "Hello, World!", "a_b--c\td\n", "  3.14 x 2 = 6.28  ", "\x00\x7fA"]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(2000)]
    return ["normalise %r: shortcut %r, definition %r" % (t, normalise(t), normalise_unicode(t))
            for t in cases if normalise(t) != normalise_unicode(t)][:10]


def self_test():
    """The parsers and checks on fixed cases; prints each failure, returns the exit status."""
    failures = []
    for dim, text, want in PARSE_CASES:
        got = parse_constraint(dim, text)
        if got != want:
            failures.append("parse %s %r: got %s, want %s" % (dim, text, got, want))
    for spec, response, want in CHECK_CASES:
        got = check(spec, Answer(response))
        if got.ok != want:
            failures.append("check %s on %r: got %s (%s)" % (spec, response, got.ok, got.detail))
    for dim, text, params, want in MISMATCH_CASES:
        got = param_mismatches(parse_constraint(dim, text), params)
        if got != want:
            failures.append("params %r %s: got %s, want %s" % (text, params, got, want))
    failures += overlap_self_test()
    failures += normalise_self_test()
    print("self-test: %d cases, %d failures" % (len(PARSE_CASES) + len(CHECK_CASES) + len(MISMATCH_CASES) + 2,
                                               len(failures)))
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


def main():
    # Reports quote Chinese (and Greek, Hindi...) text: never a crash on a terminal that cannot show it.
    sys.stdout.reconfigure(errors="backslashreplace")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap.add_argument("corpus")
    ap.add_argument("--profile", help="profile YAML with targets (total + shape per split)")
    ap.add_argument("--counts", help="explicit targets, e.g. 'train=1:991,2:8003 eval=1:192'")
    ap.add_argument("--threshold", type=float, default=0.8, help="near-duplicate Jaccard threshold (0.8)")
    ap.add_argument("--shingle-size", type=int, default=3)
    ap.add_argument("--char-shingle-size", type=int, default=5)
    ap.add_argument("--ngram", type=int, default=13)
    ap.add_argument("--char-ngram", type=int, default=26)
    ap.add_argument("--max-docs", type=int, default=1,
                    help="n-grams in more eval seeds (or external lines) than this are template phrasing; 0: all count")
    ap.add_argument("--external", default="", help="benchmark files to check train against, comma-separated")
    ap.add_argument("--field", default="", help="JSON field path of the external text (default: try %s)"
                    % ", ".join(DEFAULT_FIELDS))
    ap.add_argument("--details", type=int, default=0, metavar="N",
                    help="print up to N examples of each constraint violation, mismatch and difference")
    ap.add_argument("--sample", type=float, default=1.0, metavar="F",
                    help="re-check the constraints of this fraction of the records (chosen by id; default 1)")
    ap.add_argument("--checks", default=",".join(CHECKS), metavar="LIST",
                    help="comma-separated subset of %s (default: all); near and overlap hold every "
                         "record's instructions in memory, the others a few fields per record" % ",".join(CHECKS))
    a = ap.parse_args()
    checks = [c.strip() for c in a.checks.split(",") if c.strip()]
    unknown = [c for c in checks if c not in CHECKS]
    if unknown or not checks:
        print("check-corpus: --checks takes a comma-separated subset of %s, not %r" % (",".join(CHECKS), a.checks),
              file=sys.stderr)
        return 2
    if not os.path.isdir(a.corpus):
        print("check-corpus: not a directory: " + a.corpus, file=sys.stderr)
        return 2
    if bool(a.profile) == bool(a.counts):
        print("check-corpus: give exactly one of --profile or --counts", file=sys.stderr)
        return 2
    started = time.time()
    failures = []

    def sampled(r):
        return a.sample >= 1 or zlib.crc32(str(r.get("id")).encode("utf-8")) < a.sample * 2 ** 32

    records, problems = read_corpus(a.corpus, slim(checks, sampled))
    failures += problems
    print("check-corpus: %s: %d records (read in %.0f s)" % (a.corpus, len(records), time.time() - started))
    skipped = [c for c in CHECKS if c not in checks]
    if skipped:
        print("not checked (--checks): " + ", ".join(skipped))

    if "counts" in checks:
        targets = parse_profile_targets(a.profile) if a.profile else parse_counts(a.counts)
        lines, problems = check_counts(records, targets)
        print("counts per split and constraint count:")
        print("\n".join(lines))
        failures += problems

    if "ids" in checks:
        problems = check_ids(records)
        print("ids and splits: %s" % ("ok" if not problems else "%d problems" % len(problems)))
        failures += problems

    if "exact" in checks:
        problems = check_exact(records)
        print("exact duplicates (normalised x1): %d" % len(problems))
        failures += problems

    if "near" in checks:
        t = time.time()
        pairs, compared = near_pairs(records, a.threshold, a.shingle_size, a.char_shingle_size)
        print("near-duplicate pairs with Jaccard >= %.2f: %d (%d candidate pairs compared exactly, %.0f s)"
              % (a.threshold, len(pairs), compared, time.time() - t))
        for jac, x, y in sorted(pairs, reverse=True)[:20]:
            failures.append("near duplicate: %s ~ %s (Jaccard %.3f)" % (x, y, jac))
        failures += ["... %d more near-duplicate pairs" % (len(pairs) - 20)] if len(pairs) > 20 else []

    if "overlap" in checks:
        t = time.time()
        externals = [f.strip() for f in a.external.split(",") if f.strip()]
        (ref, template, ext, ext_template, hit_eval, hit_ext), problems = check_overlap(
            records, a.ngram, a.char_ngram, a.max_docs, externals, a.field)
        print("train/eval %d-word/%d-character n-gram overlap: %d train records (eval n-grams %d, of which %d "
              "template phrasing in > %d eval seeds; %.0f s)"
              % (a.ngram, a.char_ngram, hit_eval, ref, template, a.max_docs, time.time() - t))
        if externals:
            print("train/external overlap: %d train records (external n-grams %d, %d template)"
                  % (hit_ext, ext, ext_template))
        failures += problems

    if "constraints" in checks:
        t = time.time()
        checker = ConstraintChecker(a.details, a.sample)
        for r in records:
            if sampled(r):
                checker.run(r)
        checker.report.seconds = time.time() - t
        print("\n".join(checker.summary(a.details)))
        failures += checker.problems()

    print("%s in %.0f s" % ("PASS" if not failures else "FAIL (%d problems)" % len(failures), time.time() - started))
    for f in failures[:60]:
        print("  " + f)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
