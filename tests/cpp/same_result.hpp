// When two results are the same: the one comparison of the native tests, the
// fuzz targets and the Emscripten app. Error code and offset, or the value's
// bits; `same_result` lets any NaN equal any NaN (NaN payloads are not part
// of the contract), `identical_result` holds NaN bits too (the fast path and
// threads must give the scalar machine's own bits).
#pragma once

#include <cstring>

#include "mexe/evaluator.hpp"

namespace mexe_test {

inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

inline bool identical_result(const mexe::Result& a, const mexe::Result& b) {
  if (a.error != b.error) return false;
  return a.ok() ? same_bits(a.value, b.value) : a.offset == b.offset;
}

inline bool same_result(const mexe::Result& a, const mexe::Result& b) {
  if (a.ok() && b.ok() && a.value != a.value && b.value != b.value) return true;  // both NaN
  return identical_result(a, b);
}

}  // namespace mexe_test
