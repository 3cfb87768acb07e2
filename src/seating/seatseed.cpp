#include "seating/seatseed.h"

#include "ledgerformat/sha256.h"

namespace examsite::seating {

QString seatSeed(const QString &inputSha256Hex, const QString &publicValue)
{
    return QString::fromLatin1(
        ledger::sha256("examsite-seat-seed-v1\n" + inputSha256Hex.toLatin1() + '\n' + publicValue.toUtf8())
            .toHex());
}

} // namespace examsite::seating
