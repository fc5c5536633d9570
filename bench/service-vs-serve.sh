#!/usr/bin/env bash
# cpu_scaling and threads curves of `sttbench serve` and of whisper.cpp's `whisper-server`, from one plan
# run twice (once without service:, once with whisper-server as the service), same synthetic model, clip
# and CPU limits, local executor (CPU limiter), then whisper-bench's encoder time beside sttbench's own
# inference time at 1 and 2 threads. Not a test: the numbers go to docs/services.md. Run it on a quiet machine.
# Both services get OMP_WAIT_POLICY=passive (see docs/services.md: spinning threads stall on a busy machine).
# Usage: bench/service-vs-serve.sh [MODEL_SHAPE] [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
SHAPE=${1:-tiny}
ITERATIONS=${2:-5}
BIN=$(bench/whisper-cpp.sh | tail -1)
./sttbench models list | grep -q "^  $SHAPE " || ./sttbench models synth "$SHAPE" >/dev/null
MODEL=${XDG_CACHE_HOME:-$HOME/.cache}/sttbench/models/ggml-$SHAPE.bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

suites="suites:
  cpu_scaling: { cpus: [1, 2], iterations: $ITERATIONS, warmup: 1 }
  threads: { cpus: 2, threads: [1, 2], iterations: $ITERATIONS, warmup: 1 }"
cat >"$work/serve.plan.yaml" <<EOF
name: bench-serve
model: $MODEL
audio: test_audio/en_5s.wav
executor: local
service:
  name: sttbench-serve
  command: $PWD/sttbench
  args: ["serve", "--model", "{model}", "--host", "127.0.0.1", "--port", "{port}", "--workers", "1", "--threads", "{threads}"]
  env: { OMP_WAIT_POLICY: passive }
  health: { path: /health }
  api: openai
  decode: { sampling: greedy }
$suites
EOF
cat >"$work/whisper-server.plan.yaml" <<EOF
name: bench-whisper-server
model: $MODEL
audio: test_audio/en_5s.wav
executor: local
service:
  name: whisper-server
  command: $BIN/whisper-server
  args: ["-m", "{model}", "--port", "{port}", "-t", "{threads}", "-nf"]
  env: { OMP_WAIT_POLICY: passive }
  health: { path: /health }
  api: whispercpp
  decode: { temperature_inc: 0, sampling: greedy }
$suites
EOF
for plan in serve whisper-server; do
  ./sttbench bench "$work/$plan.plan.yaml" --outbox "$work/outbox-$plan" >/dev/null || true
done
printf '| service | suite | CPUs | threads | mean latency (ms) | max rps | CPU/wall |\n|---|---|---|---|---|---|---|\n'
python3 - "$work"/outbox-*/latest/results.json <<'PY'
import json, sys
for name in sys.argv[1:]:
    r = json.load(open(name))
    for u in r["units"]:
        if u["status"] != "ok":
            print("| %s | %s | failed: %s |" % (r["plan_name"], u["unit"]["unit_id"], u.get("error")))
            continue
        m = u["measurements"][0]
        usage = u.get("usage") or {}
        print("| %s | %s | %s | %d | %.0f | %.2f | %s |" % (r["analysis"]["service"]["name"], u["unit"]["suite"],
              u["unit"]["cpu_limit"], u["threads"], m["avg_latency_ms"], m["rps"],
              "%.2f" % usage["cpu_per_wall"] if "cpu_per_wall" in usage else "-"))
PY
echo
printf '| threads | whisper-bench encoder (ms) | sttbench transcribe inference (ms) |\n|---|---|---|\n'
for t in 1 2; do
  enc=$("$BIN/whisper-bench" -m "$MODEL" -t "$t" 2>&1 | sed -n 's/.*encode time = *\([0-9.]*\) ms.*/\1/p' | head -1)
  inf=$(./sttbench transcribe test_audio/en_5s.wav --model "$MODEL" --threads "$t" --json | python3 -c 'import json,sys; print("%.0f" % json.load(sys.stdin)["inference_ms"])')
  echo "| $t | ${enc:-?} | $inf |"
done
