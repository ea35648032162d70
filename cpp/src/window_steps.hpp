// The window fast path, pass C: one uniform step per token, with no branch on
// the data. Each token code (kind | operator << 2) picks a table row that says
// where each input of the step comes from; the level's sum stays in a
// register, and every other choice is a load from a slot chosen by index. A
// new term loads the constant 1 instead of the old product, so a term's
// multiplies never wait on the term before (a register select would chain
// them). The operations, their order and their operands are the scalar
// machine's (evaluator.cpp), so the values are its own bit for bit, NaN
// payloads included: signs are sign-bit flips.
#pragma once

#include <cstdint>

#include "mexe/evaluator.hpp"
#include "window_literals.hpp"

namespace mexe::detail::window {

// The scalar machine's pending operators (evaluator.cpp).
constexpr std::uint32_t kSubtractFlag = 1, kDivideFlag = 2, kNegateFlag = 4;

// Slots: the step's inputs that are chosen, not computed; the literals'
// values follow them.
enum Slot : std::uint32_t {
  kOne = 0,        // 1.0: a new term's or level's product, or no operand
  kMinusZero = 1,  // -0.0: adds nothing to the sum
  kTerm = 2,       // the term as the sum takes it (its sign applied)
  kLevel = 3,      // sum + term: a closed level's value
  kOuter = 4,      // the enclosing level's product, for ')'
  kProduct = 5,    // product * operand
  kQuotient = 6,   // product / operand
  kValues = 8,
};

struct StepRow {
  std::uint64_t sum_keep;   // the sum after the operator (not for '(' and ')')
  std::uint64_t sum_set;    // '(': -0.0
  std::uint64_t sum_outer;  // ')': the enclosing level's sum
  std::uint64_t save_keep;  // '(': the product saved, or 1.0 for a new term
  std::uint64_t save_set;
  std::uint32_t add_slot;   // kTerm when the term joins the sum, else kMinusZero
  std::uint32_t x_literal;  // all ones for a literal: its value's slot
  std::uint32_t x_slot;     // else kLevel (')') or kOne
  std::uint32_t p_current;  // all ones: the operand joins the current product
  std::uint32_t p_slot;     // else kOne or kOuter
  std::uint32_t flags_keep, flags_set;  // the binary operator
  std::uint32_t apply;      // kNegateFlag | kDivideFlag when an operand is applied
  std::uint32_t after_keep, after_xor;  // the flags after the token
  std::uint32_t open, close, literal;
  std::int32_t depth;       // +1, -1 or 0
};

constexpr std::uint64_t kOneBits = 0x3ff0000000000000ull;
constexpr std::uint64_t kSignBit = std::uint64_t(1) << 63;

inline constexpr auto kStepRows = [] {
  struct T { StepRow r[32]; } t{};
  for (unsigned op = 0; op <= kSub; ++op) {
    for (unsigned kind = 0; kind <= kNegate; ++kind) {
      StepRow& r = t.r[kind | op << 2];
      const bool new_term = op == kAdd || op == kSub;
      const bool close = kind == kClose;
      r.flags_keep = op == kNone ? 7 : op == kMul || op == kDiv ? kSubtractFlag : 0;
      r.flags_set = op == kDiv ? kDivideFlag : op == kSub ? kSubtractFlag : 0;
      r.add_slot = new_term || close ? kTerm : kMinusZero;
      r.sum_keep = kind == kLiteral || kind == kNegate ? ~std::uint64_t(0) : 0;
      r.sum_set = kind == kOpen ? kSignBit : 0;
      r.sum_outer = close ? ~std::uint64_t(0) : 0;
      r.save_keep = new_term ? 0 : ~std::uint64_t(0);
      r.save_set = new_term ? kOneBits : 0;
      r.x_literal = kind == kLiteral ? ~0u : 0;
      r.x_slot = close ? kLevel : kind == kLiteral ? 0u : std::uint32_t(kOne);
      r.p_current = (kind == kLiteral || kind == kNegate) && !new_term ? ~0u : 0;
      r.p_slot = close ? kOuter : kOne;
      if (r.p_current) r.p_slot = 0;
      r.apply = kind == kLiteral || close ? kNegateFlag | kDivideFlag : 0;
      r.after_keep = kind == kNegate ? 7 : kind == kOpen ? 0 : kSubtractFlag;
      r.after_xor = kind == kNegate ? kNegateFlag : 0;
      r.open = kind == kOpen;
      r.close = close;
      r.literal = kind == kLiteral;
      r.depth = kind == kOpen ? 1 : close ? -1 : 0;
    }
  }
  return t;
}();

// The scalar machine's state for one level and the levels around it.
struct Level {
  double sum;
  double product;
  std::uint32_t flags;
  std::uint32_t depth;
  std::uint32_t peak;  // deepest level reached
};

MEXE_WINDOW_TARGET inline double flip(std::uint32_t negate, double x) noexcept {
  const __m128d sign = _mm_castsi128_pd(_mm_cvtsi64_si128(std::int64_t(std::uint64_t(negate != 0) << 63)));
  return _mm_cvtsd_f64(_mm_xor_pd(_mm_set_sd(x), sign));
}

// (x & keep) | set, on a double's bits, in its register.
MEXE_WINDOW_TARGET inline __m128d bits_select(__m128d x, std::uint64_t keep) noexcept {
  return _mm_and_pd(x, _mm_castsi128_pd(_mm_cvtsi64_si128(std::int64_t(keep))));
}
MEXE_WINDOW_TARGET inline __m128d bits_of(std::uint64_t b) noexcept {
  return _mm_castsi128_pd(_mm_cvtsi64_si128(std::int64_t(b)));
}

// c ? a : b (c is 0 or 1) as arithmetic, hidden from the optimiser so that
// it stays so: a branch here would follow the input's nesting.
template <typename T>
inline T* pick(std::uint32_t c, T* a, T* b) noexcept {
  std::uintptr_t mask = 0 - std::uintptr_t(c);
  asm("" : "+r"(mask));
  return reinterpret_cast<T*>(std::uintptr_t(b) ^ ((std::uintptr_t(a) ^ std::uintptr_t(b)) & mask));
}

// Runs the window's tokens from `level`; frames: the scalar machine's stack
// (every level below level.depth + t.opens < max_depth). tag_base: the
// window's offset in the input, shifted as Frame::tag holds it. slots: at
// least kValues + t.literals doubles, the values from kValues on. False when
// a ')' finds no '(' (the scalar machine then reports it from the window's
// start; frames it pops on the way may have been overwritten, and no result
// then reads them).
MEXE_WINDOW_TARGET inline bool run_steps(const Tokens& t, double* slots, Frame* frames, std::uint64_t tag_base,
                                         Level& level) noexcept {
  slots[kOne] = 1.0;
  slots[kMinusZero] = -0.0;
  slots[kProduct] = level.product;
  double sum = level.sum;
  std::uint32_t current = kProduct;  // the slot holding the product
  std::uint32_t flags = level.flags;
  std::uint32_t depth = level.depth;
  std::uint32_t peak = level.peak;
  std::uint32_t literal = kValues;
  std::uint32_t unmatched = 0;
  Frame junk, none{0.0, 1.0, 0};
  for (unsigned k = 0; k < t.tokens; ++k) {
    const StepRow& r = kStepRows.r[t.code[k]];
    const double product = slots[current];
    slots[kTerm] = flip(flags & kSubtractFlag, product);
    const double after_op = sum + slots[r.add_slot];
    const std::uint32_t f1 = (flags & r.flags_keep) | r.flags_set;
    // '(' saves the level; other tokens write a frame nothing reads (a
    // frame that is read next would put a store-to-load on every step).
    Frame& save = *pick(r.open, frames + depth, &junk);
    save.sum = after_op;
    save.product = _mm_cvtsd_f64(_mm_or_pd(bits_select(_mm_set_sd(product), r.save_keep), bits_of(r.save_set)));
    save.tag = tag_base + (std::uint64_t(t.pos[k]) << 3) + f1;
    // ')' takes the enclosing level back; at depth 0 it reads a frame never
    // written.
    const std::uint32_t empty = depth == 0;
    unmatched |= r.close & empty;
    const Frame& outer = *pick(empty, &none, frames + depth - 1);
    const std::uint32_t close_mask = 0u - r.close;
    const std::uint32_t f2 = (std::uint32_t(outer.tag) & 7 & close_mask) | (f1 & ~close_mask);
    slots[kLevel] = after_op;
    slots[kOuter] = outer.product;
    // The operand joins the product: both operations, the flag picks the slot.
    const double x = flip(f2 & r.apply & kNegateFlag, slots[(literal & r.x_literal) | r.x_slot]);
    const double p = slots[(current & r.p_current) | r.p_slot];
    slots[kProduct] = p * x;
    slots[kQuotient] = p / x;
    current = kProduct + ((f2 & r.apply) >> 1 & 1);
    const __m128d s = _mm_or_pd(_mm_or_pd(bits_select(_mm_set_sd(after_op), r.sum_keep),
                                          bits_select(_mm_set_sd(outer.sum), r.sum_outer)),
                                bits_of(r.sum_set));
    sum = _mm_cvtsd_f64(s);
    flags = (f2 & r.after_keep) ^ r.after_xor;
    depth = depth + std::uint32_t(r.depth) + (r.close & empty);
    peak = depth > peak ? depth : peak;
    literal += r.literal;
  }
  level.sum = sum;
  level.product = slots[current];
  level.flags = flags;
  level.depth = depth;
  level.peak = peak;
  return unmatched == 0;
}

}  // namespace mexe::detail::window
