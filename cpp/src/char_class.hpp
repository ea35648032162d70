// What each input byte can be, in one table lookup.
#pragma once

#include <array>
#include <cstdint>

namespace mexe::detail {

enum CharClass : std::uint8_t {
  other = 0,   // cannot start or continue any token (includes non-ASCII, NUL)
  space,       // ' ' '\t' '\n' '\r'
  digit,       // 0-9
  dot,         // '.'
  plus,        // the binary operators, in this order: kOperators' rows (operators.hpp)
  minus,
  star,
  slash,
  open,        // '('
  close,       // ')'
  letter,      // A-Z a-z '_': malformed directly after a literal
};

inline constexpr std::array<std::uint8_t, 256> char_classes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = digit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = letter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = letter;
  t['_'] = letter;
  t[' '] = t['\t'] = t['\n'] = t['\r'] = space;
  t['.'] = dot;
  t['+'] = plus;
  t['-'] = minus;
  t['*'] = star;
  t['/'] = slash;
  t['('] = open;
  t[')'] = close;
  return t;
}();

inline CharClass class_of(char c) noexcept {
  return static_cast<CharClass>(char_classes[static_cast<unsigned char>(c)]);
}

inline bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

// A byte that makes the literal before it malformed: letter, '_', '.', digit.
inline bool spoils_literal(char c) noexcept {
  constexpr unsigned spoilers = 1u << letter | 1u << dot | 1u << digit;
  return (spoilers >> class_of(c)) & 1;  // one shift, not three compares
}

}  // namespace mexe::detail
