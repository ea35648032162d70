// What the app exposes to JavaScript: the one-shot call (mexe::evaluate),
// a stream (mexe::Evaluator: reset, feed, finish), the last error, and
// allocation counts: all of the module's, and those made while mexe ran.
// With -pthread, also the one-shot call on several threads at once.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#ifdef __EMSCRIPTEN_PTHREADS__
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>
#endif

#include "counting_malloc.hpp"
#include "mexe/error.hpp"
#include "mexe/evaluator.hpp"
#include "../same_result.hpp"  // the tests' comparison

namespace {

mexe::Result last;        // the last evaluation's result
mexe::Evaluator stream;   // ~100 KB of static storage
std::uint32_t mexe_allocations = 0;

// Runs one call into mexe and counts the allocations made meanwhile (the
// string embind has built for the argument is already there).
template <class Call>
auto counted(Call call) {
  std::uint32_t before = allocation_count();
  auto result = call();
  mexe_allocations += allocation_count() - before;
  return result;
}

// The value; 0 on an error, which error() then describes.
double evaluate(const std::string& text) {
  last = counted([&] { return mexe::evaluate(text); });
  return last.value;
}

void reset() { stream.reset(); }

// True once the stream has an error: later chunks cannot change it.
bool feed(const std::string& chunk) {
  return counted([&] {
    stream.feed(chunk);
    return stream.failed();
  });
}

double finish(const std::string& chunk) {
  last = counted([&] { return stream.finish(chunk); });
  return last.value;
}

struct Error {
  std::string code;  // "NONE" after a success
  double offset;     // bytes before the error
};

Error error() { return {mexe::error_code_name(last.error), double(last.offset)}; }

#ifdef __EMSCRIPTEN_PTHREADS__
// The texts (separated by '|') evaluated at once, one thread each, `rounds`
// times: how many results differ from the text's result on this thread.
int differences_on_threads(const std::string& joined, int rounds) {
  std::vector<std::string> texts;
  for (std::size_t at = 0, bar; at <= joined.size(); at = bar + 1) {
    bar = std::min(joined.find('|', at), joined.size());
    texts.push_back(joined.substr(at, bar - at));
  }
  std::vector<mexe::Result> wanted;
  for (const std::string& text : texts) wanted.push_back(mexe::evaluate(text));
  std::atomic<int> differences{0};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int r = 0; r < rounds; ++r) differences += !mexe_test::identical_result(mexe::evaluate(texts[i]), wanted[i]);
    });
  }
  for (std::thread& t : threads) t.join();
  return differences;
}
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(mexe_app) {
  using namespace emscripten;
  function("evaluate", &evaluate);
  function("reset", &reset);
  function("feed", &feed);
  function("finish", &finish);
  value_object<Error>("Error").field("code", &Error::code).field("offset", &Error::offset);
  function("error", &error);
  function("allocations", &allocation_count);
  function("mexeAllocations", +[] { return mexe_allocations; });
#ifdef __EMSCRIPTEN_PTHREADS__
  function("differencesOnThreads", &differences_on_threads);
#endif
}
