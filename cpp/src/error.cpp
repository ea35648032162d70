#include "mexe/error.hpp"

namespace mexe {
namespace {

struct ErrorText {
  const char* name;
  const char* message;
};

// Indexed by ErrorCode.
constexpr ErrorText kErrors[error_code_count] = {
    {"NONE", "No error"},
    {"EMPTY_INPUT", "The input is empty"},
    {"UNEXPECTED_CHARACTER", "Unexpected character"},
    {"EXPECTED_OPERAND", "Expected an operand"},
    {"EXPECTED_OPERATOR", "Expected an operator"},
    {"UNEXPECTED_END", "Unexpected end of input"},
    {"UNCLOSED_PAREN", "Unclosed parenthesis"},
    {"UNMATCHED_CLOSE_PAREN", "Unmatched closing parenthesis"},
    {"NESTING_TOO_DEEP", "Parentheses nested too deep"},
    {"INVALID_NUMBER", "Invalid number"},
};

const ErrorText& text(ErrorCode code) noexcept {
  auto i = static_cast<unsigned>(code);
  return kErrors[i < error_code_count ? i : 0];
}

}  // namespace

const char* error_code_name(ErrorCode code) noexcept { return text(code).name; }
const char* error_message(ErrorCode code) noexcept { return text(code).message; }

}  // namespace mexe
