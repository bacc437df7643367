#!/usr/bin/env bash
# Renders a corpus's report.html in headless Chromium and writes a screenshot next to it.
#   scripts/render-report.sh OUTPUT_DIR [SCREENSHOT.png]     (default: OUTPUT_DIR/report.png)
# Installs Debian's chromium package when it is missing (needs root and apt). The page is
# self-contained, and Chromium runs with networking features off, so nothing is fetched.
# Env: CHROMIUM=/path/to/chromium, REPORT_WINDOW=1280,2000 (width,height of the screenshot).
set -euo pipefail
dir="${1:?usage: $0 OUTPUT_DIR [SCREENSHOT.png]}"
report="$dir/report.html"
[[ -f "$report" ]] || { echo "render-report: no $report (run 'tracegen run' or 'tracegen stats DIR --report' first)" >&2; exit 2; }
out="${2:-$dir/report.png}"

chromium="${CHROMIUM:-}"
if [[ -z "$chromium" ]]; then
  chromium="$(command -v chromium || command -v chromium-browser || true)"
fi
if [[ -z "$chromium" ]]; then
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "render-report: chromium is missing; install it with: apt-get install -y chromium" >&2
    exit 3
  fi
  echo "render-report: installing Debian's chromium package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2   # recommends bring fonts-liberation
  chromium="$(command -v chromium)"
fi

abs_report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
mkdir -p "$(dirname "$out")"
abs_out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$abs_out"
# Chromium prints harmless D-Bus and GPU warnings on headless machines; show them only when no
# screenshot was written.
log="$profile/chromium.log"
status=0
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
  --hide-scrollbars --user-data-dir="$profile" --screenshot="$abs_out" \
  --window-size="${REPORT_WINDOW:-1280,2000}" "file://$abs_report" >"$log" 2>&1 || status=$?
if [[ ! -s "$abs_out" ]]; then
  cat "$log" >&2
  echo "render-report: chromium wrote no screenshot (exit status $status)" >&2
  exit 1
fi
echo "$abs_out"
