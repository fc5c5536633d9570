#!/usr/bin/env bash
# The load generator's own ceiling: requests/s and added latency against a no-op loopback endpoint,
# next to wrk on the same endpoint with the same multipart body. Not a test: numbers go to docs/load-testing.md.
# Usage: bench/load-generator-ceiling.sh [SECONDS_PER_POINT] [CONCURRENCY...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}; shift || true
LEVELS=${*:-1 4 16 64}
PORT=${PORT:-18080}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 2; }
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK/cp")"

# a 1 KB "audio" file: the endpoint does nothing with it; what is measured is the HTTP round trip
head -c 1024 /dev/zero > "$WORK/clip.wav"
java -cp "$CP" org.sttbench.load.bench.DumpPayload "$WORK/clip.wav" "$WORK/body"
cat > "$WORK/post.lua" <<LUA
local f = io.open("$WORK/body", "rb"); wrk.body = f:read("*all"); f:close()
local t = io.open("$WORK/body.type", "r"); wrk.headers["Content-Type"] = t:read("*all"); t:close()
wrk.method = "POST"
LUA

# server on core 0, load generator on core 1: neither steals the other's CPU
taskset -c 0 java -Xmx256m -cp "$CP" org.sttbench.load.bench.NoOpServer "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q "no-op server" "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/v1/audio/transcriptions"

# warm the server's JIT so the first tool measured is not penalised
wrk -t1 -c8 -d5s -s "$WORK/post.lua" "$URL" > /dev/null

echo "== wrk (C, 1 thread, ${SECS}s per level)"
for c in $LEVELS; do
  echo "-- c=$c"
  taskset -c 1 wrk -t1 -c"$c" -d"${SECS}s" --latency -s "$WORK/post.lua" "$URL" | grep -E 'Requests/sec|50%|99%|Latency  '
done

echo "== sttbench load (closed model, requests per level = ~${SECS}s worth)"
for c in $LEVELS; do
  taskset -c 1 java -cp "$CP" org.sttbench.load.bench.LoadCli --target "$URL" --audio "$WORK/clip.wav" \
    --concurrency "$c" --requests 20000 --warmup 20000 --json "$WORK/c$c.json" | sed -n '/conc/,/^$/p'
done

echo "== sttbench load (open model, 2000 req/s for ${SECS}s)"
taskset -c 1 java -cp "$CP" org.sttbench.load.bench.LoadCli --target "$URL" --audio "$WORK/clip.wav" \
  --ramp 2000:5 --rate 2000 --duration "$SECS" | sed -n '/rate/,$p'
