#!/usr/bin/env bash
# Builds the Emscripten app (this folder) both ways a C++ user would, into
# build/embind-consumer/ (incremental; tests/js/embind-app.test.mjs loads it):
#   installed/  the package's own wasm build of the library (build-wasm/, host
#               literal reader) installed into prefix/, found with find_package
#   subdir/     the source tree as a subdirectory, with the fast_float reader
# Each holds mexe-app.mjs (one thread) and mexe-app-pthread.mjs (-pthread).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
app="$root/tests/cpp/embind_consumer"
out="$root/build/embind-consumer"
export NODE_PATH=/usr/share/nodejs  # em++'s optimizer needs Debian's acorn
log="$out/log"
mkdir -p "$out"
quiet() { "$@" >"$log" 2>&1 || { cat "$log"; exit 1; }; }

quiet cmake --install "$root/build-wasm" --prefix "$out/prefix"
# Emscripten's toolchain finds packages inside its sysroot only
# (CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY): a prefix elsewhere is named.
[ -f "$out/installed/CMakeCache.txt" ] || quiet emcmake cmake -S "$app" -B "$out/installed" \
  -DCMAKE_BUILD_TYPE=Release -Dmexe_DIR="$out/prefix/lib/cmake/mexe"
quiet cmake --build "$out/installed" -j2

[ -f "$out/subdir/CMakeCache.txt" ] || quiet emcmake cmake -S "$app" -B "$out/subdir" \
  -DCMAKE_BUILD_TYPE=Release -DMEXE_SOURCE_DIR="$root" -DMEXE_LITERAL_READER=fast_float
# The library alone: no tests, benchmarks or package module.
if cmake --build "$out/subdir" --target help | grep -q mexe-core; then
  echo "add_subdirectory defines mexe-core" >&2
  exit 1
fi
quiet cmake --build "$out/subdir" -j2
