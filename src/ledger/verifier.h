// The offline verifier (`examsite verify`): decrypts a bundle with the organisation's age identity
// and checks everything docs/bundle-format.md promises, reporting every failure with what and where.
#pragma once

#include "ledger/age.h"
#include "ledger/bundlecontributor.h"
#include "ledger/trustfile.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace examsite::ledger {

struct VerifyFailure
{
    QString check; ///< decrypt, archive, paths, manifest, signatures, files, log, checkpoints, time, counts,
                   ///< seats (and what other contributors add), state, setup
    QString where; ///< file, entry, record or line concerned
    QString message;
};

struct RoleCount
{
    int distinctKeys = 0;
    int required = 0;
};

struct VerifyReport
{
    QString file;
    QByteArray bundleSha256;
    QString site;
    QString session;
    qint64 counter = 0;
    quint64 events = 0;
    QByteArray root;
    int checkpoints = 0;
    int filesChecked = 0;
    QMap<QString, RoleCount> roles;
    QList<VerifyFailure> failures;
    QStringList warnings;
    bool stateUpdated = false;

    bool valid() const { return failures.isEmpty(); }
    QJsonObject toJson() const;
    QString toText() const;
};

struct VerifyOptions
{
    QList<AgeIdentity> identities;
    TrustFile trust;
    QString stateDir; ///< empty: no replay/rollback state
    /// Each domain's checks, counts, time windows and required roles (services: siteBundleContributors());
    /// without them every bundle fails: a verifier that checks no content must not say VALID.
    BundleContributors contributors;
};

VerifyReport verifyBundle(const QString &path, const VerifyOptions &options);
/// Verifies bundle bytes already in memory (`name` is used in messages).
VerifyReport verifyBundleData(const QByteArray &bundle, const QString &name, const VerifyOptions &options);

} // namespace examsite::ledger
