// Where the bulk fast path runs and where it hands over to the scalar
// machine. No value shows this (both give the same bits), so these tests
// read the fast path's probe (MEXE_FAST_PATH_PROBE, cpp/src/fast_path.hpp),
// compiled into this target's own copy of the core only. Every result is
// also held to the scalar machine's.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "fast_path.hpp"
#include "mexe/evaluator.hpp"
#include "same_result.hpp"

namespace {

using mexe::detail::fast_path_probe;
using mexe::detail::FastPathProbe;
using mexe::detail::kBlockBytes;
using mexe::detail::kFastMargin;

#if MEXE_FAST_PATH

mexe::Evaluator& evaluator() {
  static mexe::Evaluator ev;  // about 100 KB: not on the stack
  return ev;
}

// The scalar machine's result: the fast path switched off.
mexe::Result scalar(std::string_view input) {
  mexe::detail::set_fast_path(false);
  const mexe::Result r = evaluator().evaluate(input);
  mexe::detail::set_fast_path(true);
  return r;
}

struct Probed {
  mexe::Result result;
  FastPathProbe probe;
};

Probed evaluate(std::string_view input) {
  fast_path_probe = {};
  const mexe::Result r = evaluator().evaluate(input);
  return {r, fast_path_probe};
}

// "12 + 3 * 4 - " repeated: tokens the fast path takes, at most two bytes apart.
std::string plain(std::size_t bytes) {
  static const std::string unit = "12 + 3 * 4 - 5 / 6 - ";
  std::string text;
  while (text.size() + unit.size() < bytes) text += unit;
  text += std::string(bytes - 1 - text.size(), ' ');
  return text + "7";
}

void expect_scalar_result(const mexe::Result& got, std::string_view input) {
  EXPECT_TRUE(mexe_test::identical_result(got, scalar(input)))
      << "not the scalar machine's result for input of " << input.size() << " bytes";
}

TEST(FastPathReach, RunsByDefaultAndNotWhenSwitchedOff) {
  const std::string input = plain(4096);
  EXPECT_GE(evaluate(input).probe.calls, 1u);
  mexe::detail::set_fast_path(false);
  EXPECT_EQ(evaluate(input).probe.calls, 0u);
  mexe::detail::set_fast_path(true);
}

// Inputs and chunks shorter than 256 bytes keep to the scalar machine
// (Evaluator::fast_path_min_bytes); from 256 bytes on the fast path runs, in
// evaluate, feed and finish alike.
TEST(FastPathReach, ShortInputsAndChunksKeepToTheScalarMachine) {
  mexe::Evaluator& ev = evaluator();
  for (std::size_t size : {200, 255, 256, 300}) {
    const std::string input = plain(size);
    const bool fast = size >= 256;
    const Probed one_shot = evaluate(input);
    EXPECT_EQ(one_shot.probe.calls != 0, fast) << "evaluate, " << size << " bytes";
    expect_scalar_result(one_shot.result, input);

    fast_path_probe = {};
    ev.reset();
    ev.feed(input);
    EXPECT_EQ(fast_path_probe.calls != 0, fast) << "feed, " << size << " bytes";
    EXPECT_TRUE(mexe_test::identical_result(ev.finish(), scalar(input)));

    fast_path_probe = {};
    ev.reset();
    ev.feed("1 + ");
    const mexe::Result r = ev.finish(input);
    EXPECT_EQ(fast_path_probe.calls != 0, fast) << "finish, " << size << " bytes";
    expect_scalar_result(r, "1 + " + input);
  }
}

// A megabyte of short literals and operators is one run of the fast path,
// from the first byte to its last kFastMargin bytes, which the scalar
// machine reads.
TEST(FastPathReach, TakesAPlainSumToItsLastBlocks) {
  const std::string input = plain(1 << 20);
  const Probed p = evaluate(input);
  expect_scalar_result(p.result, input);
  EXPECT_EQ(p.probe.calls, 1u);
  EXPECT_EQ(p.probe.first[0].start, 0u);
  // Tokens are at most two bytes apart; a literal may run into the next block.
  EXPECT_GE(p.probe.last.stop + 2, input.size() - kFastMargin);
  EXPECT_LE(p.probe.last.stop, input.size() - kBlockBytes + 2);

  // The same in chunks: every chunk of 64 KB is taken to its last blocks.
  mexe::Evaluator& ev = evaluator();
  fast_path_probe = {};
  ev.reset();
  constexpr std::size_t kChunk = 1 << 16;
  for (std::size_t at = 0; at < input.size(); at += kChunk) ev.feed(std::string_view(input).substr(at, kChunk));
  EXPECT_TRUE(mexe_test::identical_result(ev.finish(), p.result));
  EXPECT_EQ(fast_path_probe.calls, input.size() / kChunk);
  EXPECT_GE(fast_path_probe.bytes, input.size() - (input.size() / kChunk) * (kFastMargin + 2));
}

// The walker takes whole blocks of 64 bytes from where it starts, each
// while the block after it is in the input too, whatever the segments it
// classifies them in: on "1+1+...", where every byte is a token, it stops
// exactly at the end of the last such block.
TEST(FastPathReach, TakesEveryBlockWhoseNextBlockIsInTheInput) {
  std::string ones;
  while (ones.size() < 3000) ones += "1+";
  for (std::size_t size = 256; size <= 2600; ++size) {
    std::string input = ones.substr(0, size);
    if (input.back() == '+') input.back() = ' ';
    const Probed p = evaluate(input);
    expect_scalar_result(p.result, input);
    ASSERT_EQ(p.probe.calls, 1u) << size;
    ASSERT_EQ(p.probe.last.stop, kBlockBytes * ((size - kBlockBytes) / kBlockBytes)) << size;
  }
}

// Text around a token: a long plain sum, "+", the token at offset 1000, then
// more plain sum.
constexpr std::size_t kAt = 1000;
std::string around(std::string_view token, std::string_view after = " + 1") {
  std::string text = plain(kAt - 2) + " +";
  return text + std::string(token) + std::string(after) + " + " + plain(2000);
}

// Tokens the fast path takes itself: no hand-over before the last blocks.
TEST(FastPathReach, TakesShortLiteralsSignsAndParentheses) {
  for (std::string_view token : {"1234567", "123.4567", "1.234567", "0.000001", "7.", "1e5", "1E+22", "1.5e-3",
                                 "12e-345", "1e400", "1.5e-23", "-(2)", "+-+3", "((4) * 5)", "(-(6)) / 7"}) {
    const std::string input = around(token);
    const Probed p = evaluate(input);
    expect_scalar_result(p.result, input);
    EXPECT_EQ(p.probe.calls, 1u) << token;
    EXPECT_GE(p.probe.last.stop + 2, input.size() - kFastMargin) << token;
  }
}

// Tokens it leaves to the scalar machine: it hands over at their first byte,
// unread; for valid ones it takes over again right after them.
TEST(FastPathReach, HandsOverAtTheFirstByteOfWhatItDoesNotTake) {
  struct Case {
    std::string_view token;
    bool valid;
  };
  for (const Case& c : {Case{"12345678", true}, Case{"1234.5678", true}, Case{".5", true}, Case{"1e1234", true},
                        Case{"123456789012345678901", true}, Case{"1e+", false}, Case{"12x", false},
                        Case{"1.2.3", false}, Case{"#", false}, Case{"*", false}, Case{")", false},
                        Case{"\x80", false}}) {
    const std::string input = around(c.token);
    const Probed p = evaluate(input);
    expect_scalar_result(p.result, input);
    EXPECT_EQ(p.result.ok(), c.valid) << c.token;
    ASSERT_GE(p.probe.calls, 1u) << c.token;
    EXPECT_EQ(p.probe.first[0].start, 0u) << c.token;
    EXPECT_EQ(p.probe.first[0].stop, kAt) << c.token;
    if (c.valid) {
      ASSERT_EQ(p.probe.calls, 2u) << c.token;
      EXPECT_EQ(p.probe.first[1].start, kAt + c.token.size()) << c.token;
      EXPECT_GE(p.probe.last.stop + 2, input.size() - kFastMargin) << c.token;
    } else {
      EXPECT_EQ(p.result.offset, kAt) << c.token;
    }
  }
}

// After a literal it left to the scalar machine, the fast path takes over
// again while kFastMargin bytes remain, and not with fewer.
TEST(FastPathReach, TakesOverAgainWhileItsMarginRemains) {
  for (std::size_t rest : {kFastMargin + 1, kFastMargin, kFastMargin - 1}) {
    std::string input = plain(kAt - 2) + " +12345678";
    input += std::string(rest - 2, ' ') + "+1";
    const Probed p = evaluate(input);
    expect_scalar_result(p.result, input);
    EXPECT_EQ(p.probe.first[0].stop, kAt) << rest;
    EXPECT_EQ(p.probe.calls, rest >= kFastMargin ? 2u : 1u) << rest;
  }
}

// Where an operator must come: a literal, '(' or ')' with nothing open
// hands over there; ')' closing a level is taken.
TEST(FastPathReach, HandsOverAtAnOperandOrAnUnmatchedParenthesisWhereAnOperatorMustCome) {
  for (std::string_view token : {"2", "(", ")", "x"}) {
    const std::string input = around("1 ", std::string(token) + " + 1");
    const Probed p = evaluate(input);
    expect_scalar_result(p.result, input);
    EXPECT_FALSE(p.result.ok()) << token;
    EXPECT_EQ(p.result.offset, kAt + 2) << token;
    EXPECT_EQ(p.probe.first[0].stop, kAt + 1) << token;  // after the literal "1"
  }
}

// A '(' that would open level max_depth + 1 is the scalar machine's to refuse.
TEST(FastPathReach, HandsOverAtTheParenthesisPastTheDepthLimit) {
  constexpr std::size_t depth = mexe::Evaluator::max_depth;
  const std::string input = std::string(depth, '(') + "(1" + std::string(depth + 1, ')');
  const Probed p = evaluate(input);
  expect_scalar_result(p.result, input);
  EXPECT_EQ(p.result.error, mexe::ErrorCode::nesting_too_deep);
  EXPECT_EQ(p.probe.first[0].stop, depth);
  EXPECT_EQ(evaluator().stats().peak_depth, depth);
}

#else
TEST(FastPathReach, NoFastPathInThisBuild) { GTEST_SKIP() << "no fast path on this target"; }
#endif

}  // namespace
