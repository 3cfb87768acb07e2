#include "store/eventstore.h"

#include "core/error.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <time.h>

namespace examsite {

void EventStore::PendingLog::write(Database &db)
{
    db.cached("INSERT INTO ledger_log (session_id, size, frontier) VALUES (?1, ?2, ?3) "
              "ON CONFLICT (session_id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier")
        .bind(1, logId)
        .bind(2, qint64(range.size()))
        .bind(3, range.hashes())
        .exec();
}

void EventStore::readLog(PendingLog &log, const QString &type)
{
    // One round trip: the session's code (the records carry it) and its log's state, if it has one yet.
    Statement &s =
        log.logId > 0
            ? m_db.cached("SELECT s.code, l.size, l.frontier FROM exam_session s LEFT JOIN ledger_log "
                          "l ON l.session_id = s.id WHERE s.id = ?1")
            : m_db.cached("SELECT '', size, frontier FROM ledger_log WHERE session_id = ?1");
    s.bind(1, log.logId);
    std::optional<ledger::CompactRange> range = ledger::CompactRange();
    const bool found = s.step();
    if (found) {
        log.session = s.text(0);
        if (!s.isNull(1))
            range = ledger::CompactRange::restore(quint64(s.int64(1)), s.blob(2));
    }
    s.reset();
    if (!found && log.logId > 0)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "event %1: session %2 does not exist"),
                    type, log.logId);
    if (!range)
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "%1: ledger state of log %2 is damaged (frontier does not "
                                               "match the size); run 'examsite ledger check'"),
                    m_db.path(), log.logId);
    log.range = std::move(*range);
}

qint64 EventStore::append(qint64 sessionId, const QString &type, const QString &actor,
                          const QJsonObject &payload)
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    const qint64 logId = sessionId > 0 ? sessionId : 0;
    ledger::LedgerRecord r;
    r.monoNs = qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    r.wallMs = QDateTime::currentMSecsSinceEpoch();
    r.terminal = m_terminal;
    r.actor = actor;
    r.type = type;
    r.payload = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    // The log's state is read inside this transaction (BEGIN IMMEDIATE, or the site's write lock), never
    // cached across transactions, so several connections append to one log without a race. Within one
    // transaction it is kept (PendingWrite) and written once before the commit.
    const bool inTransaction = m_db.inTransaction();
    const QByteArray key = "ledger_log/" + QByteArray::number(logId);
    PendingLog direct;
    PendingLog *log = inTransaction ? dynamic_cast<PendingLog *>(m_db.pending(key)) : nullptr;
    if (!log) {
        direct.logId = logId;
        readLog(direct, type);
        log = inTransaction
                  ? &static_cast<PendingLog &>(m_db.keepPending(key, std::make_unique<PendingLog>(direct)))
                  : &direct;
    }
    r.session = log->session;
    r.seq = log->range.size() + 1;
    const QByteArray record = ledger::encodeRecord(r);
    const QByteArray leaf = ledger::leafHash(record);

    Statement &s =
        m_db.cached("INSERT INTO event (session_id, wall_time, mono_ns, terminal, actor, type, payload, "
                    "log_seq, record, leaf_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (logId > 0)
        s.bind(1, logId);
    else
        s.bindNull(1);
    s.bind(2, ledger::msToIso(r.wallMs)).bind(3, r.monoNs).bind(4, m_terminal).bind(5, actor);
    s.bind(6, type)
        .bind(7, QString::fromUtf8(r.payload))
        .bind(8, qint64(r.seq))
        .bind(9, record)
        .bind(10, leaf);
    s.exec();
    const qint64 seq = m_db.lastInsertId();
    log->range.append(leaf);
    log->dirty = true;
    if (log == &direct)
        direct.write(m_db);
    // The other terminals hear of it when this transaction commits, not before and not if it rolls back.
    m_db.announceChange(QByteArray::number(logId));
    if (m_observer)
        m_observer->appended(m_db, {logId, qint64(r.seq), r.wallMs, log->range.root()});
    return seq;
}

int EventStore::count(const QString &type)
{
    Statement &s = m_db.cached("SELECT count(*) FROM event WHERE ?1 = '' OR type = ?1");
    s.bind(1, type.isNull() ? QStringLiteral("") : type);
    s.step();
    const int n = int(s.int64(0));
    s.reset();
    return n;
}

qint64 EventStore::lastSeq()
{
    Statement &s = m_db.cached("SELECT ifnull(max(seq), 0) FROM event");
    s.step();
    const qint64 n = s.int64(0);
    s.reset();
    return n;
}

int EventStore::countAfter(qint64 seq, const QString &exceptType)
{
    Statement &s = m_db.cached("SELECT count(*) FROM event WHERE seq > ?1 AND type <> ?2");
    s.bind(1, seq).bind(2, exceptType.isNull() ? QStringLiteral("") : exceptType);
    s.step();
    const int n = int(s.int64(0));
    s.reset();
    return n;
}

qint64 EventStore::logPosition(qint64 eventSeq)
{
    Statement &s = m_db.cached("SELECT log_seq FROM event WHERE seq = ?1");
    s.bind(1, eventSeq);
    const qint64 pos = s.step() && !s.isNull(0) ? s.int64(0) : 0;
    s.reset();
    return pos;
}

} // namespace examsite
