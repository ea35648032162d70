// Inputs with known outcomes, shared by the grammar, error, chunking and
// allocation tests. Expected values come from C++ double arithmetic written
// with the same grouping, never from the evaluator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mexe/error.hpp"

namespace mexe_test {

struct ValueCase {
  std::string input;
  double expected;
};

struct ErrorCase {
  std::string input;
  mexe::ErrorCode code;
  std::uint64_t offset;
};

// Every grammar rule, every whitespace kind, IEEE special results.
const std::vector<ValueCase>& value_cases();

// Every error code, with the examples of docs/SPEC.md#errors.
const std::vector<ErrorCase>& error_cases();

// Long inputs (100,000-digit literals, long whitespace runs) with known
// outcomes, valid and invalid. Too slow to split at every boundary.
const std::vector<ValueCase>& long_value_cases();
const std::vector<ErrorCase>& long_error_cases();

// Deepest parenthesis nesting of a valid input.
std::uint32_t paren_depth(const std::string& input);

}  // namespace mexe_test
