#!/usr/bin/env bash
# Full build benchmark: the 120,000 / 1,000 profile on the Direct runner with the embedded
# generator. Prints the date, commit and machine load, wall time and peak RSS (/usr/bin/time -v),
# what the console showed (INFO lines, progress lines, the last of them), the dedup and
# decontamination figures of stats.json, then verifies the corpus with the independent
# scripts/check-corpus.py. Keep the output as docs/bench/full.txt when the README quotes it.
#   scripts/bench-full.sh [--profile=pipeline/trace.yaml] [--output=DIR] [--keep] [extra tracegen options]
# Targets on a 2-core machine: <= 15 min wall, <= 4 GB peak RSS. The JVM options default to the
# launcher's (3 GB heap, parallel collector); TRACEGEN_JAVA_OPTS overrides them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
profile=pipeline/trace.yaml; out=""; keep=false; extra=()
for a in "$@"; do
  case "$a" in
    --profile=*) profile="${a#*=}" ;;
    --output=*) out="${a#*=}" ;;
    --keep) keep=true ;;
    *) extra+=("$a") ;;
  esac
done
work="$(mktemp -d)"
[[ -n "$out" ]] || out="$work/corpus"
[[ "$keep" == true || "$out" != "$work/corpus" ]] || trap 'rm -rf "$work"' EXIT
export TRACEGEN_JAVA_OPTS="${TRACEGEN_JAVA_OPTS:--Xmx3g -XX:+UseParallelGC}"
# Build first so that the timing is the run alone.
scripts/tracegen validate --profile="$profile" >/dev/null
echo "bench-full: $profile -> $out ($(nproc) cores, JVM $TRACEGEN_JAVA_OPTS)"
source scripts/bench-header.sh
bench_header
set +e
/usr/bin/time -v -o "$work/time.txt" scripts/tracegen run --profile="$profile" --output="$out" "${extra[@]}" \
  >"$work/run.log" 2>&1
rc=$?
set -e
wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | sed 's/.*): //')"
rss_kb="$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
if [[ $rc -ne 0 ]]; then
  tail -20 "$work/run.log" >&2
  echo "bench-full: run FAILED (exit $rc) after $wall" >&2
  exit $rc
fi
echo "load after         $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "console            $(wc -l <"$work/run.log") lines, $(grep -c ' INFO ' "$work/run.log" || true) INFO lines, $(grep -c '^tracegen [0-9]*:[0-9]' "$work/run.log" || true) progress lines"
echo "--- the last progress lines"
grep '^tracegen [0-9]*:[0-9]' "$work/run.log" | tail -6 | sed -E 's/^(.{16}).{100,}(.{170})$/\1 … \2/'
echo "---"
python3 - "$out" "$wall" "$rss_kb" <<'PY'
import json, sys
out, wall, rss_kb = sys.argv[1], sys.argv[2], int(sys.argv[3])
stats = json.load(open(out + "/stats.json"))
run = json.load(open(out + "/run.json"))
d = stats.get("dedup", {})
rem, rate, dec = d.get("removed", {}), d.get("rate", {}), d.get("decontamination", {})
print("wall time          %s (run.json: %.0f s)" % (wall, run.get("wall_seconds", 0)))
print("peak RSS           %.2f GB" % (rss_kb / 1024 / 1024))
print("records            train %d, eval %d" % (stats["records"].get("train", 0), stats["records"].get("eval", 0)))
print("dedup input        %d" % d.get("input", 0))
for k in ("exact_duplicate", "near_duplicate", "semantic_duplicate", "cluster_straddles_split"):
    print("  %-24s %7d (%.3f%%)" % (k, rem.get(k, 0), 100 * rate.get(k, 0)))
print("  cluster sizes      %s" % json.dumps(d.get("cluster_sizes", {})))
print("decontamination    %d of %d train records (%.2f%%): eval overlap %d, external %d" % (
    dec.get("ngram_overlap_eval", 0) + dec.get("ngram_overlap_external", 0), dec.get("input", 0),
    100 * dec.get("rate", 0), dec.get("ngram_overlap_eval", 0), dec.get("ngram_overlap_external", 0)))
print("shortfalls         %s" % (run.get("shortfalls") or "none"))
PY
echo "--- scripts/check-corpus.py"
python3 scripts/check-corpus.py "$out" --profile="$profile"
