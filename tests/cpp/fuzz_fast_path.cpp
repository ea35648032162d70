// libFuzzer target: the bulk fast path against the scalar state machine. Each
// input is evaluated as it is, and inside a long valid expression (the fast
// path only runs where at least a few hundred bytes remain), with the fast
// path on (one-shot and cut at every point) and off; values, error codes and
// offsets must be identical (fast_path_check.hpp).
//
// Build: CC=clang CXX=clang++ cmake -B build-fuzz -DMEXE_FUZZ=ON && cmake --build
//        build-fuzz --target mexe_fuzz_fast_path
// Run:   mkdir -p .fuzz-corpus-fast && build-fuzz/tests/cpp/mexe_fuzz_fast_path
//            -dict=tests/cpp/fuzz_chunked.dict -max_total_time=30
//            .fuzz-corpus-fast tests/cpp/fuzz_corpus
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fast_path_check.hpp"
#include "random_expression.hpp"

namespace {

void check(const std::string& input) {
  const std::string failure = mexe_fast_check::check(input, 600);
  if (!failure.empty()) {
    std::fprintf(stderr, "fast path differs: %s\n", failure.c_str());
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string prefix = mexe_bench::random_expression(11, 300) + " + ";
  static const std::string suffix = " * 2 - (" + mexe_bench::random_expression(12, 300) + ")";
  const std::string text(reinterpret_cast<const char*>(data), size);
  check(text);
  check(prefix + text);
  check(prefix + text + suffix);
  check(text + suffix);
  // The input as a run of tokens inside a longer one: its bytes at every
  // alignment against the 64-byte blocks.
  check(prefix.substr(0, 64 + size % 64) + text + suffix);
  return 0;
}
