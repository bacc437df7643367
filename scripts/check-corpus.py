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
                characters for CJK runs) with the x1 of an eval record. N-grams stay within one
                line, a leading list marker ("3.") is dropped; an n-gram found in records of more
                than --max-docs eval seeds is template phrasing and does not count (0: all count).
                --external FILE[,FILE] checks train against benchmark files the same way (a JSONL
                line's text field, see --field, or the plain line; one line is one document).

Usage:
  scripts/check-corpus.py CORPUS_DIR --profile pipeline/trace.yaml [--threshold 0.8] [--max-docs 1]
      [--external src/test/resources/reference/trace/trace_eval_official.jsonl]
  scripts/check-corpus.py CORPUS_DIR --counts 'train=1:991,2:8003 eval=1:192,2:96'

Prints a summary; exit status 0 when every check passes, 1 otherwise (2 for usage errors).
"""

import argparse
import collections
import glob
import gzip
import json
import math
import os
import re
import sys
import time
import unicodedata

SHARD = re.compile(r"^(\w+)-(\d{5})-of-(\d{5})\.jsonl\.gz$")
LIST_MARKER = re.compile(r"^[ \t\n\x0b\f\r]*[0-9]{1,3}[ \t\n\x0b\f\r]*[.)\u3001\uff0e][ \t\n\x0b\f\r]*")
LINE_BREAKS = re.compile(r"\r\n|[\n\x0b\x0c\r\x85\u2028\u2029]")
DEFAULT_FIELDS = ["messages[-1].content", "instruction", "text", "prompt"]


# ---------------------------------------------------------------------------- text definitions

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

def read_corpus(directory):
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
                records.append(r)
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

def check_counts(records, targets):
    got = collections.defaultdict(collections.Counter)
    for r in records:
        got[r["_split"]][len(r["x1"]["constraints"])] += 1
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
        key = normalise(render(r["x1"]))
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
            for g in ngrams(render(r["x1"]), word_n, char_n):
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        print("check-corpus: not a directory: " + a.corpus, file=sys.stderr)
        return 2
    if bool(a.profile) == bool(a.counts):
        print("check-corpus: give exactly one of --profile or --counts", file=sys.stderr)
        return 2
    started = time.time()
    failures = []
    records, problems = read_corpus(a.corpus)
    failures += problems
    print("check-corpus: %s: %d records" % (a.corpus, len(records)))

    targets = parse_profile_targets(a.profile) if a.profile else parse_counts(a.counts)
    lines, problems = check_counts(records, targets)
    print("counts per split and constraint count:")
    print("\n".join(lines))
    failures += problems

    problems = check_ids(records)
    print("ids and splits: %s" % ("ok" if not problems else "%d problems" % len(problems)))
    failures += problems

    problems = check_exact(records)
    print("exact duplicates (normalised x1): %d" % len(problems))
    failures += problems

    t = time.time()
    pairs, compared = near_pairs(records, a.threshold, a.shingle_size, a.char_shingle_size)
    print("near-duplicate pairs with Jaccard >= %.2f: %d (%d candidate pairs compared exactly, %.0f s)"
          % (a.threshold, len(pairs), compared, time.time() - t))
    for jac, x, y in sorted(pairs, reverse=True)[:20]:
        failures.append("near duplicate: %s ~ %s (Jaccard %.3f)" % (x, y, jac))
    failures += ["... %d more near-duplicate pairs" % (len(pairs) - 20)] if len(pairs) > 20 else []

    t = time.time()
    externals = [f.strip() for f in a.external.split(",") if f.strip()]
    (ref, template, ext, ext_template, hit_eval, hit_ext), problems = check_overlap(
        records, a.ngram, a.char_ngram, a.max_docs, externals, a.field)
    print("train/eval %d-gram overlap: %d train records (eval n-grams %d, of which %d template phrasing in > %d eval seeds; %.0f s)"
          % (a.ngram, hit_eval, ref, template, a.max_docs, time.time() - t))
    if externals:
        print("train/external overlap: %d train records (external n-grams %d, %d template)" % (hit_ext, ext, ext_template))
    failures += problems

    print("%s in %.0f s" % ("PASS" if not failures else "FAIL (%d problems)" % len(failures), time.time() - started))
    for f in failures[:60]:
        print("  " + f)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
