// Invalid input: every error code, its exact offset, names and messages.
#include <gtest/gtest.h>

#include <cstring>
#include <iterator>
#include <set>
#include <string>

#include "mexe/error.hpp"
#include "mexe/evaluator.hpp"
#include "test_cases.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

using mexe::ErrorCode;

TEST(Errors, ErrorCases) {
  auto& ev = shared_evaluator();
  for (const auto& c : error_cases()) {
    EXPECT_TRUE(has_error(mexe::evaluate(c.input), c.code, c.offset))
        << "mexe::evaluate(" << printable(c.input) << ")";
    EXPECT_TRUE(has_error(ev.evaluate(c.input), c.code, c.offset))
        << "Evaluator::evaluate(" << printable(c.input) << ")";
  }
}

TEST(Errors, EveryCodeHasACase) {
  std::set<ErrorCode> seen = {ErrorCode::none,
                              ErrorCode::nesting_too_deep};  // nesting_test
  for (const auto& c : error_cases()) seen.insert(c.code);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(mexe::error_code_count));
}

TEST(Errors, CodeNamesMatchTheContract) {
  const std::pair<ErrorCode, const char*> names[] = {
      {ErrorCode::none, "NONE"},
      {ErrorCode::empty_input, "EMPTY_INPUT"},
      {ErrorCode::unexpected_character, "UNEXPECTED_CHARACTER"},
      {ErrorCode::expected_operand, "EXPECTED_OPERAND"},
      {ErrorCode::expected_operator, "EXPECTED_OPERATOR"},
      {ErrorCode::unexpected_end, "UNEXPECTED_END"},
      {ErrorCode::unclosed_paren, "UNCLOSED_PAREN"},
      {ErrorCode::unmatched_close_paren, "UNMATCHED_CLOSE_PAREN"},
      {ErrorCode::nesting_too_deep, "NESTING_TOO_DEEP"},
      {ErrorCode::invalid_number, "INVALID_NUMBER"},
  };
  static_assert(std::size(names) == mexe::error_code_count);
  for (const auto& [code, name] : names) {
    ASSERT_NE(mexe::error_code_name(code), nullptr);
    EXPECT_STREQ(mexe::error_code_name(code), name);
  }
}

// A code from outside the table (a value cast from a wider integer) names
// itself as "none" does, and never reads past the table.
TEST(Errors, CodesOutsideTheTableReadAsNone) {
  for (int i : {mexe::error_code_count, mexe::error_code_count + 1, 255}) {
    const auto code = static_cast<ErrorCode>(i);
    EXPECT_STREQ(mexe::error_code_name(code), mexe::error_code_name(ErrorCode::none)) << i;
    EXPECT_STREQ(mexe::error_message(code), mexe::error_message(ErrorCode::none)) << i;
  }
}

TEST(Errors, MessagesAreDistinctSentences) {
  std::set<std::string> messages;
  for (int i = 0; i < mexe::error_code_count; ++i) {
    const char* m = mexe::error_message(static_cast<ErrorCode>(i));
    ASSERT_NE(m, nullptr) << i;
    EXPECT_GT(std::strlen(m), 0u) << mexe::error_code_name(static_cast<ErrorCode>(i));
    messages.insert(m);
  }
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(mexe::error_code_count));
}

bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Every byte value where an operand must come: "2*" + b.
TEST(Errors, EveryByteWhereAnOperandMustCome) {
  for (int b = 0; b < 256; ++b) {
    const auto c = static_cast<unsigned char>(b);
    std::string input = "2*";
    input += static_cast<char>(c);
    mexe::Result r = mexe::evaluate(input);
    if (is_digit(c)) {
      EXPECT_TRUE(has_value(r, 2.0 * (c - '0'))) << printable(input);
    } else if (is_ws(c) || c == '(' || c == '+' || c == '-') {
      EXPECT_TRUE(has_error(r, ErrorCode::unexpected_end, 3)) << printable(input);
    } else if (c == '*' || c == '/' || c == ')') {
      EXPECT_TRUE(has_error(r, ErrorCode::expected_operand, 2)) << printable(input);
    } else if (c == '.') {
      EXPECT_TRUE(has_error(r, ErrorCode::invalid_number, 2)) << printable(input);
    } else {
      EXPECT_TRUE(has_error(r, ErrorCode::unexpected_character, 2)) << printable(input);
    }
  }
}

// Every byte value directly after a literal: "2" + b.
TEST(Errors, EveryByteAfterALiteral) {
  for (int b = 0; b < 256; ++b) {
    const auto c = static_cast<unsigned char>(b);
    std::string input = "2";
    input += static_cast<char>(c);
    mexe::Result r = mexe::evaluate(input);
    if (is_digit(c)) {
      EXPECT_TRUE(has_value(r, 20.0 + (c - '0'))) << printable(input);
    } else if (is_ws(c) || c == '.') {
      EXPECT_TRUE(has_value(r, 2.0)) << printable(input);
    } else if (c == '+' || c == '-' || c == '*' || c == '/') {
      EXPECT_TRUE(has_error(r, ErrorCode::unexpected_end, 2)) << printable(input);
    } else if (c == ')') {
      EXPECT_TRUE(has_error(r, ErrorCode::unmatched_close_paren, 1)) << printable(input);
    } else if (c == '(') {
      EXPECT_TRUE(has_error(r, ErrorCode::expected_operator, 1)) << printable(input);
    } else if (is_letter(c) || c == '_') {
      EXPECT_TRUE(has_error(r, ErrorCode::invalid_number, 0)) << printable(input);
    } else {
      EXPECT_TRUE(has_error(r, ErrorCode::unexpected_character, 1)) << printable(input);
    }
  }
}

// Every byte value where an operator must come, not after a literal:
// "(2) " + b.
TEST(Errors, EveryByteWhereAnOperatorMustCome) {
  for (int b = 0; b < 256; ++b) {
    const auto c = static_cast<unsigned char>(b);
    std::string input = "(2) ";
    input += static_cast<char>(c);
    mexe::Result r = mexe::evaluate(input);
    if (is_ws(c)) {
      EXPECT_TRUE(has_value(r, 2.0)) << printable(input);
    } else if (is_digit(c) || c == '.' || c == '(') {
      EXPECT_TRUE(has_error(r, ErrorCode::expected_operator, 4)) << printable(input);
    } else if (c == '+' || c == '-' || c == '*' || c == '/') {
      EXPECT_TRUE(has_error(r, ErrorCode::unexpected_end, 5)) << printable(input);
    } else if (c == ')') {
      EXPECT_TRUE(has_error(r, ErrorCode::unmatched_close_paren, 4)) << printable(input);
    } else {
      EXPECT_TRUE(has_error(r, ErrorCode::unexpected_character, 4)) << printable(input);
    }
  }
}

TEST(Errors, NulInsideAStringView) {
  // The evaluator must read the explicit length, not stop at the NUL.
  const char text[] = {'1', '+', '\0', '2'};
  EXPECT_TRUE(has_error(mexe::evaluate(std::string_view(text, 4)),
                        ErrorCode::unexpected_character, 2));
  const char valid[] = {'1', '+', '2', '\0'};
  EXPECT_TRUE(has_value(mexe::evaluate(std::string_view(valid, 3)), 3.0));
}

// Stats::input_bytes of an error: the bytes read up to and including the
// one that showed it, or the whole input when its end did; one-shot and in
// chunks alike.
TEST(Errors, InputBytesEndAtTheByteThatShowedTheError) {
  struct Case {
    const char* input;
    std::uint64_t bytes;
  };
  for (const Case& c : {Case{"1 + )", 5}, Case{"2 3", 3}, Case{"12x + 1", 3}, Case{"#", 1}, Case{"1e+", 3},
                        Case{"1 +", 3}, Case{"(1", 2}, Case{"", 0}, Case{"  (4 * 5))) + 1", 10}}) {
    const std::string input = c.input;
    auto& ev = shared_evaluator();
    ev.evaluate(input);
    EXPECT_EQ(ev.stats().input_bytes, c.bytes) << printable(input);
    for (std::size_t at = 0; at <= input.size(); ++at) {
      eval_split(ev, input, at);
      EXPECT_EQ(ev.stats().input_bytes, c.bytes) << printable(input) << " split at " << at;
    }
  }
}

TEST(Errors, FailedIsKnownAsSoonAsPossible) {
  auto& ev = shared_evaluator();
  ev.reset();
  ev.feed("2 3");
  EXPECT_TRUE(ev.failed());
  ev.feed(" + (((");  // ignored: the first error stands
  EXPECT_TRUE(has_error(ev.finish(")))"), ErrorCode::expected_operator, 2));

  ev.reset();
  ev.feed("2 +");
  EXPECT_FALSE(ev.failed());  // more input may still come
  EXPECT_TRUE(has_value(ev.finish(" 1"), 3.0));

  ev.reset();
  ev.feed("1e");
  EXPECT_FALSE(ev.failed());
  EXPECT_TRUE(has_value(ev.finish("2"), 100.0));

  ev.reset();
  ev.feed("1)");
  EXPECT_TRUE(ev.failed());
  EXPECT_TRUE(has_error(ev.finish("x"), ErrorCode::unmatched_close_paren, 1));
}

}  // namespace
}  // namespace mexe_test
