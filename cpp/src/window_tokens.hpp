// The window fast path, pass A: a window of up to 32 blocks of 64 bytes is
// classified into bitmasks (one bit per byte, the first byte in bit 0), and
// the grammar's context is derived from them with shifts and carrying adds:
// operator or operand position, which binary operator reaches each operand,
// every malformed byte. Out come the token positions (literal, '(', ')',
// unary '-'), the literals' first and last bytes, and one flag that says the
// window holds anything the fast path leaves to the scalar machine.
#pragma once

#include <cstdint>
#include <cstring>

#include "window_simd.hpp"

namespace mexe::detail::window {

constexpr unsigned kMaxBlocks = 32;
constexpr unsigned kMaxBytes = 64 * kMaxBlocks;
// The lists are written in rounds of eight, up to 16 entries past the last.
constexpr unsigned kListSlack = 16;

// Token kinds, as the token's first byte says (pass C's table rows).
enum Kind : std::uint8_t { kLiteral = 0, kOpen = 1, kClose = 2, kNegate = 3 };
// The binary operator before an operand token: none, * / + - as 0 to 4.
enum Op : std::uint8_t { kNone = 0, kMul = 1, kDiv = 2, kAdd = 3, kSub = 4 };

// What pass A leaves for passes B and C.
struct Tokens {
  std::uint16_t pos[kMaxBytes + kListSlack];      // each token's first byte
  std::uint8_t code[kMaxBytes + kListSlack];      // kind | op << 2
  std::uint16_t first[kMaxBytes / 2 + 1 + kListSlack];  // each literal's first byte
  std::uint16_t last[kMaxBytes / 2 + 1 + kListSlack];   // and its last
  unsigned tokens;
  unsigned literals;
  unsigned opens;
  unsigned cut;   // bytes taken: up to and including the last literal end or ')'
  bool refused;   // an error or anything unusual: the scalar machine decides
};

// A bit at each position whose nearest earlier byte outside `filler` is in
// `match` (simdjson's "follows"): the carry of an add runs through the filler.
struct Follows {
  std::uint64_t last = 0;   // match's top bit, for the next block
  unsigned char carry = 0;  // the add's carry out
  std::uint64_t next(std::uint64_t match, std::uint64_t filler) noexcept {
    const std::uint64_t shifted = (match << 1) | last;
    last = match >> 63;
    unsigned long long sum;
    carry = _addcarry_u64(carry, shifted, filler, &sum);
    return sum & ~filler;
  }
};

// The bits of `run` after a bit of `mark` in the same run of ones.
struct AfterMark {
  std::uint64_t last = 0;
  unsigned char carry = 0;
  std::uint64_t next(std::uint64_t run, std::uint64_t mark) noexcept {
    const std::uint64_t start = ((mark << 1) | last) & run;
    last = mark >> 63;
    unsigned long long sum;
    carry = _addcarry_u64(carry, run, start, &sum);
    return run & ~sum;
  }
};

// Writes the positions of the set bits of `mask` (each plus base) from out
// on, eight at a time, `rounds` of eight whatever the count (entries past it
// are overwritten later), so that the loop's exit is taken the same way
// almost always; returns how many.
MEXE_WINDOW_TARGET inline unsigned write_positions(std::uint64_t mask, unsigned base, std::uint16_t* out,
                                                   unsigned rounds) noexcept {
  const unsigned n = unsigned(__builtin_popcountll(mask));
  for (unsigned done = 0;; done += 8) {
    for (unsigned j = 0; j < 8; ++j) {
      out[done + j] = std::uint16_t(base + unsigned(_tzcnt_u64(mask)));  // 64 when none left: unused
      mask = _blsr_u64(mask);
    }
    if (done + 8 >= n && done + 8 >= 8 * rounds) break;
  }
  return n;
}

// Each token's code (kind | op << 2), from the bits of the masks at the
// tokens: pext packs them in token order, pdep spreads eight of them into
// the low bits of eight bytes.
MEXE_WINDOW_TARGET inline void write_codes(std::uint64_t tokens, unsigned n, const std::uint64_t (&bit)[5],
                                           std::uint8_t* out) noexcept {
  constexpr std::uint64_t kLowBits = 0x0101010101010101ull;
  std::uint64_t packed[5];
  for (int j = 0; j < 5; ++j) packed[j] = _pext_u64(bit[j], tokens);
  for (unsigned done = 0;; done += 8) {
    std::uint64_t bytes = 0;
    for (int j = 0; j < 5; ++j) bytes |= _pdep_u64(packed[j] >> done, kLowBits) << j;
    std::memcpy(out + done, &bytes, 8);
    if (done + 8 >= n && done >= 8) break;
  }
}

// Pass A over blocks [w, w + 64 * blocks), reading one block more (the byte
// after the last decides whether a literal ends there). at_operator: the
// position at w (the scalar machine's state).
MEXE_WINDOW_TARGET inline void find_tokens(const char* w, unsigned blocks, bool at_operator, Tokens& t) noexcept {
  Follows position, mul_add, div_add, sub;  // operator position; the operator bits
  position.last = at_operator;              // the byte before w ends an operand
  AfterMark after_e_run, after_dot_run;
  std::uint64_t e_last = 0, mantissa_last = 0, literal_last = 0, digit_last = 0;
  std::uint64_t bad = 0;
  unsigned n_tok = 0, n_first = 0, n_last = 0, n_open = 0;
  unsigned cut = 0;
  unsigned tok_at_cut = 0, lit_at_cut = 0, open_at_cut = 0;
  bool bad_at_cut = false;
  ByteMasks m = classify(w);
  for (unsigned b = 0; b < blocks; ++b) {
    const ByteMasks n = classify(w + 64 * (b + 1));
    // An exponent's sign: '+' or '-' right after 'e' or 'E'.
    const std::uint64_t esign = (m.plus | m.minus) & ((m.e << 1) | e_last);
    const std::uint64_t literal = m.digit | m.dot | m.e | esign;
    const std::uint64_t first = literal & ~((literal << 1) | literal_last);
    // The next block's first byte, as far as this block's ends need it.
    const std::uint64_t n_esign = (n.plus | n.minus) & (m.e >> 63) & 1;
    const std::uint64_t n_literal = ((n.digit | n.dot | n.e) & 1) | n_esign;
    const std::uint64_t last = literal & ~((literal >> 1) | (n_literal << 63));
    const std::uint64_t digit_next = (m.digit >> 1) | ((n.digit & 1) << 63);
    const std::uint64_t esign_next = (esign >> 1) | (n_esign << 63);
    const std::uint64_t mantissa = m.digit | m.dot;
    // 'e' after a digit or '.', then a digit or a sign; a sign, then a digit.
    std::uint64_t err = ~m.known | (m.e & ~((mantissa << 1) | mantissa_last)) |
                        (m.e & ~digit_next & ~esign_next) | (esign & ~digit_next);
    // A literal followed by a letter or '_' is malformed itself (the cut may
    // fall right after it).
    err |= last & ((~m.known >> 1) | ((~n.known & 1) << 63));
    // A literal's shape: no '.' or 'e' after its 'e', no '.' after its '.',
    // a digit beside a '.'. The bytes after a mark in the same literal are
    // those the add's carry runs through.
    const std::uint64_t after_e = after_e_run.next(literal, m.e);
    const std::uint64_t after_dot = after_dot_run.next(literal, m.dot);
    err |= (after_e & (m.dot | m.e)) | (after_dot & m.dot) |
           (m.dot & ~((m.digit << 1) | digit_last) & ~digit_next);
    digit_last = m.digit >> 63;
    e_last = m.e >> 63;
    mantissa_last = mantissa >> 63;
    literal_last = literal >> 63;
    // Operator position: the nearest earlier non-blank ends an operand.
    const std::uint64_t ends = last | m.close;
    const std::uint64_t at_op = position.next(ends, m.blank);
    err |= (at_op & (first | m.open)) | (~at_op & (m.star | m.slash | m.close));
    const std::uint64_t plus = m.plus & ~esign, minus = m.minus & ~esign;
    const std::uint64_t unary_minus = ~at_op & minus;
    // The binary operator before each operand token (unary '+' changes nothing).
    const std::uint64_t filler = m.blank | (~at_op & plus);
    const std::uint64_t c0 = mul_add.next(at_op & (m.star | plus), filler);
    const std::uint64_t c1 = div_add.next(at_op & (m.slash | plus), filler);
    const std::uint64_t c2 = sub.next(at_op & minus, filler);
    const std::uint64_t tokens = first | m.open | m.close | unary_minus;
    if (ends) {  // taken up to the last operand end so far
      const unsigned top = 63 - unsigned(__builtin_clzll(ends));
      const std::uint64_t below = top == 63 ? ~std::uint64_t(0) : (std::uint64_t(2) << top) - 1;
      cut = 64 * b + top + 1;
      tok_at_cut = n_tok + unsigned(__builtin_popcountll(tokens & below));
      lit_at_cut = n_first + unsigned(__builtin_popcountll(first & below));
      open_at_cut = n_open + unsigned(__builtin_popcountll(m.open & below));
      bad_at_cut = (bad | (err & below)) != 0;
    }
    bad |= err;
    // Kind bits: '(' 1, ')' 2, unary '-' 3, a literal 0; then the operator.
    const std::uint64_t code_bits[5] = {m.open | unary_minus, m.close | unary_minus, c0, c1, c2};
    const unsigned count = write_positions(tokens, 64 * b, t.pos + n_tok, 2);
    write_codes(tokens, count, code_bits, t.code + n_tok);
    n_tok += count;
    n_first += write_positions(first, 64 * b, t.first + n_first, 1);
    n_last += write_positions(last, 64 * b, t.last + n_last, 1);
    n_open += unsigned(__builtin_popcountll(m.open));
    m = n;
  }
  t.tokens = tok_at_cut;
  t.literals = lit_at_cut;
  t.opens = open_at_cut;
  t.cut = cut;
  t.refused = bad_at_cut || cut == 0;
}

}  // namespace mexe::detail::window
