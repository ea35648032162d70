// Clinger's fast path: a decimal m * 10^scale with m <= 2^53 and |scale| <=
// 22 is one correctly rounded operation, since m and 10^|scale| are then
// exact doubles. The one implementation: the scalar machine, the fast path
// and the host literal reader all read their short literals here.
#pragma once

#include <array>
#include <cstdint>

namespace mexe::detail {

constexpr int kClingerMaxScale = 22;  // 10^23 is not an exact double
constexpr std::uint64_t kClingerMaxMantissa = std::uint64_t(1) << 53;

inline constexpr double kPow10[kClingerMaxScale + 1] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// kPow10 after 22 ones: entry 22 + k is 10^k for 0 <= k <= 22 and 1 for
// -22 <= k < 0.
inline constexpr auto kPow10AfterOnes = [] {
  std::array<double, 2 * kClingerMaxScale + 1> t{};
  for (int i = 0; i <= 2 * kClingerMaxScale; ++i) t[i] = i < kClingerMaxScale ? 1.0 : kPow10[i - kClingerMaxScale];
  return t;
}();

inline bool clinger_scale_fits(std::int64_t scale) noexcept {
  return std::uint64_t(scale + kClingerMaxScale) <= 2 * kClingerMaxScale;
}
inline bool clinger_fits(std::uint64_t mantissa, std::int64_t scale) noexcept {
  return mantissa <= kClingerMaxMantissa && clinger_scale_fits(scale);
}
// Up to 15 digits, any mantissa fits: 10^15 < 2^53.
constexpr int kClingerSafeDigits = 15;
static_assert(999999999999999u <= kClingerMaxMantissa);

// m * 10^scale where clinger_fits(m, scale): one divide or multiply, and
// none for an integer. branch_free: a multiply and a divide, one of them by
// 1 (exact), for the fast path, whose scale signs input never seen before
// would mispredict. Always inlined, as if written in place: the scalar
// machine's block layout, which short inputs feel, was measured so.
template <bool branch_free = false>
[[gnu::always_inline]] inline double clinger(std::uint64_t mantissa, std::int64_t scale) noexcept {
  double value = double(std::int64_t(mantissa));  // signed: one instruction, exact up to 2^53
  if constexpr (branch_free) {
    value = value * kPow10AfterOnes[kClingerMaxScale + scale] / kPow10AfterOnes[kClingerMaxScale - scale];
  } else if (scale != 0) {
    value = scale < 0 ? value / kPow10[-scale] : value * kPow10[scale];
  }
  return value;
}

}  // namespace mexe::detail
