// The evaluator must never allocate. This executable replaces every global
// allocation function (operator new/delete in all forms, and malloc, calloc,
// realloc, free and the aligned variants, forwarded to glibc's own) with
// counting versions, builds all inputs first, and checks that the count does
// not move while they are evaluated.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "mexe/evaluator.hpp"
#include "test_cases.hpp"
#include "test_support.hpp"

#ifndef __GLIBC__
#error "alloc_test forwards to glibc's __libc_malloc family"
#endif

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);
}

namespace {
std::atomic<std::uint64_t> allocations{0};

void* counted(void* p) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return p;
}

void* new_or_throw(std::size_t n, std::size_t align) {
  if (n == 0) n = 1;
  void* p = align <= alignof(std::max_align_t) ? __libc_malloc(n)
                                               : __libc_memalign(align, n);
  if (p == nullptr) throw std::bad_alloc();
  return counted(p);
}
}  // namespace

// ---- C allocation functions ----
extern "C" {
void* malloc(std::size_t n) noexcept { return counted(__libc_malloc(n)); }
void* calloc(std::size_t n, std::size_t size) noexcept {
  return counted(__libc_calloc(n, size));
}
void* realloc(void* p, std::size_t n) noexcept {
  return counted(__libc_realloc(p, n));
}
void free(void* p) noexcept { __libc_free(p); }
void* memalign(std::size_t align, std::size_t n) noexcept {
  return counted(__libc_memalign(align, n));
}
void* aligned_alloc(std::size_t align, std::size_t n) noexcept {
  return counted(__libc_memalign(align, n));
}
int posix_memalign(void** out, std::size_t align, std::size_t n) noexcept {
  void* p = __libc_memalign(align, n);
  if (p == nullptr) return ENOMEM;
  *out = counted(p);
  return 0;
}
}

// ---- C++ allocation functions ----
void* operator new(std::size_t n) { return new_or_throw(n, 0); }
void* operator new[](std::size_t n) { return new_or_throw(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) {
  return new_or_throw(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return new_or_throw(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try { return new_or_throw(n, 0); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try { return new_or_throw(n, 0); } catch (...) { return nullptr; }
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try { return new_or_throw(n, static_cast<std::size_t>(a)); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try { return new_or_throw(n, static_cast<std::size_t>(a)); } catch (...) { return nullptr; }
}
void operator delete(void* p) noexcept { __libc_free(p); }
void operator delete[](void* p) noexcept { __libc_free(p); }
void operator delete(void* p, std::size_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::size_t) noexcept { __libc_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { __libc_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { __libc_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { __libc_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { __libc_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { __libc_free(p); }

namespace mexe_test {
namespace {

using mexe::ErrorCode;

// Runs `body` and returns how many allocations happened meanwhile.
template <typename F>
std::uint64_t allocations_during(F&& body) {
  const std::uint64_t before = allocations.load();
  body();
  return allocations.load() - before;
}

// The evaluator for chunked feeding, built before main().
mexe::Evaluator chunked;

// Must run first: the very first use of mexe::evaluate (and its per-thread
// evaluator) must not allocate either.
TEST(Allocations, FirstOneShotCall) {
  mexe::Result r;
  const std::uint64_t n = allocations_during([&] { r = mexe::evaluate("1 + 2 * (3 - 4)"); });
  EXPECT_EQ(n, 0u);
  EXPECT_TRUE(has_value(r, -1.0));
}

TEST(Allocations, CounterWorks) {
  void* volatile sink = nullptr;
  EXPECT_EQ(allocations_during([&] { sink = new int(7); }), 1u);
  delete static_cast<int*>(sink);
  void* (*volatile c_malloc)(std::size_t) = &std::malloc;
  EXPECT_EQ(allocations_during([&] { sink = c_malloc(16); }), 1u);
  std::free(sink);
  EXPECT_EQ(allocations_during([&] { std::string s(1000, 'x'); sink = s.data(); }), 1u);
}

// All inputs, built before anything is counted.
struct Inputs {
  std::vector<std::string> text;
  Inputs() {
    for (const auto& c : value_cases()) text.push_back(c.input);
    for (const auto& c : error_cases()) text.push_back(c.input);
    for (const auto& c : long_value_cases()) text.push_back(c.input);
    for (const auto& c : long_error_cases()) text.push_back(c.input);
    SplitMix64 rng(1);
    text.push_back("1" + random_digits(rng, 999999));
    text.push_back("0." + std::string(999990, '0') + "123e999999");
    text.push_back("9007199254740993." + std::string(100000, '0') + "1");
    text.push_back(std::string(1000000, '-') + "1");
    const auto depth = mexe::Evaluator::max_depth;
    std::string nest;
    for (std::uint32_t i = 0; i < depth + 1; ++i) nest += "1+2*(";
    text.push_back(nest);  // one level too deep
    nest = nest.substr(5) + "1" + std::string(depth, ')');
    text.push_back(nest);  // max_depth levels
    text.push_back(std::string(depth, '(') + "1");  // unclosed
  }
};

TEST(Allocations, EveryKindOfEvaluation) {
  const Inputs inputs;
  const std::size_t n = inputs.text.size();
  std::vector<mexe::Result> one_shot(n), own(n), split(n), bytes(n);
  std::vector<mexe::Result> random(n);
  SplitMix64 rng(11);

  const std::uint64_t count = allocations_during([&] {
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view input = inputs.text[i];
      one_shot[i] = mexe::evaluate(input);
      own[i] = chunked.evaluate(input);
      split[i] = eval_split(chunked, input, input.size() / 3);
      bytes[i] = eval_bytes(chunked, input);
      eval_random(chunked, input, rng, 4096, random[i]);
    }
  });
  EXPECT_EQ(count, 0u);

  // The results were computed, not skipped: they agree with each other and
  // cover every error code.
  std::vector<bool> codes(mexe::error_code_count);
  for (std::size_t i = 0; i < n; ++i) {
    codes[static_cast<int>(one_shot[i].error)] = true;
    EXPECT_TRUE(same_outcome(own[i], one_shot[i])) << printable(inputs.text[i]);
    EXPECT_TRUE(same_outcome(split[i], one_shot[i])) << printable(inputs.text[i]);
    EXPECT_TRUE(same_outcome(bytes[i], one_shot[i])) << printable(inputs.text[i]);
    EXPECT_TRUE(same_outcome(random[i], one_shot[i])) << printable(inputs.text[i]);
  }
  for (int c = 0; c < mexe::error_code_count; ++c)
    EXPECT_TRUE(codes[c]) << mexe::error_code_name(static_cast<ErrorCode>(c));
}

TEST(Allocations, NamesAndMessages) {
  const std::uint64_t count = allocations_during([] {
    for (int c = 0; c < mexe::error_code_count; ++c) {
      volatile const char* name = mexe::error_code_name(static_cast<ErrorCode>(c));
      volatile const char* message = mexe::error_message(static_cast<ErrorCode>(c));
      (void)name;
      (void)message;
    }
  });
  EXPECT_EQ(count, 0u);
}

}  // namespace
}  // namespace mexe_test
