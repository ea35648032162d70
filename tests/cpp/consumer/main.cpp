// Uses the public API the way the README shows; exits non-zero on a wrong answer.
#include <cstdio>
#include <cstring>

#include "mexe/evaluator.hpp"

int main() {
  mexe::Result r = mexe::evaluate("(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4");
  if (!r.ok() || r.value != (5.0 * 8) + 6 - 3.25 / (1.5 + 2) * 4) return 1;

  static mexe::Evaluator ev;
  ev.reset();
  ev.feed("3.14159265358979");
  mexe::Result chunked = ev.finish("3 * 2");
  if (!chunked.ok() || chunked.value != 3.141592653589793 * 2) return 2;

  mexe::Result bad = mexe::evaluate("2 + * 3");
  if (bad.ok() || bad.offset != 4 || std::strcmp(mexe::error_code_name(bad.error), "EXPECTED_OPERAND") != 0) return 3;
  std::puts("ok");
  return 0;
}
