#!/usr/bin/env bash
# A one-machine Flink session cluster (Flink's MiniCluster, from the fat jar) with its REST
# endpoint on 127.0.0.1, to try a real remote submission without a Flink installation.
#
#   scripts/flink-minicluster.sh [--port=8081] [--slots=2] [--heap=4g]
#       starts the cluster and waits (Ctrl-C stops it); submit from another shell with
#       scripts/run-flink.sh --flinkMaster=localhost:8081 --parallelism=2 --output=out/flink
#
#   scripts/flink-minicluster.sh --demo [--profile=pipeline/smoke.yaml] [--slots=2] [--heap=4g]
#       starts the cluster on a free port, submits the profile's build to it with
#       --flinkMaster=localhost:PORT, builds the same profile on the DirectRunner, compares the
#       two corpora (every file byte for byte except run.json and report.html, which record the
#       run's timings) and stops the cluster.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/tracegen.jar"
port=8081; slots=2; heap=4g; demo=false; profile=pipeline/smoke.yaml
for a in "$@"; do
  case "$a" in
    --port=*) port="${a#*=}" ;;
    --slots=*) slots="${a#*=}" ;;
    --heap=*) heap="${a#*=}" ;;
    --profile=*) profile="${a#*=}" ;;
    --demo) demo=true ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $a (see --help)" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "flink-minicluster: building $jar ..." >&2
  (cd "$root" && scripts/mvn-quiet package -DskipTests)
fi

if [[ "$demo" != true ]]; then
  exec java -Xmx"$heap" -cp "$jar" dev.tracegen.flink.FlinkLocalCluster --port="$port" --taskManagers=1 --slots="$slots"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tracegen-flink-demo.XXXXXX")"
# The cluster runs from a copy of the jar in its own directory, so a rebuild cannot pull the jar
# from under it and relative paths cannot resolve against the project by accident.
mkdir -p "$work/cluster"
cp "$jar" "$work/cluster/tracegen.jar"
(cd "$work/cluster" && exec java -Xmx"$heap" -cp tracegen.jar dev.tracegen.flink.FlinkLocalCluster \
    --port=0 --taskManagers=1 --slots="$slots" --portFile="$work/port") >"$work/cluster.log" 2>&1 &
cluster_pid=$!
trap 'kill "$cluster_pid" 2>/dev/null || true; wait "$cluster_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  [[ -s "$work/port" ]] && break
  kill -0 "$cluster_pid" 2>/dev/null || { echo "the cluster exited:" >&2; tail -40 "$work/cluster.log" >&2; exit 1; }
  sleep 0.2
done
[[ -s "$work/port" ]] || { echo "the cluster did not start in 120 s:" >&2; tail -40 "$work/cluster.log" >&2; exit 1; }
cluster_port="$(cat "$work/port")"
echo "flink-minicluster: REST at http://127.0.0.1:$cluster_port (log $work/cluster.log)"

cd "$root"
t0=$(date +%s)
TRACEGEN_JAVA_OPTS="-Xmx$heap" "$root/scripts/run-flink.sh" --flinkMaster="localhost:$cluster_port" \
  --parallelism="$slots" --profile="$profile" --output="$work/flink" --quiet >"$work/submit.log" 2>&1 \
  || { echo "submission failed:" >&2; tail -40 "$work/submit.log" >&2; exit 1; }
t1=$(date +%s)
echo "flink-minicluster: remote Flink build done in $((t1 - t0)) s; jobs on the cluster:"
curl -s "http://127.0.0.1:$cluster_port/jobs/overview" | grep -o '"name":"[^"]*","start-time":[0-9]*,"end-time":[0-9]*,"duration":[0-9]*,"state":"[A-Z]*"' || true
java -Xmx"$heap" -jar "$jar" run --runner=DirectRunner --profile="$profile" --output="$work/direct" --quiet >"$work/direct.log" 2>&1 \
  || { echo "DirectRunner build failed:" >&2; tail -40 "$work/direct.log" >&2; exit 1; }
echo "flink-minicluster: DirectRunner build done in $(($(date +%s) - t1)) s"
if diff -r -x run.json -x report.html "$work/direct" "$work/flink" >/dev/null; then
  echo "flink-minicluster: identical (every file but run.json and report.html); outputs in $work"
else
  echo "flink-minicluster: DIFFERENT:"; diff -rq -x run.json -x report.html "$work/direct" "$work/flink" || true
  exit 1
fi
