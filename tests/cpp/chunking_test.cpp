// Streaming: any way of cutting an input into chunks must give exactly the
// one-shot result (value bits, or error code and offset), and the stats must
// describe what was read.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mexe/evaluator.hpp"
#include "test_cases.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

// Short inputs: every case of the grammar and error tests, plus literals that
// are worth cutting inside.
std::vector<std::string> short_inputs() {
  std::vector<std::string> inputs;
  for (const auto& c : value_cases()) inputs.push_back(c.input);
  for (const auto& c : error_cases()) inputs.push_back(c.input);
  SplitMix64 rng(7);
  const std::string digits = random_digits(rng, 1500);
  inputs.push_back("1" + digits);
  inputs.push_back("0." + digits + "e-1200 * 3");
  inputs.push_back("-(12345.6789e+12 - .5E-3) / 7.");
  inputs.push_back("9007199254740993.000000000000000000000000000001");
  inputs.push_back("1" + std::string(900, '0') + "e-900 + 2");
  inputs.push_back("1e99999999999999999999 - 1e-99999999999999999999");
  inputs.push_back("  \t(\r\n1\n)\t  + \r 0007.25e+0001 \n");
  inputs.push_back("1" + digits + "e");
  inputs.push_back("1" + digits + "e+");
  inputs.push_back("2 * 1" + digits + ".5.");
  return inputs;
}

TEST(Chunking, EveryTwoWaySplit) {
  auto& ev = shared_evaluator();
  for (const auto& input : short_inputs()) {
    const mexe::Result want = mexe::evaluate(input);
    for (std::size_t at = 0; at <= input.size(); ++at) {
      ASSERT_TRUE(same_outcome(eval_split(ev, input, at), want))
          << printable(input) << " split at " << at;
    }
  }
}

TEST(Chunking, OneByteChunks) {
  auto& ev = shared_evaluator();
  for (const auto& input : short_inputs()) {
    EXPECT_TRUE(same_outcome(eval_bytes(ev, input), mexe::evaluate(input)))
        << printable(input);
  }
}

TEST(Chunking, RandomChunkSizes) {
  auto& ev = shared_evaluator();
  SplitMix64 rng(2024);
  for (const auto& input : short_inputs()) {
    const mexe::Result want = mexe::evaluate(input);
    for (int round = 0; round < 20; ++round) {
      mexe::Result got;
      eval_random(ev, input, rng, 1 + round % 7, got);
      ASSERT_TRUE(same_outcome(got, want)) << printable(input) << " round " << round;
    }
  }
}

// 100,000-digit literals and long whitespace runs: a sample of two-way
// splits, 1-byte chunks and random chunk sizes.
TEST(Chunking, LongInputs) {
  auto& ev = shared_evaluator();
  SplitMix64 rng(99);
  auto check = [&](const std::string& input, const mexe::Result& expected) {
    const mexe::Result want = mexe::evaluate(input);
    ASSERT_TRUE(same_outcome(want, expected)) << "one-shot " << printable(input);
    for (std::size_t at = 0; at <= input.size(); at += 997)
      ASSERT_TRUE(same_outcome(eval_split(ev, input, at), want))
          << printable(input) << " split at " << at;
    ASSERT_TRUE(same_outcome(eval_split(ev, input, input.size()), want));
    ASSERT_TRUE(same_outcome(eval_bytes(ev, input), want)) << printable(input);
    for (int round = 0; round < 5; ++round) {
      mexe::Result got;
      eval_random(ev, input, rng, 5000, got);
      ASSERT_TRUE(same_outcome(got, want)) << printable(input);
    }
  };
  for (const auto& c : long_value_cases()) {
    mexe::Result expected;
    expected.value = c.expected;
    check(c.input, expected);
  }
  for (const auto& c : long_error_cases()) {
    mexe::Result expected;
    expected.error = c.code;
    expected.offset = c.offset;
    check(c.input, expected);
  }
}

// ---- Stats ----

void expect_stats(const mexe::Stats& s, const std::string& input,
                  std::uint64_t chunks, const char* how) {
  EXPECT_EQ(s.input_bytes, input.size()) << how << " " << printable(input);
  EXPECT_EQ(s.chunks, chunks) << how << " " << printable(input);
  EXPECT_EQ(s.peak_depth, paren_depth(input)) << how << " " << printable(input);
  EXPECT_EQ(s.peak_stack_bytes, s.peak_depth * sizeof(mexe::Frame))
      << how << " " << printable(input);
}

TEST(Chunking, StatsOfValidInputs) {
  auto& ev = shared_evaluator();
  SplitMix64 rng(5);
  std::vector<std::string> inputs;
  for (const auto& c : value_cases()) inputs.push_back(c.input);
  for (const auto& c : long_value_cases()) inputs.push_back(c.input);
  inputs.push_back("(((1)) + ((((2)))) * (3))");
  for (const auto& input : inputs) {
    ASSERT_TRUE(ev.evaluate(input).ok()) << printable(input);
    expect_stats(ev.stats(), input, 1, "one-shot");

    const std::size_t mid = input.size() / 2;
    ASSERT_TRUE(eval_split(ev, input, mid).ok());
    expect_stats(ev.stats(), input, (mid > 0) + (mid < input.size()), "split");

    if (input.size() < 1000) {
      ASSERT_TRUE(eval_bytes(ev, input).ok());
      expect_stats(ev.stats(), input, input.size(), "1-byte chunks");
    }

    mexe::Result r;
    const std::uint64_t carried = eval_random(ev, input, rng, 9, r);
    ASSERT_TRUE(r.ok());
    expect_stats(ev.stats(), input, carried, "random chunks");
  }
}

TEST(Chunking, StatsOfErrorsAndResets) {
  auto& ev = shared_evaluator();
  for (const auto& c : error_cases()) {
    ev.evaluate(c.input);
    const mexe::Stats& s = ev.stats();
    EXPECT_LE(s.input_bytes, c.input.size()) << printable(c.input);
    EXPECT_LE(s.chunks, 1u) << printable(c.input);
    EXPECT_EQ(s.peak_stack_bytes, s.peak_depth * sizeof(mexe::Frame));
  }
  ev.evaluate("((((1))))");
  EXPECT_EQ(ev.stats().peak_depth, 4u);
  ev.reset();
  EXPECT_EQ(ev.stats().input_bytes, 0u);
  EXPECT_EQ(ev.stats().chunks, 0u);
  EXPECT_EQ(ev.stats().peak_depth, 0u);
  EXPECT_EQ(ev.stats().peak_stack_bytes, 0u);
  ev.evaluate("1");
  EXPECT_EQ(ev.stats().peak_depth, 0u);  // evaluate() starts afresh
  EXPECT_EQ(ev.stats().input_bytes, 1u);
}

// Once an error is known, later chunks are ignored: not read, not counted,
// and the first error stands.
TEST(Chunking, ChunksAfterAnErrorAreNotReadOrCounted) {
  auto& ev = shared_evaluator();
  for (const std::string& later : {std::string("2"), std::string(600, '1')}) {
    ev.reset();
    ev.feed("1 + )");
    ASSERT_TRUE(ev.failed());
    ev.feed(later);
    ev.feed(" + (");
    EXPECT_TRUE(has_error(ev.finish(later), mexe::ErrorCode::expected_operand, 4));
    EXPECT_EQ(ev.stats().chunks, 1u);
    EXPECT_EQ(ev.stats().input_bytes, 5u);
  }
}

// finish() and evaluate() end the input: chunks given after them are
// ignored, and finish() again gives the same result, value or error.
TEST(Chunking, NothingAfterFinishCounts) {
  auto& ev = shared_evaluator();
  struct Case {
    const char* first;
    mexe::Result want;
  };
  const Case cases[] = {
      {"1 +", {0, mexe::ErrorCode::unexpected_end, 3}},
      {"2 * 1e", {0, mexe::ErrorCode::invalid_number, 4}},
      {"(1", {0, mexe::ErrorCode::unclosed_paren, 0}},
      {"", {0, mexe::ErrorCode::empty_input, 0}},
      {"1 + 2", {3, mexe::ErrorCode::none, 0}},
  };
  for (const Case& c : cases) {
    for (int how : {0, 1, 2}) {
      const std::string_view first = c.first;
      if (how == 2 && first.empty()) continue;
      ev.reset();
      if (how == 0) {
        ASSERT_TRUE(same_outcome(ev.evaluate(first), c.want)) << c.first;
      } else {
        if (how == 2) ev.feed(first.substr(0, 1));
        ASSERT_TRUE(same_outcome(ev.finish(first.substr(how == 2 ? 1 : 0)), c.want)) << c.first;
      }
      const mexe::Stats stats = ev.stats();
      ev.feed(" 5");
      ev.feed(")");
      EXPECT_TRUE(same_outcome(ev.finish("6"), c.want)) << c.first;
      EXPECT_EQ(ev.stats().chunks, stats.chunks) << c.first;
      EXPECT_EQ(ev.stats().input_bytes, stats.input_bytes) << c.first;
    }
  }
}

TEST(Chunking, EmptyChunksCarryNothing) {
  auto& ev = shared_evaluator();
  ev.reset();
  ev.feed("");
  ev.feed("1 +");
  ev.feed("");
  ev.feed(" 2");
  EXPECT_TRUE(has_value(ev.finish(""), 3.0));
  EXPECT_EQ(ev.stats().chunks, 2u);
  EXPECT_EQ(ev.stats().input_bytes, 5u);

  ev.reset();
  ev.feed("");
  EXPECT_TRUE(has_error(ev.finish(), mexe::ErrorCode::empty_input, 0));
}

}  // namespace
}  // namespace mexe_test
