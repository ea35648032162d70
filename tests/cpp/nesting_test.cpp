// Nesting up to Evaluator::max_depth, one level more, and long runs of unary
// signs. Expected values are computed by a loop doing the same double
// arithmetic in the same order.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "mexe/evaluator.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

using mexe::ErrorCode;
constexpr std::uint32_t max_depth = mexe::Evaluator::max_depth;

// `depth` copies of `open` (which ends with its only '('), the innermost
// operand, then `depth` ')'.
std::string nest(const std::string& open, std::uint32_t depth,
                 const std::string& innermost = "1") {
  std::string s;
  s.reserve(depth * (open.size() + 1) + innermost.size());
  for (std::uint32_t i = 0; i < depth; ++i) s += open;
  s += innermost;
  s.append(depth, ')');
  return s;
}

struct Shape {
  const char* open;
  std::function<double(double)> level;  // value of one level from the inner one
};

const Shape shapes[] = {
    {"(", [](double v) { return v; }},
    {"1+2*(", [](double v) { return 1.0 + 2.0 * v; }},
    {"1-0.5*(", [](double v) { return 1.0 - 0.5 * v; }},  // stays finite
    {"-(", [](double v) { return -v; }},
    {"0.5+-0.75*-(", [](double v) { return 0.5 + (-0.75) * (-v); }},
    {"3/(", [](double v) { return 3.0 / v; }},
    {"( ", [](double v) { return v; }},
};

double expected_value(const Shape& shape, std::uint32_t depth) {
  double v = 1.0;
  for (std::uint32_t i = 0; i < depth; ++i) v = shape.level(v);
  return v;
}

TEST(Nesting, MaxDepthEvaluates) {
  ASSERT_GE(max_depth, 4096u);  // the contract's minimum
  auto& ev = shared_evaluator();
  for (const auto& shape : shapes) {
    for (std::uint32_t depth : {1u, 2u, 100u, max_depth - 1, max_depth}) {
      const std::string input = nest(shape.open, depth);
      const double want = expected_value(shape, depth);
      EXPECT_TRUE(has_value(ev.evaluate(input), want))
          << shape.open << " x " << depth;
      EXPECT_EQ(ev.stats().peak_depth, depth);
      EXPECT_EQ(ev.stats().peak_stack_bytes, depth * sizeof(mexe::Frame));
      EXPECT_TRUE(has_value(mexe::evaluate(input), want));
      EXPECT_TRUE(has_value(eval_bytes(ev, input), want));
    }
  }
}

TEST(Nesting, OneLevelTooDeep) {
  auto& ev = shared_evaluator();
  for (const auto& shape : shapes) {
    const std::string open = shape.open;
    const std::string input = nest(open, max_depth + 1);
    // The (max_depth + 1)-th '(' is the last character of its copy of `open`.
    const std::uint64_t offset = (max_depth + 1) * open.size() - open.size() +
                                 open.rfind('(');
    EXPECT_TRUE(has_error(mexe::evaluate(input), ErrorCode::nesting_too_deep, offset))
        << open;
    EXPECT_TRUE(has_error(eval_bytes(ev, input), ErrorCode::nesting_too_deep, offset))
        << open;
    // The rest of the input does not matter once the error is known.
    const std::string prefix = input.substr(0, offset + 1);
    EXPECT_TRUE(has_error(mexe::evaluate(prefix + "#"), ErrorCode::nesting_too_deep, offset));
    EXPECT_TRUE(has_error(mexe::evaluate(prefix), ErrorCode::nesting_too_deep, offset));
    // Far deeper too.
    EXPECT_TRUE(has_error(mexe::evaluate(nest(open, 3 * max_depth)),
                          ErrorCode::nesting_too_deep, offset));
  }
}

TEST(Nesting, DepthIsFreedWhenParenthesesClose) {
  // max_depth levels, closed, then max_depth levels again: never too deep.
  const std::string full = nest("(", max_depth);
  EXPECT_TRUE(has_value(mexe::evaluate(full + "+" + full), 2.0));
  // One '(' short of closing everything, then one more level is fine, and
  // one more after that is not.
  std::string s(max_depth, '(');
  s += "1)+(";  // back at max_depth
  EXPECT_TRUE(has_value(mexe::evaluate(s + "2" + std::string(max_depth, ')')), 3.0));
  EXPECT_TRUE(has_error(mexe::evaluate(s + "(2"), ErrorCode::nesting_too_deep, s.size()));
}

TEST(Nesting, UnclosedAtDepth) {
  // Innermost open '(' after the deepest ones closed.
  std::string s(max_depth, '(');
  s += "1";
  EXPECT_TRUE(has_error(mexe::evaluate(s), ErrorCode::unclosed_paren, max_depth - 1));
  s += std::string(max_depth / 2, ')');
  EXPECT_TRUE(has_error(mexe::evaluate(s), ErrorCode::unclosed_paren,
                        max_depth - max_depth / 2 - 1));
  s += std::string(max_depth - max_depth / 2, ')');
  EXPECT_TRUE(has_value(mexe::evaluate(s), 1.0));
  EXPECT_TRUE(has_error(mexe::evaluate(s + ")"), ErrorCode::unmatched_close_paren, s.size()));
}

TEST(Nesting, MillionUnarySigns) {
  constexpr std::size_t n = 1000000;
  auto& ev = shared_evaluator();
  const std::string even(n, '-');
  EXPECT_TRUE(has_value(mexe::evaluate(even + "1"), 1.0));
  EXPECT_TRUE(has_value(mexe::evaluate(even.substr(1) + "1"), -1.0));
  EXPECT_TRUE(has_value(eval_bytes(ev, even + "1"), 1.0));
  EXPECT_TRUE(has_value(eval_split(ev, even + "1", n / 2 + 1), 1.0));

  // Mixed signs with whitespace: the sign is the parity of the minuses.
  SplitMix64 rng(3);
  std::string mixed;
  bool negative = false;
  for (std::size_t i = 0; i < n; ++i) {
    const bool minus = rng.below(2);
    negative ^= minus;
    mixed += minus ? '-' : '+';
    if (rng.below(4) == 0) mixed += " \t\n\r"[rng.below(4)];
  }
  EXPECT_TRUE(has_value(mexe::evaluate(mixed + "0"), negative ? -0.0 : 0.0));
  EXPECT_TRUE(has_value(mexe::evaluate("2 * " + mixed + "3"), 2.0 * (negative ? -3.0 : 3.0)));

  EXPECT_TRUE(has_error(mexe::evaluate(even), ErrorCode::unexpected_end, n));
  EXPECT_TRUE(has_error(mexe::evaluate(even + "*"), ErrorCode::expected_operand, n));
  // Signs inside every level of a deep nest.
  EXPECT_TRUE(has_value(mexe::evaluate(nest("--(", max_depth, even + "7")), 7.0));
}

}  // namespace
}  // namespace mexe_test
