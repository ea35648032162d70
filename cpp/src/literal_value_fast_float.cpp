// literal_value by fast_float: the native library's reader.
#include <fast_float/fast_float.h>

#include "mexe/detail/literal_buffer.hpp"

namespace mexe::detail {

[[gnu::noinline]] double literal_value(const char* first, const char* last) noexcept {
  double value = 0;
  fast_float::from_chars(first, last, value);
  return value;
}

}  // namespace mexe::detail
