#include "mexe/evaluator.hpp"

#include <type_traits>

#include "char_class.hpp"
#include "fast_path.hpp"
#include "literal_scan.hpp"
#include "operators.hpp"

// The scalar machine: one pass over the bytes, one state per grammar
// position, the operators of each level pending in its flags (operators.hpp).
// Long input goes through the bulk fast path (fast_path.hpp) where it can.
namespace mexe {

using namespace detail;

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
  if constexpr (MEXE_FAST_PATH) {
    if (chunk.size() >= fast_path_min_bytes) return run<false, true>(chunk.data(), chunk.size());
  }
  run<false, false>(chunk.data(), chunk.size());
}

Result Evaluator::finish(std::string_view last_chunk) noexcept {
  // The same loop as feed (one copy of it in the module, not two), then
  // what the end of input settles.
  if (MEXE_FAST_PATH && last_chunk.size() >= fast_path_min_bytes) {
    if constexpr (MEXE_FAST_PATH) run<false, true>(last_chunk.data(), last_chunk.size());
  } else {
    run<false, false>(last_chunk.data(), last_chunk.size());
  }
  end_input();
  return result();
}

void Evaluator::end_input() noexcept {
  ErrorCode error;
  std::uint64_t error_at;
  switch (state_) {
    case State::done:
      return;
    case State::literal:  // a literal that reached the end of the last chunk
      if (!literal_.complete()) {
        error = ErrorCode::invalid_number;
        error_at = literal_offset_;
        break;
      }
      apply(literal_.value(), product_, flags_);
      [[fallthrough]];
    case State::operator_:
      if (depth_ != 0) {
        error = ErrorCode::unclosed_paren;
        error_at = frame_open_offset(frames_[depth_ - 1].tag);
        break;
      }
      value_ = level_value(sum_, product_, flags_);
      state_ = State::done;
      return;
    case State::operand:
    default:
      error = seen_token_ ? ErrorCode::unexpected_end : ErrorCode::empty_input;
      error_at = seen_token_ ? consumed_ : 0;
      break;
  }
  error_ = error;
  error_offset_ = error_at;
  state_ = State::done;
}

template <bool whole, bool fast>
[[gnu::aligned(64)]] void Evaluator::run(const char* data, std::size_t size) noexcept {
  constexpr bool fresh = whole;  // nothing to load from an earlier chunk
  constexpr bool last = whole;   // nothing to keep for a later chunk
  // Short input keeps to the scalar machine, with no fast path in its loop.
  if constexpr (whole && !fast && MEXE_FAST_PATH) {
    if (size >= fast_path_min_bytes) return run<true, true>(data, size);
  }
  if (!fresh && state_ == State::done) return;
  if (size != 0) ++stats_.chunks;

  // A fresh run starts from constants: no state to load from the members.
  const char* const begin = data;
  const char* const end = data + size;
  const char* p = data;
  double sum = fresh ? -0.0 : sum_;  // -0 + x == x for every x, -0 included
  double product = fresh ? 1.0 : product_;  // 1 * x == x for every x
  std::uint32_t flags = fresh ? 0 : flags_;
  std::uint32_t depth = fresh ? 0 : depth_;
  bool seen = fresh ? false : seen_token_;
  double operand = 0;
  ErrorCode error = ErrorCode::none;
  std::uint64_t error_at = 0;

  auto offset = [&](const char* q) { return (fresh ? 0 : consumed_) + std::uint64_t(q - begin); };

  // The fast path takes whole blocks while at least kFastMargin bytes
  // remain, and hands any token it does not take, unread, back to the
  // scalar machine at the same state: true when an operator must come there.
  const std::size_t fast_min = fast && MEXE_FAST_PATH && fast_path_enabled() ? kFastMargin : SIZE_MAX;
  auto fast_path = [&](auto at_operator) __attribute__((always_inline)) {
    FastCursor c{sum, p, product, flags, depth, seen};  // a copy: the locals stay in registers
    const bool stopped_at_operator = FastPath::run<decltype(at_operator)::value>(*this, c, begin, end, offset(begin));
    p = c.p, sum = c.sum, product = c.product, flags = c.flags, depth = c.depth, seen = c.seen;
    return stopped_at_operator;
  };

  if constexpr (fresh) goto expect_operand;
  switch (state_) {
    case State::operand: goto expect_operand;
    case State::operator_: goto expect_operator;
    case State::literal: break;
    case State::done: return;
  }

  // number, begun in an earlier chunk: its bytes in this one.
  p = literal_.consume(p, end);
  if (!last && p == end) goto suspend;  // it may go on in the next chunk
  if (!literal_.complete() || (p < end && spoils_literal(*p))) {
    error = ErrorCode::invalid_number;
    error_at = literal_offset_;
    goto fail;
  }
  operand = literal_.value();
  goto apply_operand;

  // unary := ('+' | '-') ws unary | primary
  // primary := number | '(' ws sum ws ')'
  // An operand must come: a sign, a literal or '('.
expect_operand:
  if constexpr (fast) {
    if (std::size_t(end - p) >= fast_min && fast_path(std::false_type{})) goto slow_operator;
  }
[[maybe_unused]] slow_operand:
  while (p < end) {
    if (*p == ' ') {  // the commonest byte between tokens: no table, no switch
      ++p;
      continue;
    }
    CharClass k = class_of(*p);
    if (k == digit || k == dot) {
      seen = true;
      const LiteralScan literal = scan_literal<last>(p, end);
      if (literal.outcome == LiteralScan::number) {
        p = literal.end;
        operand = literal.value;
        goto apply_operand;
      }
      if (literal.outcome == LiteralScan::unfinished) {
        // It may go on in the next chunk: keep it in bounded form.
        literal_.start(*p);
        literal_.consume(p + 1, end);
        literal_offset_ = offset(p);
        state_ = State::literal;
        goto suspend;
      }
      error = ErrorCode::invalid_number;
      error_at = offset(p);
      p = literal.end;
      goto fail;
    }
    switch (k) {
      case space:
        ++p;
        continue;
      case plus:
        seen = true;
        ++p;
        continue;
      case minus:
        seen = true;
        flags ^= kNegate;
        ++p;
        continue;
      case open:
        seen = true;
        if (depth == max_depth) {
          error = ErrorCode::nesting_too_deep;
          error_at = offset(p);
          goto fail;
        }
        frames_[depth] = {sum, product, frame_tag(offset(p), flags)};
        if (++depth > stats_.peak_depth) {
          stats_.peak_depth = depth;
          stats_.peak_stack_bytes = depth * std::uint32_t(sizeof(Frame));
        }
        sum = -0.0;
        product = 1.0;
        flags = 0;
        ++p;
        continue;
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

  // product := unary ( ws ('*' | '/') ws unary )*: the operand joins the product.
apply_operand:
  apply(operand, product, flags);

  // sum := product ( ws ('+' | '-') ws product )*, and ')' or the end:
  // an operator must come.
expect_operator:
  if constexpr (fast) {
    if (std::size_t(end - p) >= fast_min && !fast_path(std::true_type{})) goto slow_operand;
  }
[[maybe_unused]] slow_operator:
  while (p < end) {
    if (*p == ' ') {
      ++p;
      continue;
    }
    CharClass k = class_of(*p);
    if (k == plus || k == minus) {
      sum = level_value(sum, product, flags);
      product = 1.0;
      flags = flags_after_sum_operator(k);
      ++p;
      goto expect_operand;
    }
    if (k == star || k == slash) {
      flags = flags_after_product_operator(flags, k);
      ++p;
      goto expect_operand;
    }
    switch (k) {
      case space:
        ++p;
        continue;
      case close: {
        if (depth == 0) {
          error = ErrorCode::unmatched_close_paren;
          error_at = offset(p);
          goto fail;
        }
        operand = level_value(sum, product, flags);
        const Frame& outer = frames_[--depth];
        sum = outer.sum;
        product = outer.product;
        flags = frame_flags(outer.tag);
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
  goto suspend;

  // The chunk is read: keep the state for the next one, or settle the result.
suspend:
  consumed_ = (fresh ? 0 : consumed_) + size;
  stats_.input_bytes = consumed_;
  if constexpr (!last) {
    sum_ = sum;
    product_ = product;
    flags_ = flags;
    depth_ = depth;
    seen_token_ = seen;
    return;
  }
  // The input ends here: end_input()'s work, done from the locals (storing
  // them for it to read back costs a tenth of a short evaluation).
  switch (state_) {
    case State::operand:
      error = seen ? ErrorCode::unexpected_end : ErrorCode::empty_input;
      error_at = seen ? consumed_ : 0;
      break;
    case State::operator_:
      if (depth != 0) {
        error = ErrorCode::unclosed_paren;
        error_at = frame_open_offset(frames_[depth - 1].tag);
        break;
      }
      value_ = level_value(sum, product, flags);
      state_ = State::done;
      return;
    case State::literal:  // unreachable: a whole input always ends the literal
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

// evaluate() is defined inline in the header.
template void Evaluator::run<true, false>(const char*, std::size_t) noexcept;
#if MEXE_FAST_PATH
template void Evaluator::run<true, true>(const char*, std::size_t) noexcept;
#endif

}  // namespace mexe
