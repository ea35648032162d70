// The module's allocator entry points, counting every allocation: this is
// what stats.heapAllocations measures (the JS glue's _malloc lands here too).
// They forward to emmalloc; free is emmalloc's own.
#include <emscripten/emmalloc.h>

#include <cstddef>
#include <cstdint>

extern "C" {

void* emmalloc_calloc(std::size_t count, std::size_t size);
void* emmalloc_realloc(void* ptr, std::size_t size);
int emmalloc_posix_memalign(void** ptr, std::size_t alignment, std::size_t size);

static std::uint32_t allocations = 0;

std::uint32_t allocation_count() noexcept { return allocations; }

void* malloc(std::size_t size) {
  ++allocations;
  return emmalloc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size) {
  ++allocations;
  return emmalloc_calloc(count, size);
}

void* realloc(void* ptr, std::size_t size) {
  ++allocations;
  return emmalloc_realloc(ptr, size);
}

void* memalign(std::size_t alignment, std::size_t size) {
  ++allocations;
  return emmalloc_memalign(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) {
  ++allocations;
  return emmalloc_memalign(alignment, size);
}

int posix_memalign(void** ptr, std::size_t alignment, std::size_t size) {
  ++allocations;
  return emmalloc_posix_memalign(ptr, alignment, size);
}

}  // extern "C"
