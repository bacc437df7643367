#!/usr/bin/env bash
# A build with its seeds, output and response cache in an S3 bucket, to try tracegen on object
# storage without an AWS account: starts an S3-compatible server (s3proxy, AWS signatures checked,
# objects kept as files under a temporary directory) and `tracegen serve` as the LLM endpoint, then
#   1. builds the profile on local disk (the reference),
#   2. builds it with --seeds, --output and --cacheDir in the bucket,
#   3. checks the bucket's stats.json with `tracegen stats s3://... --check`,
#   4. builds it again on the bucket's cache (no request may reach the endpoint).
# Prints whether the records are the same and how many requests each build sent.
#   scripts/s3-smoke.sh [--profile=pipeline/smoke.yaml] [--runner=DirectRunner|FlinkRunner] [--keep]
# --keep leaves the bucket's files (under the printed directory) for you to look at.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/bench-header.sh
profile=pipeline/smoke.yaml; runner=DirectRunner; keep=false
for a in "$@"; do
  case "$a" in
    --profile=*) profile="${a#*=}" ;;
    --runner=*) runner="${a#*=}" ;;
    --keep) keep=true ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
runner_args=(--runner="$runner")
[[ "$runner" == FlinkRunner ]] && runner_args+=(--flinkMaster=[local] --parallelism=2)
bench_jar
work="$(mktemp -d)"
bench_serve
# s3proxy is a test dependency; Maven resolves its own class path (the tests' whole class path
# has two logging bindings that send s3proxy's logging into a loop).
s3proxy_version="$(sed -n '/<artifactId>s3proxy</{n;s/.*<version>\(.*\)<\/version>.*/\1/p}' pom.xml)"
mkdir -p "$work/s3proxy"
cat >"$work/s3proxy/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>s3proxy-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.gaul</groupId><artifactId>s3proxy</artifactId><version>$s3proxy_version</version></dependency>
  </dependencies>
</project>
EOF
(cd "$work/s3proxy" && "$root/scripts/mvn-quiet" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
bucket=tracegen-demo; access=tracegen-demo; secret="tracegen-demo-secret-$$"
mkdir -p "$work/store/$bucket/seeds"
# The profile's seed files, copied into the bucket (the store keeps an object as a file).
s3_seeds=""
while read -r f; do
  cp "$f" "$work/store/$bucket/seeds/$(basename "$f")"
  s3_seeds="${s3_seeds:+$s3_seeds,}s3://$bucket/seeds/$(basename "$f")"
done < <(python3 -c 'import sys, yaml; s = yaml.safe_load(open(sys.argv[1]))["seeds"]; print("\n".join(s if isinstance(s, list) else [s]))' "$profile")
cat >"$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem-nio2
jclouds.identity=$access
jclouds.credential=$secret
jclouds.filesystem.basedir=$work/store
EOF
java -cp "$(cat "$work/cp.txt")" org.gaul.s3proxy.Main --properties "$work/s3proxy.properties" \
  >"$work/s3proxy.log" 2>&1 &
s3_pid=$!
trap 'kill "$serve_pid" "$s3_pid" 2>/dev/null || true; wait 2>/dev/null || true; $keep || rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$s3_pid" 2>/dev/null || { echo "s3proxy did not start:" >&2; cat "$work/s3proxy.log" >&2; exit 1; }
  sleep 0.1
done
s3=(--endpoint="http://127.0.0.1:$port" --awsRegion=us-east-1
  --awsCredentialsProvider="{\"@type\": \"StaticCredentialsProvider\", \"accessKeyId\": \"$access\", \"secretAccessKey\": \"$secret\"}")
http=(--provider=openai --baseUrl="$url" --model=tracegen-embedded-1)
requests() { curl -s "${url%/v1}/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["requests"])'; }
bench_header
echo "profile            $profile, runner $runner"
echo "bucket             s3://$bucket at http://127.0.0.1:$port (files under $work/store/$bucket)"

t0=$(date +%s.%N)
java -jar "$jar" run --profile="$profile" "${http[@]}" "${runner_args[@]}" --quiet \
  --output="$work/local" --cacheDir="$work/local-cache"
t1=$(date +%s.%N); r1=$(requests)
java -jar "$jar" run --profile="$profile" "${http[@]}" "${runner_args[@]}" "${s3[@]}" --quiet \
  --seeds="$s3_seeds" --output="s3://$bucket/out" --cacheDir="s3://$bucket/cache"
t2=$(date +%s.%N); r2=$(requests)
java -jar "$jar" stats "s3://$bucket/out" --check "${s3[@]}" >/dev/null && stats=identical || stats=DIFFERENT
java -jar "$jar" run --profile="$profile" "${http[@]}" "${runner_args[@]}" "${s3[@]}" --quiet \
  --seeds="$s3_seeds" --output="s3://$bucket/out-again" --cacheDir="s3://$bucket/cache"
t3=$(date +%s.%N); r3=$(requests)

same() {
  diff -rq -x run.json -x report.html "$1" "$2" >/dev/null && echo identical || echo DIFFERENT
}
printf 'local build        %6.1f s, %s requests\n' "$(echo "$t1 - $t0" | bc)" "$r1"
printf 'bucket build       %6.1f s, %s requests; records %s to the local build; _SUCCESS %s\n' \
  "$(echo "$t2 - $t1" | bc)" "$((r2 - r1))" "$(same "$work/local" "$work/store/$bucket/out")" \
  "$([[ -f "$work/store/$bucket/out/_SUCCESS" ]] && echo present || echo MISSING)"
echo "stats --check      stats.json in the bucket $stats to the recomputed statistics"
printf 'rerun on cache     %6.1f s, %s requests; records %s\n' "$(echo "$t3 - $t2" | bc)" "$((r3 - r2))" \
  "$(same "$work/store/$bucket/out" "$work/store/$bucket/out-again")"
echo "cache segments     $(find "$work/store/$bucket/cache" -type f | wc -l) files in s3://$bucket/cache"
if grep -rqF "$secret" "$work/store/$bucket"; then echo "SECRET FOUND in the bucket"; exit 1; fi
echo "credentials        not in any file of the bucket"
