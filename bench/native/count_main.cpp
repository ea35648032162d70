// Instructions and branch mispredictions per byte of evaluation are counted
// from outside (scripts/profile.sh runs this under perf stat or cachegrind).
// So that the counts are those of the evaluation alone, the inputs are all
// made first and evaluated after; with --baseline the same inputs are made
// and nothing is evaluated, and the difference between the two runs' counts
// is the evaluation's.
//
//   mexe_count fresh BYTES COUNT [--baseline]     COUNT random expressions of BYTES bytes, each once
//   mexe_count repeated BYTES TIMES [--baseline]  one such expression, evaluated TIMES times
//   mexe_count formulas FILE COUNT [--baseline]   the first COUNT lines of distinct-formulas.tsv, each once
//
// Prints "bytes N": the bytes evaluated (the same figure with --baseline).
// Exits non-zero when an input is rejected or a formula's value is not the
// one in the file.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "mexe/evaluator.hpp"
#include "random_expression.hpp"

namespace {

// A static Evaluator, as the wasm module and the benchmark use: made at
// start-up in both runs, so its setting up is not counted as evaluation.
mexe::Evaluator evaluator;

int usage() {
  std::fprintf(stderr, "usage: mexe_count fresh BYTES COUNT | repeated BYTES TIMES | formulas FILE COUNT [--baseline]\n");
  return 2;
}

double from_bits(const std::string& hex) {
  std::uint64_t bits = std::strtoull(hex.c_str(), nullptr, 16);
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

bool same(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b);
}

struct Input {
  std::vector<std::string> texts;
  std::vector<double> expected;  // formulas only
  std::size_t times = 1;         // evaluations of each text
};

bool read_formulas(const char* path, std::size_t count, Input& in) {
  std::ifstream file(path, std::ios::binary);
  std::string line;
  while (in.texts.size() < count && std::getline(file, line)) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) return false;
    in.expected.push_back(from_bits(line.substr(0, tab)));
    in.texts.push_back(line.substr(tab + 1));
  }
  return in.texts.size() == count;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) return usage();
  const std::string_view mode = argv[1];
  const bool baseline = argc > 4 && std::string_view(argv[4]) == "--baseline";
  const std::size_t n = std::strtoull(argv[3], nullptr, 10);

  Input in;
  if (mode == "fresh") {
    for (std::size_t i = 0; i < n; ++i) in.texts.push_back(mexe_tools::random_expression(1000 + i, std::strtoull(argv[2], nullptr, 10)));
  } else if (mode == "repeated") {
    in.texts.push_back(mexe_tools::random_expression(1000, std::strtoull(argv[2], nullptr, 10)));
    in.times = n;
  } else if (mode == "formulas") {
    if (!read_formulas(argv[2], n, in)) {
      std::fprintf(stderr, "mexe_count: %s has fewer than %zu formulas\n", argv[2], n);
      return 2;
    }
  } else {
    return usage();
  }

  std::uint64_t bytes = 0;
  for (const std::string& text : in.texts) bytes += text.size() * in.times;
  double sum = 0;
  if (!baseline) {
    for (std::size_t k = 0; k < in.times; ++k) {
      for (std::size_t i = 0; i < in.texts.size(); ++i) {
        const mexe::Result r = evaluator.evaluate(in.texts[i]);
        if (!r.ok()) {
          std::fprintf(stderr, "mexe_count: input %zu rejected: %s\n", i + 1, mexe::error_code_name(r.error));
          return 1;
        }
        if (!in.expected.empty() && !same(r.value, in.expected[i])) {
          std::fprintf(stderr, "mexe_count: formula %zu: %.17g, expected %.17g\n", i + 1, r.value, in.expected[i]);
          return 1;
        }
        sum += r.value;
      }
    }
  }
  // Both runs print the same kind of line, so they end alike.
  std::printf("bytes %llu\nsum %g\n", (unsigned long long)bytes, sum);
  return 0;
}
