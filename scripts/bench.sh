#!/usr/bin/env bash
# The benchmarks (npm run bench): builds everything, writes the workloads,
# runs the native benchmark (Google Benchmark: mexe core and muParser), then
# the Node benchmark, which prints all the tables (sizes, native, targets).
#
#   bash scripts/bench.sh [bench/run.mjs options, e.g. --markdown]
#   MEXE_BENCH_SKIP_BUILD=1   use the existing build/ and dist/ as they are
#   MEXE_BENCH_NATIVE=0       skip the native benchmark
#
# Results also land in build/bench-native.json and build/bench-results.json;
#   node bench/run.mjs --from-json build/bench-results.json --markdown
# prints a run's tables again, in Markdown, without running anything.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${MEXE_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/setup.sh
  bash scripts/build.sh
  # The native benchmark target needs MEXE_BENCH=ON (the default) and Google Benchmark.
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMEXE_BENCH=ON >/dev/null
  cmake --build build --target mexe_bench -j2
fi

workloads=build/bench-workloads
node bench/workloads.mjs --write "$workloads"

native_args=()
if [ "${MEXE_BENCH_NATIVE:-1}" != 0 ]; then
  if [ ! -x build/mexe_bench ]; then
    echo "bench: build/mexe_bench is missing (is libbenchmark-dev installed?)" >&2
    exit 1
  fi
  echo "== Native benchmark (build/mexe_bench) =="
  build/mexe_bench --workloads="$workloads" \
    --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_out=build/bench-native.json --benchmark_out_format=json
  native_args=(--native build/bench-native.json)
fi

echo
echo "== Node benchmark (bench/run.mjs) =="
node bench/run.mjs "${native_args[@]}" --json build/bench-results.json "$@"

echo
echo "== The package against an embind app with the same core (bench/embind.mjs) =="
node bench/embind.mjs
