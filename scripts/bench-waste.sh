#!/usr/bin/env bash
# Waste against a model that fails often: starts `tracegen serve --nonCompliance=X` and builds a
# profile against it over HTTP (the openai client path), then prints the waves, the yields, the
# share of LLM requests spent on candidates that did not ship (by stage of loss), the requests
# the server answered and the wall time.
#   scripts/bench-waste.sh [--profile=pipeline/smoke.yaml] [--nonCompliance=0.3] [run options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
profile=pipeline/smoke.yaml; noncompliance=0.3; extra=()
for a in "$@"; do
  case "$a" in
    --profile=*) profile="${a#*=}" ;;
    --nonCompliance=*) noncompliance="${a#*=}" ;;
    *) extra+=("$a") ;;
  esac
done
jar="$root/target/tracegen.jar"
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "bench: building $jar ..." >&2
  scripts/mvn-quiet -o package -DskipTests
fi
work="$(mktemp -d)"
log="$work/serve.log"
java -Xmx2g -jar "$jar" serve --port=0 --nonCompliance="$noncompliance" >"$log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$log" | head -1 || true)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "serve did not start:" >&2; cat "$log" >&2; exit 1; }
bench_header
echo "profile            $profile against serve --nonCompliance=$noncompliance ($url)"
start=$(date +%s.%N)
java -Xmx4g -jar "$jar" run --profile="$profile" --provider=openai --baseUrl="$url" --model=tracegen-embedded-1 \
  --output="$work/out" --cacheDir="$work/cache" --quiet "${extra[@]}"
end=$(date +%s.%N)
python3 - "$work/out" <<'PY'
import json, sys
out = sys.argv[1]
run = json.load(open(out + "/run.json"))
stats = json.load(open(out + "/stats.json"))
waves = run["waves"]
print(f"planning           {waves['planning']}, {waves.get('pipelines')} pipelines")
for w in waves["waves"]:
    print(f"  wave {w['wave']:>2} {w['phase']:<7} {w['plans']:>7} plans -> {w['candidates']:>7} quadruples")
ys = sorted(waves.get("yields", {}).items())
print("yields             " + ", ".join(f"{k} {v:.2f}" for k, v in ys))
w = stats["waste"]
share = w["not_shipped_share"]
print("records            " + ", ".join(f"{k} {v}" for k, v in stats["records"].items()))
print(f"requests           {w['shipped']['requests'] + w['not_shipped']['requests']} "
      f"({w['shipped']['requests']} for shipped records, {w['not_shipped']['requests']} not)")
print(f"waste              {100 * share['requests']:.1f} % of requests, {100 * share['tokens']:.1f} % of tokens")
for stage, loss in w["by_stage"].items():
    print(f"  lost at {stage:<14} {loss['records']:>6} records {loss['requests']:>7} requests "
          f"({100 * loss['share']['requests']:.1f} %)")
PY
echo "server             $(curl -s "${url%/v1}/stats" 2>/dev/null || true)"
awk -v a="$start" -v b="$end" 'BEGIN { printf "wall               %.1f s\n", b - a }'
