#!/usr/bin/env bash
# The one test command (npm test): set-up when needed, build, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

echo "== native tests (ctest, Release)"
ctest --test-dir build --output-on-failure -j2 | tee build/ctest.log

echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DMEXE_SANITIZE=ON -DMEXE_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-asan -j2
ctest --test-dir build-asan --output-on-failure -j2 | tee build-asan/ctest.log

echo "== fuzzing: one-shot against chunked (${MEXE_FUZZ_SECONDS:-60} s)"
[ -f build-fuzz/CMakeCache.txt ] || CXX=clang++ cmake -S . -B build-fuzz -DMEXE_FUZZ=ON -DMEXE_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target mexe_fuzz_chunked
mkdir -p build-fuzz/corpus
build-fuzz/tests/cpp/mexe_fuzz_chunked -max_total_time="${MEXE_FUZZ_SECONDS:-60}" -print_final_stats=1 \
  build-fuzz/corpus tests/cpp/fuzz_corpus 2>&1 | tail -n 12

echo "== JavaScript and browser tests (Jest)"
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile=build/jest.json

# One closing line over every runner: N passed, N failed.
node scripts/test-summary.mjs build/ctest.log build-asan/ctest.log build/jest.json
