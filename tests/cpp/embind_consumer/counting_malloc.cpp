// The app's malloc and free: Emscripten's own allocator, counted. operator
// new comes here, and so does the embind glue's _malloc from JavaScript (its
// strings); calloc and realloc are not counted.
#include <emscripten/emmalloc.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "counting_malloc.hpp"

namespace {
std::atomic<std::uint32_t> allocations{0};
}

std::uint32_t allocation_count() noexcept { return allocations.load(std::memory_order_relaxed); }

extern "C" {

void* malloc(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return emscripten_builtin_malloc(size);
}

void free(void* p) { emscripten_builtin_free(p); }

}  // extern "C"
