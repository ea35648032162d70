// Random expressions of a given size, in the shape of bench/workloads.mjs's
// randomExpression (literals of every form, + - * /, unary signs, nesting,
// blanks): a C++ generator so that the native benchmarks can make a fresh
// input for each sample, and the tests long inputs for the fast path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "splitmix64.hpp"

namespace mexe_tools {

// A decimal literal in [lo, hi] with `places` digits after the point; never 0.
inline std::string decimal(SplitMix64& r, double lo, double hi, int places) {
  long long scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  long long a = (long long)(lo * double(scale) + 0.5);
  if (a < 1) a = 1;
  const long long b = (long long)(hi * double(scale) + 0.5);
  const long long n = a + (long long)(r.next() % std::uint64_t(b - a + 1));
  std::string text = std::to_string(n / scale);
  if (places > 0) {
    std::string frac = std::to_string(n % scale);
    text += '.' + std::string(std::size_t(places) - frac.size(), '0') + frac;
  }
  return text;
}

// Mostly integers and decimals, some exponents, as the Node workloads.
inline std::string random_literal(SplitMix64& r) {
  const double u = r.uniform();
  if (u < 0.4) return std::to_string(r.between(1, 9999));
  if (u < 0.85) return decimal(r, 0.01, 999.99, r.between(1, 4));
  std::string text = r.uniform() < 0.5 ? std::to_string(r.between(1, 9)) : decimal(r, 1, 9.99, r.between(1, 3));
  text += r.uniform() < 0.7 ? 'e' : 'E';
  const int exponent = r.between(-6, 6);
  if (exponent < 0) text += '-';
  else if (r.uniform() < 0.3) text += '+';
  return text + std::to_string(exponent < 0 ? -exponent : exponent);
}

inline std::string random_blank(SplitMix64& r) {
  const double u = r.uniform();
  return u < 0.55 ? " " : u < 0.9 ? "" : u < 0.97 ? "  " : "\t";
}

// An expression of at least target_bytes bytes (then closed): random
// literals, operators, unary signs, parentheses up to max_depth deep, blanks.
// Products stay short so the value stays finite.
inline std::string random_expression(std::uint64_t seed, std::size_t target_bytes, int max_depth = 12) {
  SplitMix64 r(seed);
  std::string out;
  out.reserve(target_bytes + 256);
  int depth = 0;
  int factors = 0;
  std::vector<int> outer_factors;
  auto push = [&](const std::string& token) {
    if (token.empty()) return;
    // Keep "--" and "++" apart, as JavaScript would read them otherwise.
    if (!out.empty() && (out.back() == '-' || out.back() == '+') && token[0] == out.back()) out += ' ';
    out += token;
  };
  auto operand = [&] {
    for (;;) {
      if (r.uniform() < 0.08) push(r.uniform() < 0.75 ? "-" : "+");
      if (depth < max_depth && r.uniform() < 0.18 && out.size() + 64 < target_bytes) {
        push("(");
        push(random_blank(r));
        outer_factors.push_back(factors);
        factors = 0;
        ++depth;
        continue;  // the operand inside the parenthesis
      }
      push(random_literal(r));
      ++factors;
      return;
    }
  };
  operand();
  for (;;) {
    if (depth > 0 && (r.uniform() < 0.2 || out.size() >= target_bytes)) {
      push(random_blank(r));
      push(")");
      --depth;
      factors = outer_factors.back() + 1;
      outer_factors.pop_back();
      continue;
    }
    if (out.size() >= target_bytes) break;
    const bool additive = factors >= 4 || r.uniform() < 0.5;
    const char* op = additive ? (r.uniform() < 0.5 ? "+" : "-") : (r.between(0, 2) == 2 ? "/" : "*");
    if (additive) factors = 0;
    push(random_blank(r));
    push(op);
    push(random_blank(r));
    operand();
  }
  return out;
}

}  // namespace mexe_tools
