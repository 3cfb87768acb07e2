// The verifier's trust file (docs/trust-file.md): which public keys the evaluation organisation
// trusts, for which role, and from when to when; plus how many distinct keys each role needs.
#pragma once

#include "ledger/minisign.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

namespace examsite::ledger {

struct TrustedKey
{
    QString role;
    MinisignPublicKey key;
    QDate validFrom;  ///< null: no lower bound
    QDate validUntil; ///< null: no upper bound (inclusive)
    QString label;
    int line = 0;

    bool validOn(const QDate &d) const
    {
        return (validFrom.isNull() || d >= validFrom) && (validUntil.isNull() || d <= validUntil);
    }
};

struct TrustFile
{
    QString path;
    QList<TrustedKey> keys;
    QMap<QString, int> required; ///< role -> minimum number of distinct keys

    /// Parses the trust file; throws Error(Input) with "PATH:LINE: problem (expected ...)".
    static TrustFile parse(QByteArrayView text, const QString &path);
    static TrustFile load(const QString &path);
    /// Trust file text for a set of keys (used by `examsite keys trust`).
    static QByteArray format(const QList<TrustedKey> &keys, const QMap<QString, int> &required);

    QList<TrustedKey> keysFor(const QString &role) const;
};

} // namespace examsite::ledger
