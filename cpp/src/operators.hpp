// The four binary operators, unary signs and the frames of '(': what each
// does to a level's sum and product, and the flag bits a level keeps for the
// operators still pending. The scalar machine (evaluator.cpp) and the fast
// path (fast_scan.hpp) both read them from here; every coupling between
// them (CharClass order, table rows, flag bits) is checked below.
//
//   sum     := product ( ('+' | '-') product )*
//   product := unary ( ('*' | '/') unary )*
//   unary   := ('+' | '-') unary | primary
#pragma once

#include <cstdint>
#include <cstring>

#include "char_class.hpp"

namespace mexe::detail {

// Pending operators of one level.
constexpr std::uint32_t kSubtract = 1;  // the sum's pending operator is '-'
constexpr std::uint32_t kDivide = 2;    // the product's pending operator is '/'
constexpr std::uint32_t kNegate = 4;    // an odd number of unary '-' is pending
constexpr int kFlagBits = 3;            // Frame::tag keeps them below the offset
static_assert((kSubtract | kDivide | kNegate) < (1u << kFlagBits), "the flags fit in Frame::tag's low bits");
static_assert((kSubtract & kDivide) == 0 && (kSubtract & kNegate) == 0 && (kDivide & kNegate) == 0);

// Frame::tag: the offset of the level's '(' above the outer level's flags.
inline std::uint64_t frame_tag(std::uint64_t open_offset, std::uint32_t flags) noexcept {
  return open_offset << kFlagBits | flags;
}
inline std::uint32_t frame_flags(std::uint64_t tag) noexcept { return std::uint32_t(tag) & ((1u << kFlagBits) - 1); }
inline std::uint64_t frame_open_offset(std::uint64_t tag) noexcept { return tag >> kFlagBits; }

// Bit copies between double and uint64_t (std::bit_cast is missing from
// Emscripten 3.1.6's libc++; memcpy compiles to one move).
inline std::uint64_t bits(double x) noexcept {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
inline double from_bits(std::uint64_t u) noexcept {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// -x when `negate` is non-zero, else x, without a branch.
inline double negate_if(std::uint32_t negate, double x) noexcept {
  return from_bits(bits(x) ^ (std::uint64_t(negate != 0) << 63));
}

// sum: after '+' or '-', the next product's sign.
constexpr std::uint32_t flags_after_sum_operator(CharClass k) noexcept { return k == minus ? kSubtract : 0; }

// product: after '*' or '/', the sum's sign kept and the product's operator.
constexpr std::uint32_t flags_after_product_operator(std::uint32_t flags, CharClass k) noexcept {
  return (flags & kSubtract) | (k == slash ? kDivide : 0);
}

// product: a finished operand joins the level's product, under its pending operators.
inline void apply(double operand, double& product, std::uint32_t& flags) noexcept {
  if (flags & kNegate) operand = -operand;  // rare: a branch is cheaper than a pick
  // A branch, not a pick: computing both would put a division's latency on
  // every step of the product.
  product = (flags & kDivide) ? product / operand : product * operand;
  flags &= kSubtract;
}

// A level's sum with its pending product folded in (a - b is a + -b).
inline double level_value(double sum, double product, std::uint32_t flags) noexcept {
  return sum + negate_if(flags & kSubtract, product);
}

// The fast path's binary operators by table, without a branch. Row
// `k - plus` is CharClass k's: '+' and '-' add the product to the sum under
// the pending sign, as level_value does, and start a new product of 1; '*'
// and '/' add -0 to the sum (which changes nothing) and keep the product.
// The flags become what the scalar machine's functions above make them.
struct OperatorRow {
  // The sum takes (term & sum_keep) ^ sum_xor[pending sign]: the term under
  // its sign, or -0; two operations on the term's way to the sum.
  std::uint64_t sum_keep, sum_xor[2], term_keep, term_set;
  std::uint32_t flags_keep, flags_set;
};
constexpr std::uint64_t kAll = ~std::uint64_t(0);
constexpr std::uint64_t kMinusZero = std::uint64_t(1) << 63;
constexpr std::uint64_t kPlusOne = 0x3ff0000000000000ull;
constexpr unsigned kBinaryOperators = 4;
alignas(64) constexpr OperatorRow kOperators[kBinaryOperators] = {
    {kAll, {0, kMinusZero}, 0, kPlusOne, 0, 0},                        // plus
    {kAll, {0, kMinusZero}, 0, kPlusOne, 0, kSubtract},                // minus
    {0, {kMinusZero, kMinusZero}, kAll, 0, kSubtract, 0},              // star
    {0, {kMinusZero, kMinusZero}, kAll, 0, kSubtract, kDivide},        // slash
};

// The row of a byte's class; kBinaryOperators or more for any other class.
inline unsigned operator_row(CharClass k) noexcept { return unsigned(k) - plus; }

static_assert(minus == plus + 1 && star == plus + 2 && slash == plus + 3, "kOperators is indexed by class - plus");
constexpr bool rows_match_the_scalar_machine() {
  for (std::uint32_t flags = 0; flags < (1u << kFlagBits); ++flags) {
    for (unsigned k = plus; k <= slash; ++k) {
      const OperatorRow& row = kOperators[k - plus];
      const bool additive = k == plus || k == minus;
      const std::uint32_t want = additive ? flags_after_sum_operator(CharClass(k))
                                          : flags_after_product_operator(flags, CharClass(k));
      if (((flags & row.flags_keep) | row.flags_set) != want) return false;
      if (additive != (row.sum_keep == kAll && row.term_keep == 0 && row.term_set == kPlusOne)) return false;
    }
  }
  return true;
}
static_assert(rows_match_the_scalar_machine(), "kOperators sets the flags as the scalar machine does");

}  // namespace mexe::detail
