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
bench_jar
work="$(mktemp -d)"
bench_serve --nonCompliance="$noncompliance"
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
