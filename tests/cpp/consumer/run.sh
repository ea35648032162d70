#!/usr/bin/env bash
# Builds tests/cpp/consumer both ways a C++ user would: against the package
# that `cmake --install` writes, and with the source tree as a subdirectory
# (which must build the library alone: no tests, benchmarks or wasm module).
# Usage: run.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quiet() { "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }; }

echo "-- installed package: find_package(mexe CONFIG)"
quiet cmake -S "$src" -B "$work/lib" -DCMAKE_BUILD_TYPE=Release -DMEXE_TESTS=OFF -DMEXE_BENCH=OFF \
  -DCMAKE_INSTALL_PREFIX="$work/prefix"
quiet cmake --build "$work/lib" -j2
quiet cmake --install "$work/lib"
test -f "$work/prefix/include/mexe/evaluator.hpp"
quiet cmake -S "$src/tests/cpp/consumer" -B "$work/installed" -DCMAKE_PREFIX_PATH="$work/prefix"
quiet cmake --build "$work/installed"
"$work/installed/consumer"

echo "-- source tree: add_subdirectory"
quiet cmake -S "$src/tests/cpp/consumer" -B "$work/subdir" -DMEXE_SOURCE_DIR="$src"
targets=$(cmake --build "$work/subdir" --target help)
for unwanted in mexe_tests mexe_bench mexe-core; do
  if grep -q "$unwanted" <<<"$targets"; then echo "add_subdirectory defines $unwanted" >&2; exit 1; fi
done
quiet cmake --build "$work/subdir"
"$work/subdir/consumer"
