#include "ledger/ledgerstore.h"

#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace examsite::ledger {

std::pair<qint64, qint64> LedgerStore::checkpointMark(qint64 logId)
{
    Statement &s = m_db.cached("SELECT checkpoint_size, checkpoint_ms FROM ledger_log WHERE session_id = ?1");
    s.bind(1, logId);
    qint64 lastSize = 0, lastMs = 0;
    if (s.step()) {
        lastSize = s.int64(0);
        lastMs = s.int64(1);
    }
    s.reset();
    return {lastSize, lastMs};
}

std::optional<LogState> LedgerStore::logState(qint64 logId)
{
    m_db.flushPending(); // the state an open transaction keeps (EventStore)
    Statement &s =
        m_db.cached("SELECT size, frontier, checkpoint_size FROM ledger_log WHERE session_id = ?1");
    s.bind(1, logId);
    if (!s.step()) {
        s.reset();
        return std::nullopt;
    }
    LogState st{quint64(s.int64(0)), s.blob(1), quint64(s.int64(2))};
    s.reset();
    return st;
}

QList<qint64> LedgerStore::logsDue(qint64 nowMs, qint64 everyMs)
{
    m_db.flushPending(); // the state an open transaction keeps (EventStore)
    QList<qint64> due;
    Statement &s = m_db.cached(
        "SELECT session_id FROM ledger_log WHERE size > checkpoint_size AND ?1 - checkpoint_ms >= ?2");
    s.bind(1, nowMs).bind(2, everyMs);
    while (s.step())
        due.append(s.int64(0));
    s.reset();
    return due;
}

QList<qint64> LedgerStore::logIds()
{
    m_db.flushPending(); // the state an open transaction keeps (EventStore)
    QList<qint64> out;
    Statement &s = m_db.cached("SELECT session_id FROM ledger_log ORDER BY session_id");
    while (s.step())
        out.append(s.int64(0));
    s.reset();
    return out;
}

quint64 LedgerStore::size(qint64 logId)
{
    m_db.flushPending(); // the state an open transaction keeps (EventStore)
    Statement &s = m_db.cached("SELECT size FROM ledger_log WHERE session_id = ?1");
    s.bind(1, logId);
    const quint64 n = s.step() ? quint64(s.int64(0)) : 0;
    s.reset();
    return n;
}

void LedgerStore::addCheckpoint(const StoredCheckpoint &c, const QString &createdAt, qint64 createdMs)
{
    m_db.flushPending();
    m_db.cached("INSERT INTO ledger_checkpoint (session_id, tree_size, root, note, reason, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (session_id, tree_size) DO NOTHING")
        .bind(1, c.logId)
        .bind(2, qint64(c.size))
        .bind(3, c.root)
        .bind(4, QString::fromUtf8(c.note))
        .bind(5, c.reason)
        .bind(6, createdAt)
        .exec();
    m_db.cached("UPDATE ledger_log SET checkpoint_size = ?2, checkpoint_ms = ?3 WHERE session_id = ?1")
        .bind(1, c.logId)
        .bind(2, qint64(c.size))
        .bind(3, createdMs)
        .exec();
}

QList<StoredCheckpoint> LedgerStore::checkpoints(qint64 logId)
{
    QList<StoredCheckpoint> out;
    Statement &s = m_db.cached("SELECT tree_size, root, note, reason FROM ledger_checkpoint WHERE session_id "
                               "= ?1 ORDER BY tree_size");
    s.bind(1, logId);
    while (s.step())
        out.append({logId, quint64(s.int64(0)), s.blob(1), s.text(2).toUtf8(), s.text(3)});
    s.reset();
    return out;
}

QList<QByteArray> LedgerStore::records(qint64 logId)
{
    QList<QByteArray> out;
    Statement &s = m_db.cached("SELECT record FROM event WHERE ifnull(session_id, 0) = ?1 ORDER BY log_seq");
    s.bind(1, logId);
    while (s.step())
        out.append(s.blob(0));
    s.reset();
    return out;
}

QStringList LedgerStore::typesAfter(qint64 logId, qint64 position)
{
    QStringList out;
    Statement &s = m_db.cached(
        "SELECT type FROM event WHERE ifnull(session_id, 0) = ?1 AND log_seq > ?2 ORDER BY log_seq");
    s.bind(1, logId).bind(2, position);
    while (s.step())
        out.append(s.text(0));
    s.reset();
    return out;
}

QList<StoredRecord> LedgerStore::storedRecords(qint64 logId)
{
    QList<StoredRecord> out;
    Statement &s = m_db.cached("SELECT seq, log_seq, record, leaf_hash FROM event WHERE ifnull(session_id, "
                               "0) = ?1 ORDER BY log_seq");
    s.bind(1, logId);
    while (s.step())
        out.append({s.int64(0), s.int64(1), s.blob(2), s.blob(3)});
    s.reset();
    return out;
}

std::optional<QString> LedgerStore::siteCode()
{
    Statement &s = m_db.cached("SELECT code FROM site ORDER BY id LIMIT 1");
    std::optional<QString> out;
    if (s.step())
        out = s.text(0);
    s.reset();
    return out;
}

std::optional<QString> LedgerStore::sessionCode(qint64 sessionId)
{
    Statement &s = m_db.cached("SELECT code FROM exam_session WHERE id = ?1");
    s.bind(1, sessionId);
    std::optional<QString> out;
    if (s.step())
        out = s.text(0);
    s.reset();
    return out;
}

std::optional<SealSubject> LedgerStore::sealSubject(const QString &sessionCode)
{
    Statement s(m_db, "SELECT es.id, es.code, es.exam_date, es.starts_at, es.ends_at, es.late_cutoff, "
                      "es.status, c.name, c.level, "
                      "o.code, o.name, si.code, si.name, si.time_zone FROM exam_session es JOIN "
                      "certificate c ON c.id = "
                      "es.certificate_id "
                      "JOIN organisation o ON o.id = c.organisation_id JOIN site si ON si.id = es.site_id "
                      "WHERE es.code = ?1");
    s.bind(1, sessionCode);
    if (!s.step())
        return std::nullopt;
    return SealSubject{
        s.int64(0), s.text(1), s.text(2), s.text(3),  s.text(4),  s.text(5),  s.text(6),
        s.text(7),  s.text(8), s.text(9), s.text(10), s.text(11), s.text(12), s.text(13).toLatin1()};
}

std::optional<qint64> LedgerStore::bundleAt(const QString &absolutePath)
{
    Statement b(m_db, "SELECT counter FROM sealed_bundle WHERE path = ?1");
    b.bind(1, absolutePath);
    if (!b.step())
        return std::nullopt;
    return b.int64(0);
}

std::optional<std::pair<qint64, QString>> LedgerStore::lastBundle()
{
    Statement b(m_db, "SELECT counter, sha256 FROM sealed_bundle ORDER BY counter DESC LIMIT 1");
    if (!b.step())
        return std::nullopt;
    return std::make_pair(b.int64(0), b.text(1));
}

QList<std::pair<qint64, QByteArray>> LedgerStore::sessionEvents(qint64 sessionId, const QString &type)
{
    QList<std::pair<qint64, QByteArray>> out;
    Statement s(m_db, "SELECT log_seq, payload FROM event WHERE session_id = ?1 AND type = ?2 ORDER BY seq");
    s.bind(1, sessionId).bind(2, type);
    while (s.step())
        out.append({s.int64(0), s.text(1).toUtf8()});
    return out;
}

QStringList LedgerStore::rejectedBundles()
{
    QStringList out;
    Statement s(m_db, "SELECT payload FROM event WHERE session_id IS NULL AND type = 'upload.rejected'");
    while (s.step())
        out.append(
            QJsonDocument::fromJson(s.text(0).toUtf8()).object().value(QStringLiteral("sha256")).toString());
    return out;
}

void LedgerStore::recordSealed(const SealedBundleRecord &b)
{
    m_db.cached("INSERT INTO sealed_bundle (counter, session_id, sha256, previous_sha256, path, size, "
                "tree_size, sealed_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, b.counter)
        .bind(2, b.sessionId)
        .bind(3, b.sha256)
        .bind(4, b.previousSha256)
        .bind(5, b.path)
        .bind(6, b.size)
        .bind(7, b.treeSize)
        .bind(8, b.sealedAt)
        .exec();
    m_db.cached("UPDATE exam_session SET status = 'sealed' WHERE id = ?1").bind(1, b.sessionId).exec();
}

void LedgerStore::prepareBulkReads(Database &conn)
{
    // The domains' readers fetch pictures by key, not as rows of one ordered query: ordering the rows
    // would copy every picture through a temporary sort. A memory map spares reading them page by page.
    conn.execute("PRAGMA mmap_size = 1073741824");
}

} // namespace examsite::ledger
