// Every way an input can be wrong. The table in error.cpp is the one source
// of the code strings and messages; the wasm module hands it to JavaScript.
#pragma once

#include <cstdint>

namespace mexe {

enum class ErrorCode : std::uint8_t {
  none = 0,               // no error: the expression has a value
  empty_input,            // empty or only whitespace; offset 0
  unexpected_character,   // no token can start or continue with this byte
  expected_operand,       // '*', '/' or ')' where an operand must come
  expected_operator,      // a number, '.' or '(' where an operator, ')' or the end must come
  unexpected_end,         // the input ends where an operand must come; offset = length
  unclosed_paren,         // the input ends inside '(' ; offset of the innermost open '('
  unmatched_close_paren,  // ')' with no open '('
  nesting_too_deep,       // '(' that would open level max_depth + 1
  invalid_number,         // malformed literal; offset of its first character
};

inline constexpr int error_code_count = 10;  // including none

// "EXPECTED_OPERAND", ...; "NONE" for ErrorCode::none.
const char* error_code_name(ErrorCode code) noexcept;

// A sentence for people, without the index: "Expected an operand".
const char* error_message(ErrorCode code) noexcept;

}  // namespace mexe
