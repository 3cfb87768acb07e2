// Bech32 (BIP 173) as age uses it for age1... recipients and AGE-SECRET-KEY-1... identities: no
// length limit, original Bech32 checksum constant.
#pragma once

#include <optional>
#include <QByteArray>
#include <QString>

namespace examsite::ledger {

/// Encodes `data` under `hrp` (lower case; the caller upper-cases identities).
QString bech32Encode(const QString &hrp, QByteArrayView data);

struct Bech32Decoded
{
    QString hrp; ///< lower case
    QByteArray data;
};

/// Decodes a Bech32 string; rejects mixed case, bad characters, bad checksum and bad padding, and
/// says which in `error`.
std::optional<Bech32Decoded> bech32Decode(const QString &text, QString *error = nullptr);

} // namespace examsite::ledger
