#!/usr/bin/env bash
# Instructions and branch mispredictions per byte of evaluation, natively:
# fresh 1 MB expressions (each evaluated once), one 10 KB expression
# evaluated again and again, and the benchmark's distinct formulas (when
# build/bench-workloads holds them: node bench/workloads.mjs --write DIR).
#
#   bash scripts/profile.sh              perf stat when the CPU's counters
#                                        work, else valgrind's cachegrind
#   MEXE_PROFILE_TOOL=cachegrind bash scripts/profile.sh
#   MEXE_PROFILE_TOOL=perf bash scripts/profile.sh
#
# Each case runs build/mexe_count twice: once making the inputs and
# evaluating them, once (--baseline) making the same inputs only. The
# difference of the two counts, per byte evaluated, is the evaluation's
# alone (bench/native/count_main.cpp). Not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target mexe_count -j2 >/dev/null
count=build/mexe_count
formulas=${MEXE_BENCH_WORKLOADS:-build/bench-workloads}/distinct-formulas.tsv

perf_works() {
  command -v perf >/dev/null 2>&1 || return 1
  local out
  out=$(perf stat -x, -e instructions:u,branch-misses:u -- true 2>&1 >/dev/null) || return 1
  ! grep -q -e '<not supported>' -e '<not counted>' <<<"$out"
}

tool=${MEXE_PROFILE_TOOL:-}
if [ -z "$tool" ]; then
  if perf_works; then tool=perf; else tool=cachegrind; fi
fi
case $tool in
  perf)
    if ! perf_works; then
      echo "profile: perf stat cannot count instructions and branch-misses here" >&2
      exit 1
    fi
    what="perf stat, user-space instructions:u and branch-misses:u (the CPU's own predictor)" ;;
  cachegrind)
    if ! command -v valgrind >/dev/null 2>&1; then
      echo "profile: perf stat cannot count here and valgrind is missing (apt-get install valgrind)" >&2
      exit 1
    fi
    what="valgrind --tool=cachegrind --branch-sim=yes (instructions exact; mispredictions of its simulated predictor)" ;;
  *) echo "profile: MEXE_PROFILE_TOOL is perf or cachegrind, not $tool" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Prints "instructions mispredictions bytes" for one run of mexe_count.
counts() {
  local out=$tmp/out bytes
  if [ "$tool" = perf ]; then
    perf stat -x, -e instructions:u,branch-misses:u -o "$tmp/perf" -- "$count" "$@" >"$out"
    bytes=$(awk '$1 == "bytes" { print $2 }' "$out")
    awk -F, -v bytes="$bytes" '
      $3 ~ /^instructions/ { i = $1 } $3 ~ /^branch-misses/ { m = $1 }
      END { print i, m, bytes }' "$tmp/perf"
  else
    # Its notes on the cache it would simulate go to a file, shown on failure.
    valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes \
      --cachegrind-out-file="$tmp/cg" -q "$count" "$@" >"$out" 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
    bytes=$(awk '$1 == "bytes" { print $2 }' "$out")
    # Mispredictions: conditional (Bcm) and indirect (Bim) branches.
    awk -v bytes="$bytes" '
      /^events:/ { for (k = 2; k <= NF; k++) name[k] = $k }
      /^summary:/ { for (k = 2; k <= NF; k++) v[name[k]] = $k }
      END { print v["Ir"], v["Bcm"] + v["Bim"], bytes }' "$tmp/cg"
  fi
}

row() {
  local label=$1
  shift
  counts "$@" >"$tmp/run"
  counts "$@" --baseline >"$tmp/base"
  read -r i1 m1 bytes <"$tmp/run"
  read -r i0 m0 _ <"$tmp/base"
  awk -v l="$label" -v i1="$i1" -v i0="$i0" -v m1="$m1" -v m0="$m0" -v b="$bytes" 'BEGIN {
    printf "%-34s %12d %18.2f %22.4f\n", l, b, (i1 - i0) / b, (m1 - m0) / b }'
}

echo "Per byte of evaluation, static mexe::Evaluator (build/mexe_count, $(uname -m))"
echo "Counted by $what"
echo
printf "%-34s %12s %18s %22s\n" input "bytes" "instructions/byte" "mispredictions/byte"
row "fresh 1 MB (4 expressions, once)" fresh 1048576 4
row "repeated 10 KB (100 times)" repeated 10240 100
if [ -f "$formulas" ]; then
  row "distinct formulas (20,000, once)" formulas "$formulas" 20000
else
  echo "(distinct formulas left out: no $formulas; node bench/workloads.mjs --write ${formulas%/*})"
fi
