// literal_value without conversion tables, for the wasm module's download:
// what Clinger's fast path can still read is read here; the rest (17 digits
// and more, far-out exponents) goes to the host's own exact reader:
// JavaScript's Number() in the wasm module, the C library's strtod natively
// (so that the native tests cover this whole file too; it reads '.' in the
// "C" numeric locale only). Both are correctly rounded for any length of text.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "char_class.hpp"
#include "clinger.hpp"
#include "mexe/detail/literal_buffer.hpp"

#ifdef __EMSCRIPTEN__
// Imported from JavaScript: Number() of the ASCII text at [text, text + length).
extern "C" __attribute__((import_module("env"), import_name("mexe_number")))
double mexe_host_number(const char* text, std::size_t length);
#endif

namespace mexe::detail {
namespace {

// Longer texts are first cut to the digits that decide the value.
constexpr std::size_t kMaxHostText = 1024;

double host_number(const char* first, const char* last) noexcept {
#ifdef __EMSCRIPTEN__
  return mexe_host_number(first, std::size_t(last - first));
#else
  char text[kMaxHostText + 1];  // strtod needs a terminated copy
  std::size_t length = std::size_t(last - first);
  std::memcpy(text, first, length);
  text[length] = '\0';
  return std::strtod(text, nullptr);
#endif
}

// Clinger's fast path (clinger.hpp) for what the evaluator's own reading
// leaves: up to 19 significant digits (it takes 15) whose integer w is still
// at most 2^53, with a scale within 10^±22. That is most 16-digit literals,
// e.g. 3.141592653589793.
bool read_by_clinger(const char* p, const char* last, double& value) noexcept {
  std::uint64_t w = 0;
  int digits = 0;  // significant: after the leading zeros
  long scale = 0;
  bool fraction = false;
  for (; p < last && (is_digit(*p) || *p == '.'); ++p) {
    if (*p == '.') { fraction = true; continue; }
    if (digits == 0 && *p == '0') { scale -= fraction; continue; }
    if (++digits > 19) return false;
    w = w * 10 + std::uint64_t(*p - '0');
    scale -= fraction;
  }
  if (p < last) {  // 'e' or 'E', a sign, digits
    bool negative = *++p == '-';
    p += *p == '-' || *p == '+';
    long exponent = 0;
    for (; p < last; ++p) {
      exponent = exponent * 10 + (*p - '0');
      if (exponent > 100000) return false;
    }
    scale += negative ? -exponent : exponent;
  }
  if (!clinger_fits(w, scale)) return false;
  value = clinger(w, scale);
  return true;
}

}  // namespace

[[gnu::noinline]] double literal_value(const char* first, const char* last) noexcept {
  double value;
  if (read_by_clinger(first, last, value)) return value;
  if (std::size_t(last - first) <= kMaxHostText) return host_number(first, last);
  // A long literal: LiteralBuffer keeps what decides it and hands back a
  // short text, which comes back here.
  LiteralBuffer literal;
  literal.start(*first);
  literal.consume(first + 1, last);
  return literal.value();
}

}  // namespace mexe::detail
