// literal_value by the host's own exact reader: JavaScript's Number() in the
// wasm module (no conversion tables to download), the C library's strtod
// natively (so that the native tests cover this reader too). Both are
// correctly rounded for any length of text.
#include <cstdlib>
#include <cstring>

#include "mexe/detail/literal_buffer.hpp"

#ifdef __EMSCRIPTEN__
// Imported from JavaScript: Number() of the ASCII text at [text, text + length).
extern "C" __attribute__((import_module("env"), import_name("number")))
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

}  // namespace

[[gnu::noinline]] double literal_value(const char* first, const char* last) noexcept {
  if (std::size_t(last - first) <= kMaxHostText) return host_number(first, last);
  // A long literal: LiteralBuffer keeps what decides it and hands back a
  // short text, which comes back here.
  LiteralBuffer literal;
  literal.start(*first);
  literal.consume(first + 1, last);
  return literal.value();
}

}  // namespace mexe::detail
