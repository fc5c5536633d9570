#!/usr/bin/env bash
# Fetches whisper.cpp 1.9.1's source (carried by the npm package nodejs-whisper@0.3.1), builds its
# `whisper-server` and `whisper-bench` as static binaries and caches them, so a second run is instant.
# Prints the directory holding both binaries on its last line; nothing of whisper.cpp lands in the repo.
# Tests and benchmarks find the binaries through STTBENCH_WHISPER_CPP_BIN (that directory).
# Usage: bench/whisper-cpp.sh            (needs npm, cmake, g++; about 2.5 minutes on 2 cores the first time)
set -euo pipefail
VERSION=1.9.1
NPM_PACKAGE=nodejs-whisper@0.3.1
CACHE=${STTBENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sttbench}/whisper.cpp-$VERSION
BIN=$CACHE/bin

if [ -x "$BIN/whisper-server" ] && [ -x "$BIN/whisper-bench" ]; then
  echo "$BIN"
  exit 0
fi

for tool in npm cmake g++ tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "whisper-cpp: $tool is missing" >&2; exit 1; }
done

mkdir -p "$CACHE"
work=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "whisper-cpp: fetching $NPM_PACKAGE (whisper.cpp $VERSION source)" >&2
(cd "$work" && npm pack --silent "$NPM_PACKAGE" >/dev/null)
tar -xzf "$work"/nodejs-whisper-*.tgz -C "$work"
src=$work/package/cpp/whisper.cpp
[ -f "$src/CMakeLists.txt" ] || { echo "whisper-cpp: $NPM_PACKAGE carries no whisper.cpp tree" >&2; exit 1; }

echo "whisper-cpp: building whisper-server and whisper-bench" >&2
# GGML_NATIVE=OFF: the binary also goes into an image that may run on another CPU than the one it was built on.
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DWHISPER_BUILD_TESTS=OFF -DGGML_NATIVE=OFF \
  -DBUILD_SHARED_LIBS=OFF -DWHISPER_SDL2=OFF >"$work/cmake.log" 2>&1 \
  || { tail -30 "$work/cmake.log" >&2; exit 1; }
cmake --build "$work/build" -j"${JOBS:-2}" --target whisper-server whisper-bench >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; exit 1; }

# copied in one step at the end: an interrupted build never leaves a half-filled cache behind
mkdir -p "$work/bin"
cp "$work/build/bin/whisper-server" "$work/build/bin/whisper-bench" "$work/bin/"
rm -rf "$BIN"
mv "$work/bin" "$BIN"
echo "$BIN"
