#!/usr/bin/env bash
# Builds the corpus on a Flink cluster (Flink 1.19.x, Java 17) from this machine.
#
#   scripts/run-flink.sh --flinkMaster=HOST:PORT --output=/shared/out/trace \
#       [--parallelism=N] [--cacheDir=/shared/tracegen-cache] [any other `tracegen run` option]
#
# --flinkMaster is the JobManager's REST address (rest.port, 8081 by default); the fat jar is
# uploaded with the job. Without --flinkMaster, and with Flink's `flink` command on the PATH (or
# in $FLINK_HOME/bin), the job goes through `flink run` to the cluster that command is set up for.
# --flinkMaster=[local] runs an embedded Flink in this JVM instead (no cluster needed).
#
# Every path must mean the same thing on this machine and on every TaskManager: --output (and
# the profile's seeds, and --cacheDir for real LLM providers) must be s3:// URIs or on a shared
# filesystem mounted at the same place everywhere (see docs/flink.md). Relative paths are made
# absolute here. Options: TRACEGEN_JAVA_OPTS (default -Xmx4g) for this JVM; FLINK_PARALLELISM as the
# default for --parallelism.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/tracegen.jar"

master=""; parallelism="${FLINK_PARALLELISM:-}"; output=""; cache_dir=""
args=()
for a in "$@"; do
  case "$a" in
    --flinkMaster=*) master="${a#*=}" ;;
    --parallelism=*) parallelism="${a#*=}" ;;
    --output=*) output="${a#*=}" ;;
    --cacheDir=*) cache_dir="${a#*=}" ;;
    --runner=*) echo "run-flink.sh: the runner is always FlinkRunner; drop $a" >&2; exit 2 ;;
    -h|--help)
      sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) args+=("$a") ;;
  esac
done
[[ -n "$output" ]] || { echo "run-flink.sh: --output=DIR is required (on storage every TaskManager sees)" >&2; exit 2; }

# Local paths become absolute: the TaskManagers do not run in this directory.
absolute() {
  case "$1" in
    *://*|/*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$PWD" "$1" ;;
  esac
}
output="$(absolute "$output")"
args+=("--output=$output")
if [[ -n "$cache_dir" ]]; then
  args+=("--cacheDir=$(absolute "$cache_dir")")
fi
[[ -n "$parallelism" ]] && args+=("--parallelism=$parallelism")

if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "run-flink.sh: building $jar ..." >&2
  (cd "$root" && scripts/mvn-quiet package -DskipTests)
fi

if [[ -n "$master" ]]; then
  echo "run-flink.sh: submitting to Flink at $master (parallelism ${parallelism:-cluster default}); output $output" >&2
  exec java ${TRACEGEN_JAVA_OPTS:--Xmx4g} -jar "$jar" run --runner=FlinkRunner --flinkMaster="$master" "${args[@]}"
fi

flink_cmd="$(command -v flink || true)"
[[ -z "$flink_cmd" && -n "${FLINK_HOME:-}" && -x "$FLINK_HOME/bin/flink" ]] && flink_cmd="$FLINK_HOME/bin/flink"
if [[ -z "$flink_cmd" ]]; then
  echo "run-flink.sh: give --flinkMaster=HOST:PORT (the JobManager's REST address), or put Flink's 'flink' command on the PATH" >&2
  exit 2
fi
echo "run-flink.sh: submitting with $flink_cmd run (parallelism ${parallelism:-cluster default}); output $output" >&2
# The FlinkRunner's default --flinkMaster=[auto] picks up the cluster `flink run` submits to.
exec "$flink_cmd" run ${parallelism:+-p "$parallelism"} "$jar" run --runner=FlinkRunner "${args[@]}"
