// The window fast path, pass B: each literal's value, in order, with no
// branch on its bytes. The 16 bytes that end with the literal are read at
// once (pass A has checked its shape); one shuffle drops the '.', multiply-adds sum the digits, and Clinger's one
// rounding gives the value. Literals past that (more than 16 bytes, 15
// digits, 3 exponent digits, or a scale past 10^22) are listed and read by
// the exact reader afterwards.
#pragma once

#include <cstdint>

#include "mexe/detail/literal_buffer.hpp"
#include "pow10.hpp"
#include "window_tokens.hpp"

namespace mexe::detail::window {

constexpr unsigned kMaxLiterals = kMaxBytes / 2 + 1;

// 10^scale as a multiplier and a divisor, one of them 1, by scale + 22.
struct ScaleTables {
  double up[45], down[45];
};
inline constexpr ScaleTables kScales = [] {
  ScaleTables t{};
  for (int i = 0; i < 45; ++i) {
    t.up[i] = i > 22 ? kPow10[i - 22] : 1.0;
    t.down[i] = i < 22 ? kPow10[22 - i] : 1.0;
  }
  return t;
}();

// A literal of any length, read byte by byte: digits, maybe '.' and digits,
// maybe an exponent (pass A checked the bytes around 'e' and signs). True
// when it is well formed.
inline bool long_literal_shape(const char* p, const char* end) noexcept {
  unsigned mantissa = 0;
  while (p < end && unsigned(*p - '0') < 10) ++p, ++mantissa;
  if (p < end && *p == '.') {
    ++p;
    while (p < end && unsigned(*p - '0') < 10) ++p, ++mantissa;
  }
  if (mantissa == 0) return false;
  if (p == end) return true;
  if ((*p | 0x20) != 'e') return false;
  ++p;
  if (p < end && (*p == '+' || *p == '-')) ++p;
  if (p == end) return false;
  while (p < end && unsigned(*p - '0') < 10) ++p;
  return p == end;
}

// Fills values[0, t.literals) from window w; false when a long literal is
// malformed (the scalar machine then decides the window).
MEXE_WINDOW_TARGET inline bool read_literals(const char* w, const Tokens& t, double* values,
                                             std::uint16_t* slow) noexcept {
  unsigned n_slow = 0;
  for (unsigned k = 0; k < t.literals; ++k) {
    const unsigned last = t.last[k];
    const unsigned length = last - t.first[k] + 1;
    const LiteralBytes b = literal_bytes(w + last, length);
    // Lanes: the literal occupies [16 - length, 16); pass A checked its
    // shape. Every choice below is a mask or a min, not a branch: whether a
    // literal has a '.' or an exponent is the input's free choice.
    const unsigned e_at = unsigned(__builtin_ctz(b.e | 0x10000));  // 16: no exponent
    const unsigned dot_at = unsigned(__builtin_ctz(b.dot | 0x10000));
    const unsigned has_dot = b.dot != 0, has_e = b.e != 0;
    const unsigned shift = 16 - e_at;  // the exponent's bytes
    const unsigned exp_digits = (15 - e_at - (b.sign != 0)) & (0u - has_e);
    const unsigned fraction = (e_at - 1 - dot_at) & (0u - has_dot);
    const unsigned exp_short = exp_digits <= 3;
    const int exponent = int(exponent_value(b.digits, exp_digits & (0u - exp_short)));
    const int negative = b.minus != 0;
    const int scale = ((exponent ^ -negative) + negative) - int(fraction);
    const unsigned mantissa_digits = e_at - (16 - length) - has_dot;
    const unsigned fast = (length <= 16) & (mantissa_digits <= 15) & exp_short & (unsigned(scale + 22) <= 44);
    const std::uint64_t mantissa =
        mantissa_value(b.digits, shift & (0u - (shift <= unsigned(kMaxShift))), dot_at);
    const unsigned at = 22 + (unsigned(scale) & (0u - fast));
    // Clinger: below 10^15 and by an exact power of ten, one rounding.
    values[k] = double(std::int64_t(mantissa)) * kScales.up[at] / kScales.down[at];
    slow[n_slow] = std::uint16_t(k);
    n_slow += fast ^ 1;
  }
  for (unsigned j = 0; j < n_slow; ++j) {
    const unsigned k = slow[j];
    const char* first = w + t.first[k];
    const char* end = w + t.last[k] + 1;
    if (!long_literal_shape(first, end)) return false;
    values[k] = literal_value(first, end);
  }
  return true;
}

}  // namespace mexe::detail::window
