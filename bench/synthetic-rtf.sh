#!/usr/bin/env bash
# RTF of synthetic models (the real tiny and base shapes) at 1 and 2 threads on the 30 s English clip.
# Not a test: the numbers go to docs/engine.md. Run it on a quiet machine.
# Each cell: one uncounted run, then the median inference time of ROUNDS runs of `sttbench transcribe --json`.
# Usage: bench/synthetic-rtf.sh [ROUNDS] [CLIP]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
CLIP=${2:-test_audio/en_30s.wav}
for model in tiny base; do
  ./sttbench models list | grep -q "^  $model " || ./sttbench models synth "$model" >/dev/null
done
printf '| model | threads | inference median (ms) | RTF | decode (ms) | peak RSS (MiB) |\n|---|---|---|---|---|---|\n'
for model in tiny base; do
  for threads in 1 2; do
    ./sttbench transcribe "$CLIP" --model "$model" --threads "$threads" --json >/dev/null
    out=$(mktemp -d)
    for i in $(seq "$ROUNDS"); do
      ./sttbench transcribe "$CLIP" --model "$model" --threads "$threads" --json >"$out/$i.json"
    done
    python3 - "$out"/*.json <<'PY'
import json, statistics, sys
rows = [json.load(open(name)) for name in sys.argv[1:]]
inference = statistics.median(r["inference_ms"] for r in rows)
duration = rows[0]["audio_duration_s"]
print("| %s | %d | %.0f | %.3f | %.0f | %.0f |" % (rows[0]["model"]["name"], rows[0]["threads"], inference,
      inference / 1000 / duration, statistics.median(r["decode_ms"] for r in rows), max(r["peak_rss_mb"] for r in rows)))
PY
    rm -rf "$out"
  done
done
