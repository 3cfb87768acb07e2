// The allocation's only source of randomness: xoshiro256** keyed by SHA-256 of the seed, with bounded
// draws by rejection. Specified bit for bit in docs/seating.md so the same seed gives the same plan on
// any machine (std::shuffle and std::uniform_int_distribution differ between standard libraries).
#pragma once

#include <cstdint>
#include <QByteArray>
#include <QCryptographicHash>
#include <utility>
#include <vector>

namespace examsite::seating {

class SeatRandom
{
public:
    /// State: the four little-endian 64-bit words of SHA-256("examsite-seat-prng-v1" || seed || label).
    /// `label` derives independent streams from one seed.
    explicit SeatRandom(const QByteArray &seed, const QByteArray &label = {})
    {
        const QByteArray key =
            QCryptographicHash::hash("examsite-seat-prng-v1" + seed + label, QCryptographicHash::Sha256);
        for (int i = 0; i < 4; ++i) {
            uint64_t w = 0;
            for (int b = 7; b >= 0; --b)
                w = (w << 8) | uint8_t(key[i * 8 + b]);
            m_s[i] = w;
        }
        if ((m_s[0] | m_s[1] | m_s[2] | m_s[3]) == 0)
            m_s[0] = 1; // the all-zero state is the one xoshiro cannot leave
    }

    uint64_t next()
    {
        const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, n), n > 0: x % n of a 64-bit draw x, redrawing while x falls in the last
    /// (2^64 mod n) values so every residue is equally likely.
    uint64_t below(uint64_t n)
    {
        const uint64_t excess = (UINT64_MAX % n + 1) % n; // 2^64 mod n
        for (;;) {
            const uint64_t x = next();
            if (excess == 0 || x < 0 - excess)
                return x % n;
        }
    }

    /// Fisher-Yates from the back: for i = n-1 down to 1, swap v[i] with v[below(i+1)].
    template <typename T> void shuffle(std::vector<T> &v)
    {
        for (size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[size_t(below(i))]);
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_s[4];
};

} // namespace examsite::seating
