#include "mexe/evaluator.hpp"

#include "char_class.hpp"
#include "clinger.hpp"
#include "fast_path.hpp"
#include "literal_scan.hpp"
#include "operators.hpp"
#include "scanner.hpp"

namespace mexe {
namespace {

using namespace detail;

// -x when c, else x: without a branch, and on x86 without moving the double
// out of its register. (The fast path's helpers are unused where it is not
// built.)
#if MEXE_SCAN_SSE2
[[maybe_unused]] inline double flip_if(bool c, double x) noexcept {
  const __m128d sign = _mm_castsi128_pd(_mm_cvtsi64_si128(std::int64_t(std::uint64_t(c) << 63)));
  return _mm_cvtsd_f64(_mm_xor_pd(_mm_set_sd(x), sign));
}
#else
[[maybe_unused]] inline double flip_if(bool c, double x) noexcept { return negate_if(c, x); }
#endif

// A binary operator by its kOperators row (operators.hpp), without a branch.
[[maybe_unused]] inline void fold_operator(unsigned row_index, double& sum, double& term, std::uint32_t& flags) noexcept {
  const OperatorRow& row = kOperators[row_index];
  const std::uint64_t& sum_xor = row.sum_xor[flags & kSubtract];
#if MEXE_SCAN_SSE2
  auto load = [](const std::uint64_t& x) { return _mm_castsi128_pd(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(&x))); };
  const __m128d t = _mm_set_sd(term);
  sum += _mm_cvtsd_f64(_mm_xor_pd(_mm_and_pd(t, load(row.sum_keep)), load(sum_xor)));
  term = _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(t, load(row.term_keep)), load(row.term_set)));
#else
  const std::uint64_t t = bits(term);
  sum += from_bits((t & row.sum_keep) ^ sum_xor);
  term = from_bits((t & row.term_keep) | row.term_set);
#endif
  flags = (flags & row.flags_keep) | row.flags_set;
}

// The fast path classifies a block of 64 bytes and the one after it, and
// reads literals that start in the first one: it takes blocks while this many
// bytes remain from their start.
constexpr std::size_t kFastMargin = 128;

bool fast_path_on = true;


}  // namespace

void detail::set_fast_path(bool enabled) noexcept { fast_path_on = enabled; }
bool detail::fast_path_enabled() noexcept { return fast_path_on; }

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

// The fast path: blocks of 64 bytes classified at once, token starts walked
// with count-trailing-zeros, literals measured on the blocks' digit masks and
// read a word at a time. It takes the common tokens and stops, leaving the
// token unread, at any other (errors, long literals, the last kFastMargin
// bytes), so that the scalar machine decides every such case as it always
// did.
// GCC's straight-line vectorizer pairs sum and product in one vector
// register, which costs a shuffle on every operand: off for the fast path.
#if defined(__GNUC__) && !defined(__clang__)
#define MEXE_SCALAR_DOUBLES [[gnu::optimize("no-tree-slp-vectorize")]]
#else
#define MEXE_SCALAR_DOUBLES
#endif

namespace detail {

struct FastCursor {
  double sum;  // sum and product apart: kept out of one vector register
  const char* p;  // the end of the last token taken
  double product;
  std::uint32_t flags;
  std::uint32_t depth;
  bool seen;
};

struct FastPath {
  // Returns true when it stops where an operator must come, false where an
  // operand must come.
  template <bool at_operator>
  [[gnu::noinline]] MEXE_SCALAR_DOUBLES static bool scan_generic(Evaluator& ev, FastCursor& cursor, const char* begin,
                                             const char* end, std::uint64_t origin) noexcept {
#define MEXE_SCAN_CLASSIFY classify_block
#include "fast_scan.inc"
#undef MEXE_SCAN_CLASSIFY
  }

#if MEXE_SCAN_AVX2
  template <bool at_operator>
  [[gnu::noinline, gnu::target("avx2,bmi,bmi2")]] MEXE_SCALAR_DOUBLES static bool scan_avx2(
      Evaluator& ev, FastCursor& cursor, const char* begin, const char* end, std::uint64_t origin) noexcept {
#define MEXE_SCAN_CLASSIFY classify_block_avx2
#define MEXE_SCAN_DIGITS digits_value_avx2
#include "fast_scan.inc"
#undef MEXE_SCAN_DIGITS
#undef MEXE_SCAN_CLASSIFY
  }
#endif

  template <bool at_operator>
  static bool run(Evaluator& ev, FastCursor& cursor, const char* begin, const char* end,
                  std::uint64_t origin) noexcept {
#if MEXE_SCAN_AVX2
    if (have_avx2) return scan_avx2<at_operator>(ev, cursor, begin, end, origin);
#endif
    return scan_generic<at_operator>(ev, cursor, begin, end, origin);
  }

#if MEXE_SCAN_AVX2
  static const bool have_avx2;
#endif
};

#if MEXE_SCAN_AVX2
const bool FastPath::have_avx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
}();
#endif

}  // namespace detail

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
  // scalar machine at the same state.
  const std::size_t fast_min = fast && MEXE_FAST_PATH && fast_path_on ? kFastMargin : SIZE_MAX;

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
    if (std::size_t(end - p) >= fast_min) {
      FastCursor c{sum, p, product, flags, depth, seen};
      const bool at_operator = FastPath::run<false>(*this, c, begin, end, offset(begin));
      p = c.p, sum = c.sum, product = c.product, flags = c.flags, depth = c.depth, seen = c.seen;
      if (at_operator) goto slow_operator;
    }
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
    if (std::size_t(end - p) >= fast_min) {
      FastCursor c{sum, p, product, flags, depth, seen};
      const bool at_operator = FastPath::run<true>(*this, c, begin, end, offset(begin));
      p = c.p, sum = c.sum, product = c.product, flags = c.flags, depth = c.depth, seen = c.seen;
      if (!at_operator) goto slow_operand;
    }
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
