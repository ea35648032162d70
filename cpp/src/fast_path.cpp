// The fast path's entry points: the walker (fast_scan.hpp) compiled once per
// instruction set, with everything it calls inlined into it (flatten).
#include "fast_path.hpp"

#if MEXE_FAST_PATH
#include "fast_scan.hpp"

namespace mexe::detail {

// GCC's straight-line vectorizer pairs sum and product in one vector
// register, which costs a shuffle on every operand: off for the walker.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-slp-vectorize")
#endif

template <bool at_operator>
[[gnu::noinline, gnu::flatten]] bool FastPath::scan_sse2(Evaluator& ev, FastCursor& cursor, const char* begin,
                                                         const char* end, std::uint64_t origin) noexcept {
  return scan<Sse2, at_operator>(ev, cursor, begin, end, origin);
}

template <bool at_operator>
[[gnu::noinline, gnu::flatten, gnu::target("avx2,bmi,bmi2")]] bool FastPath::scan_avx2(
    Evaluator& ev, FastCursor& cursor, const char* begin, const char* end, std::uint64_t origin) noexcept {
  return scan<Avx2, at_operator>(ev, cursor, begin, end, origin);
}

template bool FastPath::scan_sse2<false>(Evaluator&, FastCursor&, const char*, const char*, std::uint64_t) noexcept;
template bool FastPath::scan_sse2<true>(Evaluator&, FastCursor&, const char*, const char*, std::uint64_t) noexcept;
template bool FastPath::scan_avx2<false>(Evaluator&, FastCursor&, const char*, const char*, std::uint64_t) noexcept;
template bool FastPath::scan_avx2<true>(Evaluator&, FastCursor&, const char*, const char*, std::uint64_t) noexcept;

const bool FastPath::have_avx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
}();

}  // namespace mexe::detail
#endif
