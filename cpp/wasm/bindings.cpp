// The module's exports. The hot path is raw C exports that read the input
// window and write the results table: no strings and no allocation cross the
// boundary. embind's val describes the module once per instance (layout,
// errors), without registering functions: their JavaScript side is the
// largest part of embind's glue.
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

namespace {

std::uint32_t address(const void* p) { return std::uint32_t(reinterpret_cast<std::uintptr_t>(p)); }

// {scratchOffset, scratchBytes, ...}: every address and size JavaScript
// needs. Built as a JS object directly, like errors(): no value_object
// registration, no allocation.
__attribute__((minsize)) emscripten::val layout() {
  using emscripten::val;
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

// Once per instance: fills the object the wrapper passes in as Module.mexe
// with the layout and the error table, built as JS values with embind's val.
extern "C" void mexe_describe() {
  emscripten::val target = emscripten::val::module_property("mexe");
  target.set("layout", layout());
  target.set("errors", errors());
}
