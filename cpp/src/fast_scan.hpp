// The fast path's walker, written once for every instruction set: Isa
// (scanner.hpp: Sse2, Avx2) gives the block classifier and the literal digit
// reader, fast_path.cpp compiles it for each.
//
// Segments of up to 16 blocks of 64 bytes are classified at once into token
// starts and digits; then their tokens are walked with no call and no vector
// work in the loop, which keeps the arithmetic in registers.
//
// State as the scalar machine's (term is its pending product), and the same
// operations on the same operands in the same order, so the values are its
// own bit for bit, NaN signs and payloads included: the sign of a '-' is
// applied where the term joins the sum, not carried in the term (x86 gives
// an invalid operation's NaN a fixed sign, which a carried sign would not
// reach). kDivide and kNegate are stale where an operator must come (the
// scalar machine has them clear there).
#pragma once

#include <cstdint>

#include "char_class.hpp"
#include "clinger.hpp"
#include "fast_path.hpp"
#include "mexe/detail/literal_buffer.hpp"
#include "mexe/evaluator.hpp"
#include "operators.hpp"
#include "scanner.hpp"

namespace mexe::detail {

static_assert(kBlockBytes == 64, "a block's masks hold one bit per byte in a uint64_t");

// -x when c, else x: without a branch, and without moving the double out of
// its register.
inline double flip_if(bool c, double x) noexcept {
  const __m128d sign = _mm_castsi128_pd(_mm_cvtsi64_si128(std::int64_t(std::uint64_t(c) << 63)));
  return _mm_cvtsd_f64(_mm_xor_pd(_mm_set_sd(x), sign));
}

// A binary operator by its kOperators row (operators.hpp), without a branch.
inline void fold_operator(unsigned row_index, double& sum, double& term, std::uint32_t& flags) noexcept {
  const OperatorRow& row = kOperators[row_index];
  const std::uint64_t& sum_xor = row.sum_xor[flags & kSubtract];
  auto load = [](const std::uint64_t& x) { return _mm_castsi128_pd(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(&x))); };
  const __m128d t = _mm_set_sd(term);
  sum += _mm_cvtsd_f64(_mm_xor_pd(_mm_and_pd(t, load(row.sum_keep)), load(sum_xor)));
  term = _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(t, load(row.term_keep)), load(row.term_set)));
  flags = (flags & row.flags_keep) | row.flags_set;
}

template <class Isa, bool at_operator>
inline bool FastPath::scan(Evaluator& ev, FastCursor& cursor, const char* begin, const char* end,
                           std::uint64_t origin) noexcept {
  constexpr std::uint64_t kTop = std::uint64_t(1) << 63;
  const char* const start = cursor.p;
  const char* p = start;  // the end of the last token taken
  double sum = cursor.sum;
  std::uint32_t flags = cursor.flags;
  double term = cursor.product;
  std::uint32_t depth = cursor.depth;
  double operand;
  constexpr unsigned kSegment = 16;
  std::uint64_t segment_tokens[kSegment];
  std::uint64_t segment_digits[kSegment + 1];  // and the block after the segment
  const char* segment = p;  // p is a token boundary: no literal runs into it
  std::uint64_t carry = 0;  // the block before ends inside a run of literal bytes
  unsigned blocks = 0;      // in the segment
  unsigned b = 0;           // the block being walked
  const char* block = p;
  std::uint64_t tokens = 0;  // its token starts not yet taken
  const char* s;             // the token at hand
  unsigned i;                // its index in the block
  bool operator_next = at_operator;

fill_segment:
  {
    const std::size_t left = std::size_t(end - segment);
    if (left < kFastMargin) {
      if (operator_next) goto to_operator;
      goto to_operand;
    }
    // The blocks whose next block is in the input too.
    blocks = unsigned((left - kFastMargin) / kBlockBytes) + 1;
    if (blocks > kSegment) blocks = kSegment;
    for (unsigned k = 0; k <= blocks; ++k) {
      const BlockMasks m = Isa::classify(segment + kBlockBytes * k);
      segment_digits[k] = m.digit;
      if (k == blocks) break;
      // A token starts at every byte that is not blank and does not continue
      // a run of literal bytes (digits, '.', 'e', 'E'). An exponent's sign
      // breaks the run: the token starts that makes inside a literal lie
      // below p once the literal is read, and are skipped.
      const std::uint64_t number = m.digit | m.dot | m.e;
      segment_tokens[k] = ~m.blank & ~(number & ((number << 1) | carry));
      carry = number >> 63;
    }
    b = 0;
    block = segment;
    tokens = segment_tokens[0];
    if (operator_next) goto operator_token;
  }

  // Where an operand must come. No token start lies below p here: those
  // inside a literal come right after it, where an operator must come.
  // (The next-token step is written here and at operator_token: as one
  // lambda, GCC grew the walker by half and fresh input ran 2 to 4 % slower.)
operand_token:
  while (tokens == 0) {
    if (++b == blocks) {
      segment += kBlockBytes * blocks;
      operator_next = false;
      goto fill_segment;
    }
    block += kBlockBytes;
    tokens = segment_tokens[b];
  }
  i = lowest_bit(tokens);
  tokens &= tokens - 1;
  s = block + i;
  if ((segment_digits[b] >> i) & 1) {  // a literal (one that opens with '.' goes to the scalar path)
    // Integer digits, maybe '.' and fraction digits, maybe an exponent.
    // Here at most seven digits in all, read as one word with the '.' taken
    // out: Clinger's fast path applies. Longer literals go to the scalar
    // path.
    const std::uint64_t digits = bits_from(segment_digits[b], segment_digits[b + 1], i);
    const unsigned n_int = lowest_bit(~digits | kTop);
    const unsigned has_dot = s[n_int] == '.';
    const unsigned frac_at = (n_int + has_dot) & 63;
    const unsigned n_frac = lowest_bit((~digits >> frac_at) | kTop);  // 0 when no '.'
    const unsigned n = n_int + n_frac;
    if (n - 1 >= 7) goto to_operand;
    const char* q = s + frac_at + n_frac;
    const std::uint64_t mantissa = Isa::literal_digits(s, n_int, n_frac, has_dot);
    int scale = -int(n_frac);
    char after = *q;
    if ((after | 0x20) == 'e') {
      const char* t = q + 1;
      const int negative = *t == '-';
      t += (*t == '+') | negative;
      const std::uint64_t w = load_word(t);
      bool long_run;
      const unsigned n_exp = digit_run(w, long_run);
      if (n_exp - 1 >= 3) goto to_operand;  // one to three exponent digits here
      const int exponent = int(digits_value(w, n_exp));
      scale += (exponent ^ -negative) + negative;
      q = t + n_exp;
      after = *q;
      // The exponent's sign and digits made token starts: drop those in this
      // block (those in the next are skipped below, s < p).
      const unsigned end_at = unsigned(q - block);
      tokens &= (~std::uint64_t(0) << (end_at & 63)) & -std::uint64_t(end_at < 64);
    }
    if (spoils_literal(after)) goto to_operand;
    operand = clinger_scale_fits(scale) ? clinger<true>(mantissa, scale) : literal_value(s, q);
    p = q;
    goto apply;
  }
  {
    const unsigned k = class_of(*s);
    if (k == open) {
      if (depth == Evaluator::max_depth) goto to_operand;
      Frame& frame = ev.frames_[depth];
      frame.sum = sum;
      frame.product = term;
      frame.tag = frame_tag(origin + std::uint64_t(s - begin), flags);
      if (++depth > ev.stats_.peak_depth) {
        ev.stats_.peak_depth = depth;
        ev.stats_.peak_stack_bytes = depth * std::uint32_t(sizeof(Frame));
      }
      sum = -0.0;
      term = 1.0;
      flags = 0;
    } else if (k == minus) {
      flags ^= kNegate;
    } else if (k != plus) {
      goto to_operand;
    }
    p = s + 1;
    goto operand_token;
  }

apply:
  operand = flip_if(flags & kNegate, operand);
  // A branch, not a pick: computing both would put a division's latency on
  // every operand.
  term = (flags & kDivide) ? term / operand : term * operand;

  // Where an operator must come.
operator_token:
  while (tokens == 0) {
    if (++b == blocks) {
      segment += kBlockBytes * blocks;
      operator_next = true;
      goto fill_segment;
    }
    block += kBlockBytes;
    tokens = segment_tokens[b];
  }
  i = lowest_bit(tokens);
  tokens &= tokens - 1;
  s = block + i;
  if (s < p) goto operator_token;  // inside the literal just read
  {
    const CharClass k = class_of(*s);
    if (operator_row(k) < kBinaryOperators) {
      fold_operator(operator_row(k), sum, term, flags);
      p = s + 1;
      goto operand_token;
    }
    if (k == close && depth != 0) {
      operand = sum + flip_if(flags & kSubtract, term);  // the level's value
      const Frame& outer = ev.frames_[--depth];
      sum = outer.sum;
      flags = frame_flags(outer.tag);
      term = outer.product;
      p = s + 1;
      goto apply;
    }
    goto to_operator;
  }

  // Every token the fast path takes makes `seen` true in the scalar machine.
to_operand:
  cursor = {sum, p, term, flags, depth, cursor.seen || p != start};
  return false;
to_operator:
  cursor = {sum, p, term, flags & kSubtract, depth, cursor.seen || p != start};
  return true;
}

}  // namespace mexe::detail
