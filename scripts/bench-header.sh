# Sourced by the bench scripts: the lines that say when, on what and under which load a figure was
# measured, so that a saved output (docs/bench/*.txt) can be read on its own.
bench_header() {
  echo "date               $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit             $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "machine            $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1024/1024}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  echo "load               $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
}
