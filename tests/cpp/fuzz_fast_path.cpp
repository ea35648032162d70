// libFuzzer target: the bulk fast path against the scalar state machine. Each
// input is evaluated as it is, and inside a long valid expression (the fast
// path only runs where at least a few hundred bytes remain), with the fast
// path on (one-shot and cut at every point) and off; values, error codes and
// offsets must be identical (fast_path_check.hpp).
//
// Build: CC=clang CXX=clang++ cmake -B build-fuzz -DMEXE_FUZZ=ON && cmake --build
//        build-fuzz --target mexe_fuzz_fast_path
// Run:   mkdir -p .fuzz-corpus/fast && build-fuzz/tests/cpp/mexe_fuzz_fast_path
//            -dict=tests/cpp/fuzz_chunked.dict -max_total_time=30
//            .fuzz-corpus/fast tests/cpp/fuzz_corpus
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fast_path.hpp"
#include "fast_path_check.hpp"
#include "random_expression.hpp"

namespace {

void check(const std::string& input, std::size_t max_splits) {
  const std::string failure = mexe_fast_check::check(input, max_splits);
  if (!failure.empty()) {
    std::fprintf(stderr, "fast path differs: %s\n", failure.c_str());
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string prefix = mexe_tools::random_expression(11, 300) + " + ";
  static const std::string suffix = " * 2 - (" + mexe_tools::random_expression(12, 300) + ")";
  const std::string text(reinterpret_cast<const char*>(data), size);
  check(text, SIZE_MAX);  // every split
  check(prefix + text, 120);
  check(prefix + text + suffix, 120);
  check(text + suffix, 120);
  // The input inside a longer text, at every alignment against the 64-byte
  // blocks (the first bytes choose it).
  constexpr std::size_t block = mexe::detail::kBlockBytes;
  check(prefix.substr(0, block + (size ? data[0] % block : 0)) + text + suffix, 120);
  return 0;
}
