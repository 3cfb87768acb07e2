// The upload queue in the store (table upload_job) and the session moves an upload causes: the rows the
// Uploader reads and writes, without its rules (when to retry, what a receipt must prove).
#pragma once

#include "core/policy.h"

#include <optional>
#include <QList>
#include <QString>

namespace examsite {
class Database;
} // namespace examsite

namespace examsite::upload {

struct UploadJob
{
    QString sha256;
    QString path;
    qint64 size = 0;
    QString endpoint;
    QString state; ///< queued, uploading, done, rejected
    qint64 confirmedBytes = 0;
    int attempts = 0;
    qint64 nextAttemptMs = 0;
    QString lastError;
    QString receipt;
};

class UploadStore
{
public:
    explicit UploadStore(Database &db) : m_db(db) {}

    bool hasJob(const QString &sha256);
    /// Adds a queued job, or updates the path and endpoint of a waiting (queued or uploading) one and
    /// makes it due now; a done or rejected job is left alone.
    void queue(const QString &sha256, const QString &absolutePath, qint64 size, const QString &endpoint);
    /// Every job, oldest first.
    QList<UploadJob> jobs();
    /// The earliest next attempt of the waiting jobs; none when nothing waits.
    std::optional<qint64> nextAttemptMs();
    /// A failed attempt: uploading, with its count, when to try again and why it failed.
    void markRetry(const QString &sha256, int attempts, qint64 nextAttemptMs, const QString &error);
    /// The receiver holds `bytes` of the bundle.
    void markConfirmed(const QString &sha256, qint64 bytes);
    void markRejected(const QString &sha256, const QString &error);
    /// Delivered with the organisation's receipt (receipt, newline, signature).
    void markDone(const QString &sha256, const QString &receipt);

    /// The session a bundle sealed here belongs to, 0 for a bundle sealed elsewhere.
    qint64 sessionOfBundle(const QString &sha256);
    /// Moves the session from `from` to `to`; false (and nothing changes) when it is not in `from`.
    bool moveSession(qint64 sessionId, SessionStatus from, SessionStatus to);

private:
    Database &m_db;
};

} // namespace examsite::upload
