#!/usr/bin/env python3
"""Diversity figures of a built corpus: distinct constraint texts, distinct-2 of the responses and
the most shared opening sentences.

    scripts/corpus-diversity.py DIR [--top N]

Reads DIR/{train,eval}-*.jsonl.gz (the record layout in README.md) and prints, per split:
- constraints: how many x1 constraints and how many distinct texts among them;
- distinct-2 of y1 and y2: distinct word bigrams / all word bigrams (lower-cased, per response);
- the N most shared opening sentences of y1 (the first prose sentence a reader sees) and the N
  most shared first five words of them, with their share of records, and whether any opening
  sentence exceeds 5 %.
Exit status 0; it measures, it does not judge (the figures go into notes and the README).
"""
import argparse
import collections
import glob
import gzip
import json
import os
import re
import sys

WORD = re.compile(r"[\w'-]+", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?。！？।])\s+")
TAG = re.compile(r"<[^>]+>")
LIST_MARK = re.compile(r"^(?:[-*•+]|\d+[.)])\s+")


def records(directory, split):
    for path in sorted(glob.glob(os.path.join(directory, split + "-*-of-*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def opening(text):
    """The first prose sentence a reader sees: JSON string values, HTML text, table cells and
    list items count; headings, table headers and markup do not."""
    plain = (text or "").strip()
    if plain.startswith("{"):
        try:
            doc = json.loads(plain)
            plain = " ".join(v for v in doc.values() if isinstance(v, str))
        except ValueError:
            pass
    plain = TAG.sub("\n", plain)
    for line in plain.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or set(line) <= set("|-: "):
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            cells = [c for c in cells if c and not c.isdigit() and c not in ("#", "Point")]
            line = " ".join(cells)
        line = LIST_MARK.sub("", line).replace("**", "").replace("__", "").strip()
        if line:
            return SENTENCE_END.split(line, maxsplit=1)[0].strip()[:200]
    return ""


def prefix(sentence, words=5):
    return " ".join(WORD.findall(sentence.lower())[:words])


class Bigrams:
    def __init__(self):
        self.distinct = set()
        self.total = 0

    def add(self, text):
        words = [w.lower() for w in WORD.findall(text or "")]
        for a, b in zip(words, words[1:]):
            self.distinct.add((a, b))
            self.total += 1

    def value(self):
        return len(self.distinct) / self.total if self.total else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=3)
    args = ap.parse_args()
    for split in ("train", "eval"):
        texts = collections.Counter()
        openings = collections.Counter()
        starts = collections.Counter()
        y1, y2 = Bigrams(), Bigrams()
        n = 0
        for r in records(args.dir, split):
            n += 1
            for c in (r.get("x1") or {}).get("constraints", []):
                texts[c.get("text", "")] += 1
            y1.add(r.get("y1"))
            y2.add(r.get("y2"))
            first = opening(r.get("y1") or "")
            openings[first] += 1
            starts[prefix(first)] += 1
        if n == 0:
            continue
        print(f"{split}: {n:,} records")
        print(f"  constraints: {sum(texts.values()):,}, distinct texts {len(texts):,}")
        print(f"  distinct-2: y1 {y1.value():.4f} ({len(y1.distinct):,} of {y1.total:,} bigrams), "
              f"y2 {y2.value():.4f}")
        top = openings.most_common(args.top)
        worst = top[0][1] / n if top else 0.0
        print(f"  most shared y1 opening: {worst:.1%} of records ({'over' if worst > 0.05 else 'within'} 5 %)")
        for text, count in top:
            print(f"    {count / n:6.1%}  {text[:100]}")
        top_starts = starts.most_common(args.top)
        print(f"  most shared first five words of y1: {top_starts[0][1] / n:.1%} of records")
        for text, count in top_starts:
            print(f"    {count / n:6.1%}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
