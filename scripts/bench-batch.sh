#!/usr/bin/env bash
# Batch mode end to end against `tracegen serve`: a synchronous build, then a --batch build that is
# killed (SIGKILL) while its first batch is out and run again on the same cache. Prints whether the
# records are the same, and what the batch server answered: batches, batch lines, distinct
# requests and the most answers any one request got (1 = no request paid twice).
#   scripts/bench-batch.sh [--profile=pipeline/smoke.yaml] [--provider=openai|anthropic] [--batchDelay=1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
profile=pipeline/smoke.yaml; provider=openai; delay=1
for a in "$@"; do
  case "$a" in
    --profile=*) profile="${a#*=}" ;;
    --provider=*) provider="${a#*=}" ;;
    --batchDelay=*) delay="${a#*=}" ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
bench_jar
work="$(mktemp -d)"
# The key the servers require and the builds send; Anthropic's clients need one.
export BENCH_BATCH_KEY="sk-bench-batch-$$"
bench_serve --requireKeyEnv=BENCH_BATCH_KEY
sync_url="$url"; sync_pid="$serve_pid"
java -Xmx2g -jar "$jar" serve --port=0 --requireKeyEnv=BENCH_BATCH_KEY --batchDelay="$delay" >"$work/batch-serve.log" 2>&1 &
batch_pid=$!
trap 'kill "$sync_pid" "$batch_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
batch_url=""
for _ in $(seq 1 300); do
  batch_url="$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$work/batch-serve.log" | head -1 || true)"
  [[ -n "$batch_url" ]] && break
  sleep 0.1
done
[[ -n "$batch_url" ]] || { echo "serve did not start" >&2; exit 1; }
bench_header
echo "profile            $profile, provider $provider, serve --batchDelay=$delay"
# The java command of a build: URL OUT CACHE [more options].
build_cmd() {
  local u="$1" out="$2" cache="$3"; shift 3
  cmd=(java -Xmx4g -jar "$jar" run --profile="$profile" --provider="$provider" --baseUrl="$u"
    --model=tracegen-embedded-1 --apiKeyEnv=BENCH_BATCH_KEY --output="$out" --cacheDir="$cache" --quiet "$@")
}
run() { build_cmd "$@"; "${cmd[@]}"; }
start=$(date +%s.%N)
run "$sync_url" "$work/sync" "$work/sync-cache"
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "synchronous build  %.1f s\n", b - a }'
batch=(--batch --batchPollSeconds=0.2 --maxInFlight=512 --buckets=1)
# Started directly, so that $! is the JVM itself (a function in the background is a subshell).
build_cmd "$batch_url" "$work/killed" "$work/cache" "${batch[@]}"
"${cmd[@]}" >"$work/killed.log" 2>&1 &
build=$!
while kill -0 "$build" 2>/dev/null && ! ls "$work/cache/batches/"*.batch >/dev/null 2>&1; do sleep 0.05; done
out_now=$(ls "$work/cache/batches/"*.batch 2>/dev/null | wc -l)
kill -9 "$build" 2>/dev/null && echo "killed             the --batch build (SIGKILL), with $out_now batch(es) out"
wait "$build" 2>/dev/null || true
python3 - "$(curl -s "${batch_url%/v1}/stats")" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
print(f"at the kill        {s['batches_created']} batches created, {s['batch_lines']} batch lines answered")
PY
start=$(date +%s.%N)
run "$batch_url" "$work/resumed" "$work/cache" "${batch[@]}"
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "resumed build      %.1f s\n", b - a }'
if diff -rq -x run.json -x report.html "$work/sync" "$work/resumed" >/dev/null; then
  echo "records            the same as the synchronous build's (every file but run.json and report.html)"
else
  echo "records            DIFFER from the synchronous build's:"; diff -rq -x run.json -x report.html "$work/sync" "$work/resumed" | head
fi
echo "batch records left $(ls "$work/cache/batches" 2>/dev/null | wc -l)"
python3 - "$(curl -s "${batch_url%/v1}/stats")" "$work/resumed/run.json" <<'PY'
import json, sys
s = json.loads(sys.argv[1]); run = json.load(open(sys.argv[2]))
resumed = sum(st.get("batch", {}).get("resumed", 0) for st in run["llm"].values())
print(f"batch server       {s['batches_created']} batches, {s['batch_lines']} batch lines "
      f"({s['batch_lines_answered']} answered), {s['requests']} requests on their own")
print(f"distinct requests  {s['distinct_requests']}; most answers per request {s['most_answers_per_request']}")
print(f"resumed answers    {resumed} (answers of the killed build's batches, collected by the rerun)")
PY
