// The evaluator's bulk fast path can be switched off, for the tests that hold
// it to the scalar state machine: with it off, every byte goes through the
// scalar machine. On by default; not thread-safe to switch while evaluating.
#pragma once

namespace mexe::detail {

void set_fast_path(bool enabled) noexcept;
bool fast_path_enabled() noexcept;

}  // namespace mexe::detail
