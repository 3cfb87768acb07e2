#include "upload/uploadstore.h"

#include "store/database.h"

namespace examsite::upload {

bool UploadStore::hasJob(const QString &sha256)
{
    Statement s(m_db, "SELECT 1 FROM upload_job WHERE bundle_sha256 = ?1");
    s.bind(1, sha256);
    return s.step();
}

void UploadStore::queue(const QString &sha256, const QString &absolutePath, qint64 size,
                        const QString &endpoint)
{
    m_db.cached("INSERT INTO upload_job (bundle_sha256, path, size, endpoint, created_at, updated_at) VALUES "
                "(?1, ?2, ?3, ?4, ?5, ?5) "
                "ON CONFLICT (bundle_sha256) DO UPDATE SET path = excluded.path, endpoint = "
                "excluded.endpoint, next_attempt_ms = 0, "
                "updated_at = excluded.updated_at WHERE upload_job.state IN ('queued', 'uploading')")
        .bind(1, sha256)
        .bind(2, absolutePath)
        .bind(3, size)
        .bind(4, endpoint)
        .bind(5, utcNow())
        .exec();
}

QList<UploadJob> UploadStore::jobs()
{
    QList<UploadJob> out;
    Statement s(
        m_db,
        "SELECT bundle_sha256, path, size, endpoint, state, confirmed_bytes, attempts, next_attempt_ms, "
        "ifnull(last_error, ''), ifnull(receipt, '') FROM upload_job ORDER BY created_at, bundle_sha256");
    while (s.step())
        out.append({s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4), s.int64(5), int(s.int64(6)),
                    s.int64(7), s.text(8), s.text(9)});
    return out;
}

std::optional<qint64> UploadStore::nextAttemptMs()
{
    Statement s(m_db, "SELECT min(next_attempt_ms) FROM upload_job WHERE state IN ('queued', 'uploading')");
    if (!s.step() || s.isNull(0))
        return std::nullopt;
    return s.int64(0);
}

void UploadStore::markRetry(const QString &sha256, int attempts, qint64 nextAttemptMs, const QString &error)
{
    m_db.cached("UPDATE upload_job SET state = 'uploading', attempts = ?2, next_attempt_ms = ?3, "
                "last_error = ?4, updated_at = ?5 "
                "WHERE bundle_sha256 = ?1")
        .bind(1, sha256)
        .bind(2, attempts)
        .bind(3, nextAttemptMs)
        .bind(4, error)
        .bind(5, utcNow())
        .exec();
}

void UploadStore::markConfirmed(const QString &sha256, qint64 bytes)
{
    m_db.cached("UPDATE upload_job SET state = 'uploading', confirmed_bytes = ?2, updated_at = ?3 "
                "WHERE bundle_sha256 = ?1")
        .bind(1, sha256)
        .bind(2, bytes)
        .bind(3, utcNow())
        .exec();
}

void UploadStore::markRejected(const QString &sha256, const QString &error)
{
    m_db.cached("UPDATE upload_job SET state = 'rejected', last_error = ?2, updated_at = ?3 WHERE "
                "bundle_sha256 = ?1")
        .bind(1, sha256)
        .bind(2, error)
        .bind(3, utcNow())
        .exec();
}

void UploadStore::markDone(const QString &sha256, const QString &receipt)
{
    m_db.cached("UPDATE upload_job SET state = 'done', confirmed_bytes = size, receipt = ?2, last_error = "
                "NULL, updated_at = ?3 "
                "WHERE bundle_sha256 = ?1")
        .bind(1, sha256)
        .bind(2, receipt)
        .bind(3, utcNow())
        .exec();
}

qint64 UploadStore::sessionOfBundle(const QString &sha256)
{
    Statement s(m_db, "SELECT session_id FROM sealed_bundle WHERE sha256 = ?1");
    s.bind(1, sha256);
    return s.step() ? s.int64(0) : 0;
}

bool UploadStore::moveSession(qint64 sessionId, SessionStatus from, SessionStatus to)
{
    m_db.cached("UPDATE exam_session SET status = ?3 WHERE id = ?1 AND status = ?2")
        .bind(1, sessionId)
        .bind(2, statusName(from))
        .bind(3, statusName(to))
        .exec();
    return m_db.changes() > 0;
}

} // namespace examsite::upload
