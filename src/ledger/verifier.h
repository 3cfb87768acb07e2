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

/// Streams the file: decrypts and unpacks it a chunk at a time, hashing every entry and keeping in memory
/// only the manifest, signatures, event log, checkpoints and reports (at most the caps below), so peak
/// memory does not grow with the evidence (docs/bundle-format.md §7 step 2). `name` (default: `path`)
/// is used in messages.
VerifyReport verifyBundle(const QString &path, const VerifyOptions &options, const QString &name = {});
/// Verifies bundle bytes already in memory (`name` is used in messages), the same way.
VerifyReport verifyBundleData(const QByteArray &bundle, const QString &name, const VerifyOptions &options);

/// What the verifier keeps of a bundle in memory, at most: manifest.json; each signature and
/// checkpoint note; the event log (anything under log/ other than checkpoints); each report (reports/);
/// and all of these together. An entry declaring more is refused from its tar header, before it is read.
inline constexpr qint64 kMaxManifestBytes = qint64(16) << 20;
inline constexpr qint64 kMaxNoteBytes = qint64(64) << 10;
inline constexpr qint64 kMaxLogBytes = qint64(128) << 20;
inline constexpr qint64 kMaxReportBytes = qint64(32) << 20;
inline constexpr qint64 kMaxKeptBytes = qint64(256) << 20;

} // namespace examsite::ledger
