// The window fast path, pass B: each literal's value, in order, with no
// branch on its bytes. The 16 bytes that end with the literal are read at
// once; its shape (one '.', one exponent, a digit) is checked on lane masks;
// one shuffle drops the '.', multiply-adds sum the digits, and Clinger's one
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

// Fills values[0, t.literals) from window w; false when a literal is
// malformed (the scalar machine then decides the window).
MEXE_WINDOW_TARGET inline bool read_literals(const char* w, const Tokens& t, double* values,
                                             std::uint16_t* slow) noexcept {
  unsigned bad = 0, n_slow = 0;
  for (unsigned k = 0; k < t.literals; ++k) {
    const unsigned first = t.first[k], last = t.last[k];
    const unsigned length = last - first + 1;
    const LiteralBytes b = literal_bytes(w + last, length);
    const unsigned short_one = length <= 16;
    // Lanes: the literal occupies [16 - length, 16).
    const unsigned e_at = unsigned(__builtin_ctz(b.e | 0x10000));  // 16: no exponent
    const unsigned dot_at = unsigned(__builtin_ctz(b.dot | 0x10000));
    const unsigned has_dot = b.dot != 0;
    const int mantissa_digits = int(e_at) - int(16 - length) - int(has_dot);
    const unsigned shape_ok = (__builtin_popcount(b.dot) <= 1) & (__builtin_popcount(b.e) <= 1) &
                              (b.dot < (b.e | 0x10000)) & (mantissa_digits >= 1);
    bad |= short_one & (shape_ok ^ 1);
    const unsigned shift = 16 - e_at;  // the exponent's bytes
    const unsigned exp_digits = b.e ? 15 - e_at - (b.sign != 0) : 0;
    const unsigned fraction = has_dot ? e_at - 1 - dot_at : 0;
    const int exponent = int(exponent_value(b.digits, exp_digits <= 3 ? exp_digits : 0));
    const int scale = (b.minus ? -exponent : exponent) - int(fraction);
    const unsigned fast = short_one & (mantissa_digits <= 15) & (exp_digits <= 3) & (unsigned(scale + 22) <= 44);
    const std::uint64_t mantissa = mantissa_value(b.digits, shift <= unsigned(kMaxShift) ? shift : 0, dot_at);
    const unsigned at = fast ? unsigned(scale + 22) : 22;
    // Clinger: below 10^15 and by an exact power of ten, one rounding.
    values[k] = double(std::int64_t(mantissa)) * kScales.up[at] / kScales.down[at];
    slow[n_slow] = std::uint16_t(k);
    n_slow += fast ^ 1;
  }
  if (bad) return false;
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
