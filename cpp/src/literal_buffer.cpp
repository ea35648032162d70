#include "mexe/detail/literal_buffer.hpp"

#include "char_class.hpp"

namespace mexe::detail {
namespace {

// The written exponent is clamped here: with at most kept_digits + 1 digits,
// anything beyond +-100000 is already infinity or zero.
constexpr std::int64_t kWrittenExponentCap = 100000;

}  // namespace

void LiteralBuffer::start(char first) noexcept {
  phase_ = first == '.' ? Phase::lead_dot : Phase::integer;
  dropped_nonzero_ = false;
  exp_negative_ = false;
  count_ = 0;
  scale_ = 0;
  exponent_ = 0;
  if (first != '.') digit(first);
}

// One mantissa digit, in the integer part or the fraction.
void LiteralBuffer::digit(char c) noexcept {
  bool in_fraction = phase_ == Phase::fraction;
  if (count_ == 0 && c == '0') {
    if (in_fraction) --scale_;  // leading zeros only move the point
  } else if (count_ < kept_digits) {
    text_[count_++] = c;
    if (in_fraction) --scale_;
  } else {
    dropped_nonzero_ |= c != '0';
    if (!in_fraction) ++scale_;
  }
}

const char* LiteralBuffer::consume(const char* p, const char* end) noexcept {
  for (; p < end; ++p) {
    char c = *p;
    switch (phase_) {
      case Phase::integer:
        if (is_digit(c)) { digit(c); continue; }
        if (c == '.') { phase_ = Phase::dot; continue; }
        if (c == 'e' || c == 'E') { phase_ = Phase::exp_mark; continue; }
        return p;
      case Phase::lead_dot:
      case Phase::dot:
      case Phase::fraction:
        if (is_digit(c)) { phase_ = Phase::fraction; digit(c); continue; }
        if (phase_ != Phase::lead_dot && (c == 'e' || c == 'E')) {
          phase_ = Phase::exp_mark;
          continue;
        }
        return p;
      case Phase::exp_mark:
        if (c == '+' || c == '-') {
          exp_negative_ = c == '-';
          phase_ = Phase::exp_sign;
          continue;
        }
        [[fallthrough]];
      case Phase::exp_sign:
      case Phase::exp_digits:
        if (!is_digit(c)) return p;
        phase_ = Phase::exp_digits;
        if (exponent_ < exponent_cap) exponent_ = exponent_ * 10 + (c - '0');
        continue;
    }
  }
  return p;
}

double LiteralBuffer::value() noexcept {
  if (count_ == 0) return 0.0;
  std::int64_t exponent = scale_ + (exp_negative_ ? -exponent_ : exponent_);
  int n = count_;
  if (dropped_nonzero_) {
    text_[n++] = '1';  // stands for the dropped digits: only "non-zero" matters
    --exponent;
  }
  if (exponent > kWrittenExponentCap) exponent = kWrittenExponentCap;
  if (exponent < -kWrittenExponentCap) exponent = -kWrittenExponentCap;
  char* p = text_ + n;
  *p++ = 'e';
  if (exponent < 0) { *p++ = '-'; exponent = -exponent; }
  char digits[8];
  int k = 0;
  do { digits[k++] = char('0' + exponent % 10); exponent /= 10; } while (exponent);
  while (k) *p++ = digits[--k];
  return literal_value(text_, p);
}

}  // namespace mexe::detail
