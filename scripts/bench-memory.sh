#!/usr/bin/env bash
# Memory against time, back to back: the same build with two sets of JVM options, one after the
# other on this machine (fresh caches, the jar of this checkout), printing wall time, CPU time and
# peak RSS of each, whether the outputs are byte-identical, and the wall-time ratio.
#   scripts/bench-memory.sh [--profile=pipeline/trace.yaml] [--before="-Xmx6g"] [--after="-Xmx3g -XX:+UseParallelGC"]
# Target for the full profile: peak RSS <= 4 GB with the launcher's options, at most 10 % slower
# than the 6 GB G1 heap the launcher had before.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
profile=pipeline/trace.yaml; before="-Xmx6g"; after="-Xmx3g -XX:+UseParallelGC"
for a in "$@"; do
  case "$a" in
    --profile=*) profile="${a#*=}" ;;
    --before=*) before="${a#*=}" ;;
    --after=*) after="${a#*=}" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
bench_jar
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_header
echo "profile            $profile"
build() {  # NAME JAVA_OPTS
  # shellcheck disable=SC2086 # the options are words
  /usr/bin/time -v -o "$work/$1.time" java $2 -jar "$jar" run --profile="$profile" --output="$work/$1" \
    --cacheDir="$work/$1-cache" --quiet >"$work/$1.log" 2>&1 || { tail -20 "$work/$1.log" >&2; exit 1; }
  local wall cpu rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/$1.time")"
  cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$1.time")"
  rss="$(awk '/Maximum resident set size/ {printf "%.2f", $NF / 1024 / 1024}' "$work/$1.time")"
  printf '%-18s %-28s wall %7.1f s, CPU %7.1f s, peak RSS %s GB\n' "$1" "$2" "$wall" "$cpu" "$rss"
  echo "$wall" >"$work/$1.wall"
}
build before "$before"
build after "$after"
if diff -rq -x run.json -x report.html "$work/before" "$work/after" >/dev/null; then
  echo "outputs            byte-identical (but run.json and report.html)"
else
  echo "outputs            DIFFERENT"
fi
echo "wall ratio         $(python3 -c "import sys; print(f'{float(sys.argv[2]) / float(sys.argv[1]):.3f}')" \
  "$(cat "$work/before.wall")" "$(cat "$work/after.wall")") (after / before)"
