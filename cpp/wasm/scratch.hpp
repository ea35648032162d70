// The one static scratch region the module works in. JavaScript writes input
// bytes into `input` and reads results from `status` and `batch`; it learns
// every address and size here from layout() (bindings.cpp), never from copies.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mexe/evaluator.hpp"

namespace mexe::wasm {

inline constexpr std::size_t input_window_bytes = 64 * 1024;
inline constexpr std::size_t batch_capacity = 512;  // items per evaluate_batch call

// What the last call left for JavaScript (its ErrorCode is the call's return
// value; its stats are read from the evaluator). The offset is a double:
// exact to 2^53.
struct Status {
  double value;
  double error_offset;
};

// evaluateMany: item i is lengths[i] bytes of the window, after item i-1.
struct Batch {
  std::uint32_t lengths[batch_capacity];
  std::uint32_t errors[batch_capacity];   // ErrorCode
  std::uint32_t offsets[batch_capacity];  // error offset within the item
  double values[batch_capacity];
};

struct Scratch {
  alignas(16) char input[input_window_bytes];
  Status status;
  Batch batch;
  Evaluator evaluator;  // holds the stack area
};

}  // namespace mexe::wasm
