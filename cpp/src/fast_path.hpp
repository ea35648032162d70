// The bulk fast path, as the scalar machine (evaluator.cpp) sees it: blocks
// of 64 bytes classified at once, token starts walked with
// count-trailing-zeros, short literals read a word at a time. It takes the
// common tokens and stops, leaving the token unread, at any other (errors,
// long literals, the last kFastMargin bytes), so that the scalar machine
// decides every such case as it always did. The walker is fast_scan.hpp, its
// per-instruction-set entry points fast_path.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mexe/evaluator.hpp"

// Where the evaluator has the fast path: x86-64, where it was measured to
// win on input the branch predictor has not seen. It reads bytes as
// little-endian words. In WebAssembly (with or without SIMD128) it was
// measured slower on repeated input and larger to download, so the module
// keeps to the scalar machine.
#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MEXE_FAST_PATH 1
#else
#define MEXE_FAST_PATH 0
#endif

namespace mexe::detail {

// On by default. Off, every byte goes through the scalar machine: for the
// tests that hold the fast path to it, and the benchmark's scalar runs. Not
// thread-safe to switch while evaluating.
inline bool fast_path_on = true;
inline void set_fast_path(bool enabled) noexcept { fast_path_on = enabled; }
inline bool fast_path_enabled() noexcept { return fast_path_on; }

#ifdef MEXE_FAST_PATH_PROBE
// What the fast path took, for the tests that hold it to where it must run
// and where it must hand over (tests/cpp: a copy of the core compiled with
// this macro). The library itself has no probe and no cost.
struct FastPathProbe {
  struct Call {
    std::uint64_t start, stop;  // input offsets: where the walker began and handed over
  };
  static constexpr int kKept = 8;
  std::uint64_t calls = 0;  // into the walker
  std::uint64_t bytes = 0;  // input bytes it took, over all calls
  Call first[kKept] = {};   // the first calls
  Call last = {};
  void record(std::uint64_t start, std::uint64_t stop) noexcept {
    last = {start, stop};
    if (calls < kKept) first[calls] = last;
    ++calls;
    bytes += stop - start;
  }
};
inline FastPathProbe fast_path_probe;
#endif

// The walker classifies a block of 64 bytes and the one after it, and reads
// literals that start in the first one: it takes blocks while this many
// bytes remain from their start.
constexpr std::size_t kBlockBytes = 64;
constexpr std::size_t kFastMargin = 2 * kBlockBytes;

// The scalar machine's state, handed over and back.
struct FastCursor {
  double sum;  // sum and product apart: kept out of one vector register
  const char* p;  // the end of the last token taken
  double product;
  std::uint32_t flags;
  std::uint32_t depth;
  bool seen;
};

struct FastPath {
  // From cursor.p, where an operator (at_operator) or an operand must come,
  // in [begin, end) whose first byte is input byte `origin`. Returns true
  // when it stops where an operator must come, false where an operand must.
  template <bool at_operator>
  static bool run(Evaluator& ev, FastCursor& cursor, const char* begin, const char* end,
                  std::uint64_t origin) noexcept {
#ifdef MEXE_FAST_PATH_PROBE
    const char* const from = cursor.p;
    const bool stopped_at_operator = have_avx2 ? scan_avx2<at_operator>(ev, cursor, begin, end, origin)
                                               : scan_sse2<at_operator>(ev, cursor, begin, end, origin);
    fast_path_probe.record(origin + std::uint64_t(from - begin), origin + std::uint64_t(cursor.p - begin));
    return stopped_at_operator;
#else
    if (have_avx2) return scan_avx2<at_operator>(ev, cursor, begin, end, origin);
    return scan_sse2<at_operator>(ev, cursor, begin, end, origin);
#endif
  }

  // The walker for one instruction set (fast_scan.hpp).
  template <class Isa, bool at_operator>
  static bool scan(Evaluator& ev, FastCursor& cursor, const char* begin, const char* end,
                   std::uint64_t origin) noexcept;

  // It compiled for each (fast_path.cpp).
  template <bool at_operator>
  static bool scan_sse2(Evaluator& ev, FastCursor& cursor, const char* begin, const char* end,
                        std::uint64_t origin) noexcept;
  template <bool at_operator>
  static bool scan_avx2(Evaluator& ev, FastCursor& cursor, const char* begin, const char* end,
                        std::uint64_t origin) noexcept;

  static const bool have_avx2;
};

}  // namespace mexe::detail
