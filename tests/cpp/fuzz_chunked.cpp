// libFuzzer target: any input, evaluated one-shot and again in chunks cut at
// points derived from the input, must give the same value bits (any NaN
// equals any NaN) or the same error code and offset. Also checks a few
// invariants of the contract that hold for every input.
//
// Build: CC=clang CXX=clang++ cmake -B build-fuzz -DMEXE_FUZZ=ON && cmake --build
//        build-fuzz --target mexe_fuzz_chunked
// Run (new inputs go to the first folder, git-ignored, not to the committed
// seed corpus):
//   mkdir -p .fuzz-corpus && build-fuzz/tests/cpp/mexe_fuzz_chunked
//       -dict=tests/cpp/fuzz_chunked.dict -max_total_time=60
//       .fuzz-corpus tests/cpp/fuzz_corpus
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mexe/evaluator.hpp"
#include "same_result.hpp"
#include "splitmix64.hpp"

namespace {

mexe::Evaluator one_shot;
mexe::Evaluator chunked;

using mexe_test::same_result;
using mexe_tools::SplitMix64;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const mexe::Result want = one_shot.evaluate(input);

  // Invariants of every result: the offset points at what the code names,
  // and every byte before it is ASCII.
  using mexe::ErrorCode;
  const std::size_t end = want.ok() ? size : want.offset;
  check(end <= size);
  for (std::size_t i = 0; i < end; ++i) check(data[i] < 0x80);
  const char at_error = want.offset < size ? static_cast<char>(data[want.offset]) : 0;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  switch (want.error) {
    case ErrorCode::none: break;
    case ErrorCode::empty_input: check(want.offset == 0); break;
    case ErrorCode::unexpected_end: check(want.offset == size); break;
    case ErrorCode::unclosed_paren:
    case ErrorCode::nesting_too_deep: check(at_error == '('); break;
    case ErrorCode::unmatched_close_paren: check(at_error == ')'); break;
    case ErrorCode::expected_operand:
      check(at_error == '*' || at_error == '/' || at_error == ')');
      break;
    case ErrorCode::expected_operator:
      check(is_digit(at_error) || at_error == '.' || at_error == '(');
      break;
    case ErrorCode::invalid_number: check(is_digit(at_error) || at_error == '.'); break;
    case ErrorCode::unexpected_character:
      check(want.offset < size && !is_digit(at_error) &&
            std::string_view("+-*/(). \t\n\r").find(at_error) == std::string_view::npos);
      break;
    default: check(false);
  }
  check(same_result(mexe::evaluate(input), want));

  // Split points from the input's own bytes: the first bytes seed them, so
  // the fuzzer can steer where the cuts fall.
  std::uint64_t seed = size;
  for (std::size_t i = 0; i < size && i < 8; ++i) seed = seed << 8 | data[i];
  SplitMix64 rng(seed);

  // Two chunks.
  const std::size_t at = size == 0 ? 0 : rng.next() % (size + 1);
  chunked.reset();
  chunked.feed(input.substr(0, at));
  check(same_result(chunked.finish(input.substr(at)), want));

  // Chunks of random sizes, some empty, some of one byte.
  chunked.reset();
  std::size_t pos = 0;
  const std::uint64_t max_chunk = 1 + rng.next() % 64;
  while (pos < size) {
    const std::size_t n = rng.next() % (max_chunk + 1);
    chunked.feed(input.substr(pos, n));
    pos += n < size - pos ? n : size - pos;
  }
  check(same_result(chunked.finish(), want));

  // One byte at a time.
  chunked.reset();
  for (std::size_t i = 0; i < size; ++i) chunked.feed(input.substr(i, 1));
  check(same_result(chunked.finish(), want));
  return 0;
}
