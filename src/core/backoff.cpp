#include "core/backoff.h"

#include <algorithm>
#include <cmath>

namespace examsite {

ReconnectBackoff::ReconnectBackoff(std::uint64_t seed) : m_rng(seed) {}

double ReconnectBackoff::nextDelay()
{
    const double base = std::min(kCap, std::ldexp(1.0, std::min(m_failures, 8)));
    ++m_failures;
    std::uniform_real_distribution<double> jitter(1.0 - kJitter, 1.0 + kJitter);
    return std::min(kCap, base * jitter(m_rng));
}

void ReconnectBackoff::connectionHeld(double seconds)
{
    if (seconds >= kStableAfter)
        m_failures = 0;
}

} // namespace examsite
