#include "ledger/seatseed.h"

#include "ledger/sha256.h"

namespace examsite::ledger {

QString seatSeed(const QString &inputSha256Hex, const QString &publicValue)
{
    return QString::fromLatin1(
        sha256("examsite-seat-seed-v1\n" + inputSha256Hex.toLatin1() + '\n' + publicValue.toUtf8()).toHex());
}

} // namespace examsite::ledger
