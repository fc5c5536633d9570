#!/usr/bin/env bash
# A screenshot of the top of a run's performance report, as headless Chromium draws it: the three
# answer panels and the history. docs/reports.md shows one made by this script.
#
#   bench/report-screenshot.sh RESULTS.json OUT.png [WIDTH] [HEIGHT]
#
# RESULTS.json is a run's results (outbox/<run-id>/results.json); the report is re-rendered into a
# temporary outbox with `sttbench report`, so the run folder is not touched. WIDTH x HEIGHT is the
# browser window (default 1280 x 760: a laptop screen). Needs chromium (or CHROMIUM=/path/to/it).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 RESULTS.json OUT.png [WIDTH] [HEIGHT]" >&2
  exit 2
fi
results="$1"
out="$2"
width="${3:-1280}"
height="${4:-760}"
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$browser" ]; then
  echo "$0: chromium not found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi
[ -f "$results" ] || { echo "$0: no such results file: $results" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$home/sttbench" report "$results" --outbox "$work/outbox" >"$work/report.log" 2>&1 \
  || { cat "$work/report.log" >&2; exit 1; }
page="$(find "$work/outbox" -name performance-report.html | head -n 1)"
[ -n "$page" ] || { echo "$0: the report command wrote no performance-report.html" >&2; exit 1; }

# a fresh profile, no network, nothing kept: the report is self-contained and renders offline
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size="$width,$height" \
  --screenshot="$(realpath -m "$out")" "file://$page" >"$work/chromium.log" 2>&1 \
  || { cat "$work/chromium.log" >&2; exit 1; }
echo "$out ($(du -k "$out" | cut -f1) KiB, ${width}x${height})"
