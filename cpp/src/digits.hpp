// Reading runs of decimal digits eight bytes at a time.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#include "char_class.hpp"

namespace mexe::detail {

static_assert(std::endian::native == std::endian::little, "SWAR digit reading assumes little-endian");

inline constexpr std::uint64_t kPow10Int[] = {1,      10,      100,      1000,      10000,
                                              100000, 1000000, 10000000, 100000000};

// How many of the eight bytes in `chunk` (first byte lowest) are digits, from the first.
inline int leading_digits(std::uint64_t chunk) noexcept {
  constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0, threes = 0x3030303030303030;
  // A digit is 0x30..0x39: high nibble 3, and still 3 after adding 6. A carry
  // out of a byte only comes from a non-digit, and only spoils later bytes.
  std::uint64_t bad = ((chunk & high) ^ threes) | (((chunk + 0x0606060606060606) & high) ^ threes);
  return bad ? std::countr_zero(bad) / 8 : 8;
}

// The value of the first n (0..8) bytes of `chunk`, all digits.
inline std::uint64_t digits_value(std::uint64_t chunk, int n) noexcept {
  // Digits to 0..9; shifting out the bytes after them also drops any borrow.
  // Two half shifts: n == 0 shifts by 64 in all, which one shift may not.
  int half = 4 * (8 - n);
  std::uint64_t d = (chunk - 0x3030303030303030) << half << half;
  d = d * 10 + (d >> 8);  // each byte pair -> a two-digit number in the low byte
  // Pairs -> four-digit numbers -> the eight-digit value, two multiplies.
  d = (((d & 0x000000FF000000FF) * (100 + (1000000ULL << 32))) +
       (((d >> 16) & 0x000000FF000000FF) * (1 + (10000ULL << 32)))) >> 32;
  return d;
}

// Reads the digits at p into `value` (which wraps past 19 digits; callers
// count digits before trusting it); returns the first byte after them.
inline const char* read_digits(const char* p, const char* end, std::uint64_t& value) noexcept {
  while (end - p >= 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p, 8);
    int n = leading_digits(chunk);  // no branch on n: literal lengths are unpredictable
    value = value * kPow10Int[n] + digits_value(chunk, n);
    p += n;
    if (n < 8) return p;
  }
  while (p < end && is_digit(*p)) value = value * 10 + std::uint64_t(*p++ - '0');
  return p;
}

}  // namespace mexe::detail
