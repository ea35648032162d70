// The module's allocator entry points. The module has no heap (-sMALLOC=none):
// nothing in it allocates, start-up included, so every request is counted
// (this is what stats.heapAllocations measures) and fails.
#include <cerrno>
#include <cstddef>
#include <cstdint>

extern "C" {

static std::uint32_t allocations = 0;

std::uint32_t allocation_count() noexcept { return allocations; }

void* malloc(std::size_t) {
  ++allocations;
  return nullptr;
}

void* calloc(std::size_t, std::size_t) { return malloc(0); }
void* realloc(void*, std::size_t) { return malloc(0); }
void* memalign(std::size_t, std::size_t) { return malloc(0); }
void* aligned_alloc(std::size_t, std::size_t) { return malloc(0); }

int posix_memalign(void** ptr, std::size_t, std::size_t) {
  *ptr = malloc(0);
  return ENOMEM;
}

void free(void*) {}

}  // extern "C"
