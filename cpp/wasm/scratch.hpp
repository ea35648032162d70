// The one static scratch region the module works in. JavaScript writes input
// bytes into `input` and reads results from `batch`; it learns every address
// and size here from mexe_describe() (describe.cpp), never from copies.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mexe/evaluator.hpp"

namespace mexe::wasm {

inline constexpr std::size_t input_window_bytes = 64 * 1024;
inline constexpr std::size_t batch_capacity = 512;  // items per evaluate_batch call

// Item i is lengths[i] bytes of the window, after item i-1; its result is
// values[i] or errors[i] at offsets[i]. One expression is a batch of one, and
// a stream's result is item 0 too. The stats are read from the evaluator.
struct Batch {
  std::uint32_t lengths[batch_capacity];
  std::uint32_t errors[batch_capacity];  // ErrorCode
  double offsets[batch_capacity];        // error offset within the item: exact to 2^53
  double values[batch_capacity];
};

struct Scratch {
  alignas(16) char input[input_window_bytes];
  Batch batch;
  Evaluator evaluator;  // holds the stack area
};

extern Scratch scratch;  // exports.cpp

// The memory is static data, then the stack (and no heap): the scratch region
// and everything else must leave room for the stack. Both sizes come from
// cpp/wasm/CMakeLists.txt, which gives the same numbers to the link.
inline constexpr std::size_t memory_bytes = MEXE_WASM_MEMORY_BYTES;
inline constexpr std::size_t stack_bytes = MEXE_WASM_STACK_BYTES;
// The rest of the static data: the linker's first 1 KiB, the tables, the
// error texts and the description (about 3 KiB today).
inline constexpr std::size_t other_static_bytes = 8 * 1024;
static_assert(memory_bytes % (64 * 1024) == 0, "linear memory comes in 64 KiB pages");
static_assert(sizeof(Scratch) + other_static_bytes + stack_bytes <= memory_bytes,
              "the scratch region and the stack do not fit in MEXE_WASM_MEMORY_BYTES (cpp/wasm/CMakeLists.txt)");

}  // namespace mexe::wasm
