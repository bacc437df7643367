#!/usr/bin/env bash
# Throughput of the real openai client path (LlmClient -> LangChain4j OpenAiChatModel -> HTTP)
# against `tracegen serve` with a fixed latency, compared with Little's law: in-flight / latency.
# Also runs each level with the response cache on (every prompt new: all misses, all written)
# and prints cache-on / cache-off.
#   scripts/bench-llm-throughput.sh [--latencyMillis=200] [--inFlight=8,32,128] [--seconds=10] [--cache=true]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
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
jar="$root/target/tracegen.jar"
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "bench: building $jar ..." >&2
  scripts/mvn-quiet -o package -DskipTests
fi
work="$(mktemp -d)"
log="$work/serve.log"
java -Xmx2g -jar "$jar" serve --port=0 --latencyMillis="$latency" >"$log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$log" | head -1 || true)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "serve did not start:" >&2; cat "$log" >&2; exit 1; }
echo "serve at $url, latency ${latency} ms; $(nproc) cores; ${seconds} s per level"
cache_arg=()
[[ "$cache" == "true" ]] && cache_arg=(--cacheDir="$work/cache")
java -Xmx2g -cp "$jar" dev.tracegen.bench.ThroughputBench --baseUrl="$url" --latencyMillis="$latency" \
  --inFlight="$levels" --seconds="$seconds" "${cache_arg[@]}"
echo "server: $(curl -s "${url%/v1}/stats" 2>/dev/null || true)"
