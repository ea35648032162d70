// The bulk fast path (blocks of 64 bytes, bitmasks, SWAR literals) against the
// scalar state machine: the classifiers against their portable reference, the
// digit helpers against plain loops, and whole evaluations compared bit for
// bit, error offsets included, on the shared cases, the fuzz corpora and
// random long inputs, one-shot and under every two-chunk split
// (fast_path_check.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fast_path.hpp"
#include "fast_path_check.hpp"
#include "random_expression.hpp"
#include "scanner.hpp"
#include "test_cases.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

using mexe::detail::BlockMasks;

bool same_masks(const BlockMasks& a, const BlockMasks& b) {
  return a.blank == b.blank && a.digit == b.digit && a.dot == b.dot && a.e == b.e;
}

// Bytes that matter to the classifier, and any byte at all.
std::string random_block(SplitMix64& rng) {
  static const std::string interesting = "0123456789.eE+-*/() \t\n\r\v\f_xX\x7f\x80\xb0\xff";
  std::string block(2 * mexe::detail::kBlockBytes, '\0');  // a block and the one after it
  for (char& c : block) {
    const std::uint64_t r = rng.next();
    c = (r & 3) ? interesting[(r >> 8) % interesting.size()] : char(r >> 16);
  }
  return block;
}

TEST(FastPath, ClassifiersAgreeWithTheByteByByteReference) {
  SplitMix64 rng(99);
  for (int n = 0; n < 20000; ++n) {
    const std::string block = random_block(rng);
    const BlockMasks want = mexe::detail::classify_block_swar(block.data());
    // The reference itself, byte by byte.
    for (int i = 0; i < 64; ++i) {
      const char c = block[std::size_t(i)];
      const std::uint64_t bit = std::uint64_t(1) << i;
      ASSERT_EQ((want.blank & bit) != 0, c == ' ' || c == '\t' || c == '\n' || c == '\r');
      ASSERT_EQ((want.digit & bit) != 0, c >= '0' && c <= '9');
      ASSERT_EQ((want.dot & bit) != 0, c == '.');
      ASSERT_EQ((want.e & bit) != 0, c == 'e' || c == 'E');
    }
#if MEXE_FAST_PATH
    ASSERT_TRUE(same_masks(mexe::detail::Sse2::classify(block.data()), want));
    if (__builtin_cpu_supports("avx2")) {
      ASSERT_TRUE(same_masks(mexe::detail::Avx2::classify(block.data()), want));
    }
#endif
  }
}

TEST(FastPath, DigitHelpersAgreeWithLoops) {
  SplitMix64 rng(5);
  for (int n = 0; n < 100000; ++n) {
    char bytes[8];
    const std::uint64_t r = rng.next();
    for (int i = 0; i < 8; ++i) {
      const unsigned b = unsigned(r >> (8 * i)) & 0xff;
      bytes[i] = (b & 0x80) && (b & 0x40) ? char(b) : char('0' + b % 10 + ((b & 0x30) == 0x30 ? 10 : 0));
    }
    const std::uint64_t w = mexe::detail::load_word(bytes);
    unsigned run = 0;
    while (run < 8 && bytes[run] >= '0' && bytes[run] <= '9') ++run;
    bool long_run;
    const unsigned got = mexe::detail::digit_run(w, long_run);
    ASSERT_EQ(long_run, run == 8);
    if (run < 8) {
      ASSERT_EQ(got, run);
    }
    for (unsigned k = 0; k <= run && k <= 7; ++k) {
      std::uint64_t value = 0;
      for (unsigned j = 0; j < k; ++j) value = value * 10 + unsigned(bytes[j] - '0');
      ASSERT_EQ(mexe::detail::digits_value(w, k), value);
    }
  }
}

#if MEXE_FAST_PATH
// Literals the walker reads itself (at most seven digits, one to three
// exponent digits) by each instruction set's reader, against a loop over
// the digits.
TEST(FastPath, LiteralDigitReadersAgreeWithLoops) {
  SplitMix64 rng(8);
  const bool avx2 = __builtin_cpu_supports("avx2");
  for (int round = 0; round < 2000; ++round) {
    for (unsigned n_int = 1; n_int <= 7; ++n_int) {
      for (unsigned n_frac = 0; n_int + n_frac <= 7; ++n_frac) {
        const unsigned has_dot = n_frac != 0 || (rng.next() & 1);
        char text[32];
        std::uint64_t want = 0;
        unsigned at = 0;
        for (unsigned k = 0; k < n_int + n_frac; ++k) {
          if (k == n_int && has_dot) text[at++] = '.';
          const unsigned d = unsigned(rng.next() % 10);
          text[at++] = char('0' + d);
          want = want * 10 + d;
        }
        if (n_frac == 0 && has_dot) text[at++] = '.';
        while (at < sizeof text) text[at++] = "e+-*/) 9.x"[rng.next() % 10];
        ASSERT_EQ(mexe::detail::Sse2::literal_digits(text, n_int, n_frac, has_dot), want)
            << std::string(text, n_int + n_frac + has_dot);
        if (avx2) {
          ASSERT_EQ(mexe::detail::Avx2::literal_digits(text, n_int, n_frac, has_dot), want)
              << std::string(text, n_int + n_frac + has_dot);
        }
      }
    }
  }
}

// Text of the tokens the walker takes itself, and blanks of every kind.
std::string walker_tokens(SplitMix64& rng, std::size_t bytes) {
  static const char* const literals[] = {"0", "7", "42", "1234567", "0.5", "5.", "123.4567", "1.234567", "1e5",
                                         "1E+22", "2.5e-3", "9e-307", "1e400", "1.5e-23", "0.000001", "3e0"};
  static const char* const blanks[] = {"", " ", "  ", "\t", "\n", "\r\n", " \t "};
  static const char* const operators[] = {"+", "-", "*", "/"};
  std::string text;
  unsigned depth = 0;
  while (text.size() < bytes) {
    while (rng.next() % 4 == 0) text += (rng.next() & 1) ? "-" : "+";
    if (depth < 40 && rng.next() % 5 == 0) {
      text += "(";
      ++depth;
      continue;
    }
    text += literals[rng.next() % std::size(literals)];
    text += blanks[rng.next() % std::size(blanks)];
    while (depth > 0 && rng.next() % 3 == 0) {
      text += ")";
      --depth;
    }
    text += operators[rng.next() % std::size(operators)];
    text += blanks[rng.next() % std::size(blanks)];
  }
  return text + "1" + std::string(depth, ')');
}

bool same_cursor(const mexe::detail::FastCursor& a, const mexe::detail::FastCursor& b) {
  return a.p == b.p && same_bits(a.sum, b.sum) && same_bits(a.product, b.product) && a.flags == b.flags &&
         a.depth == b.depth && a.seen == b.seen;
}

// The SSE2 walker runs on processors without AVX2: on the same input from
// the same state it must leave the AVX2 walker's state, bit for bit.
TEST(FastPath, Sse2WalkerLeavesTheAvx2WalkersState) {
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2")) GTEST_SKIP() << "no AVX2 here";
  using mexe::detail::FastCursor;
  using mexe::detail::FastPath;
  static mexe::Evaluator sse2_evaluator, avx2_evaluator;  // their frames and stats
  SplitMix64 rng(12);
  for (int round = 0; round < 300; ++round) {
    const std::string input = walker_tokens(rng, 300 + rng.next() % 3000);
    const char* begin = input.data();
    const char* end = begin + input.size();
    // From the start, where an operand must come, and from the first
    // operator, where one must.
    FastCursor from_start{-0.0, begin, 1.0, 0, 0, false};
    FastCursor sse2 = from_start, avx2 = from_start;
    sse2_evaluator.reset();
    avx2_evaluator.reset();
    ASSERT_EQ(FastPath::scan_sse2<false>(sse2_evaluator, sse2, begin, end, 0),
              FastPath::scan_avx2<false>(avx2_evaluator, avx2, begin, end, 0));
    ASSERT_TRUE(same_cursor(sse2, avx2)) << printable(input);
    ASSERT_GT(std::size_t(sse2.p - begin) + mexe::detail::kFastMargin + 16, input.size()) << printable(input);
    ASSERT_EQ(sse2_evaluator.stats().peak_depth, avx2_evaluator.stats().peak_depth);

    const std::string after_literal = "3" + input;
    FastCursor at_operator{-0.0, after_literal.data() + 1, 3.0, 0, 0, true};
    sse2 = at_operator, avx2 = at_operator;
    const char* b = after_literal.data();
    ASSERT_EQ(FastPath::scan_sse2<true>(sse2_evaluator, sse2, b, b + after_literal.size(), 7),
              FastPath::scan_avx2<true>(avx2_evaluator, avx2, b, b + after_literal.size(), 7));
    ASSERT_TRUE(same_cursor(sse2, avx2)) << printable(after_literal);
  }
}
#endif

std::string prefix() { return mexe_tools::random_expression(1, 400) + " - "; }
std::string suffix() { return " / (" + mexe_tools::random_expression(2, 300) + ")"; }

// The input alone and inside long valid text, at a few alignments against
// the blocks.
std::vector<std::string> embeddings(const std::string& input) {
  static const std::string p = prefix(), s = suffix();
  std::vector<std::string> list = {input, p + input, p + input + s, input + s};
  constexpr std::size_t block = mexe::detail::kBlockBytes;
  for (std::size_t cut : {block - 1, block, block + 1, 2 * block - 1, 3 * block - 2})
    list.push_back(p.substr(0, cut) + input + s);
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
    for (std::size_t cut = mexe::detail::kBlockBytes - 4; cut < 2 * mexe::detail::kBlockBytes + 2; ++cut)
      expect_agreement(p.substr(0, cut) + " 3*" + literal + " + 2 " + p, 50);
}

// NaNs from invalid operations (x86 gives them a fixed sign) under every
// sign a term, a group or a unary minus can put on them: the bits must be
// the scalar machine's.
TEST(FastPath, SameAsScalarOnNaNs) {
  const std::vector<std::string> nans = {"1e400 * 0", "0 / 0", "1e400 - 1e400", "-1e400 + 1e400", "0 * -1e999"};
  const std::vector<std::string> shapes = {"X", "-(X)", "2 - (X)", "2 - X", "-X * 3", "3 / -(X)", "((X) - 1) * -2",
                                           "-(-(X))", "4 + X - 5"};
  const std::string p = prefix();
  for (const auto& nan : nans) {
    for (const auto& shape : shapes) {
      std::string text = shape;
      text.replace(text.find('X'), 1, nan);
      for (std::size_t cut : {0, 100, 200, 300})
        for (const char* join : {" + ", " - ", " * "})
          expect_agreement(p.substr(0, cut) + join + text + " + " + p + "1", 40);
    }
  }
}

TEST(FastPath, SameAsScalarOnRandomExpressions) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::string input = mexe_tools::random_expression(seed, 200 + seed * 97);
    expect_agreement(input);
  }
  // A megabyte, one-shot and a few hundred splits.
  expect_agreement(mexe_tools::random_expression(77, 1 << 20), 200);
}

// Random expressions with bytes replaced, inserted or cut: every kind of
// error, at every place a block can put it.
TEST(FastPath, SameAsScalarOnDamagedExpressions) {
  static const std::string bytes = "0123456789.eE+-*/()( ) \t\n\r\v_x#\x80\xff";
  SplitMix64 rng(2026);
  for (int n = 0; n < 600; ++n) {
    std::string input = mexe_tools::random_expression(1000 + std::uint64_t(n), 300 + rng.next() % 700);
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
  constexpr std::size_t max_depth = mexe::Evaluator::max_depth;
  for (std::size_t depth : {std::size_t(100), max_depth - 1, max_depth, max_depth + 1, max_depth + 904}) {
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

// Long runs of blanks at the start and the end, which the fast path walks
// over without a token: the end of input must still know a token was read.
TEST(FastPath, SameAsScalarAroundLongBlankRuns) {
  const std::string blanks(300, ' ');
  for (const std::string& input : {blanks, blanks + "1", "1 +" + blanks, blanks + "1 +" + blanks, "(" + blanks,
                                   "-" + blanks, blanks + "(1" + blanks, "\t\n" + blanks + "2 *\r" + blanks}) {
    expect_agreement(input);
  }
}

// Every byte right after a literal the walker reads, and after its 'e':
// what ends the literal, what makes it malformed, what starts an exponent.
TEST(FastPath, SameAsScalarOnEveryByteAfterALiteral) {
  const std::string p = prefix();
  for (int c = 0; c < 256; ++c) {
    const std::string byte(1, char(c));
    for (const std::string& literal : {"7" + byte, "12.5" + byte, "3." + byte, "1e5" + byte, "1e" + byte + "5",
                                       "2E" + byte + "12", "4e+" + byte}) {
      expect_agreement(p.substr(0, 150) + " + 2*" + literal + "5 + 1 " + p, 6);
    }
  }
}

}  // namespace
}  // namespace mexe_test
