// The evaluator's bulk fast path (the window passes, window_*.hpp): where it
// is built, and a switch for the tests that hold it to the scalar state
// machine: with it off, every byte goes through the scalar machine. On by
// default; not thread-safe to switch while evaluating.
#pragma once

// x86-64 only, chosen at run time where the CPU has AVX2 and BMI2: it was
// measured to win there on input the branch predictor has not seen. In
// WebAssembly it was measured slower on repeated input and larger to
// download, so the module keeps to the scalar machine.
#if defined(__x86_64__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MEXE_FAST_PATH 1
#else
#define MEXE_FAST_PATH 0
#endif

namespace mexe::detail {

void set_fast_path(bool enabled) noexcept;
bool fast_path_enabled() noexcept;
// Windows the fast path has finished, all evaluations together: the tests
// check with it that the fast path took their input.
unsigned long long fast_path_windows() noexcept;

}  // namespace mexe::detail
