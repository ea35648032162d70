#!/usr/bin/env bash
# The one test command (npm test): set-up when needed, build, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

echo "== native tests (ctest, Release)"
ctest --test-dir build --output-on-failure -j2 | tee build/ctest.log

# This build reads literals with the host reader (literal_value_host.cpp:
# strtod here, Number() in the wasm module), so the whole suite checks both
# readers: fast_float above, the wasm module's reader here.
echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer, host literal reader"
cmake -S . -B build-asan -DMEXE_SANITIZE=ON -DMEXE_BENCH=OFF -DMEXE_LITERAL_READER=host \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-asan -j2
ctest --test-dir build-asan --output-on-failure -j2 | tee build-asan/ctest.log

echo "== fuzzing: one-shot against chunked (${MEXE_FUZZ_SECONDS:-60} s)"
[ -f build-fuzz/CMakeCache.txt ] || CXX=clang++ cmake -S . -B build-fuzz -DMEXE_FUZZ=ON -DMEXE_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target mexe_fuzz_chunked
fuzzer=build-fuzz/tests/cpp/mexe_fuzz_chunked
mkdir -p build-fuzz/corpus build-fuzz/artifacts
rm -f build-fuzz/artifacts/*
# The saved regressions are replayed by ctest in both builds above, and
# libFuzzer starts from them here. New inputs go to build-fuzz/corpus (the
# first folder), never to the committed ones; -max_len keeps libFuzzer's
# default even though some regressions are longer.
status=0
"$fuzzer" -max_total_time="${MEXE_FUZZ_SECONDS:-60}" -print_final_stats=1 -max_len=4096 \
  -dict=tests/cpp/fuzz_chunked.dict -artifact_prefix=build-fuzz/artifacts/ \
  build-fuzz/corpus tests/cpp/fuzz_corpus tests/cpp/fuzz_regressions >build-fuzz/fuzz.log 2>&1 || status=$?
tail -n 12 build-fuzz/fuzz.log
if [ "$status" -ne 0 ]; then
  # Keep what failed as a regression input (names that .gitignore lets through).
  for artifact in build-fuzz/artifacts/*; do
    [ -f "$artifact" ] || continue
    name=$(basename "$artifact")
    cp "$artifact" "tests/cpp/fuzz_regressions/fuzz-$name"
    echo "fuzzing: saved the failing input as tests/cpp/fuzz_regressions/fuzz-$name" >&2
  done
  echo "fuzzing failed (exit $status; log: build-fuzz/fuzz.log); commit the saved input with the fix" >&2
  exit 1
fi

echo "== JavaScript and browser tests (Jest)"
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile=build/jest.json

# One closing line over every runner: N passed, N failed.
node scripts/test-summary.mjs build/ctest.log build-asan/ctest.log build/jest.json
