// One build of the library, seen through one function. against.sh compiles
// this file and the library's sources twice, renaming the namespace (-Dmexe=
// mexe_a, mexe_b) so that two versions live in one program.
#include <string>
#include <vector>

#include "mexe/evaluator.hpp"

namespace {
mexe::Evaluator evaluator;  // static: the stack area is not on the stack
}

// Evaluates every item `times` times; returns the sum of the values, so that
// nothing is optimised away.
double MEXE_AGAINST_RUN(const std::vector<std::string>& items, int times) {
  double sum = 0;
  for (int t = 0; t < times; ++t) {
    for (const std::string& item : items) {
      sum += evaluator.evaluate(item).value;
      asm volatile("" ::: "memory");  // one evaluation at a time, as a caller's loop
    }
  }
  return sum;
}
