// Evaluates a corpus natively, for comparison with the wasm module
// (tests/js/reliability-native.test.mjs).
//
//   mexe_corpus_eval [--chunk N] < corpus > results
//
// Input: one expression per line, written as a JSON string ("..." with JSON's
// escapes), so that any text, newlines, NUL and lone surrogates included, fits
// on one line. A lone surrogate becomes U+FFFD, as TextEncoder writes it.
// Output: one line per input line, in the same order:
//   ok <16 hex digits of the value's bits>
//   error <CODE> <byte offset>
// --chunk N feeds the input N bytes at a time instead of in one call.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "mexe/evaluator.hpp"

namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3f));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

std::optional<std::uint32_t> hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return std::nullopt;
  std::uint32_t v = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    const char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
    else return std::nullopt;
  }
  return v;
}

// The bytes a JSON string literal stands for; nullopt when malformed.
std::optional<std::string> decode_json_string(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::nullopt;
  s = s.substr(1, s.size() - 2);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];  // raw UTF-8 passes through as bytes
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    switch (s[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto unit = hex4(s, i + 1);
        if (!unit) return std::nullopt;
        i += 4;
        std::uint32_t cp = *unit;
        if (cp >= 0xd800 && cp < 0xdc00 && i + 2 < s.size() && s[i + 1] == '\\' &&
            s[i + 2] == 'u') {
          auto low = hex4(s, i + 3);
          if (low && *low >= 0xdc00 && *low < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (*low - 0xdc00);
            i += 6;
          }
        }
        if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;  // a lone surrogate
        put_utf8(out, cp);
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

mexe::Evaluator evaluator;  // ~100 KB: static storage, not the stack

mexe::Result run(std::string_view input, std::size_t chunk) {
  if (chunk == 0) return evaluator.evaluate(input);
  evaluator.reset();
  while (input.size() > chunk) {
    evaluator.feed(input.substr(0, chunk));
    input.remove_prefix(chunk);
  }
  return evaluator.finish(input);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t chunk = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--chunk") == 0 && i + 1 < argc) {
      chunk = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: %s [--chunk N] < corpus\n", argv[0]);
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  std::string line;
  std::string out;
  std::uint64_t number = 0;
  while (std::getline(std::cin, line)) {
    ++number;
    const auto input = decode_json_string(line);
    if (!input) {
      std::fprintf(stderr, "line %llu is not a JSON string\n", static_cast<unsigned long long>(number));
      return 2;
    }
    const mexe::Result r = run(*input, chunk);
    char buf[96];
    if (r.ok()) {
      std::uint64_t bits;
      std::memcpy(&bits, &r.value, sizeof bits);
      std::snprintf(buf, sizeof buf, "ok %016llx\n", static_cast<unsigned long long>(bits));
    } else {
      std::snprintf(buf, sizeof buf, "error %s %llu\n", mexe::error_code_name(r.error),
                    static_cast<unsigned long long>(r.offset));
    }
    out += buf;
    if (out.size() > (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
