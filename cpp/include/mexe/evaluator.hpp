// The evaluator: one pass, no recursion, no allocation, fixed memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mexe/detail/literal_buffer.hpp"
#include "mexe/error.hpp"

namespace mexe {

namespace detail {
struct FastPath;
}

struct Result {
  double value = 0;                     // meaningful when ok()
  ErrorCode error = ErrorCode::none;
  std::uint64_t offset = 0;             // byte offset of the error
  bool ok() const noexcept { return error == ErrorCode::none; }
};

// What one evaluation used. Reset by reset() and evaluate().
struct Stats {
  std::uint64_t input_bytes = 0;        // bytes read (up to the error, if any)
  std::uint64_t chunks = 0;             // feed/finish calls that carried bytes
  std::uint32_t peak_depth = 0;         // deepest parenthesis nesting reached
  std::uint32_t peak_stack_bytes = 0;   // peak_depth * sizeof(Frame)
};

// A sum and product in progress at one nesting level, saved while a deeper
// level is evaluated. `tag` packs the offset of the level's '(' and flags.
struct Frame {
  double sum;
  double product;
  std::uint64_t tag;
};

// A streaming evaluator. All its state is its own members (about 100 KB), so
// it can live in static storage or in a caller's region; it never allocates.
// Feed chunks of any size; finish() gives exactly what evaluate() would give
// for their concatenation.
class Evaluator {
 public:
  static constexpr std::uint32_t max_depth = 4096;

  Evaluator() noexcept { reset(); }

  // Starts a new evaluation.
  void reset() noexcept;

  // More input. Ignored once an error has been found.
  void feed(std::string_view chunk) noexcept;

  // The last chunk (may be empty): ends the input and gives the result.
  Result finish(std::string_view last_chunk = {}) noexcept;

  // reset() and finish(input): the one-shot call.
  Result evaluate(std::string_view input) noexcept {
    // Inline, so that callers read the result from the members rather than
    // through a returned struct in memory (which costs a wasm stack frame).
    error_ = ErrorCode::none;
    stats_ = {};
    run<true, false>(input.data(), input.size());
    return result();
  }

  // True once an error is known: no later chunk can change the result.
  bool failed() const noexcept { return error_ != ErrorCode::none; }

  const Stats& stats() const noexcept { return stats_; }

  // The stack area: max_depth frames, inside this object.
  static constexpr std::size_t stack_bytes = sizeof(Frame) * max_depth;
  const void* stack_data() const noexcept { return frames_; }

 private:
  enum class State : std::uint8_t { operand, operator_, literal, done };

  // Input at least this long goes through the bulk fast path where it can.
  static constexpr std::size_t fast_path_min_bytes = 256;

  // whole: the chunk is the whole input (evaluate), so nothing is loaded
  // from or kept in the members; else one chunk of a stream. fast: the bulk
  // fast path may take over (cpp/src/fast_path.hpp).
  template <bool whole, bool fast>
  void run(const char* data, std::size_t size) noexcept;

  // The bulk fast path (cpp/src/fast_scan.hpp) works on the scalar machine's state.
  friend struct detail::FastPath;

  // After the last chunk: settles a pending literal, then the result.
  void end_input() noexcept;

  Result result() const noexcept {
    if (error_ != ErrorCode::none) return {0.0, error_, error_offset_};
    return {value_, ErrorCode::none, 0};
  }

  // The evaluation, kept between chunks.
  State state_;
  ErrorCode error_;
  bool seen_token_;          // a non-whitespace byte was read
  std::uint32_t depth_;
  std::uint32_t flags_;      // pending operators of the current level
  double sum_;
  double product_;
  std::uint64_t consumed_;   // bytes before the current chunk
  std::uint64_t error_offset_;
  std::uint64_t literal_offset_;  // first byte of the literal in literal_
  double value_;
  Stats stats_;
  detail::LiteralBuffer literal_;
  Frame frames_[max_depth];
};

// One-shot evaluation with a per-thread evaluator. Inline, so that the
// caller's build decides what a thread is: WebAssembly has thread-local
// storage only with atomics (-pthread); without them there is one thread,
// and a static evaluator is the same thing.
inline Result evaluate(std::string_view input) noexcept {
#if defined(__wasm__) && !defined(__wasm_atomics__)
  static Evaluator evaluator;
#else
  thread_local Evaluator evaluator;
#endif
  return evaluator.evaluate(input);
}

}  // namespace mexe
