// The module describes itself: every address and size JavaScript needs, and
// the error table, read once per instance by web/src/module.mjs. Plain data
// in linear memory: names are NUL-terminated ASCII, pointers are 32-bit.
#include <cstdint>
#include <iterator>

#include "scratch.hpp"

namespace {

using namespace mexe::wasm;

struct Field {
  const char* name;
  std::uint32_t value;
};

struct ErrorText {
  const char* code;
  const char* message;
};

// Four 32-bit words: field count, fields, error count, errors.
struct Description {
  std::uint32_t field_count;
  const Field* fields;
  std::uint32_t error_count;
  const ErrorText* errors;
};

std::uint32_t address(const void* p) { return std::uint32_t(reinterpret_cast<std::uintptr_t>(p)); }

Field fields[17];
ErrorText errors[mexe::error_code_count];
Description description;

}  // namespace

// Fills the description (addresses are known only at run time) and returns it.
extern "C" __attribute__((minsize)) const Description* mexe_describe() {
  const mexe::Stats& stats = scratch.evaluator.stats();  // read in place: 64-bit counts, little-endian
  const Batch& b = scratch.batch;
  const Field table[] = {
      {"scratchOffset", address(&scratch)},
      {"scratchBytes", std::uint32_t(sizeof scratch)},
      {"inputWindowOffset", address(scratch.input)},
      {"inputWindowBytes", std::uint32_t(input_window_bytes)},
      {"stackOffset", address(scratch.evaluator.stack_data())},
      {"stackBytes", std::uint32_t(mexe::Evaluator::stack_bytes)},
      {"frameBytes", std::uint32_t(sizeof(mexe::Frame))},
      {"maxDepth", mexe::Evaluator::max_depth},
      {"statsPeakDepth", address(&stats.peak_depth)},
      {"statsPeakStackBytes", address(&stats.peak_stack_bytes)},
      {"statsChunks", address(&stats.chunks)},
      {"statsInputBytes", address(&stats.input_bytes)},
      {"batchCapacity", std::uint32_t(batch_capacity)},
      {"batchLengths", address(b.lengths)},
      {"batchErrors", address(b.errors)},
      {"batchOffsets", address(b.offsets)},
      {"batchValues", address(b.values)},
  };
  static_assert(std::size(table) == std::size(fields));
  for (std::size_t i = 0; i < std::size(table); ++i) fields[i] = table[i];
  for (int i = 0; i < mexe::error_code_count; ++i) {
    auto code = mexe::ErrorCode(i);
    errors[i] = {mexe::error_code_name(code), mexe::error_message(code)};
  }
  description = {std::uint32_t(std::size(fields)), fields, std::uint32_t(std::size(errors)), errors};
  return &description;
}
