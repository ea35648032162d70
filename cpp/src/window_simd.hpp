// The window fast path's per-ISA leaves (AVX2, BMI2): a block's bytes as
// bitmasks, and the digits of a literal read right-aligned from the 16 bytes
// that end with it. The passes (window_tokens.hpp, window_literals.hpp,
// window_steps.hpp) are written once on top of these.
#pragma once

#include <cstdint>

#include <immintrin.h>

// Compiled for AVX2 and chosen at run time (evaluator.cpp).
#define MEXE_WINDOW_TARGET [[gnu::target("avx2,bmi,bmi2,popcnt,lzcnt")]]

namespace mexe::detail::window {

// What each byte of a 64-byte block is.
struct ByteMasks {
  std::uint64_t blank, digit, dot, e, plus, minus, star, slash, open, close;
  std::uint64_t known;  // any of the above: the others are malformed anywhere
};

MEXE_WINDOW_TARGET inline std::uint64_t mask64(__m256i lo, __m256i hi) noexcept {
  return std::uint64_t(std::uint32_t(_mm256_movemask_epi8(lo))) |
         std::uint64_t(std::uint32_t(_mm256_movemask_epi8(hi))) << 32;
}

MEXE_WINDOW_TARGET inline std::uint64_t equal(__m256i lo, __m256i hi, char c) noexcept {
  return mask64(_mm256_cmpeq_epi8(lo, _mm256_set1_epi8(c)), _mm256_cmpeq_epi8(hi, _mm256_set1_epi8(c)));
}

MEXE_WINDOW_TARGET inline __m256i is_digit(__m256i x) noexcept {  // '0' moved to -128: the ten lowest
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(char(-128 + 10)), _mm256_add_epi8(x, _mm256_set1_epi8(char(0x80 - '0'))));
}

MEXE_WINDOW_TARGET inline __m256i is_blank(__m256i x) noexcept {
  // Their low nibbles are distinct (0 9 a d); every other nibble maps to
  // 0xff, which no byte with that nibble equals.
  const __m256i blanks = _mm256_setr_epi8(' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1,
                                          ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1);
  return _mm256_cmpeq_epi8(_mm256_shuffle_epi8(blanks, x), x);
}

MEXE_WINDOW_TARGET inline ByteMasks classify(const char* p) noexcept {
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  ByteMasks m;
  m.blank = mask64(is_blank(lo), is_blank(hi));
  m.digit = mask64(is_digit(lo), is_digit(hi));
  m.dot = equal(lo, hi, '.');
  m.e = equal(_mm256_or_si256(lo, case_bit), _mm256_or_si256(hi, case_bit), 'e');
  m.plus = equal(lo, hi, '+');
  m.minus = equal(lo, hi, '-');
  m.star = equal(lo, hi, '*');
  m.slash = equal(lo, hi, '/');
  m.open = equal(lo, hi, '(');
  m.close = equal(lo, hi, ')');
  m.known = m.blank | m.digit | m.dot | m.e | m.plus | m.minus | m.star | m.slash | m.open | m.close;
  return m;
}

// The shuffles that right-align a mantissa: [shift][dot], the mantissa's
// bytes ending `shift` bytes before lane 16 (the exponent after it), the '.'
// at lane `dot` (16: none). Lane 15 of the result is the last digit; lanes
// that would come from before lane 0 are zero.
constexpr int kMaxShift = 5;  // 'e', a sign, three digits
struct MantissaShuffles {
  alignas(16) std::uint8_t order[kMaxShift + 1][17][16];
};
inline constexpr MantissaShuffles kMantissaShuffles = [] {
  MantissaShuffles t{};
  for (int shift = 0; shift <= kMaxShift; ++shift) {
    for (int dot = 0; dot <= 16; ++dot) {
      int src = 15 - shift;
      for (int j = 15; j >= 0; --j) {
        if (src == dot) --src;
        t.order[shift][dot][j] = src >= 0 ? std::uint8_t(src) : 0x80;
        --src;
      }
    }
  }
  return t;
}();

// 16 zero bytes then 16 of 0xff: a load at n gives n ones at the top.
alignas(32) inline constexpr std::uint8_t kTopBytes[32] = {
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

MEXE_WINDOW_TARGET inline __m128i top_bytes(unsigned n) noexcept {  // n <= 16
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(kTopBytes + n));
}

// The 16 bytes that end at `last`, as its literal sees them.
struct LiteralBytes {
  __m128i digits;      // byte - '0', zero before the literal
  std::uint32_t dot;   // lanes holding '.', within the literal
  std::uint32_t e;     // lanes holding 'e' or 'E'
  std::uint32_t sign;  // lanes holding '+' or '-' (an exponent's sign)
  std::uint32_t minus; // lanes holding '-'
};

MEXE_WINDOW_TARGET inline LiteralBytes literal_bytes(const char* last, unsigned length) noexcept {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(last - 15));
  const __m128i in = top_bytes(length < 16 ? length : 16);
  const std::uint32_t inside = std::uint32_t(_mm_movemask_epi8(in));
  LiteralBytes b;
  b.digits = _mm_and_si128(_mm_sub_epi8(x, _mm_set1_epi8('0')), in);
  b.dot = std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')))) & inside;
  b.e = std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('e')))) &
        inside;
  b.minus = std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')))) & inside;
  b.sign = b.minus | (std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('+')))) & inside);
  return b;
}

// The value of 16 digit lanes (lane 0 most significant): pairs, fours and
// eights by multiply-adds, then one multiply joins the two eights.
MEXE_WINDOW_TARGET inline std::uint64_t digits16(__m128i d) noexcept {
  const __m128i pairs = _mm_maddubs_epi16(d, _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
  const __m128i fours = _mm_madd_epi16(pairs, _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1));
  const __m128i packed = _mm_packus_epi32(fours, fours);  // each below 10^4
  const __m128i eights = _mm_madd_epi16(packed, _mm_setr_epi16(10000, 1, 10000, 1, 0, 0, 0, 0));
  const std::uint64_t both = std::uint64_t(_mm_cvtsi128_si64(eights));
  return (both & 0xffffffff) * 100000000 + (both >> 32);
}

// The mantissa's digits: the '.' dropped, the exponent shifted out.
MEXE_WINDOW_TARGET inline std::uint64_t mantissa_value(__m128i digits, unsigned shift, unsigned dot) noexcept {
  const __m128i order = _mm_load_si128(reinterpret_cast<const __m128i*>(kMantissaShuffles.order[shift][dot]));
  return digits16(_mm_shuffle_epi8(digits, order));
}

// The value of the last n (0 to 3) digit lanes.
MEXE_WINDOW_TARGET inline unsigned exponent_value(__m128i digits, unsigned n) noexcept {
  const __m128i d = _mm_and_si128(digits, top_bytes(n));
  const __m128i pairs = _mm_maddubs_epi16(d, _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 10, 1));
  const __m128i four = _mm_madd_epi16(pairs, _mm_setr_epi16(0, 0, 0, 0, 0, 0, 100, 1));
  return unsigned(_mm_extract_epi32(four, 3));
}

}  // namespace mexe::detail::window
