#!/usr/bin/env bash
# Semantic dedup's cost, back to back: the same build without and with --semanticDedup, one after
# the other on this machine (fresh caches, the jar of this checkout, the launcher's JVM options),
# printing wall time, CPU time and peak RSS of each, the extra wall time, and what semantic dedup
# removed (records, clusters, embeddings computed and reused) from the second build's stats.json.
#   scripts/bench-semantic.sh [--profile=pipeline/trace.yaml] [extra tracegen options]
# Target for the full profile on 2 cores: completes with -Xmx3g and peak RSS <= 4 GB, at most
# 20 minutes more than the plain build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
profile=pipeline/trace.yaml; extra=()
for a in "$@"; do
  case "$a" in
    --profile=*) profile="${a#*=}" ;;
    *) extra+=("$a") ;;
  esac
done
opts="${TRACEGEN_JAVA_OPTS:--Xmx3g -XX:+UseParallelGC}"
bench_jar
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_header
echo "profile            $profile ($opts)"
build() {  # NAME [tracegen options]
  local name="$1"; shift
  # shellcheck disable=SC2086 # the options are words
  /usr/bin/time -v -o "$work/$name.time" java $opts -jar "$jar" run --profile="$profile" --output="$work/$name" \
    --cacheDir="$work/$name-cache" --quiet "${extra[@]}" "$@" >"$work/$name.log" 2>&1 || { tail -20 "$work/$name.log" >&2; exit 1; }
  local wall cpu rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/$name.time")"
  cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$name.time")"
  rss="$(awk '/Maximum resident set size/ {printf "%.2f", $NF / 1024 / 1024}' "$work/$name.time")"
  printf '%-18s wall %7.1f s, CPU %7.1f s, peak RSS %s GB\n' "$name" "$wall" "$cpu" "$rss"
  echo "$wall" >"$work/$name.wall"
}
build plain
build semantic --semanticDedup
awk -v a="$(cat "$work/plain.wall")" -v b="$(cat "$work/semantic.wall")" \
  'BEGIN {printf "extra wall time    %.1f s (%.1f min)\n", b - a, (b - a) / 60}'
python3 - "$work/plain" "$work/semantic" <<'PY'
import json, sys
for name, out in (("plain", sys.argv[1]), ("semantic", sys.argv[2])):
    stats = json.load(open(out + "/stats.json"))
    run = json.load(open(out + "/run.json"))
    d = stats.get("dedup", {})
    print("%-18s records %s; dedup input %d, removed %s; %d pipelines" % (name, stats["records"], d.get("input", 0),
          json.dumps(d.get("removed", {})), run.get("waves", {}).get("pipelines", 0)))
    if name == "semantic":
        print("  semantic clusters  %s" % json.dumps(d.get("cluster_sizes", {}).get("semantic", {})))
        c = run.get("dedup", {})
        print("  run.json dedup     %s" % json.dumps({k: v for k, v in c.items() if "semantic" in k}))
PY
