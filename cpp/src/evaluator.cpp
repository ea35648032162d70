#include "mexe/evaluator.hpp"

#include <fast_float/fast_float.h>

#include "char_class.hpp"

namespace mexe {
namespace {

using namespace detail;

// Pending operators of one level, packed into Frame::tag below the offset.
constexpr std::uint32_t kSubtract = 1;  // the sum's pending operator is '-'
constexpr std::uint32_t kDivide = 2;    // the product's pending operator is '/'
constexpr std::uint32_t kNegate = 4;    // an odd number of unary '-' is pending
constexpr int kFlagBits = 3;

// Explicit exponents saturate here: far past any double, far from overflow.
constexpr std::int64_t kExponentCap = std::int64_t{1} << 40;

// Powers of ten that are exact doubles: m * 10^e with m <= 2^53 and |e| <= 22
// is then one correctly rounded operation (Clinger's fast path).
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

void Evaluator::reset() noexcept {
  state_ = State::operand;
  error_ = ErrorCode::none;
  seen_token_ = false;
  depth_ = 0;
  flags_ = 0;
  sum_ = -0.0;     // -0 + x == x for every x, -0 included
  product_ = 1.0;  // 1 * x == x for every x
  consumed_ = 0;
  error_offset_ = 0;
  literal_offset_ = 0;
  value_ = 0;
  stats_ = {};
}

void Evaluator::feed(std::string_view chunk) noexcept {
  run(chunk.data(), chunk.size(), false);
}

Result Evaluator::finish(std::string_view last_chunk) noexcept {
  run(last_chunk.data(), last_chunk.size(), true);
  if (error_ != ErrorCode::none) return {0.0, error_, error_offset_};
  return {value_, ErrorCode::none, 0};
}

void Evaluator::run(const char* data, std::size_t size, bool last) noexcept {
  if (state_ == State::done) return;
  if (size != 0) ++stats_.chunks;

  const char* const begin = data;
  const char* const end = data + size;
  const char* p = data;
  double sum = sum_;
  double product = product_;
  std::uint32_t flags = flags_;
  std::uint32_t depth = depth_;
  double operand = 0;
  ErrorCode error = ErrorCode::none;
  std::uint64_t error_at = 0;

  auto offset = [&](const char* q) { return consumed_ + std::uint64_t(q - begin); };

  switch (state_) {
    case State::operand: goto expect_operand;
    case State::operator_: goto expect_operator;
    case State::literal: break;
    case State::done: return;
  }

  // A literal that began in an earlier chunk.
  p = literal_.consume(p, end);
  if (p == end && !last) goto suspend;  // it may go on in the next chunk
  if (!literal_.complete() || (p < end && spoils_literal(*p))) {
    error = ErrorCode::invalid_number;
    error_at = literal_offset_;
    goto fail;
  }
  operand = literal_.value();
  goto apply_operand;

expect_operand:
  while (p < end) {
    switch (class_of(*p)) {
      case space:
        ++p;
        continue;
      case plus:
        seen_token_ = true;
        ++p;
        continue;
      case minus:
        seen_token_ = true;
        flags ^= kNegate;
        ++p;
        continue;
      case open:
        seen_token_ = true;
        if (depth == max_depth) {
          error = ErrorCode::nesting_too_deep;
          error_at = offset(p);
          goto fail;
        }
        frames_[depth] = {sum, product, offset(p) << kFlagBits | flags};
        if (++depth > stats_.peak_depth) {
          stats_.peak_depth = depth;
          stats_.peak_stack_bytes = depth * std::uint32_t(sizeof(Frame));
        }
        sum = -0.0;
        product = 1.0;
        flags = 0;
        ++p;
        continue;
      case digit:
      case dot: {
        // Scan the literal, gathering what the fast path needs on the way.
        seen_token_ = true;
        const char* start = p;
        std::uint64_t mantissa = 0;  // wraps past 19 digits; then unused
        while (p < end && is_digit(*p)) mantissa = mantissa * 10 + std::uint64_t(*p++ - '0');
        std::int64_t digits = p - start;
        std::int64_t fraction = 0;
        if (p < end && *p == '.') {
          const char* f = ++p;
          while (p < end && is_digit(*p)) mantissa = mantissa * 10 + std::uint64_t(*p++ - '0');
          fraction = p - f;
          digits += fraction;
        }
        bool complete = digits != 0;
        std::int64_t exponent = 0;
        if (complete && p < end && (*p == 'e' || *p == 'E')) {
          bool negative = false;
          if (++p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
          complete = p < end && is_digit(*p);
          while (p < end && is_digit(*p)) {
            if (exponent < kExponentCap) exponent = exponent * 10 + (*p - '0');
            ++p;
          }
          if (negative) exponent = -exponent;
        }
        if (p == end && !last) {
          // It may go on in the next chunk: keep it in bounded form.
          literal_.start(*start);
          literal_.consume(start + 1, end);
          literal_offset_ = offset(start);
          state_ = State::literal;
          goto suspend;
        }
        if (!complete || (p < end && spoils_literal(*p))) {
          error = ErrorCode::invalid_number;
          error_at = offset(start);
          goto fail;
        }
        std::int64_t scale = exponent - fraction;
        if (digits <= 19 && mantissa <= (std::uint64_t{1} << 53) && scale >= -22 && scale <= 22) {
          double m = double(mantissa);
          operand = scale < 0 ? m / kPow10[-scale] : m * kPow10[scale];
        } else {
          fast_float::from_chars(start, p, operand);
        }
        goto apply_operand;
      }
      case star:
      case slash:
      case close:
        error = ErrorCode::expected_operand;
        error_at = offset(p);
        goto fail;
      default:
        error = ErrorCode::unexpected_character;
        error_at = offset(p);
        goto fail;
    }
  }
  state_ = State::operand;
  goto suspend;

apply_operand:
  if (flags & kNegate) operand = -operand;
  product = (flags & kDivide) ? product / operand : product * operand;
  flags &= kSubtract;

expect_operator:
  while (p < end) {
    switch (class_of(*p)) {
      case space:
        ++p;
        continue;
      case plus:
      case minus:
        sum = (flags & kSubtract) ? sum - product : sum + product;
        product = 1.0;
        flags = *p == '-' ? kSubtract : 0;
        ++p;
        goto expect_operand;
      case star:
        ++p;
        goto expect_operand;
      case slash:
        flags |= kDivide;
        ++p;
        goto expect_operand;
      case close: {
        if (depth == 0) {
          error = ErrorCode::unmatched_close_paren;
          error_at = offset(p);
          goto fail;
        }
        operand = (flags & kSubtract) ? sum - product : sum + product;
        const Frame& outer = frames_[--depth];
        sum = outer.sum;
        product = outer.product;
        flags = std::uint32_t(outer.tag) & ((1u << kFlagBits) - 1);
        ++p;
        goto apply_operand;
      }
      case digit:
      case dot:
      case open:
        error = ErrorCode::expected_operator;
        error_at = offset(p);
        goto fail;
      default:
        error = ErrorCode::unexpected_character;
        error_at = offset(p);
        goto fail;
    }
  }
  state_ = State::operator_;

suspend:
  sum_ = sum;
  product_ = product;
  flags_ = flags;
  depth_ = depth;
  consumed_ += size;
  stats_.input_bytes = consumed_;
  if (!last) return;
  // The input ends here.
  switch (state_) {
    case State::operand:
      error = seen_token_ ? ErrorCode::unexpected_end : ErrorCode::empty_input;
      error_at = seen_token_ ? consumed_ : 0;
      break;
    case State::operator_:
      if (depth != 0) {
        error = ErrorCode::unclosed_paren;
        error_at = frames_[depth - 1].tag >> kFlagBits;
        break;
      }
      value_ = (flags & kSubtract) ? sum - product : sum + product;
      state_ = State::done;
      return;
    case State::literal:  // unreachable: a last chunk always ends the literal
    case State::done:
      break;
  }
  error_ = error;
  error_offset_ = error_at;
  state_ = State::done;
  return;

fail:
  error_ = error;
  error_offset_ = error_at;
  // Bytes read: up to and including the one that showed the error.
  stats_.input_bytes = offset(p) + (p < end ? 1 : 0);
  state_ = State::done;
}

Result evaluate(std::string_view input) noexcept {
  thread_local Evaluator evaluator;
  return evaluator.evaluate(input);
}

}  // namespace mexe
