// Powers of ten that are exact doubles: m * 10^e with m <= 2^53 and |e| <= 22
// is then one correctly rounded operation (Clinger's fast path).
#pragma once

namespace mexe::detail {

inline constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace mexe::detail
