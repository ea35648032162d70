// A number literal that crosses a chunk boundary, held in bounded space.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mexe::detail {

// The value of a well-formed literal (grammar checked by the caller), exactly
// as JavaScript's Number(text): the literals Clinger's fast path cannot read.
// Out of line: it is the slow path, and inlined its big frame would weigh on
// the evaluator's loop. Two readers implement it (see CMakeLists.txt):
// literal_value_fast_float.cpp, and literal_value_host.cpp, which asks the
// host (JavaScript's Number() in the wasm module, strtod natively).
double literal_value(const char* first, const char* last) noexcept;

// Keeps the first `kept_digits` significant digits, whether a non-zero digit
// was dropped after them, and the decimal exponent. That fixes the double
// exactly: any double is decided by its first 769 digits plus that one bit.
class LiteralBuffer {
 public:
  static constexpr int kept_digits = 800;
  // Explicit exponents saturate here: far past any double, far from overflow.
  static constexpr std::int64_t exponent_cap = std::int64_t{1} << 40;

  enum class Phase : std::uint8_t {
    integer,     // in the digits before any '.'
    lead_dot,    // a '.' that opened the literal; a digit must follow
    dot,         // digits then '.'
    fraction,    // digits after the '.'
    exp_mark,    // 'e' or 'E'; a sign or digit must follow
    exp_sign,    // 'e+' or 'e-'; a digit must follow
    exp_digits,  // in the exponent's digits
  };

  // `first` is a digit or '.'.
  void start(char first) noexcept;

  // Takes the literal's characters from [p, end); returns the first one that
  // is not part of it (end when all were).
  const char* consume(const char* p, const char* end) noexcept;

  // True when the characters so far form a whole literal.
  bool complete() const noexcept {
    return phase_ == Phase::integer || phase_ == Phase::dot ||
           phase_ == Phase::fraction || phase_ == Phase::exp_digits;
  }

  // The literal's value, exactly as JavaScript's Number(text). Needs complete().
  double value() noexcept;

 private:
  void digit(char c) noexcept;

  Phase phase_ = Phase::integer;
  bool dropped_nonzero_ = false;  // a non-zero digit beyond kept_digits
  bool exp_negative_ = false;
  std::uint16_t count_ = 0;       // significant digits kept in text_
  std::int64_t scale_ = 0;        // value = text_[0..count_) * 10^(scale_ +- exponent_)
  std::int64_t exponent_ = 0;     // the explicit exponent, saturated
  char text_[kept_digits + 32];   // the digits, then "1e<exp>" when converting
};

}  // namespace mexe::detail
