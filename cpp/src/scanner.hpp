// The bulk scanner's building blocks: 64 input bytes classified at once into
// bitmasks (one bit per byte, the first byte in bit 0), and digit runs read
// eight bytes at a time (SWAR). The evaluator's fast path walks token starts
// in these masks with count-trailing-zeros; the scalar state machine stays the
// exact fallback for everything the fast path does not take.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#define MEXE_SCAN_SSE2 1
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define MEXE_SCAN_WASM_SIMD 1
#endif

// The fast path reads bytes as little-endian words.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MEXE_FAST_PATH 1
#else
#define MEXE_FAST_PATH 0
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
  std::uint64_t number;  // digits, '.', 'e', 'E': the bytes a literal is made of
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

#if MEXE_SCAN_SSE2
inline BlockMasks classify_block(const char* p) noexcept {
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i nine = _mm_set1_epi8(9);
  const __m128i dot = _mm_set1_epi8('.');
  const __m128i lower = _mm_set1_epi8(0x20);
  const __m128i e = _mm_set1_epi8('e');
  std::uint64_t blank = 0, number = 0;
  for (int i = 0; i < 4; ++i) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i b = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(x, tab)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
    const __m128i d = _mm_sub_epi8(x, zero);
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d);
    const __m128i n = _mm_or_si128(_mm_or_si128(digit, _mm_cmpeq_epi8(x, dot)),
                                   _mm_cmpeq_epi8(_mm_or_si128(x, lower), e));
    blank |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(b))) << (16 * i);
    number |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(n))) << (16 * i);
  }
  return {blank, number};
}
#elif MEXE_SCAN_WASM_SIMD
inline BlockMasks classify_block(const char* p) noexcept {
  std::uint64_t blank = 0, number = 0;
  for (int i = 0; i < 4; ++i) {
    const v128_t x = wasm_v128_load(p + 16 * i);
    const v128_t b = wasm_v128_or(
        wasm_v128_or(wasm_i8x16_eq(x, wasm_i8x16_splat(' ')), wasm_i8x16_eq(x, wasm_i8x16_splat('\t'))),
        wasm_v128_or(wasm_i8x16_eq(x, wasm_i8x16_splat('\n')), wasm_i8x16_eq(x, wasm_i8x16_splat('\r'))));
    const v128_t digit = wasm_u8x16_lt(wasm_i8x16_sub(x, wasm_i8x16_splat('0')), wasm_i8x16_splat(10));
    const v128_t n = wasm_v128_or(
        wasm_v128_or(digit, wasm_i8x16_eq(x, wasm_i8x16_splat('.'))),
        wasm_i8x16_eq(wasm_v128_or(x, wasm_i8x16_splat(0x20)), wasm_i8x16_splat('e')));
    blank |= std::uint64_t(wasm_i8x16_bitmask(b)) << (16 * i);
    number |= std::uint64_t(wasm_i8x16_bitmask(n)) << (16 * i);
  }
  return {blank, number};
}
#endif

// Portable: eight bytes per word, exact per byte. Also the reference the
// tests hold the vector versions to.
inline BlockMasks classify_block_swar(const char* p) noexcept {
  std::uint64_t blank = 0, number = 0;
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t w = load_word(p + 8 * i);
    const std::uint64_t b = zero_bytes(w ^ (kOnes * ' ')) | zero_bytes(w ^ (kOnes * '\t')) |
                            zero_bytes(w ^ (kOnes * '\n')) | zero_bytes(w ^ (kOnes * '\r'));
    // Digits: at least '0' and below ':', ASCII only (bytes with the high bit
    // clear; adding to 7-bit values never carries out of a byte).
    const std::uint64_t low = w & 0x7f7f7f7f7f7f7f7full;
    const std::uint64_t digit =
        (low + kOnes * (0x80 - '0')) & ~(low + kOnes * (0x80 - ':')) & ~w & kHighs;
    const std::uint64_t n = digit | zero_bytes(w ^ (kOnes * '.')) |
                            zero_bytes((w | (kOnes * 0x20)) ^ (kOnes * 'e'));
    blank |= std::uint64_t(gather_highs(b)) << (8 * i);
    number |= std::uint64_t(gather_highs(n)) << (8 * i);
  }
  return {blank, number};
}

#if !MEXE_SCAN_SSE2 && !MEXE_SCAN_WASM_SIMD
inline BlockMasks classify_block(const char* p) noexcept { return classify_block_swar(p); }
#endif

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

}  // namespace mexe::detail
