#!/usr/bin/env bash
# Builds the native library and tests (build/), the wasm module (build-wasm/),
# an Emscripten app that uses the library (build/embind-consumer/) and the npm
# package's files (dist/). Incremental: a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # em++'s optimizer needs Debian's acorn

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2

[ -f build-wasm/CMakeCache.txt ] || emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j2
bash tests/cpp/embind_consumer/build.sh  # an Emscripten app with the library inside
node scripts/bundle.mjs
node scripts/bundle-demo.mjs  # expr-eval and mathjs for the demo's race panel
