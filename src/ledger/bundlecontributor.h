// What one domain puts into a sealed bundle and how a verifier checks it (docs/bundle-format.md).
// The sealer and the verifier know the bundle's frame (manifest, signatures, log, checkpoints, files,
// replay state); everything about a domain's evidence (its reports, pictures, manifest counts, the
// signing roles its content needs, its exam-time windows and its checks) comes from its contributor, so
// a new kind of evidence is a new contributor in its own domain, not a change to the sealer or verifier.
// The site's list is composed in one place (services: siteBundleContributors()).
#pragma once

#include "core/error.h"
#include "ledgerformat/ledgerrecord.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace examsite {
class BlobByKey;
class Database;
} // namespace examsite

namespace examsite::ledger {

/// A kind of picture kept encrypted with the site key in a domain's table; the bundle carries the
/// pictures themselves as `<prefix><number, zero-padded to digits>.<jpg|png|bin>`. Both reads are the
/// domain store's (its SQL); the sealer only calls them.
struct EvidenceKind
{
    /// The session's pictures as (key, number in the file name), in bundle order.
    std::function<QList<std::pair<qint64, qint64>>(Database &db, qint64 sessionId)> list;
    /// Reads the sealed pictures by key on `conn`, prepared once (one per connection of the seal).
    std::function<std::unique_ptr<BlobByKey>(Database &conn)> reader;
    QString prefix; ///< e.g. "evidence/checkin-"
    int digits = 6;
    QString countKey; ///< the manifest count of these pictures, e.g. "snapshots"
};

/// What a contributor gives the sealer for one session.
struct BundlePart
{
    QMap<QString, QByteArray> reports; ///< file name under reports/ -> bytes
    QJsonObject counts;                ///< merged into the manifest's `counts`
};

/// How far around the exam's scheduled start and end events of a type may lie.
struct EventWindow
{
    QString typePrefix; ///< e.g. "checkin."
    qint64 beforeStartMs = 0;
    qint64 afterEndMs = 0;
};

/// The bundle's event log for a contributor's checks: its bytes, decoded again on each pass, so that a
/// long log costs its own size in memory and never a decoded copy (docs/security.md, verifier memory).
/// Records that do not decode are skipped: the verifier has failed them already.
class BundleLog
{
public:
    /// A log of at most this many bytes is decoded once, on the first walk, and
    /// kept decoded (a few times its size in memory) for the walks after it: the contributors walk it six
    /// times. A larger one is decoded on every walk, in constant memory.
    static constexpr qsizetype kKeptDecodedBytes = qsizetype(24) << 20;

    explicit BundleLog(QByteArrayView bytes) : m_bytes(bytes) {}
    /// Calls `visit` with each record, in log order (not thread-safe: one walk at a time).
    void forEach(const std::function<void(const LedgerRecord &)> &visit) const;
    /// Decodes a log that is kept decoded now rather than on the first walk (the seal does it while its
    /// other thread is still busy).
    void decode() const;

private:
    QByteArrayView m_bytes;
    mutable std::optional<std::vector<LedgerRecord>> m_decoded;
};

/// The bundle as the verifier has read it, for a contributor's checks.
struct BundleContent
{
    const QJsonObject &manifest;
    const QJsonObject &counts; ///< manifest.counts
    const BundleLog &log;
    const QMap<QString, QByteArray> &files; ///< path -> bytes, every file of the bundle
    QString logFile;                        ///< where records are, for messages
    /// path -> SHA-256 (32 bytes) of every file, the verifier's while it streams (it keeps no pictures'
    /// bytes); null: computed from `files`.
    const QMap<QString, QByteArray> *digests = nullptr;

    /// The SHA-256 (32 bytes) of the file at `path`.
    QByteArray digestOf(const QString &path) const;
};

/// Someone who must sign a session's bundle: a role, and for per-person keys the account's name and,
/// when the site knows it (an evaluator's signed score sheet), the key id that must sign.
struct RequiredSigner
{
    QString role;
    QString name;      ///< the account (evaluator username); empty: anyone holding a trusted key of the role
    QString keyId;     ///< minisign key id, 16 hex digits as minisign prints it; empty: not known
    QString publicKey; ///< that key's base64 minisign public key, when known
    QString why;       ///< for messages: which content needs this signer
};

/// What a contributor's checks found.
class BundleFindings
{
public:
    virtual ~BundleFindings() = default;
    /// A failed check: `check` groups it (e.g. "counts", "seats"), `where` names file, record or line.
    virtual void fail(const QString &check, const QString &where, const QString &message) = 0;
    /// The content needs a signature of `role` (e.g. evaluator for scores), whatever the manifest says.
    virtual void requireRole(const QString &role, const QString &because) = 0;
    /// The content needs `count` distinct keys of `role` (e.g. one per evaluator whose scores it holds).
    virtual void requireSigners(const QString &role, int count, const QString &because) = 0;
    /// The content needs a signature of `role` by this key (e.g. the key that signed an evaluator's score
    /// sheet); `keyIdHex` as minisign prints it.
    virtual void requireKey(const QString &role, const QString &keyIdHex, const QString &because) = 0;
    /// `signature` (minisign text) over `text`, which the contributor rebuilt from the bundle (e.g. an
    /// evaluator's score sheet from the log's entries), must verify with the trust file's key of `role`
    /// with this id; `where` names it in messages.
    virtual void requireSignature(const QString &role, const QString &keyIdHex, const QByteArray &text,
                                  const QByteArray &signature, const QString &where) = 0;
    /// Checks the manifest count `key` against `actual`, what the files or the log hold (failing when it
    /// is missing, not a whole number, or different); the verifier fails counts nobody checked.
    virtual void checkCount(const QString &key, qint64 actual, const QString &heldBy) = 0;
};

class BundleContributor
{
public:
    virtual ~BundleContributor() = default;
    /// For messages: "check-in", "operations", ...
    virtual QString name() const = 0;

    // Sealing. requiredRoles() is asked first, on the sealing connection, before anything is written:
    // the signing roles this session's content needs besides terminal and supervisor (the evaluator for
    // scores). seal() runs on a connection of its own (the seal's helper thread).
    virtual QStringList requiredRoles(Database &, qint64) const { return {}; }
    /// Who must sign, one entry per person: by default one unnamed signer per requiredRoles() role; a
    /// domain with per-person signers (each evaluator whose scores are in the bundle) names them.
    virtual QList<RequiredSigner> requiredSigners(Database &db, qint64 sessionId) const;
    /// What must be finished before the session is sealed (asked first, like requiredRoles): each a
    /// translatable sentence saying what and how to finish it; none by default. A sealed session's
    /// record changes only by addenda, so what is left open here would stay open.
    virtual QList<Message> unfinished(Database &, qint64) const { return {}; }
    virtual BundlePart seal(Database &db, qint64 sessionId) const = 0;
    virtual QList<EvidenceKind> evidence() const { return {}; }

    // Verifying, offline, from the bundle alone.
    virtual QList<EventWindow> windows() const { return {}; }
    virtual void verify(const BundleContent &bundle, BundleFindings &findings) const = 0;
};

using BundleContributors = std::vector<std::shared_ptr<const BundleContributor>>;

/// Bundle files whose path starts with `prefix` (evidence of one kind), counted.
int countFiles(const QMap<QString, QByteArray> &files, const QString &prefix);
/// Each file under `prefix` must be named PREFIX + its number in `digits` digits + "." + extension, the
/// number one of `logged` (the ids or record numbers of the log's events that have a picture) and no
/// other file's; otherwise a failure under "files" naming the file and `what` it should belong to. So
/// evidence cannot be added beside the log's records nor moved from one record to another by renaming
/// (an auditor's review, 2026-12-07). A file whose record's event logged its SHA-256 (`digests`, hex;
/// events from 2026-12-07 on) must hold exactly those bytes: a check-in's picture replaced in the
/// database by the candidate's registered photo used to verify (walkthrough 2026-12-07).
void checkEvidenceNames(const BundleContent &b, const QString &prefix, int digits, const QSet<qint64> &logged,
                        const QString &what, BundleFindings &f, const QHash<qint64, QString> &digests = {});
/// The hex SHA-256 an event records of its picture (`snapshot_sha256`, `evidence_sha256`).
QString pictureDigest(const QByteArray &picture);
/// The data rows of a CSV report the seal wrote (RFC 4180: quoted commas, quotes and line breaks; the
/// header and a leading BOM dropped; each cell without the ' the seal puts before = + - @); nullopt
/// when the file is missing.
std::optional<QList<QStringList>> csvDataRows(const QMap<QString, QByteArray> &files, const QString &path);
/// One CSV row as the seal writes it (core/csv.h), as bytes.
QByteArray csvLine(const QStringList &cells);

} // namespace examsite::ledger
