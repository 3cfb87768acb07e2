// The ledger's tables in the store: each log's state (size, Merkle frontier, last checkpoint), the
// signed checkpoints, the event records as the ledger reads them back, the sealed bundles' chain, and
// the seal's bulk reads. Only data access: what to
// sign, when, and what a bundle holds stay with Ledger and sealSession.
#pragma once

#include <memory>
#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>
#include <vector>

namespace examsite {
class Database;
} // namespace examsite

namespace examsite::ledger {

struct StoredCheckpoint
{
    qint64 logId = 0;
    quint64 size = 0;
    QByteArray root;
    QByteArray note;
    QString reason;
};

/// A log's state row (ledger_log).
struct LogState
{
    quint64 size = 0;
    QByteArray frontier; ///< CompactRange hashes
    quint64 checkpointSize = 0;
};

/// One event as the ledger's self-check reads it.
struct StoredRecord
{
    qint64 seq = 0;    ///< event.seq
    qint64 logSeq = 0; ///< its place in its log
    QByteArray record;
    QByteArray leafHash;
};

/// The session, certificate, organisation and site a sealed bundle's manifest names.
struct SealSubject
{
    qint64 sessionId = 0;
    QString code, date, start, end, lateCutoff, status;
    QString certificate, level;
    QString organisationCode, organisationName;
    QString siteCode, siteName;
    QByteArray timeZone; ///< the site's (SiteStore::ensureSite), empty: local time
};

/// One row of the site's chain of sealed bundles.
struct SealedBundleRecord
{
    qint64 counter = 0;
    qint64 sessionId = 0;
    QString sha256;         ///< hex
    QString previousSha256; ///< hex, empty for the first
    QString path;           ///< absolute
    qint64 size = 0;
    qint64 treeSize = 0;
    QString sealedAt;
};

class LedgerStore
{
public:
    explicit LedgerStore(Database &db) : m_db(db) {}

    /// (checkpoint_size, checkpoint_ms) of the log; (0, 0) when it has no state yet.
    std::pair<qint64, qint64> checkpointMark(qint64 logId);
    std::optional<LogState> logState(qint64 logId);
    /// The logs with events no checkpoint covers whose last checkpoint is at least `everyMs` before `nowMs`.
    QList<qint64> logsDue(qint64 nowMs, qint64 everyMs);
    QList<qint64> logIds();
    quint64 size(qint64 logId);
    /// Stores a checkpoint (a second one of the same size is ignored) and moves the log's mark to it.
    void addCheckpoint(const StoredCheckpoint &c, const QString &createdAt, qint64 createdMs);
    QList<StoredCheckpoint> checkpoints(qint64 logId);
    /// Record bytes of a log in order.
    QList<QByteArray> records(qint64 logId);
    QList<StoredRecord> storedRecords(qint64 logId);
    /// The types of log `logId`'s events after its first `position`, in log order.
    QStringList typesAfter(qint64 logId, qint64 position);

    /// The first site's code, if the site is set up.
    std::optional<QString> siteCode();
    std::optional<QString> sessionCode(qint64 sessionId);

    // Sealing.
    std::optional<SealSubject> sealSubject(const QString &sessionCode);
    /// The counter of the sealed bundle recorded at `absolutePath`, if any.
    std::optional<qint64> bundleAt(const QString &absolutePath);
    /// The newest sealed bundle's (counter, sha256 hex).
    std::optional<std::pair<qint64, QString>> lastBundle();
    /// (log position, payload JSON) of the session's events of `type`, in log order.
    QList<std::pair<qint64, QByteArray>> sessionEvents(qint64 sessionId, const QString &type);
    /// SHA-256 (hex) of the bundles the organisation rejected (the site log's upload.rejected events).
    QStringList rejectedBundles();
    /// Records a sealed bundle and marks its session sealed.
    void recordSealed(const SealedBundleRecord &b);
    /// Readies `conn` for reading every picture of a session (memory-mapped rather than page by page).
    static void prepareBulkReads(Database &conn);

private:
    Database &m_db;
};

} // namespace examsite::ledger
