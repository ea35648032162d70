// The scalar machine's literal stage: one number literal read from its
// first byte, in one pass, its value by Clinger's fast path where it
// applies (literal_value past it).
//
//   number   := digits ( '.' digits? )? exponent? | '.' digits exponent?
//   exponent := ( 'e' | 'E' ) ( '+' | '-' )? digits
#pragma once

#include <cstdint>

#include "char_class.hpp"
#include "clinger.hpp"
#include "mexe/detail/literal_buffer.hpp"

namespace mexe::detail {

// Reads the digits at p into `value` (which wraps past 19 digits; callers
// count digits before trusting it); returns the first byte after them.
inline const char* read_digits(const char* p, const char* end, std::uint64_t& value) noexcept {
  while (p < end && is_digit(*p)) value = value * 10 + std::uint64_t(*p++ - '0');
  return p;
}

struct LiteralScan {
  enum Outcome : std::uint8_t {
    number,      // a whole literal: `value`
    unfinished,  // it reaches the end of a chunk that is not the last: it may go on
    invalid,     // malformed, or followed by a byte that spoils it
  };
  Outcome outcome;
  const char* end;  // the first byte after what was read
  double value;
};

// The literal that starts at `start` (a digit or '.'). `last`: the chunk
// ends the input, so a literal that reaches `end` is whole.
template <bool last>
[[gnu::always_inline]] inline LiteralScan scan_literal(const char* start, const char* end) noexcept {
  std::uint64_t mantissa = 0;  // wraps past 19 digits; then unused
  const char* p = read_digits(start, end, mantissa);
  std::int64_t digits = p - start;
  // The commonest literal, a short integer, is done once a byte that cannot
  // continue it follows: then mantissa converts exactly.
  if (digits <= 15 && (p == end ? last : !spoils_literal(*p))) {
    return {LiteralScan::number, p, double(std::int64_t(mantissa))};  // signed: one instruction, exact below 2^53
  }
  std::int64_t fraction = 0;
  if (p < end && *p == '.') {
    const char* fraction_start = ++p;
    p = read_digits(p, end, mantissa);
    fraction = p - fraction_start;
    digits += fraction;
  }
  bool complete = digits != 0;
  std::int64_t exponent = 0;
  if (complete && p < end && (*p | 0x20) == 'e') {
    bool negative = false;
    if (++p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
    complete = p < end && is_digit(*p);
    while (p < end && is_digit(*p)) {
      if (exponent < LiteralBuffer::exponent_cap) exponent = exponent * 10 + (*p - '0');
      ++p;
    }
    if (negative) exponent = -exponent;
  }
  if (!last && p == end) return {LiteralScan::unfinished, p, 0};
  if (!complete || (p < end && spoils_literal(*p))) return {LiteralScan::invalid, p, 0};
  const std::int64_t scale = exponent - fraction;
  if (digits <= kClingerSafeDigits && clinger_scale_fits(scale)) {
    return {LiteralScan::number, p, clinger(mantissa, scale)};
  }
  return {LiteralScan::number, p, literal_value(start, p)};
}

}  // namespace mexe::detail
