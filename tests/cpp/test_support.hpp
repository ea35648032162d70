// Helpers shared by the native tests: exact double comparison, readable
// output, and ways of feeding one input to an Evaluator in chunks.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "mexe/error.hpp"
#include "mexe/evaluator.hpp"
#include "same_result.hpp"
#include "splitmix64.hpp"

namespace mexe_test {

using mexe_tools::SplitMix64;

inline std::uint64_t bits(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

inline double from_bits(std::uint64_t u) {
  double d;
  std::memcpy(&d, &u, sizeof d);
  return d;
}

// Bit for bit, except that any NaN equals any NaN (payloads are not part of
// the contract).
inline bool same_double(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || same_bits(a, b);
}

inline std::string show(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g [0x%016llx]", d,
                static_cast<unsigned long long>(bits(d)));
  return buf;
}

inline std::string show(const mexe::Result& r) {
  if (r.ok()) return "value " + show(r.value);
  return std::string(mexe::error_code_name(r.error)) + " at " +
         std::to_string(r.offset);
}

// The input with control and non-ASCII bytes escaped, shortened when long.
inline std::string printable(std::string_view s, std::size_t max = 120) {
  std::string out = "\"";
  std::size_t shown = s.size() <= max ? s.size() : max - 20;
  for (std::size_t i = 0; i < shown; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  out += '"';
  if (shown < s.size())
    out += "... (" + std::to_string(s.size()) + " bytes, ends " +
           printable(s.substr(s.size() - 10)) + ")";
  return out;
}

inline testing::AssertionResult has_value(const mexe::Result& got,
                                          double want) {
  if (got.ok() && same_double(got.value, want))
    return testing::AssertionSuccess();
  return testing::AssertionFailure()
         << "got " << show(got) << ", want value " << show(want);
}

inline testing::AssertionResult has_error(const mexe::Result& got,
                                          mexe::ErrorCode code,
                                          std::uint64_t offset) {
  if (got.error == code && got.offset == offset)
    return testing::AssertionSuccess();
  return testing::AssertionFailure()
         << "got " << show(got) << ", want " << mexe::error_code_name(code)
         << " at " << offset;
}

inline testing::AssertionResult same_outcome(const mexe::Result& got,
                                             const mexe::Result& want) {
  if (same_result(got, want)) return testing::AssertionSuccess();
  return testing::AssertionFailure()
         << "got " << show(got) << ", want " << show(want);
}

inline std::string random_digits(SplitMix64& rng, std::size_t n) {
  std::string s(n, '0');
  for (auto& c : s) c = static_cast<char>('0' + rng.below(10));
  return s;
}

// The evaluator holds ~100 KB of frames: keep it in static storage, not on
// the stack. Each helper below starts a fresh evaluation.
inline mexe::Evaluator& shared_evaluator() {
  static mexe::Evaluator ev;
  return ev;
}

// feed(input[0, at)) then finish(input[at, end)).
inline mexe::Result eval_split(mexe::Evaluator& ev, std::string_view input,
                               std::size_t at) {
  ev.reset();
  ev.feed(input.substr(0, at));
  return ev.finish(input.substr(at));
}

// One feed() per byte, then an empty finish().
inline mexe::Result eval_bytes(mexe::Evaluator& ev, std::string_view input) {
  ev.reset();
  for (std::size_t i = 0; i < input.size(); ++i) ev.feed(input.substr(i, 1));
  return ev.finish();
}

// Chunks of random sizes in [0, max_chunk] (empty ones included); the last
// one goes to finish(). Returns how many non-empty chunks were passed.
inline std::uint64_t eval_random(mexe::Evaluator& ev, std::string_view input,
                                 SplitMix64& rng, std::size_t max_chunk,
                                 mexe::Result& result) {
  ev.reset();
  std::uint64_t carried = 0;
  std::size_t pos = 0;
  while (true) {
    std::size_t n = rng.below(max_chunk + 1);
    if (n >= input.size() - pos || rng.below(16) == 0) {
      // Either the rest does not fit or we stop early: finish with the rest.
      std::string_view last = input.substr(pos);
      carried += !last.empty();
      result = ev.finish(last);
      return carried;
    }
    ev.feed(input.substr(pos, n));
    carried += n != 0;
    pos += n;
  }
}

}  // namespace mexe_test
