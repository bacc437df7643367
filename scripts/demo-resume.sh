#!/usr/bin/env bash
# Crash-safe resume, demonstrated against `tracegen serve` (requests counted at its /stats):
#   1. an uninterrupted smoke build over HTTP (its own cache): T requests;
#   2. the same build with a fresh cache, killed with kill -9 once about half of T is answered (K);
#   3. the same command again: it completes, sends R requests, and its output is byte-identical
#      to build 1 (every file but run.json); R must be at most (T - K) + 5 % of T.
#   scripts/demo-resume.sh [--work=DIR] [--killAt=0.5] [--latencyMillis=20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work=""; kill_at=0.5; latency=20
for a in "$@"; do
  case "$a" in
    --work=*) work="${a#*=}" ;;
    --killAt=*) kill_at="${a#*=}" ;;
    --latencyMillis=*) latency="${a#*=}" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
jar="$root/target/tracegen.jar"
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "demo: building $jar ..." >&2
  scripts/mvn-quiet -o package -DskipTests
fi
[[ -n "$work" ]] || work="$(mktemp -d)"
mkdir -p "$work"
java -Xmx2g -jar "$jar" serve --port=0 --latencyMillis="$latency" >"$work/serve.log" 2>&1 &
serve_pid=$!
run_pid=""
cleanup() {
  [[ -n "$run_pid" ]] && kill -9 "$run_pid" 2>/dev/null || true
  kill "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
}
trap cleanup EXIT
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$work/serve.log" | head -1 || true)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "serve did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
stat() { curl -s "${url%/v1}/stats" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
build() { # build OUT CACHE -> runs in the foreground
  java -Xmx4g -jar "$jar" run --profile=pipeline/smoke.yaml --provider=openai --baseUrl="$url" \
    --model=tracegen-embedded-1 --output="$1" --cacheDir="$2" --quiet=true
}
echo "serve at $url (latency ${latency} ms); work dir $work"

echo "1. uninterrupted build"
r0=$(stat requests)
build "$work/full" "$work/cache-full" >"$work/full.log" 2>&1
total=$(( $(stat requests) - r0 ))
echo "   requests: $total"

echo "2. the same build with a fresh cache, killed with kill -9 at ${kill_at} of its requests"
a0=$(stat answered)
target=$(awk -v t="$total" -v f="$kill_at" 'BEGIN { printf "%d", t * f }')
java -Xmx4g -jar "$jar" run --profile=pipeline/smoke.yaml --provider=openai --baseUrl="$url" \
  --model=tracegen-embedded-1 --output="$work/resumed" --cacheDir="$work/cache-resumed" --quiet=true \
  >"$work/killed.log" 2>&1 &
run_pid=$!
while kill -0 "$run_pid" 2>/dev/null && (( $(stat answered) - a0 < target )); do
  sleep 0.05
done
kill -9 "$run_pid" 2>/dev/null || { echo "the build finished before it could be killed" >&2; exit 1; }
wait "$run_pid" 2>/dev/null || true
run_pid=""
sleep 0.5
answered=$(( $(stat answered) - a0 ))
entries=$(cat "$work"/cache-resumed/segment-*.jsonl 2>/dev/null | wc -l)
echo "   killed after $answered answered requests; $entries answers in the cache"
if [[ -e "$work/resumed" ]]; then
  echo "FAIL: a killed build left an output directory" >&2; exit 1
fi

echo "3. rerun of the same command"
r1=$(stat requests)
build "$work/resumed" "$work/cache-resumed" >"$work/rerun.log" 2>&1
rerun=$(( $(stat requests) - r1 ))
bound=$(( total - answered + total / 20 ))
echo "   requests: $rerun (bound: total - answered before the kill + 5% = $total - $answered + $(( total / 20 )) = $bound)"

status=0
if diff -r --exclude=run.json "$work/full" "$work/resumed" >"$work/diff.txt"; then
  echo "   outputs: byte-identical to the uninterrupted build (all files but run.json)"
else
  echo "FAIL: outputs differ:" >&2; head -20 "$work/diff.txt" >&2; status=1
fi
if (( rerun > bound )); then
  echo "FAIL: the rerun sent $rerun requests, more than $bound" >&2; status=1
fi
(( status == 0 )) && echo "OK: resumed after kill -9, paid only for what was missing"
exit $status
