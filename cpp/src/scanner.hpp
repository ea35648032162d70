// The fast path's building blocks: 64 input bytes classified at once into
// bitmasks (one bit per byte, the first byte in bit 0), and digit runs read
// eight bytes at a time (SWAR). The fast path (fast_scan.hpp) walks token
// starts in these masks with count-trailing-zeros. What differs per
// instruction set is in the two policies at the end, Sse2 and Avx2; the
// portable classifier is the reference the tests hold them to.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace mexe::detail {

inline std::uint64_t load_word(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

inline unsigned lowest_bit(std::uint64_t x) noexcept {  // x != 0
  return unsigned(__builtin_ctzll(x));
}

// What one block of 64 bytes holds.
struct BlockMasks {
  std::uint64_t blank;   // ' ' '\t' '\n' '\r'
  std::uint64_t digit;   // 0-9
  std::uint64_t dot;     // '.'
  std::uint64_t e;       // 'e' 'E'
};

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// 0x80 in each byte of w that is zero, else 0x00 (exact: no carries).
inline std::uint64_t zero_bytes(std::uint64_t w) noexcept {
  constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
  return ~(((w & low7) + low7) | w | low7);
}

// The high bit of each byte of h (0x80 or 0x00 per byte) as 8 bits.
inline unsigned gather_highs(std::uint64_t h) noexcept {
  return unsigned(((h >> 7) * 0x0102040810204080ull) >> 56);
}

// Portable: eight bytes per word, exact per byte. Also the reference the
// tests hold the vector versions to.
inline BlockMasks classify_block_swar(const char* p) noexcept {
  BlockMasks m{0, 0, 0, 0};
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t w = load_word(p + 8 * i);
    const std::uint64_t b = zero_bytes(w ^ (kOnes * ' ')) | zero_bytes(w ^ (kOnes * '\t')) |
                            zero_bytes(w ^ (kOnes * '\n')) | zero_bytes(w ^ (kOnes * '\r'));
    // Digits: at least '0' and below ':', ASCII only (bytes with the high bit
    // clear; adding to 7-bit values never carries out of a byte).
    const std::uint64_t low = w & 0x7f7f7f7f7f7f7f7full;
    const std::uint64_t digit =
        (low + kOnes * (0x80 - '0')) & ~(low + kOnes * (0x80 - ':')) & ~w & kHighs;
    m.blank |= std::uint64_t(gather_highs(b)) << (8 * i);
    m.digit |= std::uint64_t(gather_highs(digit)) << (8 * i);
    m.dot |= std::uint64_t(gather_highs(zero_bytes(w ^ (kOnes * '.')))) << (8 * i);
    m.e |= std::uint64_t(gather_highs(zero_bytes((w | (kOnes * 0x20)) ^ (kOnes * 'e')))) << (8 * i);
  }
  return m;
}

// The 64 bits of the pair (low, high) from bit i (0 to 63) on.
inline std::uint64_t bits_from(std::uint64_t low, std::uint64_t high, unsigned i) noexcept {
  return (low >> i) | ((high << 1) << (63 - i));
}

// 0x80 in each byte of w that is not an ASCII digit. Exact up to and
// including the first such byte (borrows and carries only move upward, and
// only out of non-digits), which is all the callers look at.
inline std::uint64_t non_digit_bytes(std::uint64_t w) noexcept {
  return ((w - kOnes * '0') | (w + kOnes * (0x80 - ':')) | w) & kHighs;
}

// How many digits open the word, 0 to 7; `long_run` is set when all eight
// bytes are digits (then the count says 7 and must not be used).
inline unsigned digit_run(std::uint64_t w, bool& long_run) noexcept {
  const std::uint64_t nd = non_digit_bytes(w);
  long_run = nd == 0;
  return lowest_bit(nd | (std::uint64_t(1) << 63)) >> 3;
}

// The value of the first n (0 to 7) bytes of w, all digits, most significant
// first.
inline std::uint64_t digits_value(std::uint64_t w, unsigned n) noexcept {
  std::uint64_t d = w - kOnes * '0';     // exact in the first n bytes
  d = (d << 8) << (56 - 8 * n);          // the n digits on top, zeros before them
  d = (d * 10 + (d >> 8)) & 0x00ff00ff00ff00ffull;        // pairs
  d = (d * 100 + (d >> 16)) & 0x0000ffff0000ffffull;      // groups of four
  return (d * 10000 + (d >> 32)) & 0xffffffffull;         // all eight
}


#if defined(__SSE2__)
// Avx2::literal_digits' shuffles: for a literal of n_int digits, a '.' and
// n_frac digits (no '.' when n_frac is 0; at most 8 digits in all), the
// order that drops the '.' and lines the digits up at the top of 8 bytes.
struct DigitShuffles {
  alignas(16) std::uint8_t table[9][9][16];  // [n_int][n_frac]
};
inline constexpr DigitShuffles kDigitShuffles = [] {
  DigitShuffles t{};
  for (int n_int = 0; n_int <= 8; ++n_int) {
    for (int n_frac = 0; n_frac <= 8; ++n_frac) {
      const int n = n_int + n_frac;
      for (int j = 0; j < 16; ++j) {
        const int k = j - (8 - n);  // the digit at byte j, most significant first
        t.table[n_int][n_frac][j] = j >= 8 || k < 0 || n > 8 ? 0x80 : std::uint8_t(k < n_int ? k : k + 1);
      }
    }
  }
  return t;
}();

// Every x86-64 processor.
struct Sse2 {
  static BlockMasks classify(const char* p) noexcept {
    BlockMasks m{0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      const __m128i b =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))),
                       _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
      // Signed compare after moving '0' to -128: digits are the ten lowest.
      const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(char(0x80 - '0'))),
                                           _mm_set1_epi8(char(-128 + 10)));
      const __m128i dot = _mm_cmpeq_epi8(x, _mm_set1_epi8('.'));
      const __m128i e = _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('e'));
      m.blank |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(b))) << (16 * i);
      m.digit |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(digit))) << (16 * i);
      m.dot |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(dot))) << (16 * i);
      m.e |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(e))) << (16 * i);
    }
    return m;
  }

  // The value of the literal's n_int + n_frac (at most 7) digits from its
  // first byte s, the '.' after the first n_int taken out when has_dot.
  static std::uint64_t literal_digits(const char* s, unsigned n_int, unsigned n_frac, unsigned has_dot) noexcept {
    const std::uint64_t word = load_word(s);
    const std::uint64_t before_dot = ((std::uint64_t(1) << 8 * n_int) - 1) | (std::uint64_t(has_dot) - 1);
    return digits_value((word & before_dot) | ((word >> 8) & ~before_dot), n_int + n_frac);
  }
};

// AVX2 (with BMI1 and BMI2 for the walker), chosen at run time. Its
// functions are inlined into callers compiled for it (fast_path.cpp).
struct Avx2 {
  [[gnu::target("avx2")]] static BlockMasks classify(const char* p) noexcept {
    BlockMasks m{0, 0, 0, 0};
    // Blanks by table: each blank's low nibble is distinct (0 9 a d); the
    // table holds the blank for its nibble and 0xff for the other nibbles,
    // which no byte with such a nibble equals (and pshufb gives 0 for bytes
    // with the high bit set).
    const __m256i blanks = _mm256_setr_epi8(' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1,
                                            ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1);
    for (int i = 0; i < 2; ++i) {
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * i));
      const __m256i b = _mm256_cmpeq_epi8(_mm256_shuffle_epi8(blanks, x), x);
      const __m256i digit = _mm256_cmpgt_epi8(_mm256_set1_epi8(char(-128 + 10)),
                                              _mm256_add_epi8(x, _mm256_set1_epi8(char(0x80 - '0'))));
      const __m256i dot = _mm256_cmpeq_epi8(x, _mm256_set1_epi8('.'));
      const __m256i e = _mm256_cmpeq_epi8(_mm256_or_si256(x, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('e'));
      m.blank |= std::uint64_t(std::uint32_t(_mm256_movemask_epi8(b))) << (32 * i);
      m.digit |= std::uint64_t(std::uint32_t(_mm256_movemask_epi8(digit))) << (32 * i);
      m.dot |= std::uint64_t(std::uint32_t(_mm256_movemask_epi8(dot))) << (32 * i);
      m.e |= std::uint64_t(std::uint32_t(_mm256_movemask_epi8(e))) << (32 * i);
    }
    return m;
  }

  // As Sse2::literal_digits: one shuffle drops the '.' and lines the digits
  // up, three multiply-adds sum them (has_dot is implied by n_frac).
  [[gnu::target("avx2")]] static std::uint64_t literal_digits(const char* s, unsigned n_int, unsigned n_frac,
                                                              unsigned /*has_dot*/) noexcept {
    const __m128i x = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s)), _mm_set1_epi8('0'));
    const __m128i order = _mm_load_si128(reinterpret_cast<const __m128i*>(kDigitShuffles.table[n_int][n_frac]));
    const __m128i d = _mm_shuffle_epi8(x, order);  // 0x80 in the order gives 0
    const __m128i pairs = _mm_maddubs_epi16(d, _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    const __m128i fours = _mm_madd_epi16(pairs, _mm_setr_epi16(100, 1, 100, 1, 0, 0, 0, 0));
    const __m128i packed = _mm_packs_epi32(fours, fours);  // each below 10^4: no saturation
    return std::uint32_t(_mm_cvtsi128_si32(_mm_madd_epi16(packed, _mm_setr_epi16(10000, 1, 0, 0, 0, 0, 0, 0))));
  }
};
#endif

}  // namespace mexe::detail
