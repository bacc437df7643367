# Sourced by the bench scripts: the lines that say when, on what and under which load a figure was
# measured, so that a saved output (docs/bench/*.txt) can be read on its own.
bench_header() {
  echo "date               $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit             $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "machine            $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1024/1024}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  echo "load               $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
}

# Sets jar to target/tracegen.jar, building it first when it is missing or older than the sources.
bench_jar() {
  jar="$root/target/tracegen.jar"
  if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    echo "bench: building $jar ..." >&2
    scripts/mvn-quiet -o package -DskipTests
  fi
}

# Starts `tracegen serve --port=0 ARGS...` in the background with its log in $work/serve.log,
# sets serve_pid and url (its base URL), and stops it and removes $work when the script exits.
bench_serve() {
  local log="$work/serve.log"
  java -Xmx2g -jar "$jar" serve --port=0 "$@" >"$log" 2>&1 &
  serve_pid=$!
  trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  url=""
  for _ in $(seq 1 300); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$log" | head -1 || true)"
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "serve did not start:" >&2; cat "$log" >&2; exit 1; }
}
