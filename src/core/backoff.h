// Reconnect delays for a monitoring feed or the site server: 1, 2, 4, 8 s, then about 15 s for ever,
// each with jitter so sixteen cameras behind one failed switch (or twenty kiosks after a server restart)
// do not all knock again in the same instant.
#pragma once

#include <cstdint>
#include <random>

namespace examsite {

class ReconnectBackoff
{
public:
    explicit ReconnectBackoff(std::uint64_t seed = std::random_device{}());

    /// Seconds to wait before the next attempt; never gives up.
    double nextDelay();
    /// A connection held this long (>= 30 s) counts as stable: the next failure starts again at 1 s.
    void connectionHeld(double seconds);
    int failures() const { return m_failures; }

    static constexpr double kCap = 15.0;
    static constexpr double kStableAfter = 30.0;
    static constexpr double kJitter = 0.2; ///< +-20 %

private:
    int m_failures = 0;
    std::mt19937_64 m_rng;
};

} // namespace examsite
