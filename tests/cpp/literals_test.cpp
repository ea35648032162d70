// Number literals: the value must be what a correctly rounded decimal to
// double conversion gives. Expected values come from glibc's strtod (correctly
// rounded for any length) and, for halfway cases, from exact decimal
// expansions built here.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "mexe/evaluator.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

double parse(const std::string& text) {
  return std::strtod(text.c_str(), nullptr);
}

// The literal alone, negated and parenthesised; plus one split at `split`
// (for literals that cross a chunk boundary).
testing::AssertionResult reads_as(const std::string& text, double want) {
  auto& ev = shared_evaluator();
  const mexe::Result results[] = {
      mexe::evaluate(text),
      eval_split(ev, text, text.size() / 2),
  };
  for (const auto& r : results)
    if (!r.ok() || !same_double(r.value, want))
      return testing::AssertionFailure()
             << printable(text) << ": got " << show(r) << ", want " << show(want);
  mexe::Result neg = mexe::evaluate("-" + text);
  if (!neg.ok() || !same_double(neg.value, -want))
    return testing::AssertionFailure()
           << "-" << printable(text) << ": got " << show(neg) << ", want "
           << show(-want);
  mexe::Result paren = mexe::evaluate("(" + text + ")");
  if (!paren.ok() || !same_double(paren.value, want))
    return testing::AssertionFailure()
           << "(" << printable(text) << "): got " << show(paren);
  return testing::AssertionSuccess();
}

testing::AssertionResult reads_as_strtod(const std::string& text) {
  return reads_as(text, parse(text));
}

TEST(Literals, ShortForms) {
  const char* texts[] = {
      "0",     "1",      "1.",      ".5",       "1.5e3",    "1E-3",
      "1.e5",  "007",    "08",      "09.9",     "0.1",      "0.3",
      "123456789", "1e0", "1e+0",  "1e-0",     "1E+308",   "1.7976931348623157e308",
      "1e23",  "8.5e-1", ".000001", "100000000000000000000000",
      "3.14159265358979323846264338327950288", "2.718281828459045",
      "0.30000000000000004", "9007199254740991", "9007199254740992",
      "9007199254740993", "9007199254740995", "18014398509481985",
      "4.35679568834416e-318", "123456789012345678901234567890e-20",
  };
  for (const char* t : texts) EXPECT_TRUE(reads_as_strtod(t));
}

TEST(Literals, ZerosThatCarryNoDigits) {
  // Leading zeros, zeros after the point and trailing zeros, thousands of
  // them, change nothing but the scale.
  const std::string z(3000, '0');
  EXPECT_TRUE(reads_as(z + "1.5" + z, 1.5));
  EXPECT_TRUE(reads_as("0." + z + "15e3001", 1.5));
  EXPECT_TRUE(reads_as("1" + z + "e-3000", 1.0));
  EXPECT_TRUE(reads_as("1." + z + "1", parse("1." + z + "1")));
  EXPECT_TRUE(reads_as(z, 0.0));
  EXPECT_TRUE(reads_as(z + "." + z + "e999", 0.0));
  EXPECT_TRUE(reads_as("." + z + "e-99", 0.0));
}

TEST(Literals, HugeExponents) {
  EXPECT_TRUE(reads_as("1e99999999999999999999", HUGE_VAL));
  EXPECT_TRUE(reads_as("1e-99999999999999999999", 0.0));
  EXPECT_TRUE(reads_as("0e99999999999", 0.0));
  EXPECT_TRUE(reads_as("0e-99999999999999999999", 0.0));
  EXPECT_TRUE(reads_as("1e000000000000000000000000005", 1e5));
  const char* texts[] = {
      "1e9223372036854775807",      "1e9223372036854775808",
      "1e-9223372036854775808",     "1e-9223372036854775809",
      "1e18446744073709551616",     "1e-18446744073709551616",
      "0.0001e99999999999999999999", "1000e-99999999999999999999",
      "1e309",  "1e-324", "1.8e308", "2.5e-324", "2.4e-324", "1e-325",
  };
  for (const char* t : texts) EXPECT_TRUE(reads_as_strtod(t));
  // A long mantissa must not shift a saturated exponent back into range.
  const std::string z(5000, '0');
  EXPECT_TRUE(reads_as("0." + z + "1e99999999999999999999", HUGE_VAL));
  EXPECT_TRUE(reads_as("1" + z + "e-99999999999999999999", 0.0));
}

TEST(Literals, SeventeenToTwentyDigits) {
  SplitMix64 rng(17);
  for (int i = 0; i < 20000; ++i) {
    std::string digits = std::to_string(1 + rng.below(9)) +
                         random_digits(rng, 16 + rng.below(4));
    std::size_t point = rng.below(digits.size() + 1);
    std::string text = digits.substr(0, point) + "." + digits.substr(point);
    if (rng.below(2)) {
      long exp = static_cast<long>(rng.below(660)) - 345;
      text += (rng.below(2) ? "e" : "E") + std::to_string(exp);
    }
    ASSERT_TRUE(reads_as_strtod(text));
  }
}

// Exact halfway cases that fit 19 digits (the 128-bit path of
// literal_value_host.cpp): with a product, and with a quotient that is exact.
TEST(Literals, HalfwayWithinNineteenDigits) {
  for (const char* text : {"9007199254740993", "9007199254740995", "18014398509481986",
                           "1125899906842624.125", "1125899906842624.375", "0.30000000000000004",
                           "9007199254740993e10", "9007199254740993e-10", "4503599627370496.5",
                           "4503599627370497.5", "1e27", "1e-27", "12345678901234567e-27"}) {
    ASSERT_TRUE(reads_as_strtod(text));
  }
  EXPECT_TRUE(reads_as("9007199254740993", 9007199254740992.0));    // tie: to even, down
  EXPECT_TRUE(reads_as("9007199254740995", 9007199254740996.0));    // tie: to even, up
  EXPECT_TRUE(reads_as("1125899906842624.125", 1125899906842624.0));  // (2^53 + 1) / 8
}

// Up to 19 digits with scales around the 10^±27 edge of the 128-bit path.
TEST(Literals, NineteenDigitsAroundTheScaleEdge) {
  SplitMix64 rng(19);
  for (int i = 0; i < 20000; ++i) {
    std::string digits = std::to_string(1 + rng.below(9)) + random_digits(rng, rng.below(19));
    long exp = static_cast<long>(rng.below(61)) - 30;
    std::string text = digits + "e" + std::to_string(exp);
    ASSERT_TRUE(reads_as_strtod(text));
  }
}

// Twenty and more significant digits whose value past 2^64 wraps, in 64
// bits, to a small number: nothing may read them from the wrapped digits.
TEST(Literals, DigitsWhoseValueWrapsSixtyFourBits) {
  for (const char* text : {"18446744073709551621", "1844674407370955162.1", "0.18446744073709551621e20",
                           "00018446744073709551621", "36893488147419103237", "18446744073709551616",
                           "184467440737095516210e-1", "1844674407370955162100000e-5"}) {
    EXPECT_TRUE(reads_as_strtod(text));
  }
}

// Leading zeros before sixteen to nineteen significant digits (past the
// scalar machine's own fifteen): they only move the point.
TEST(Literals, LeadingZerosBeforeSixteenToNineteenDigits) {
  SplitMix64 rng(16);
  for (int i = 0; i < 4000; ++i) {
    const std::string digits = std::to_string(1 + rng.below(9)) + random_digits(rng, 15 + rng.below(4));
    const std::string zeros(1 + rng.below(6), '0');
    const std::size_t point = rng.below(digits.size() + 1);
    std::string text = rng.below(2) ? "0." + zeros + digits : zeros + digits.substr(0, point) + "." + digits.substr(point);
    if (rng.below(2)) text += (rng.below(2) ? "e-" : "e+") + std::to_string(rng.below(30));
    ASSERT_TRUE(reads_as_strtod(text));
  }
}

// Literals that are their whole input, in a buffer of exactly their size:
// nothing before the first byte or past the last is read (the sanitizer
// build sees any such read).
TEST(Literals, NothingOutsideTheInputIsRead) {
  SplitMix64 rng(1024);
  std::vector<std::string> texts = {"7", "12.5", "1e5", "1234567890123456", "12345678901234567890",
                                    "0.000123456789012345678", "1234567890123456e-5", "9007199254740993e+12", "1e-400", "2.5e+330", "7e-23",
                                    "1." + random_digits(rng, 40) + "e-7", "1" + random_digits(rng, 2000)};
  for (const std::string& text : texts) {
    const std::unique_ptr<char[]> exact(new char[text.size()]);
    std::memcpy(exact.get(), text.data(), text.size());
    const std::string_view input(exact.get(), text.size());
    const mexe::Result r = mexe::evaluate(input);
    ASSERT_TRUE(r.ok() && same_double(r.value, parse(text))) << printable(text) << ": " << show(r);
    // Cut in two, each chunk in a buffer of its own size.
    auto& ev = shared_evaluator();
    for (std::size_t at = 1; at < text.size(); at += 1 + text.size() / 8) {
      const std::unique_ptr<char[]> head(new char[at]), tail(new char[text.size() - at]);
      std::memcpy(head.get(), text.data(), at);
      std::memcpy(tail.get(), text.data() + at, text.size() - at);
      ev.reset();
      ev.feed(std::string_view(head.get(), at));
      const mexe::Result split = ev.finish(std::string_view(tail.get(), text.size() - at));
      ASSERT_TRUE(split.ok() && same_double(split.value, r.value)) << printable(text) << " split at " << at;
    }
  }
}

// Around the longest text the host reader copies whole (1024 bytes): the
// longest it copies and the shortest it cuts down first.
TEST(Literals, AroundTheHostReadersTextLimit) {
  SplitMix64 rng(4);
  for (std::size_t length = 1020; length <= 1028; ++length) {
    const std::string text = "1" + random_digits(rng, length - 6) + "e-900";
    ASSERT_EQ(text.size(), length);
    EXPECT_TRUE(reads_as_strtod(text));
    EXPECT_TRUE(reads_as_strtod("0." + text.substr(2)));  // as long, with a point
  }
}

TEST(Literals, Subnormals) {
  const char* texts[] = {
      "4.9e-324", "5e-324", "4.940656458412465441765687928682213723651e-324",
      "2.4703282292062328e-324", "2.4703282292062327e-324",
      "2.47032822920623272e-324", "1e-323", "1e-310", "3e-320",
      "2.2250738585072009e-308", "2.2250738585072011e-308",
      "2.2250738585072012e-308", "2.2250738585072014e-308",
      "2.225073858507201e-308", "4.4501477170144023e-308",
  };
  for (const char* t : texts) EXPECT_TRUE(reads_as_strtod(t));

  // Random subnormals printed short, long and exactly: each reads back as
  // itself (and as strtod says).
  SplitMix64 rng(324);
  for (int i = 0; i < 300; ++i) {
    const double x = from_bits(1 + rng.below((1ull << 52) - 1));
    for (const char* format : {"%.17g", "%.25e", "%.760e"}) {
      char buf[1024];
      std::snprintf(buf, sizeof buf, format, x);
      ASSERT_TRUE(reads_as(buf, x));
      ASSERT_TRUE(reads_as_strtod(buf));
    }
  }
}

// ---- Exact midpoints between adjacent doubles ----

// Decimal digits of n * 5^pow5 * 2^pow2, exactly.
std::string big_decimal(std::uint64_t n, int pow5, int pow2) {
  constexpr std::uint32_t base = 1000000000;
  std::vector<std::uint32_t> limbs;  // little endian, base 1e9
  for (; n != 0; n /= base) limbs.push_back(static_cast<std::uint32_t>(n % base));
  auto multiply = [&](std::uint32_t f) {
    std::uint64_t carry = 0;
    for (auto& limb : limbs) {
      std::uint64_t v = std::uint64_t{limb} * f + carry;
      limb = static_cast<std::uint32_t>(v % base);
      carry = v / base;
    }
    for (; carry != 0; carry /= base)
      limbs.push_back(static_cast<std::uint32_t>(carry % base));
  };
  for (; pow5 >= 13; pow5 -= 13) multiply(1220703125);  // 5^13
  for (; pow5 > 0; --pow5) multiply(5);
  for (; pow2 >= 29; pow2 -= 29) multiply(1u << 29);
  for (; pow2 > 0; --pow2) multiply(2);
  std::string s = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    s += buf;
  }
  return s;
}

struct Midpoint {
  std::string text;   // decimal, with a '.'
  std::string sci;    // integer digits and an exponent
  double below;       // x
  double above;       // the next double up (or infinity)
  double tie;         // the even one of the two
};

// The exact decimal value halfway between positive finite x and the next
// double up.
Midpoint midpoint(double x) {
  const std::uint64_t b = bits(x);
  const int biased = static_cast<int>(b >> 52);
  const std::uint64_t frac = b & ((1ull << 52) - 1);
  const std::uint64_t m = biased == 0 ? frac : frac | (1ull << 52);
  const int e = biased == 0 ? -1074 : biased - 1075;  // x = m * 2^e
  // Halfway: (2m + 1) * 2^(e - 1).
  Midpoint mid;
  mid.below = x;
  mid.above = std::nextafter(x, HUGE_VAL);
  mid.tie = m % 2 == 0 ? mid.below : mid.above;
  if (e - 1 >= 0) {
    mid.text = big_decimal(2 * m + 1, 0, e - 1) + ".";
    mid.sci = mid.text.substr(0, mid.text.size() - 1) + "e0";
  } else {
    const int k = 1 - e;  // digits after the point
    const std::string digits = big_decimal(2 * m + 1, k, 0);
    mid.sci = digits + "e-" + std::to_string(k);
    if (static_cast<int>(digits.size()) > k)
      mid.text = digits.substr(0, digits.size() - k) + "." +
                 digits.substr(digits.size() - k);
    else
      mid.text = "0." + std::string(k - digits.size(), '0') + digits;
  }
  return mid;
}

// The decimal text minus one unit in its last digit (borrowing).
std::string decrement_last_digit(std::string s) {
  for (std::size_t i = s.size(); i-- > 0;) {
    if (s[i] == '.') continue;
    if (s[i] != '0') {
      --s[i];
      break;
    }
    s[i] = '9';
  }
  return s;
}

std::vector<double> midpoint_samples() {
  std::vector<double> xs = {
      from_bits(1),                       // least subnormal
      from_bits(2),
      from_bits((1ull << 52) - 1),        // largest subnormal
      DBL_MIN, 1.0, 0.1, 1e23, 9007199254740992.0, 9007199254740994.0,
      std::ldexp(1.0, 60), 1e300, DBL_MAX,
  };
  SplitMix64 rng(1075);
  for (int i = 0; i < 150; ++i) {
    std::uint64_t exp_field = rng.below(4) == 0 ? rng.below(3) : rng.below(2047);
    xs.push_back(from_bits(exp_field << 52 | rng.below(1ull << 52)));
  }
  for (int i = 0; i < 60; ++i)  // near 1, where short literals live
    xs.push_back(from_bits((1023 + rng.below(120) - 60) << 52 | rng.below(1ull << 52)));
  return xs;
}

TEST(Literals, ExactHalfwayRoundsToEven) {
  for (double x : midpoint_samples()) {
    if (x == 0) continue;
    const Midpoint mid = midpoint(x);
    ASSERT_TRUE(same_double(parse(mid.text), mid.tie)) << "test helper: " << mid.text;
    EXPECT_TRUE(reads_as(mid.text, mid.tie));
    EXPECT_TRUE(reads_as(mid.sci, mid.tie));
  }
}

TEST(Literals, JustAboveHalfwayRoundsUp) {
  for (double x : midpoint_samples()) {
    if (x == 0) continue;
    const Midpoint mid = midpoint(x);
    // The deciding non-zero digit at many distances past the midpoint's
    // digits, up to far beyond what any double needs.
    for (std::size_t zeros : {0, 1, 30, 100, 1000, 10000}) {
      const std::string text = mid.text + std::string(zeros, '0') + "1";
      ASSERT_TRUE(same_double(parse(text), mid.above)) << "test helper: " << text;
      EXPECT_TRUE(reads_as(text, mid.above));
    }
  }
}

TEST(Literals, JustBelowHalfwayRoundsDown) {
  for (double x : midpoint_samples()) {
    if (x == 0) continue;
    const Midpoint mid = midpoint(x);
    const std::string text = decrement_last_digit(mid.text) + "9999";
    ASSERT_TRUE(same_double(parse(text), mid.below)) << "test helper: " << text;
    EXPECT_TRUE(reads_as(text, mid.below));
  }
}

// Each count of significant digits around where a converter may cut a long
// literal short: a midpoint with many digits, and its deciding digit at
// every position from 700 to 900 significant digits.
TEST(Literals, DecidingDigitAtEveryPositionNearTheCut) {
  const Midpoint mid = midpoint(from_bits(0x000fedcba9876543ull));  // subnormal
  const std::size_t first = mid.text.find_first_not_of("0.");
  const std::size_t significant = mid.text.size() - first;
  ASSERT_GT(significant, 700u);
  for (std::size_t pos = significant + 1; pos <= 900; ++pos) {
    const std::string text = mid.text + std::string(pos - significant - 1, '0') + "1";
    EXPECT_TRUE(reads_as(text, mid.above)) << pos;
    const std::string exact = mid.text + std::string(pos - significant, '0');
    EXPECT_TRUE(reads_as(exact, mid.tie)) << pos;
  }
}

TEST(Literals, TheContractHalfwayExamples) {
  // 2^53 + 1 is halfway between 2^53 and 2^53 + 2.
  const std::string tail = std::string(100000, '0') + "1";
  EXPECT_TRUE(reads_as("9007199254740993." + tail, 9007199254740994.0));
  EXPECT_TRUE(reads_as_strtod("9007199254740993." + tail));
  EXPECT_TRUE(reads_as("9007199254740993", 9007199254740992.0));
  EXPECT_TRUE(reads_as("9007199254740993." + std::string(100000, '0'),
                       9007199254740992.0));
}

// ---- Literals of a million digits ----

TEST(Literals, MillionDigits) {
  constexpr std::size_t n = 1000000;
  SplitMix64 rng(1000000);
  struct Case {
    const char* what;
    std::string text;
  };
  const Case cases[] = {
      {"1 and random digits", "1" + random_digits(rng, n - 1)},
      {"0.000...0001", "0." + std::string(n - 3, '0') + "1"},
      {"123... e-999990", "123" + random_digits(rng, n - 3) + "e-999990"},
      {"0.000...123 e999999", "0." + std::string(n - 10, '0') + "123e999999"},
      {"half integer half fraction",
       random_digits(rng, n / 2) + "." + random_digits(rng, n / 2) + "e-499990"},
      {"1 000...000 e-999999", "1" + std::string(n - 1, '0') + "e-999999"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_TRUE(reads_as_strtod(c.text));
  }

  // 2^53 + 1 followed by a million digits: only the last one decides.
  const std::string zeros(n - 17, '0');
  const std::string up = "9007199254740993" + zeros + "1e-" + std::to_string(n - 16);
  const std::string even = "9007199254740993" + zeros + "0e-" + std::to_string(n - 16);
  EXPECT_TRUE(reads_as(up, 9007199254740994.0));
  EXPECT_TRUE(reads_as_strtod(up));
  EXPECT_TRUE(reads_as(even, 9007199254740992.0));
  EXPECT_TRUE(reads_as_strtod(even));
}

}  // namespace
}  // namespace mexe_test
