// The fast path held to the scalar state machine: one input evaluated with
// the fast path off (every byte through the scalar machine) is the reference;
// with it on, one-shot and cut into chunks at every point (or, for long
// inputs, at many points), the value bits (NaN signs and payloads too), the
// error code and offset, and the stats must be the same. Shared by the
// GoogleTest suite and the libFuzzer target.
#pragma once

#include <cstdio>
#include <cstdint>
#include <string>
#include <string_view>

#include "fast_path.hpp"
#include "mexe/evaluator.hpp"
#include "same_result.hpp"

namespace mexe_fast_check {

using mexe_test::identical_result;

inline bool same_stats(const mexe::Stats& a, const mexe::Stats& b) {
  return a.input_bytes == b.input_bytes && a.peak_depth == b.peak_depth &&
         a.peak_stack_bytes == b.peak_stack_bytes;
}

inline std::string describe(const mexe::Result& r) {
  if (r.ok()) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", r.value);
    return text;
  }
  return std::string(mexe::error_code_name(r.error)) + " at " + std::to_string(r.offset);
}

struct Evaluators {
  mexe::Evaluator reference;
  mexe::Evaluator fast;
};

inline Evaluators& evaluators() {
  static Evaluators e;  // about 100 KB each: not on the stack
  return e;
}

// Empty when the fast path agrees with the scalar machine on `input`; else
// what differs. `max_splits` bounds the two-chunk cuts (all of them when the
// input is shorter).
inline std::string check(std::string_view input, std::size_t max_splits = SIZE_MAX) {
  Evaluators& e = evaluators();
  mexe::detail::set_fast_path(false);
  const mexe::Result want = e.reference.evaluate(input);
  const mexe::Stats want_stats = e.reference.stats();
  mexe::detail::set_fast_path(true);

  const mexe::Result got = e.fast.evaluate(input);
  if (!identical_result(got, want)) return "one-shot: " + describe(got) + ", scalar: " + describe(want);
  if (!same_stats(e.fast.stats(), want_stats)) return "one-shot: other stats than the scalar machine";

  const std::size_t size = input.size();
  const std::size_t step = size + 1 <= max_splits ? 1 : (size + 1) / max_splits + 1;
  for (std::size_t at = 0; at <= size; at += step) {
    e.fast.reset();
    e.fast.feed(input.substr(0, at));
    const mexe::Result r = e.fast.finish(input.substr(at));
    if (!identical_result(r, want))
      return "split at " + std::to_string(at) + ": " + describe(r) + ", scalar: " + describe(want);
    if (e.fast.stats().peak_depth != want_stats.peak_depth ||
        e.fast.stats().input_bytes != want_stats.input_bytes)
      return "split at " + std::to_string(at) + ": other stats than the scalar machine";
  }

  // Three chunks, the middle one long enough for the fast path.
  if (size >= 3) {
    const std::size_t a = size / 3, b = size - size / 5;
    e.fast.reset();
    e.fast.feed(input.substr(0, a));
    e.fast.feed(input.substr(a, b - a));
    const mexe::Result r = e.fast.finish(input.substr(b));
    if (!identical_result(r, want)) return "three chunks: " + describe(r) + ", scalar: " + describe(want);
  }
  return {};
}

}  // namespace mexe_fast_check
