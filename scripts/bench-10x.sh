#!/usr/bin/env bash
# The 10x build: pipeline/trace-10x.yaml (1,200,000 train / 10,000 eval) and pipeline/trace.yaml
# (120,000 / 1,000) on the FlinkRunner's local mode with parallelism 2, one after the other, each
# in its own JVM with the same bounded heap; prints wall time, CPU seconds and peak RSS of both,
# the time ratio (target <= 11), and runs scripts/check-corpus.py on both outputs.
#   scripts/bench-10x.sh [--heap=4g] [--parallelism=2] [--work=DIR] [--keep] [--only=10x|1x]
#                        [--check=full|counts|none] [-- extra run options]
# Local mode runs Flink's TaskManager inside the launching JVM, so -Xmx bounds its heap; Flink adds
# managed memory for its sorts on top, which the peak RSS includes. Needs /usr/bin/time (GNU time).
# --check=counts runs check-corpus.py's counts, ids, splits and exact duplicates on every record and
# its constraint checks on 1 % of them, reading a few fields per record; --check=full adds its
# near-duplicate and n-gram overlap checks, which hold every instruction in memory (too slow and
# too large in Python for the 10x corpus on this machine kind).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
heap=4g; parallelism=2; work=""; keep=false; only=""; check=full
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --heap=*) heap="${1#*=}" ;;
    --parallelism=*) parallelism="${1#*=}" ;;
    --work=*) work="${1#*=}" ;;
    --keep) keep=true ;;
    --only=*) only="${1#*=}" ;;
    --check=*) check="${1#*=}" ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
[[ -x /usr/bin/time ]] || { echo "bench-10x: needs GNU time at /usr/bin/time" >&2; exit 2; }
bench_header
bench_jar
if [[ -z "$work" ]]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/tracegen-bench-10x.XXXXXX")"
fi
mkdir -p "$work"
if [[ "$keep" != true ]]; then
  trap 'rm -rf "$work/10x" "$work/1x" "$work/cache-10x" "$work/cache-1x"' EXIT
fi
echo "heap -Xmx$heap, FlinkRunner [local], parallelism $parallelism, work $work"

# build NAME PROFILE: one build into $work/NAME with a fresh cache; sets secs, cpu, rss_gb.
build() {
  local name="$1" profile="$2"
  rm -rf "${work:?}/$name" "$work/cache-$name"
  echo "bench: $name ($profile) started $(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  if ! /usr/bin/time -v -o "$work/$name.time" java -Xmx"$heap" -XX:+UseParallelGC -jar "$jar" run \
      --runner=FlinkRunner --flinkMaster='[local]' --parallelism="$parallelism" --profile="$profile" \
      --output="$work/$name" --cacheDir="$work/cache-$name" --quiet ${extra[@]+"${extra[@]}"} \
      >"$work/$name.log" 2>&1; then
    echo "bench-10x: the $name build failed; last lines of $work/$name.log:" >&2
    tail -30 "$work/$name.log" >&2
    exit 1
  fi
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }' "$work/$name.time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/$name.time")
  rss_gb=$(awk -F': ' '/Maximum resident set size/ { printf "%.2f", $2 / 1024 / 1024 }' "$work/$name.time")
  echo "bench: $name done $(date -u +%T) UTC" >&2
}

corpus_check() { # NAME PROFILE
  local args=()
  [[ "$check" == counts ]] && args=(--checks counts,ids,exact,constraints --sample 0.01)
  local t0 t1
  t0=$(date +%s)
  if python3 scripts/check-corpus.py "$work/$1" --profile "$2" ${args[@]+"${args[@]}"} >"$work/$1.check" 2>&1; then
    status=passed
  else
    status=FAILED
  fi
  t1=$(date +%s)
  echo "check-corpus.py $1: $status in $((t1 - t0)) s; its summary:"
  sed 's/^/    /' "$work/$1.check" | head -40
}

records() { # NAME -> "train N, eval M" from stats.json
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(", ".join("%s %s" % (k, format(v, ",")) for k, v in s.get("records", {}).items()))' "$work/$1/stats.json" 2>/dev/null || echo "?"
}

big_secs=""; small_secs=""
if [[ "$only" != 1x ]]; then
  build 10x pipeline/trace-10x.yaml
  big_secs=$secs; big_cpu=$cpu; big_rss=$rss_gb
  echo "1,200,000 / 10,000 (trace-10x.yaml): wall ${big_secs} s, CPU ${big_cpu} s, peak RSS ${big_rss} GB; records: $(records 10x)"
fi
if [[ "$only" != 10x ]]; then
  build 1x pipeline/trace.yaml
  small_secs=$secs; small_cpu=$cpu; small_rss=$rss_gb
  echo "120,000 / 1,000 (trace.yaml):        wall ${small_secs} s, CPU ${small_cpu} s, peak RSS ${small_rss} GB; records: $(records 1x)"
fi
if [[ -n "$big_secs" && -n "$small_secs" ]]; then
  python3 -c "r = $big_secs / $small_secs; c = $big_cpu / $small_cpu; print('time ratio 10x / 1x: %.2f wall, %.2f CPU (target <= 11: %s)' % (r, c, 'met' if r <= 11 else 'NOT met'))"
fi
if [[ "$check" != none ]]; then
  [[ -n "$big_secs" ]] && corpus_check 10x pipeline/trace-10x.yaml
  [[ -n "$small_secs" ]] && corpus_check 1x pipeline/trace.yaml
fi
