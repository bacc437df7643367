#!/usr/bin/env python3
"""The dimension and type mix of a built corpus against a reference eval set (stdlib only).

    scripts/check-mix.py CORPUS_DIR [--reference src/test/resources/reference/trace/trace_eval_official.jsonl]
                         [--taxonomy taxonomy] [--tolerance 2.0]

Reads the corpus's stats.json (per split, x1's constraints by dimension and by type) and the
reference's levels2 labels (mapped to dimension ids through the taxonomy's label_zh; labels that
name no dimension are left out of the reference's total). Prints, per split, every dimension's and
type's share in points next to the reference's, and the largest difference. Exit status 0 when
every difference is within --tolerance points, 1 otherwise, 2 on usage errors.
"""

import argparse
import collections
import glob
import json
import os
import re
import sys


def taxonomy_labels(directory):
    """dimension id -> (type, label_zh), read from taxonomy/*.yaml by their fixed layout."""
    out = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        kind, current = None, None
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^type:\s*(\S+)", line)
                if m:
                    kind = m.group(1)
                m = re.match(r"^  - id:\s*(\S+)", line)
                if m:
                    current = m.group(1)
                m = re.match(r"^    label_zh:\s*(.+?)\s*$", line)
                if m and current:
                    out[current] = (kind, m.group(1).strip("'\""))
    return out


def shares(counts):
    total = sum(counts.values())
    return {k: 100.0 * v / total for k, v in counts.items()} if total else {}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--reference", default="src/test/resources/reference/trace/trace_eval_official.jsonl")
    ap.add_argument("--taxonomy", default="taxonomy")
    ap.add_argument("--tolerance", type=float, default=2.0)
    a = ap.parse_args()
    stats_file = os.path.join(a.corpus, "stats.json")
    if not os.path.isfile(stats_file):
        print("check-mix: no stats.json in " + a.corpus, file=sys.stderr)
        return 2
    dims = taxonomy_labels(a.taxonomy)
    if not dims:
        print("check-mix: no dimensions with label_zh under " + a.taxonomy, file=sys.stderr)
        return 2
    by_label = {label: dim for dim, (_, label) in dims.items()}
    ref_dims = collections.Counter()
    with open(a.reference, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                for label in json.loads(line).get("levels2", []):
                    if label in by_label:
                        ref_dims[by_label[label]] += 1
    ref_types = collections.Counter()
    for dim, n in ref_dims.items():
        ref_types[dims[dim][0]] += n
    ref_d, ref_t = shares(ref_dims), shares(ref_types)
    stats = json.load(open(stats_file, encoding="utf-8"))
    worst_all = 0.0
    print("reference: %s (%d constraints)" % (a.reference, sum(ref_dims.values())))
    for split, counts in stats.get("dimensions", {}).items():
        ours_d = shares(counts)
        ours_t = shares(stats.get("types", {}).get(split, {}))
        print("\n%s: %d constraints" % (split, sum(counts.values())))
        print("  %-28s %7s %7s %7s" % ("dimension", "ours", "ref", "diff"))
        worst_d = max(((abs(ours_d.get(d, 0) - ref_d.get(d, 0)), d) for d in dims), default=(0, ""))
        for d in sorted(dims, key=lambda d: -ref_d.get(d, 0)):
            print("  %-28s %7.2f %7.2f %+7.2f" % (d, ours_d.get(d, 0), ref_d.get(d, 0), ours_d.get(d, 0) - ref_d.get(d, 0)))
        types = sorted(set(t for t, _ in dims.values()))
        worst_t = max(((abs(ours_t.get(t, 0) - ref_t.get(t, 0)), t) for t in types), default=(0, ""))
        for t in types:
            print("  type %-23s %7.2f %7.2f %+7.2f" % (t, ours_t.get(t, 0), ref_t.get(t, 0), ours_t.get(t, 0) - ref_t.get(t, 0)))
        print("  largest difference: dimension %.2f points (%s), type %.2f points (%s)"
              % (worst_d[0], worst_d[1], worst_t[0], worst_t[1]))
        worst_all = max(worst_all, worst_d[0], worst_t[0])
    ok = worst_all <= a.tolerance
    print("\nmix %s: largest difference %.2f points (tolerance %.1f)" % ("PASS" if ok else "FAIL", worst_all, a.tolerance))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
