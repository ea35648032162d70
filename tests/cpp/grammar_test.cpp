// Valid input: every grammar rule, whitespace, IEEE-754 results.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "mexe/evaluator.hpp"
#include "test_cases.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

TEST(Grammar, ValueCases) {
  auto& ev = shared_evaluator();
  for (const auto& c : value_cases()) {
    EXPECT_TRUE(has_value(mexe::evaluate(c.input), c.expected))
        << "mexe::evaluate(" << printable(c.input) << ")";
    EXPECT_TRUE(has_value(ev.evaluate(c.input), c.expected))
        << "Evaluator::evaluate(" << printable(c.input) << ")";
  }
}

TEST(Grammar, SignedZeros) {
  auto negative_zero = [](const char* input) {
    mexe::Result r = mexe::evaluate(input);
    return r.ok() && r.value == 0 && std::signbit(r.value);
  };
  auto positive_zero = [](const char* input) {
    mexe::Result r = mexe::evaluate(input);
    return r.ok() && r.value == 0 && !std::signbit(r.value);
  };
  EXPECT_TRUE(negative_zero("-0"));
  EXPECT_TRUE(negative_zero("0 * -1"));
  EXPECT_TRUE(negative_zero("-(0)"));
  EXPECT_TRUE(negative_zero("-0 + -0"));
  EXPECT_TRUE(negative_zero("-1e-400"));
  EXPECT_TRUE(positive_zero("0 - 0"));
  EXPECT_TRUE(positive_zero("-0 + 0"));
  EXPECT_TRUE(positive_zero("- -0"));
  EXPECT_TRUE(positive_zero("1e-400"));
}

TEST(Grammar, InfinityAndNaNAreValues) {
  mexe::Result r = mexe::evaluate("1/0");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isinf(r.value) && r.value > 0);
  r = mexe::evaluate("-1/0");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isinf(r.value) && r.value < 0);
  r = mexe::evaluate("0/0");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isnan(r.value));
  r = mexe::evaluate("1e400");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isinf(r.value));
}

// Whitespace of each kind in each gap between tokens changes nothing.
TEST(Grammar, WhitespaceInEveryGap) {
  const std::vector<std::string> tokens = {"-", "(", "1.5e1", "+",  "-", "2",
                                           ")", "*", "+",     ".5", "/", "4"};
  const double expected = (-(1.5e1 + -2.0)) * (+.5) / 4.0;
  const std::string kinds[] = {" ", "\t", "\n", "\r", "\r\n", " \t\n\r  "};
  for (const auto& ws : kinds) {
    for (std::size_t gap = 0; gap <= tokens.size(); ++gap) {
      std::string input;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i == gap) input += ws;
        input += tokens[i];
      }
      if (gap == tokens.size()) input += ws;
      EXPECT_TRUE(has_value(mexe::evaluate(input), expected))
          << printable(input);
    }
  }
}

// Each binary operator joins any two operands, and pending operators of an
// outer level survive a parenthesised operand.
TEST(Grammar, OperatorPairs) {
  const char ops[] = {'+', '-', '*', '/'};
  auto apply = [](char op, double a, double b) {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      default: return a / b;
    }
  };
  auto binds_tighter = [](char a, char b) {
    return (a == '*' || a == '/') && (b == '+' || b == '-');
  };
  const double x = 0.7, y = 3.0, z = 0.1;
  for (char a : ops) {
    for (char b : ops) {
      // x a y b z, grouped by precedence then left to right.
      double flat = binds_tighter(b, a) ? apply(a, x, apply(b, y, z))
                                        : apply(b, apply(a, x, y), z);
      std::string input = std::string("0.7 ") + a + " 3 " + b + " 0.1";
      EXPECT_TRUE(has_value(mexe::evaluate(input), flat)) << input;

      std::string grouped = std::string("0.7 ") + a + " (3 " + b + " 0.1)";
      EXPECT_TRUE(has_value(mexe::evaluate(grouped), apply(a, x, apply(b, y, z))))
          << grouped;
    }
  }
}

TEST(Grammar, EvaluatorIsReusable) {
  auto& ev = shared_evaluator();
  EXPECT_TRUE(has_value(ev.evaluate("1 + 2"), 3.0));
  EXPECT_FALSE(ev.evaluate("(1 + ").ok());
  EXPECT_TRUE(has_value(ev.evaluate("4 * 2"), 8.0));
  EXPECT_FALSE(mexe::evaluate("2 3").ok());
  EXPECT_TRUE(has_value(mexe::evaluate("2 - 3"), -1.0));
  // A fresh evaluator works without an explicit reset().
  static mexe::Evaluator fresh;
  EXPECT_TRUE(has_value(fresh.finish("6 / 4"), 1.5));
}

}  // namespace
}  // namespace mexe_test
