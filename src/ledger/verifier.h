// The offline verifier (`examsite verify`): decrypts a bundle with the organisation's age identity
// and checks everything docs/bundle-format.md promises, reporting every failure with what and where.
#pragma once

#include "ledger/addendum.h"
#include "ledger/age.h"
#include "ledger/bundlecontributor.h"
#include "ledger/trustfile.h"

#include <functional>
#include <optional>
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

/// One event an addendum bundle adds to the log of the bundle it extends.
struct AddendumChange
{
    quint64 seq = 0;
    QString type, actor, at;
    QString detail; ///< a session.addendum's text; otherwise the payload, shortened
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
    /// An addendum bundle's place in its chain (manifest "addendum"), and the events it adds to the log
    /// of the bundle it extends (the first kMaxListedChanges of changeCount).
    std::optional<AddendumLink> addendum;
    QList<AddendumChange> changes;
    qint64 changeCount = 0;
    /// The bundle's evidence/ files as its manifest lists them: path -> SHA-256 (hex). The intake keeps
    /// them with the session's accepted log, so a session sealed again cannot swap them.
    QMap<QString, QString> evidence;

    bool valid() const { return failures.isEmpty(); }
    QJsonObject toJson() const;
    QString toText() const;
};

/// The log of the bundle of a session accepted before (an intake's record): a later full bundle of the
/// same session (a re-seal) must continue it, never replace it.
struct AcceptedLog
{
    QString bundleSha256; ///< hex
    quint64 events = 0;
    QByteArray root; ///< 32 bytes
    /// The evidence/ files accepted for the session (path -> SHA-256 hex); empty when not kept. A bundle
    /// naming one of them holds the same bytes under that name.
    QMap<QString, QString> evidence;
};

struct VerifyOptions
{
    QList<AgeIdentity> identities;
    TrustFile trust;
    QString stateDir; ///< empty: no replay/rollback state
    /// Each domain's checks, counts, time windows and required roles (services: siteBundleContributors());
    /// without them every bundle fails: a verifier that checks no content must not say VALID.
    BundleContributors contributors;
    /// The log accepted before for the bundle's site and session, if any (asked once the manifest names
    /// them): the bundle's first `events` records must have that root, a full bundle's and an addendum's.
    std::function<std::optional<AcceptedLog>(const QString &site, const QString &session)> acceptedLog;
};

/// Streams the file: decrypts and unpacks it a chunk at a time, hashing every entry and keeping in memory
/// only the manifest, signatures, event log, checkpoints and reports (at most the caps below), so peak
/// memory does not grow with the evidence (docs/bundle-format.md §7 step 2). `name` (default: `path`)
/// is used in messages.
VerifyReport verifyBundle(const QString &path, const VerifyOptions &options, const QString &name = {});
/// Verifies bundle bytes already in memory (`name` is used in messages), the same way.
VerifyReport verifyBundleData(const QByteArray &bundle, const QString &name, const VerifyOptions &options);

/// Checks that `reports` (each already verified alone) form one chain: the first an original bundle,
/// then its addenda in order, each naming the original and extending the one before it (its log's first
/// records are that bundle's log: same count, same Merkle root), all of one site and session. Failures
/// have check "chain" and name the file.
QList<VerifyFailure> verifyChain(const QList<VerifyReport> &reports);

/// How many of an addendum's added events a report lists.
inline constexpr int kMaxListedChanges = 1000;

/// What the verifier keeps of a bundle in memory, at most: manifest.json; each signature and
/// checkpoint note; the event log (anything under log/ other than checkpoints); each report (reports/);
/// and all of these together. An entry declaring more is refused from its tar header, before it is read.
inline constexpr qint64 kMaxManifestBytes = qint64(16) << 20;
inline constexpr qint64 kMaxNoteBytes = qint64(64) << 10;
inline constexpr qint64 kMaxLogBytes = qint64(128) << 20;
inline constexpr qint64 kMaxReportBytes = qint64(32) << 20;
inline constexpr qint64 kMaxKeptBytes = qint64(256) << 20;

} // namespace examsite::ledger
