// The module's hot path: raw C exports that read the input window and write
// the batch table. No strings and no allocation cross the boundary.
#include <cstdint>
#include <string_view>

#include "scratch.hpp"

namespace mexe::wasm {

Scratch scratch;

namespace {

std::string_view window(std::uint32_t length) { return {scratch.input, length}; }

// Item i's result into the batch table; 1 if it is an error.
std::uint32_t record(std::uint32_t i, const Result& r) {
  Batch& b = scratch.batch;
  b.values[i] = r.ok() ? r.value : __builtin_nan("");  // errors[i] tells NaN from an error
  b.errors[i] = std::uint32_t(r.error);
  b.offsets[i] = double(std::int64_t(r.offset));  // signed: one instruction
  return !r.ok();
}

}  // namespace

extern "C" std::uint32_t allocation_count() noexcept;  // counting_malloc.cpp

}  // namespace mexe::wasm

using namespace mexe::wasm;

extern "C" {

// `count` items laid out back to back in the window (see Batch); one
// expression is a batch of one. Returns how many failed, so that JavaScript
// reads the error table only when needed.
std::uint32_t mexe_evaluate_batch(std::uint32_t count) {
  const char* p = scratch.input;
  std::uint32_t failed = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t length = scratch.batch.lengths[i];
    failed += record(i, scratch.evaluator.evaluate({p, length}));
    p += length;
  }
  return failed;
}

// A stream, window by window: `start` begins a new input, `end` ends it
// with this window (the result is then item 0). Returns 1 once the result
// is known (with `end`: 1 if it is an error).
std::uint32_t mexe_stream(std::uint32_t length, std::uint32_t start, std::uint32_t end) {
  mexe::Evaluator& e = scratch.evaluator;
  if (start) e.reset();
  if (end) return record(0, e.finish(window(length)));
  e.feed(window(length));
  return e.failed();
}

std::uint32_t mexe_allocations() { return allocation_count(); }

}  // extern "C"
