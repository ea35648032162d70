#!/usr/bin/env bash
# The native library of another version (A) and of the working tree (B) side
# by side in one program (against_main.cpp): fresh 1 MB inputs, a repeated
# 10 KB one, distinct short formulas, and two short expressions. Ratios from
# one run; a busy machine slows both builds alike.
#
#   bash bench/native/against.sh REV [ROUNDS]   # REV: a commit, or a checkout's path
#
# Both are compiled as the Release build compiles them (-O3, fast_float).
set -euo pipefail
cd "$(dirname "$0")/../.."
rev=${1:?usage: bench/native/against.sh REV [ROUNDS]}
rounds=${2:-7}
out=build/against
rm -rf "$out" && mkdir -p "$out/a" "$out/b" "$out/a-src"
if [ -d "$rev" ]; then
  cp -r "$rev/cpp" "$out/a-src/cpp"
else
  git archive "$rev" cpp | tar -x -C "$out/a-src"
fi
flags=(-O3 -DNDEBUG -std=c++20)
compile() {  # source-root tag
  local root=$1 tag=$2 pids=()
  for src in "$root"/cpp/src/*.cpp; do
    [ "$(basename "$src")" = literal_value_host.cpp ] && continue
    g++ "${flags[@]}" -Dmexe="mexe_$tag" -I"$root/cpp/include" -I"$root/cpp/src" -c "$src" -o "$out/$tag/$(basename "$src").o" &
    pids+=($!)
  done
  g++ "${flags[@]}" -Dmexe="mexe_$tag" -DMEXE_AGAINST_RUN="run_$tag" -I"$root/cpp/include" \
    -c bench/native/against_runner.cpp -o "$out/$tag/runner.o" &
  pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid"; done  # each, so that a failed compile stops the script
}
compile "$out/a-src" a
compile . b
g++ -O2 -std=c++20 -Icpp/tools bench/native/against_main.cpp "$out"/a/*.o "$out"/b/*.o -o "$out/against"
echo "A: $rev    B: the working tree ($(git rev-parse --short HEAD)$(git diff --quiet -- cpp || echo ', modified'))"
"$out/against" "$rounds"
