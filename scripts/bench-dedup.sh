#!/usr/bin/env bash
# Near-duplicate dedup throughput (records/s) on a built corpus: dev.tracegen.bench.DedupBench reads
# the shards (and the records that dedup, split and decontamination rejected, so the input is what
# dedup saw), once alone and once followed by the dedup transform, on the Direct runner.
#   scripts/bench-dedup.sh CORPUS_DIR [--buckets=16] [--semantic=true] [--withRejected=false]
# Without CORPUS_DIR it builds the full profile first (scripts/bench-full.sh --keep).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
bench_header
corpus="${1:-}"
[[ $# -gt 0 ]] && shift
if [[ -z "$corpus" ]]; then
  corpus="$(mktemp -d)/corpus"
  scripts/bench-full.sh --output="$corpus"
fi
jar="$root/target/tracegen.jar"
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "bench-dedup: building $jar ..." >&2
  scripts/mvn-quiet -o package -DskipTests
fi
java ${TRACEGEN_JAVA_OPTS:--Xmx6g} -cp "$jar" dev.tracegen.bench.DedupBench --corpus="$corpus" "$@" 2>&1 \
  | grep -v -E '^\[.*\] (INFO|WARN)'
