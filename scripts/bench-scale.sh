#!/usr/bin/env bash
# Scaling: the 12,000 / 1,000 profile (pipeline/trace-12k.yaml) against the 120,000 / 1,000 one
# (pipeline/trace.yaml), both on the Direct runner; prints both wall times and their ratio
# (target <= 11 for ten times the train records).
#   scripts/bench-scale.sh [--full-seconds=S]   (S: reuse a measured full-build time instead of running it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
bench_header
full=""
for a in "$@"; do
  case "$a" in
    --full-seconds=*) full="${a#*=}" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
export TRACEGEN_JAVA_OPTS="${TRACEGEN_JAVA_OPTS:--Xmx3g -XX:+UseParallelGC}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/tracegen validate --profile=pipeline/trace-12k.yaml >/dev/null
seconds() { # profile -> wall seconds of one run
  local start end
  start=$(date +%s.%N)
  scripts/tracegen run --profile="$1" --output="$work/$(basename "$1" .yaml)" --quiet >"$work/$(basename "$1" .yaml).log" 2>&1 \
    || { tail -20 "$work/$(basename "$1" .yaml).log" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 1))"
}
small=$(seconds pipeline/trace-12k.yaml)
echo "12,000 / 1,000  (trace-12k.yaml): ${small} s"
if [[ -z "$full" ]]; then
  full=$(seconds pipeline/trace.yaml)
fi
echo "120,000 / 1,000 (trace.yaml):     ${full} s"
python3 -c "r = $full / $small; print('time ratio 120K / 12K: %.2f (target <= 11: %s)' % (r, 'met' if r <= 11 else 'NOT met'))"
