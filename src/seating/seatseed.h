// The seat allocation's seed commitment (docs/seating.md, "Seed commitment"): used by the seating
// code that draws the seed and by SeatingBundle, which re-derives it from the log when a bundle is verified.
#pragma once

#include <QString>

namespace examsite::seating {

/// Lower-case hex SHA-256("examsite-seat-seed-v1\n" || INPUT_SHA256_HEX || "\n" || PUBLIC_VALUE as UTF-8).
QString seatSeed(const QString &inputSha256Hex, const QString &publicValue);

} // namespace examsite::seating
