#!/usr/bin/env bash
# Throughput of the real openai client path (LlmClient -> LangChain4j OpenAiChatModel -> HTTP)
# against `tracegen serve` with a fixed latency, compared with Little's law: in-flight / latency.
# Also runs each level with the response cache on (every prompt new: all misses, all written)
# and prints cache-on / cache-off.
#   scripts/bench-llm-throughput.sh [--latencyMillis=200] [--inFlight=8,32,128] [--seconds=10] [--cache=true]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
latency=200; levels=8,32,128; seconds=10; cache=true
for a in "$@"; do
  case "$a" in
    --latencyMillis=*) latency="${a#*=}" ;;
    --inFlight=*) levels="${a#*=}" ;;
    --seconds=*) seconds="${a#*=}" ;;
    --cache=*) cache="${a#*=}" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
bench_jar
work="$(mktemp -d)"
bench_serve --latencyMillis="$latency"
echo "serve at $url, latency ${latency} ms; $(nproc) cores; ${seconds} s per level"
cache_arg=()
[[ "$cache" == "true" ]] && cache_arg=(--cacheDir="$work/cache")
java -Xmx2g -cp "$jar" dev.tracegen.bench.ThroughputBench --baseUrl="$url" --latencyMillis="$latency" \
  --inFlight="$levels" --seconds="$seconds" "${cache_arg[@]}"
echo "server: $(curl -s "${url%/v1}/stats" 2>/dev/null || true)"
