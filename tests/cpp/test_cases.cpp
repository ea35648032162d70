#include "test_cases.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>

#include "test_support.hpp"

namespace mexe_test {
namespace {

using mexe::ErrorCode;
using namespace std::string_literals;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::vector<ValueCase> make_value_cases() {
  return {
      // Number forms. The C++ literal is parsed by the compiler, correctly
      // rounded, as Number() does.
      {"1", 1.0},
      {"1.", 1.0},
      {".5", 0.5},
      {"1.5e3", 1.5e3},
      {"1E-3", 1E-3},
      {"1.e5", 1.e5},
      {"007", 7.0},
      {"0", 0.0},
      {"00", 0.0},
      {"0.0", 0.0},
      {".0", 0.0},
      {"0.", 0.0},
      {"1e+3", 1e+3},
      {"1e-3", 1e-3},
      {"1E+03", 1E+03},
      {"2e0", 2.0},
      {"2e-0", 2.0},
      {"2e+0", 2.0},
      {"5.e-1", 5.e-1},
      {".5E1", .5E1},
      {".25e-2", .25e-2},
      {"007.500", 7.5},
      {"00012.5000e001", 125.0},
      {"0.1", 0.1},
      {"123.456", 123.456},
      {"1e23", 1e23},
      {"8.98846567431158e307", 8.98846567431158e307},
      {"9007199254740993", 9007199254740993.0},
      {"0e0", 0.0},
      {"0.000e-5", 0.0},

      // Binary operators.
      {"1 + 2", 1.0 + 2.0},
      {"5 - 7", 5.0 - 7.0},
      {"6 * 7", 6.0 * 7.0},
      {"7 / 2", 7.0 / 2.0},
      {"7 / 10", 7.0 / 10.0},  // not 7 * (1 / 10)
      {"1 / 3", 1.0 / 3.0},
      {"0.1 + 0.2", 0.1 + 0.2},
      {"0.1 * 3", 0.1 * 3.0},

      // Left associativity: these differ from right-to-left grouping.
      {"10 - 4 - 3", (10.0 - 4.0) - 3.0},
      {"10 / 4 / 2", (10.0 / 4.0) / 2.0},
      {"2 - 3 + 4", (2.0 - 3.0) + 4.0},
      {"1 / 2 * 4", (1.0 / 2.0) * 4.0},
      {"2 * 3 / 4", (2.0 * 3.0) / 4.0},
      {"0.1 + 0.2 + 0.3", (0.1 + 0.2) + 0.3},
      {"0.1 + (0.2 + 0.3)", 0.1 + (0.2 + 0.3)},
      {"1e16 + 1 + 1", (1e16 + 1.0) + 1.0},
      {"3 * 0.1 * 3", (3.0 * 0.1) * 3.0},

      // Precedence.
      {"1 + 2 * 3", 1.0 + (2.0 * 3.0)},
      {"(1 + 2) * 3", (1.0 + 2.0) * 3.0},
      {"1 + 2 * 3 - 4 / 2", (1.0 + 2.0 * 3.0) - 4.0 / 2.0},
      {"2 * 3 + 4 * 5", 2.0 * 3.0 + 4.0 * 5.0},
      {"1 - 2 * 3 * 4 + 5", (1.0 - (2.0 * 3.0) * 4.0) + 5.0},
      {"1 + 2 * 3 * 4 / 5 - 6", (1.0 + ((2.0 * 3.0) * 4.0) / 5.0) - 6.0},
      {"0.1 + 0.7 * 3 - 0.3 / 7 + 1e-17",
       ((0.1 + 0.7 * 3.0) - 0.3 / 7.0) + 1e-17},

      // Unary signs: any run, tighter than * and /.
      {"-3", -3.0},
      {"+3", 3.0},
      {"--3", 3.0},
      {"- + - 3", 3.0},
      {"- - - 2", -2.0},
      {"+-+-+1", 1.0},
      {"2 - -3", 2.0 - -3.0},
      {"2--3", 2.0 - -3.0},
      {"2+-3", 2.0 + -3.0},
      {"2*-3", 2.0 * -3.0},
      {"2/-4", 2.0 / -4.0},
      {"-2 * 3", (-2.0) * 3.0},
      {"-2 * -3", (-2.0) * (-3.0)},
      {"1 - -1 - -1", (1.0 - -1.0) - -1.0},
      {"-1 + 2", (-1.0) + 2.0},
      {"-0 + 0", (-0.0) + 0.0},  // +0: the sign does not cover the sum
      {"-(2 + 3)", -(2.0 + 3.0)},
      {"-(-(2))", 2.0},
      {"2 * - (3 + 1)", 2.0 * -(3.0 + 1.0)},
      {"- 1.5e1 / - 3", (-1.5e1) / (-3.0)},

      // Parentheses.
      {"(1)", 1.0},
      {"((1))", 1.0},
      {"( 1 )", 1.0},
      {"(((2 + 3) * 4) - 5) / 6", (((2.0 + 3.0) * 4.0) - 5.0) / 6.0},
      {"2 * (3 + 4) * 5", (2.0 * (3.0 + 4.0)) * 5.0},
      {"(2) * (3)", 2.0 * 3.0},
      {"1 - (2 - 3)", 1.0 - (2.0 - 3.0)},
      {"8 / (4 / 2)", 8.0 / (4.0 / 2.0)},
      {"1 + (2 * (3 + (4 * (5 + 6))))",
       1.0 + (2.0 * (3.0 + (4.0 * (5.0 + 6.0))))},
      {"(1 + 2) * (3 - 4) / (5 + 6)",
       ((1.0 + 2.0) * (3.0 - 4.0)) / (5.0 + 6.0)},
      {"3 / (1 - 0.25)", 3.0 / (1.0 - 0.25)},

      // Whitespace: every kind, everywhere ws is allowed.
      {"1+2", 3.0},
      {" 1 + 2 ", 3.0},
      {"\t1\t+\t2\t", 3.0},
      {"\n1\n*\n2\n", 2.0},
      {"\r1\r-\r2\r", -1.0},
      {"\r\n 1 \t\r\n+ \n\t2\r\n", 3.0},
      {"-\n3", -3.0},
      {"- \t+\r-\n3", 3.0},
      {"(\t1\n)", 1.0},
      {"  (  (  4  )  /  ( 8 ) )  ", 0.5},

      // IEEE-754 results.
      {"-0", -0.0},
      {"0 * -1", 0.0 * -1.0},
      {"-0 * 5", -0.0 * 5.0},
      {"-0 * -0", -0.0 * -0.0},
      {"0 / -5", 0.0 / -5.0},
      {"-(0)", -0.0},
      {"(-0)", -0.0},
      {"- -0", 0.0},
      {"+-0", -0.0},
      {"0 - 0", 0.0 - 0.0},
      {"-0 + -0", -0.0 + -0.0},
      {"-0 - 0", -0.0 - 0.0},
      {"-0 - -0", -0.0 - -0.0},
      {"1/0", inf},
      {"-1/0", -inf},
      {"1/-0", -inf},
      {"0/0", nan},
      {"1e400", inf},
      {"-1e400", -inf},
      {"1e-400", 0.0},
      {"-1e-400", -0.0},
      {"1e308 * 10", inf},
      {"1e400 - 1e400", nan},
      {"1e400 * 0", nan},
      {"1 / 1e400", 0.0},
      {"5e-324 / 2", 0.0},
      {"-5e-324 / 2", -0.0},
      {"1e-320 * 1e-5", 0.0},
      {"2.5e-324 * 1", 5e-324},  // the literal rounds up to the least subnormal
  };
}

std::vector<ErrorCase> make_error_cases() {
  const auto E = ErrorCode::empty_input;
  const auto C = ErrorCode::unexpected_character;
  const auto OPND = ErrorCode::expected_operand;
  const auto OPTR = ErrorCode::expected_operator;
  const auto END = ErrorCode::unexpected_end;
  const auto UNC = ErrorCode::unclosed_paren;
  const auto UNM = ErrorCode::unmatched_close_paren;
  const auto NUM = ErrorCode::invalid_number;
  return {
      {"", E, 0},
      {" ", E, 0},
      {"\t\n\r ", E, 0},
      {"\r\n\r\n", E, 0},

      // A character no token can start or continue.
      {"a", C, 0},
      {"2 + x", C, 4},
      {"2 +x", C, 3},
      {"2 * (y)", C, 5},
      {"-x", C, 1},
      {"2 e", C, 2},  // a letter not right after a literal
      {"(e)", C, 1},
      {"(1)x", C, 3},
      {"_1", C, 0},
      {"1 _", C, 2},
      {"#", C, 0},
      {"1 # 2", C, 2},
      {"1#", C, 1},
      {",", C, 0},
      {"1,5", C, 1},
      {"2^3", C, 1},
      {"^", C, 0},
      {"5 % 2", C, 2},
      {"%", C, 0},
      {"$1", C, 0},
      {"1 = 1", C, 2},
      {"\0"s, C, 0},
      {"1 +\0 2"s, C, 3},
      {"1\0"s, C, 1},
      {"(\0)"s, C, 1},
      {"\v", C, 0},  // not whitespace in this grammar
      {"1\f", C, 1},
      {"\x01", C, 0},
      {"2 +\x1b", C, 3},
      {"\x7f", C, 0},
      {"\xc3\xa9", C, 0},             // é
      {"2 \xc3\x97 3", C, 2},         // ×
      {"1 + \xcf\x80", C, 4},         // π
      {"3 \xe2\x88\x92" "1", C, 2},   // U+2212 minus sign
      {"1\xc3\xa9", C, 1},            // non-ASCII right after a literal
      {"\xff", C, 0},
      {"(1 + 2) * \xf0\x9f\x98\x80", C, 10},

      // '*', '/' or ')' where an operand must come.
      {"2 + * 3", OPND, 4},
      {"()", OPND, 1},
      {"*", OPND, 0},
      {"/2", OPND, 0},
      {")", OPND, 0},
      {"2 * / 3", OPND, 4},
      {"(*1)", OPND, 1},
      {"1 + )", OPND, 4},
      {"- * 2", OPND, 2},
      {"((1) + ())", OPND, 8},

      // A number, '.' or '(' where an operator, ')' or the end must come.
      {"2 3", OPTR, 2},
      {"2 (3)", OPTR, 2},
      {"2(3)", OPTR, 1},
      {"(2)(3)", OPTR, 3},
      {"(2)3", OPTR, 3},
      {"(1) 2", OPTR, 4},
      {"1 .5", OPTR, 2},
      {"1 .", OPTR, 2},
      {"1. 5", OPTR, 3},
      {"(2).5", OPTR, 3},
      {"1e3 4", OPTR, 4},
      {".5 .5", OPTR, 3},
      {"2 3 #", OPTR, 2},  // the first error wins

      // The input ends where an operand must come.
      {"2 +", END, 3},
      {"(", END, 1},
      {"-", END, 1},
      {"+", END, 1},
      {"2 + ", END, 4},
      {"2 *\n", END, 4},
      {"((", END, 2},
      {"( ", END, 2},
      {"(1 + (2 * ", END, 10},
      {"- - -", END, 5},

      // The input ends with a '(' still open: the innermost one.
      {"(1 + 2", UNC, 0},
      {"((1)", UNC, 0},
      {"(((1)", UNC, 1},
      {"(1 + (2)", UNC, 0},
      {"1 + (2 * (3)", UNC, 4},
      {"((1) + (2)", UNC, 0},
      {"(1 ", UNC, 0},
      {"-(-(1)", UNC, 1},
      {"(1) * ((2) - (3 + (4)) \t", UNC, 6},

      // ')' with no open '('.
      {"1)", UNM, 1},
      {"(1))", UNM, 3},
      {"1 + 2)", UNM, 5},
      {"(1) )", UNM, 4},
      {"1)(", UNM, 1},

      // Malformed literals: the offset is the literal's first character.
      {"1e", NUM, 0},
      {"1e+", NUM, 0},
      {"1e-", NUM, 0},
      {"1E", NUM, 0},
      {"1.2.3", NUM, 0},
      {"0x10", NUM, 0},
      {"1_000", NUM, 0},
      {"2x", NUM, 0},
      {".", NUM, 0},
      {"2 + .", NUM, 4},
      {"-.", NUM, 1},
      {"(.)", NUM, 1},
      {". 5", NUM, 0},
      {"1..", NUM, 0},
      {"..5", NUM, 0},
      {".e1", NUM, 0},
      {"1.e", NUM, 0},
      {"1e5e", NUM, 0},
      {"1e5.5", NUM, 0},
      {"1e5.", NUM, 0},
      {"1.5e3x", NUM, 0},
      {"12ab", NUM, 0},
      {"3 * 45z", NUM, 4},
      {"1e+x", NUM, 0},
      {"1e 5", NUM, 0},
      {"(1e)", NUM, 1},
      {"2 * .)", NUM, 4},
      {"5._", NUM, 0},
      {"1e+5_", NUM, 0},
      {"0b1", NUM, 0},
      {"1n", NUM, 0},
      {"1.5E+", NUM, 0},
      {"1.5f", NUM, 0},
      {"1e99999x", NUM, 0},
      {"(1 + 2) * 10.25.5", NUM, 10},
  };
}

// A 100,000-digit literal with a decimal point in the middle.
std::string long_literal() {
  SplitMix64 rng(42);
  std::string s = "7" + random_digits(rng, 49999) + "." +
                  random_digits(rng, 49999) + "3";
  return s;
}

double parse(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

std::vector<ValueCase> make_long_value_cases() {
  const std::string lit = long_literal();
  const std::string exp_lit = lit + "e-50000";  // about 7.x
  const std::string frac_lit = "0." + std::string(99990, '0') + "123e99993";
  return {
      {lit, parse(lit)},
      {"2 * " + lit + " - 1", 2.0 * parse(lit) - 1.0},
      {"(" + exp_lit + ") / 3", parse(exp_lit) / 3.0},
      {"-" + exp_lit + " + 1", -parse(exp_lit) + 1.0},
      {frac_lit + "*2", parse(frac_lit) * 2.0},
      {std::string(100000, ' ') + "1" + std::string(100000, '\t'), 1.0},
      {std::string(100000, '-') + "5", 5.0},
  };
}

std::vector<ErrorCase> make_long_error_cases() {
  const std::string lit = long_literal();
  const std::string exp_lit = lit + "e-50000";
  return {
      {lit + "x", ErrorCode::invalid_number, 0},
      {"2 + " + lit + ".5", ErrorCode::invalid_number, 4},
      {"2 + " + exp_lit + "_", ErrorCode::invalid_number, 4},
      {"(" + lit + "e", ErrorCode::invalid_number, 1},
      {lit + " " + lit, ErrorCode::expected_operator, lit.size() + 1},
      {"(" + lit, ErrorCode::unclosed_paren, 0},
      {lit + " * ", ErrorCode::unexpected_end, lit.size() + 3},
      {lit + ")", ErrorCode::unmatched_close_paren, lit.size()},
      {lit + " + #", ErrorCode::unexpected_character, lit.size() + 3},
      {std::string(100000, ' '), ErrorCode::empty_input, 0},
  };
}

}  // namespace

const std::vector<ValueCase>& value_cases() {
  static const auto cases = make_value_cases();
  return cases;
}

const std::vector<ErrorCase>& error_cases() {
  static const auto cases = make_error_cases();
  return cases;
}

const std::vector<ValueCase>& long_value_cases() {
  static const auto cases = make_long_value_cases();
  return cases;
}

const std::vector<ErrorCase>& long_error_cases() {
  static const auto cases = make_long_error_cases();
  return cases;
}

std::uint32_t paren_depth(const std::string& input) {
  std::uint32_t depth = 0, peak = 0;
  for (char c : input) {
    if (c == '(') peak = std::max(peak, ++depth);
    if (c == ')') --depth;
  }
  return peak;
}

}  // namespace mexe_test
