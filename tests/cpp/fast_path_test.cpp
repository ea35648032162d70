// The bulk fast path (windows of 64-byte blocks, bitmasks, branch-free steps)
// against the scalar state machine: the classifier against the bytes, the
// literal pass against the exact reader, and whole evaluations compared bit for
// bit, error offsets included, on the shared cases, the fuzz corpora and
// random long inputs, one-shot and under every two-chunk split
// (fast_path_check.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fast_path_check.hpp"
#include "random_expression.hpp"
#include "fast_path.hpp"
#if MEXE_FAST_PATH
#include "window_literals.hpp"
#endif
#include <cstring>
#include "test_cases.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

#if MEXE_FAST_PATH
namespace window = mexe::detail::window;

bool have_avx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2"); }

// Bytes that matter to the classifier, and any byte at all.
std::string random_bytes(SplitMix64& rng, std::size_t n) {
  static const std::string interesting = "0123456789.eE+-*/() \t\n\r\v\f_xX\x7f\x80\xb0\xff";
  std::string block(n, '\0');
  for (char& c : block) {
    const std::uint64_t r = rng.next();
    c = (r & 3) ? interesting[(r >> 8) % interesting.size()] : char(r >> 16);
  }
  return block;
}

MEXE_WINDOW_TARGET window::ByteMasks classify(const char* p) { return window::classify(p); }

TEST(FastPath, ClassifierAgreesWithBytes) {
  if (!have_avx2()) GTEST_SKIP() << "no AVX2";
  SplitMix64 rng(99);
  for (int n = 0; n < 20000; ++n) {
    const std::string block = random_bytes(rng, 64);
    const window::ByteMasks m = classify(block.data());
    for (int i = 0; i < 64; ++i) {
      const char c = block[std::size_t(i)];
      const auto bit = [&](std::uint64_t mask) { return (mask >> i & 1) != 0; };
      ASSERT_EQ(bit(m.blank), c == ' ' || c == '\t' || c == '\n' || c == '\r');
      ASSERT_EQ(bit(m.digit), c >= '0' && c <= '9');
      ASSERT_EQ(bit(m.dot), c == '.');
      ASSERT_EQ(bit(m.e), c == 'e' || c == 'E');
      ASSERT_EQ(bit(m.plus), c == '+');
      ASSERT_EQ(bit(m.minus), c == '-');
      ASSERT_EQ(bit(m.star), c == '*');
      ASSERT_EQ(bit(m.slash), c == '/');
      ASSERT_EQ(bit(m.open), c == '(');
      ASSERT_EQ(bit(m.close), c == ')');
      ASSERT_EQ(bit(m.known), std::string_view("0123456789.eE+-*/() \t\n\r").find(c) != std::string_view::npos);
    }
  }
}

// Pass A and pass B on "x + literal + ...": each literal's value is the
// exact reader's, or the window is refused.
MEXE_WINDOW_TARGET bool read_window(const std::string& text, window::Tokens& t, double* values) {
  static std::uint16_t slow[window::kMaxLiterals + window::kListSlack];
  window::find_tokens(text.data() + 16, unsigned((text.size() - 16) / 64 - 1), false, t);
  return !t.refused && window::read_literals(text.data() + 16, t, values, slow);
}

TEST(FastPath, WindowLiteralsAreTheExactReaders) {
  if (!have_avx2()) GTEST_SKIP() << "no AVX2";
  SplitMix64 rng(7);
  static window::Tokens t;
  static double values[window::kMaxLiterals + window::kListSlack];
  const std::string digits = "0123456789";
  for (int n = 0; n < 3000; ++n) {
    std::string text(16, ' ');
    std::vector<std::string> literals;
    while (text.size() < 1500) {
      std::string lit;
      const int ints = int(rng.next() % 12), fracs = rng.next() % 3 ? int(rng.next() % 12) : -1;
      for (int i = 0; i < ints; ++i) lit += digits[rng.next() % 10];
      if (fracs >= 0) {
        lit += '.';
        for (int i = 0; i < fracs; ++i) lit += digits[rng.next() % 10];
      }
      if (ints + (fracs > 0 ? fracs : 0) == 0) lit += '7';
      if (rng.next() % 3 == 0) {
        lit += rng.next() % 2 ? 'e' : 'E';
        const auto s = rng.next() % 3;
        if (s) lit += s == 1 ? '-' : '+';
        const int e = 1 + int(rng.next() % 4);
        for (int i = 0; i < e; ++i) lit += digits[rng.next() % 10];
      }
      literals.push_back(lit);
      text += lit + (rng.next() % 2 ? " + " : "*");
    }
    text += "1" + std::string(200, ' ');
    ASSERT_TRUE(read_window(text, t, values)) << text;
    ASSERT_GE(t.literals, 2u);
    for (unsigned k = 0; k < t.literals && k < literals.size(); ++k) {
      const std::string& lit = literals[k];
      const double want = mexe::detail::literal_value(lit.data(), lit.data() + lit.size());
      ASSERT_EQ(std::memcmp(&values[k], &want, sizeof want), 0) << lit << ": " << values[k] << " vs " << want;
    }
  }
}
#endif

std::string prefix() { return mexe_bench::random_expression(1, 400) + " - "; }
std::string suffix() { return " / (" + mexe_bench::random_expression(2, 300) + ")"; }

// The input alone and inside long valid text, at a few alignments against
// the blocks.
std::vector<std::string> embeddings(const std::string& input) {
  static const std::string p = prefix(), s = suffix();
  std::vector<std::string> list = {input, p + input, p + input + s, input + s};
  for (std::size_t cut : {63, 64, 65, 127, 190}) list.push_back(p.substr(0, cut) + input + s);
  return list;
}

void expect_agreement(const std::string& input, std::size_t max_splits = SIZE_MAX) {
  const std::string failure = mexe_fast_check::check(input, max_splits);
  EXPECT_TRUE(failure.empty()) << failure << "\n  input: " << printable(input);
}

TEST(FastPath, SameAsScalarOnTheSharedCases) {
  for (const auto& c : value_cases())
    for (const auto& input : embeddings(c.input)) expect_agreement(input);
  for (const auto& c : error_cases())
    for (const auto& input : embeddings(c.input)) expect_agreement(input);
}

TEST(FastPath, SameAsScalarOnTheLongCases) {
  for (const auto& c : long_value_cases()) expect_agreement(c.input, 40);
  for (const auto& c : long_error_cases()) expect_agreement(c.input, 40);
}

TEST(FastPath, SameAsScalarOnTheFuzzCorpora) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* folder : {"fuzz_corpus", "fuzz_regressions"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(MEXE_TEST_DATA_DIR) / folder)) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      for (const auto& input : embeddings(bytes)) expect_agreement(input, 300);
      ++files;
    }
  }
  EXPECT_GT(files, 20);
}

// Literals of every length and form the fast path takes or hands over.
TEST(FastPath, SameAsScalarOnLiteralForms) {
  const std::vector<std::string> literals = {
      "0", "7", "1234567", "12345678", "123456789012345", "1234567890123456", "00000001", "0.5", ".5", "5.",
      "1234.567", "1.234567", "12345.678", "0.0000001", "1e5", "1E5", "1e+5", "1e-5", "1.5e22", "1.5e23",
      "1e-22", "1e-23", "9.99e-308", "1e400", "1e0005", "1.e5", ".5e1", "1e", "1e+", "1.2.3", "1..2", "2x",
      "1_0", "1e5e", "0x10", "1.5E-3", "123456.7e-3", "9007199254740993", "4.9e-324", "1e-400"};
  const std::vector<std::string> around = {" + ", "*", " / ", "-(", ") ", "\t-\n"};
  std::string text = "1";
  SplitMix64 rng(3);
  for (int n = 0; n < 3000; ++n) {
    text += around[rng.next() % around.size()];
    text += literals[rng.next() % literals.size()];
  }
  // Valid pieces in a row, and each form placed at every offset of a block.
  for (std::size_t start = 0; start + 600 < text.size(); start += 97) expect_agreement(text.substr(start, 600), 200);
  const std::string p = prefix();
  for (const auto& literal : literals)
    for (std::size_t cut = 60; cut < 130; ++cut) expect_agreement(p.substr(0, cut) + " 3*" + literal + " + 2 " + p, 50);
}

TEST(FastPath, SameAsScalarOnRandomExpressions) {
  const unsigned long long windows = mexe::detail::fast_path_windows();
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::string input = mexe_bench::random_expression(seed, 200 + seed * 97);
    expect_agreement(input);
  }
  // A megabyte, one-shot and a few hundred splits.
  expect_agreement(mexe_bench::random_expression(77, 1 << 20), 200);
#if MEXE_FAST_PATH
  // The fast path took them (about 500 windows per evaluation of the megabyte).
  if (have_avx2()) {
    EXPECT_GT(mexe::detail::fast_path_windows() - windows, 100000u);
  }
#endif
  (void)windows;
}

// Random expressions with bytes replaced, inserted or cut: every kind of
// error, at every place a block can put it.
TEST(FastPath, SameAsScalarOnDamagedExpressions) {
  static const std::string bytes = "0123456789.eE+-*/()( ) \t\n\r\v_x#\x80\xff";
  SplitMix64 rng(2026);
  for (int n = 0; n < 600; ++n) {
    std::string input = mexe_bench::random_expression(1000 + std::uint64_t(n), 300 + rng.next() % 700);
    const int edits = 1 + int(rng.next() % 3);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng.next() % input.size();
      const char c = bytes[rng.next() % bytes.size()];
      switch (rng.next() % 3) {
        case 0: input[at] = c; break;
        case 1: input.insert(input.begin() + std::ptrdiff_t(at), c); break;
        default: input.resize(at + 1); break;
      }
    }
    expect_agreement(input, 150);
  }
}

TEST(FastPath, SameAsScalarOnDeepNesting) {
  for (std::size_t depth : {100u, 4095u, 4096u, 4097u, 5000u}) {
    std::string open, close;
    for (std::size_t i = 0; i < depth; ++i) {
      open += i % 3 ? "(" : "1.5 * (";
      close += i % 2 ? ")" : ") - 2";
    }
    expect_agreement(open + "7" + close, 60);
    expect_agreement(open + "7" + close + ")", 60);
    expect_agreement(open + "7", 60);
  }
}

}  // namespace
}  // namespace mexe_test
