// How many times malloc has been called in this module (counting_malloc.cpp).
#pragma once

#include <cstdint>

std::uint32_t allocation_count() noexcept;
