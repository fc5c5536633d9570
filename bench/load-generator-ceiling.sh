#!/usr/bin/env bash
# The load generator's own cost, next to wrk on the same endpoint with the same multipart body, back to back.
# Not a test: numbers go to docs/load-testing.md.
#
#   bench/load-generator-ceiling.sh ceiling [SECONDS] [C...]      no-op endpoint, 1 KB body: requests/s
#   bench/load-generator-ceiling.sh latency [SECONDS] [C...]      endpoint answering after 50 ms, 160 KB and
#                                                                 960 KB bodies: p50/p99 each tool adds
# CLIENTS="netty jdk" picks sttbench's transports to measure (default both); DELAY_MS, SIZES_KB override.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-ceiling}; shift || true
SECS=${1:-10}; shift || true
CLIENTS=${CLIENTS:-netty jdk}
PORT=${PORT:-18080}
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 2; }
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK/cp")"
URL="http://127.0.0.1:$PORT/v1/audio/transcriptions"

case "$MODE" in
  ceiling) LEVELS=${*:-1 4 16 64}; DELAY=0; SIZES=${SIZES_KB:-1} ;;
  latency) LEVELS=${*:-1 16 64}; DELAY=${DELAY_MS:-50}; SIZES=${SIZES_KB:-160 960} ;;
  *) echo "usage: $0 ceiling|latency [SECONDS] [C...]" >&2; exit 2 ;;
esac

# server on core 0, load generators on core 1: neither steals the other's CPU
taskset -c 0 java -Xmx512m -cp "$CP" org.sttbench.load.bench.NoOpServer "$PORT" "$DELAY" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q "no-op server" "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), java $(java -version 2>&1 | head -1)"
echo "# mode $MODE, server delay ${DELAY} ms, ${SECS} s per point (wrk) / same request count (sttbench)"
printf '%-8s %6s %4s %10s %9s %9s\n' tool size_kb c rps p50_ms p99_ms
for kb in $SIZES; do
  head -c $((kb * 1024)) /dev/zero > "$WORK/clip.wav"
  java -cp "$CP" org.sttbench.load.bench.DumpPayload "$WORK/clip.wav" "$WORK/body"
  cat > "$WORK/post.lua" <<LUA
local f = io.open("$WORK/body", "rb"); wrk.body = f:read("*all"); f:close()
local t = io.open("$WORK/body.type", "r"); wrk.headers["Content-Type"] = t:read("*all"); t:close()
wrk.method = "POST"
LUA
  # warm the server's JIT so the first tool measured is not penalised
  wrk -t1 -c8 -d3s -s "$WORK/post.lua" "$URL" > /dev/null
  for c in $LEVELS; do
    taskset -c 1 wrk -t1 -c"$c" -d"${SECS}s" --latency -s "$WORK/post.lua" "$URL" > "$WORK/wrk.txt"
    python3 - "$WORK/wrk.txt" "$kb" "$c" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(v, u): return float(v) * {'us': 1e-3, 'ms': 1, 's': 1e3}[u]
p50 = ms(*re.search(r'50%\s+([\d.]+)(us|ms|s)', t).groups()); p99 = ms(*re.search(r'99%\s+([\d.]+)(us|ms|s)', t).groups())
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', t).group(1))
print(f"{'wrk':<8} {sys.argv[2]:>6} {sys.argv[3]:>4} {rps:>10.0f} {p50:>9.2f} {p99:>9.2f}")
PY
    n=$(python3 -c "import re;t=open('$WORK/wrk.txt').read();print(max(int($c)*20, int(float(re.search(r'Requests/sec:\s+([\d.]+)',t).group(1))*$SECS)))")
    for client in $CLIENTS; do
      rm -f "$WORK/s.json"
      taskset -c 1 java -Dsttbench.load.client="$client" -cp "$CP" org.sttbench.load.bench.LoadCli --target "$URL" \
        --audio "$WORK/clip.wav" --concurrency "$c" --requests "$n" --warmup "$n" --json "$WORK/s.json" > /dev/null
      python3 - "$WORK/s.json" "$client" "$kb" "$c" <<'PY'
import json, sys
l = json.load(open(sys.argv[1]))['closed']['levels'][0]
print(f"{sys.argv[2]:<8} {sys.argv[3]:>6} {sys.argv[4]:>4} {l['rps']:>10.0f} {l['p50_ms']:>9.2f} {l['p99_ms']:>9.2f}")
PY
    done
  done
done
