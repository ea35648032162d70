// The module's exports. The hot path is raw C exports that read the input
// window and write the status: no strings and no allocation cross the
// boundary. embind describes the module once per instance (layout, errors).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <iterator>
#include <string_view>

#include "scratch.hpp"

namespace mexe::wasm {
namespace {

Scratch scratch;

std::string_view window(std::uint32_t length) { return {scratch.input, length}; }

// The result into the status block; the error code is the return value.
std::uint32_t report(const Result& r) {
  Status& s = scratch.status;
  s.value = r.value;
  s.error_offset = double(std::int64_t(r.offset));  // signed: one instruction
  return std::uint32_t(r.error);
}

}  // namespace

extern "C" std::uint32_t allocation_count() noexcept;  // counting_malloc.cpp

}  // namespace mexe::wasm

using namespace mexe::wasm;

extern "C" {

// One expression of `length` bytes in the window. Returns the ErrorCode.
std::uint32_t mexe_evaluate(std::uint32_t length) {
  return report(scratch.evaluator.evaluate(window(length)));
}

// Streaming: reset, then feed windows, then finish with the last one.
void mexe_reset() { scratch.evaluator.reset(); }
std::uint32_t mexe_feed(std::uint32_t length) {
  scratch.evaluator.feed(window(length));
  return scratch.evaluator.failed();
}
std::uint32_t mexe_finish(std::uint32_t length) {
  return report(scratch.evaluator.finish(window(length)));
}

// `count` items laid out back to back in the window (see Batch). Returns how
// many failed, so that JavaScript reads the error table only when needed.
std::uint32_t mexe_evaluate_batch(std::uint32_t count) {
  Batch& b = scratch.batch;
  const char* p = scratch.input;
  std::uint32_t failed = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    mexe::Result r = scratch.evaluator.evaluate({p, b.lengths[i]});
    p += b.lengths[i];
    b.values[i] = r.ok() ? r.value : __builtin_nan("");  // errors[i] tells NaN from an error
    b.errors[i] = std::uint32_t(r.error);
    b.offsets[i] = std::uint32_t(r.offset);
    failed += !r.ok();
  }
  return failed;
}

std::uint32_t mexe_allocations() { return allocation_count(); }

}  // extern "C"

namespace {

std::uint32_t address(const void* p) { return std::uint32_t(reinterpret_cast<std::uintptr_t>(p)); }

// {scratchOffset, scratchBytes, ...}: every address and size JavaScript
// needs (the error code is each export's return value). Built as a JS object directly, like errors(): no value_object
// registration, no allocation.
__attribute__((minsize)) emscripten::val layout() {
  using emscripten::val;
  const Status& s = scratch.status;
  const mexe::Stats& stats = scratch.evaluator.stats();  // read in place: 64-bit counts, little-endian
  const Batch& b = scratch.batch;
  static const char* const names[] = {
      "scratchOffset",
      "scratchBytes",
      "inputWindowOffset",
      "inputWindowBytes",
      "stackOffset",
      "stackBytes",
      "frameBytes",
      "maxDepth",
      "statusValue",
      "statusErrorOffset",
      "statsPeakDepth",
      "statsPeakStackBytes",
      "statsChunks",
      "statsInputBytes",
      "batchCapacity",
      "batchLengths",
      "batchErrors",
      "batchOffsets",
      "batchValues",
  };
  const std::uint32_t values[] = {
      address(&scratch),
      std::uint32_t(sizeof scratch),
      address(scratch.input),
      std::uint32_t(input_window_bytes),
      address(scratch.evaluator.stack_data()),
      std::uint32_t(mexe::Evaluator::stack_bytes),
      std::uint32_t(sizeof(mexe::Frame)),
      mexe::Evaluator::max_depth,
      address(&s.value),
      address(&s.error_offset),
      address(&stats.peak_depth),
      address(&stats.peak_stack_bytes),
      address(&stats.chunks),
      address(&stats.input_bytes),
      std::uint32_t(batch_capacity),
      address(b.lengths),
      address(b.errors),
      address(b.offsets),
      address(b.values),
  };
  val object = val::object();
  for (std::size_t i = 0; i < std::size(names); ++i) object.set(names[i], values[i]);
  static_assert(std::size(names) == std::size(values));
  return object;
}

// [{code, message}] indexed by ErrorCode; index 0 is "no error". Built as JS
// values directly: no std::string or std::vector code in the module.
emscripten::val errors() {
  using emscripten::val;
  val list = val::array();
  for (unsigned i = 0; i < unsigned(mexe::error_code_count); ++i) {  // unsigned: the one integer type registered
    auto code = mexe::ErrorCode(i);
    val entry = val::object();
    entry.set("code", val(mexe::error_code_name(code)));
    entry.set("message", val(mexe::error_message(code)));
    list.set(i, entry);
  }
  return list;
}

}  // namespace

EMSCRIPTEN_BINDINGS(mexe) {
  emscripten::function("layout", &layout);
  emscripten::function("errors", &errors);
}
