#!/usr/bin/env bash
# Wall time of one build on the FlinkRunner (local mode) and on the DirectRunner, their ratio, and
# whether both corpora are identical (every file byte for byte except run.json and report.html,
# which record the run's timings).
#   scripts/bench-flink.sh [--profile=pipeline/trace.yaml] [--parallelism=2] [--heap=8g]
#                          [--work=DIR] [--keep] [--only=flink|direct] [-- extra run options]
# Each build runs in its own JVM with -Xmx<heap>, one after the other; the FlinkRunner's local mode
# adds managed (off-heap) memory of about 40% of the heap for its sorts, so leave that much free as
# well (a 12g heap was OOM-killed on a 24 GB machine shared with other builds). Besides the wall
# times it prints each build's CPU seconds, which other load on the machine disturbs less.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
profile=pipeline/trace.yaml; parallelism=2; heap=8g; work=""; keep=false; only=""
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile=*) profile="${1#*=}" ;;
    --parallelism=*) parallelism="${1#*=}" ;;
    --heap=*) heap="${1#*=}" ;;
    --work=*) work="${1#*=}" ;;
    --keep) keep=true ;;
    --only=*) only="${1#*=}" ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
jar="$root/target/tracegen.jar"
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "bench: building $jar ..." >&2
  scripts/mvn-quiet -o package -DskipTests
fi
if [[ -z "$work" ]]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/tracegen-bench-flink.XXXXXX")"
fi
mkdir -p "$work"
if [[ "$keep" != true ]]; then
  trap 'rm -rf "$work/flink" "$work/direct"' EXIT
fi

# User + system CPU seconds of this shell's finished children (bash's `times`, second line) into
# $cpu; `times` must run in this shell, not in a $(...) subshell.
cpu_children() {
  times >"$work/.times"
  cpu=$(tail -1 "$work/.times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); n += p[1] * 60 + p[2] } printf "%.2f", n }')
}

# run NAME RUNNER-ARGS...: one build into $work/NAME; sets $secs, $cpu_secs, $pipeline_secs.
run() {
  local name="$1"; shift
  rm -rf "${work:?}/$name"
  local t0 t1 c0 c1
  t0=$(date +%s.%N)
  cpu_children; c0=$cpu
  if ! java -Xmx"$heap" -jar "$jar" run "$@" --profile="$profile" --output="$work/$name" --quiet \
      ${extra[@]+"${extra[@]}"} >"$work/$name.log" 2>&1; then
    echo "bench: the $name build failed; last lines of $work/$name.log:" >&2
    tail -30 "$work/$name.log" >&2
    exit 1
  fi
  t1=$(date +%s.%N)
  cpu_children; c1=$cpu
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  # CPU seconds (user + system) of the build's JVM: less sensitive than wall time to other load.
  cpu_secs=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.1f", b - a }')
  # run.json's wall_seconds: from pipeline construction to the published output (no JVM start).
  pipeline_secs=$(grep -o '"wall_seconds" *: *[0-9.]*' "$work/$name/run.json" | grep -o '[0-9.]*$' || echo "?")
  echo "bench: $name done in ${secs} s (run.json wall_seconds ${pipeline_secs}; CPU ${cpu_secs} s; load now $(cut -d" " -f1-3 /proc/loadavg))" >&2
}

echo "bench: profile $profile; $(date -u +%FT%TZ); $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; -Xmx$heap; load $(cut -d' ' -f1-3 /proc/loadavg); work $work" >&2
flink_s=""; direct_s=""
if [[ "$only" != direct ]]; then
  run flink --runner=FlinkRunner --flinkMaster='[local]' --parallelism="$parallelism"
  flink_s=$secs; flink_p=$pipeline_secs; flink_c=$cpu_secs
fi
if [[ "$only" != flink ]]; then
  run direct --runner=DirectRunner
  direct_s=$secs; direct_p=$pipeline_secs; direct_c=$cpu_secs
fi

echo "profile:                          $profile"
[[ -n "$flink_s" ]] && echo "FlinkRunner [local] p=$parallelism wall: ${flink_s} s (run.json: ${flink_p} s; CPU ${flink_c} s)"
[[ -n "$direct_s" ]] && echo "DirectRunner wall:                ${direct_s} s (run.json: ${direct_p} s; CPU ${direct_c} s)"
if [[ -n "$flink_s" && -n "$direct_s" ]]; then
  echo "ratio Flink / Direct:             $(awk -v f="$flink_s" -v d="$direct_s" 'BEGIN { printf "%.2f", f / d }') (wall), $(awk -v f="$flink_c" -v d="$direct_c" 'BEGIN { printf "%.2f", f / d }') (CPU)"
  same=identical
  corpus_files() { (cd "$1" && find . -type f ! -name run.json ! -name report.html | sort); }
  diff <(corpus_files "$work/direct") <(corpus_files "$work/flink") >/dev/null || same="DIFFERENT file lists"
  if [[ "$same" == identical ]]; then
    while read -r f; do
      cmp -s "$work/direct/$f" "$work/flink/$f" || { same="DIFFERENT ($f)"; break; }
    done < <(corpus_files "$work/direct")
  fi
  echo "outputs (but run.json, report.html): $same"
  [[ "$same" == identical ]] || exit 1
fi
