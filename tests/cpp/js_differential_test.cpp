// Differential test against JavaScript: tests/support/js-values.mjs writes
// expressions with the double JavaScript computes for them; every one must
// match bit for bit, one-shot and split at a random point.
//
// The file is named by the MEXE_JS_VALUES environment variable (ctest sets it
// up through a fixture). Format, after a "# ... seed=S count=N" header line:
//   <16 hex digits of the double's bits> TAB <expression>
// where the expression's '\\', TAB, LF and CR are written as \\, \t, \n, \r.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "mexe/evaluator.hpp"
#include "test_support.hpp"

namespace mexe_test {
namespace {

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    switch (s[++i]) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default: out += s[i]; break;
    }
  }
  return out;
}

// "seed=1" -> "1" from the header line.
std::string header_field(const std::string& header, const std::string& key) {
  const std::size_t at = header.find(key + "=");
  if (at == std::string::npos) return "?";
  const std::size_t start = at + key.size() + 1;
  return header.substr(start, header.find(' ', start) - start);
}

TEST(JsDifferential, MatchesJavaScriptBitForBit) {
  const char* path = std::getenv("MEXE_JS_VALUES");
  if (path == nullptr || *path == '\0')
    GTEST_SKIP() << "MEXE_JS_VALUES is not set (ctest sets it)";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot open " << path;

  std::string header;
  ASSERT_TRUE(std::getline(in, header));
  ASSERT_EQ(header.rfind("#", 0), 0u) << "no header line in " << path;
  const std::string seed = header_field(header, "seed");
  const std::string count = header_field(header, "count");

  auto& ev = shared_evaluator();
  SplitMix64 rng(0x5eed);
  std::string line;
  std::size_t lines = 0, mismatches = 0;
  while (std::getline(in, line)) {
    ++lines;
    const std::size_t tab = line.find('\t');
    ASSERT_EQ(tab, 16u) << "line " << lines + 1 << " is malformed";
    const double want = from_bits(std::strtoull(line.substr(0, 16).c_str(), nullptr, 16));
    const std::string input = unescape(std::string_view(line).substr(17));

    const mexe::Result one_shot = mexe::evaluate(input);
    const std::size_t at = rng.below(input.size() + 1);
    const mexe::Result split = eval_split(ev, input, at);
    for (const auto* r : {&one_shot, &split}) {
      if (r->ok() && same_double(r->value, want)) continue;
      ADD_FAILURE() << "seed " << seed << ", line " << lines + 1 << ": "
                    << printable(input, 300) << "\n  JavaScript: " << show(want)
                    << "\n  mexe (" << (r == &one_shot ? "one-shot" : "split at ")
                    << (r == &one_shot ? "" : std::to_string(at)) << "): " << show(*r);
      if (++mismatches >= 20) FAIL() << "stopping after 20 mismatches";
      break;
    }
  }
  EXPECT_EQ(std::to_string(lines), count) << "the file is incomplete";
}

}  // namespace
}  // namespace mexe_test
