// The verifier's trust file (docs/trust-file.md): which public keys the evaluation organisation
// trusts, for which role and which site, and from when to when; plus how many distinct keys each role
// needs, which roles may share one key, and whose bundles the file is for (the organisation).
#pragma once

#include "ledger/minisign.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QSet>
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
    QString site; ///< the site code the key signs for; "*": any site (e.g. the organisation's evaluators)

    bool signsFor(const QString &siteCode) const
    {
        return site == u"*" || (!site.isEmpty() && site == siteCode);
    }

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
    QString organisation;        ///< bundles must be for this organisation code; empty: not checked
    /// Role pairs (sorted, "supervisor evaluator" -> "evaluator supervisor") whose signatures one key may
    /// give both; otherwise a key counts for one role only (the two-person rule).
    QSet<QString> shared;

    /// Parses the trust file; throws Error(Input) with "PATH:LINE: problem (expected ...)".
    static TrustFile parse(QByteArrayView text, const QString &path);
    static TrustFile load(const QString &path);
    /// Trust file text for a set of keys (used by `examsite keys trust`).
    static QByteArray format(const QList<TrustedKey> &keys, const QMap<QString, int> &required,
                             const QString &organisation = {});

    QList<TrustedKey> keysFor(const QString &role) const;
    bool mayShare(const QString &roleA, const QString &roleB) const;
    /// A site code as the trust file accepts it: 1..64 of A-Z a-z 0-9 . _ -
    static bool validSiteCode(const QString &code);
};

} // namespace examsite::ledger
