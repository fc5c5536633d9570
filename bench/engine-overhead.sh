#!/usr/bin/env bash
# Inference through sttbench's engine vs a minimal direct whisper-jni loop (same model, clip, threads).
# Not a test: the numbers go to docs/engine.md. Run it on a quiet machine.
# Usage: bench/engine-overhead.sh [MODEL] [CLIP] [THREADS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-$HOME/.cache/sttbench/models/ggml-tiny.bin}
CLIP=${2:-test_audio/en_30s.wav}
THREADS=${3:-1}
ROUNDS=${4:-10}
[ -f "$MODEL" ] || ./sttbench models synth tiny --out "$MODEL"
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
java -cp "target/classes:target/test-classes:$(cat "$cp")" org.sttbench.engine.bench.EngineOverheadBenchmark \
  "$MODEL" "$CLIP" "$THREADS" "$ROUNDS"
