// Deterministic pseudo-random numbers (splitmix64), the same on every
// platform: the one generator of the native tests, fuzz targets and
// benchmarks, so that a seed names the same input everywhere.
#pragma once

#include <cstdint>

namespace mexe_tools {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }       // [0, n)
  int between(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); }  // [lo, hi]
  double uniform() { return double(next() >> 11) * 0x1p-53; }                   // [0, 1)

 private:
  std::uint64_t state_;
};

}  // namespace mexe_tools
