#include "store/eventstore.h"

#include "core/error.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>

#include <array>
#include <bit>
#include <optional>
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

namespace {

constexpr int kEventColumns = 10;

/// The insert of `rows` events (a power of two up to kBatchRows), returning each row's sequence
/// number and log position when there are several. Built once: each size is one statement a connection
/// prepares.
const char *insertEvents(int rows)
{
    static const std::array<QByteArray, 7> sql = [] {
        static_assert(EventStore::kBatchRows == 1 << 6);
        std::array<QByteArray, 7> out;
        for (size_t k = 0; k < out.size(); ++k) {
            QByteArray s =
                "INSERT INTO event (session_id, wall_time, mono_ns, terminal, actor, type, payload, "
                "log_seq, record, leaf_hash) VALUES ";
            for (int r = 0; r < 1 << k; ++r) {
                s += r ? ", (" : "(";
                for (int c = 1; c <= kEventColumns; ++c)
                    s += (c > 1 ? ", ?" : "?") + QByteArray::number(r * kEventColumns + c);
                s += ')';
            }
            // One row: the row id as SQLite's last_insert_rowid() (PostgreSQL: the dialect's hidden
            // RETURNING), about a fifth cheaper on SQLite than a RETURNING clause of its own.
            out[k] = k == 0 ? s : s + " RETURNING seq, log_seq";
        }
        return out;
    }();
    Q_ASSERT(rows > 0 && rows <= EventStore::kBatchRows && (rows & (rows - 1)) == 0);
    return sql[size_t(std::countr_zero(unsigned(rows)))].constData();
}

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

EventStore::PendingLog &EventStore::pendingLog(qint64 logId, const QString &type)
{
    // The log's state is read inside this transaction (BEGIN IMMEDIATE, or the site's write lock), never
    // cached across transactions, so several connections append to one log without a race. Within one
    // transaction it is kept (PendingWrite) and written once before the commit.
    const QByteArray key = "ledger_log/" + QByteArray::number(logId);
    if (auto *kept = dynamic_cast<PendingLog *>(m_db.pending(key)))
        return *kept;
    auto log = std::make_unique<PendingLog>();
    log->logId = logId;
    readLog(*log, type);
    return static_cast<PendingLog &>(m_db.keepPending(key, std::move(log)));
}

qint64 EventStore::insertRows(PendingLog &log, const QList<NewEvent> &batch, qsizetype from, int rows,
                              QList<qint64> &seqs)
{
    Statement &s = m_db.cached(insertEvents(rows));
    ledger::CompactRange range = log.range;
    ledger::LedgerRecord r;
    r.session = log.session;
    r.terminal = m_terminal;
    for (int i = 0; i < rows; ++i) {
        const NewEvent &e = batch[from + i];
        r.monoNs = monotonicNs();
        r.wallMs = QDateTime::currentMSecsSinceEpoch();
        r.actor = e.actor;
        r.type = e.type;
        r.payload = QJsonDocument(e.payload).toJson(QJsonDocument::Compact);
        r.seq = range.size() + 1;
        const QByteArray record = ledger::encodeRecord(r);
        const QByteArray leaf = ledger::leafHash(record);
        const int p = i * kEventColumns;
        if (log.logId > 0)
            s.bind(p + 1, log.logId);
        else
            s.bindNull(p + 1);
        s.bind(p + 2, ledger::msToIso(r.wallMs)).bind(p + 3, r.monoNs).bind(p + 4, m_terminal);
        s.bind(p + 5, e.actor).bind(p + 6, e.type).bind(p + 7, QString::fromUtf8(r.payload));
        s.bind(p + 8, qint64(r.seq)).bind(p + 9, record).bind(p + 10, leaf);
        range.append(leaf);
    }
    // The first step runs the whole insert (a statement is atomic: all its rows or none); from then on
    // the kept state is the table's, whatever the answer below turns out to be.
    bool row = s.step();
    log.range = std::move(range);
    log.dirty = true;
    if (rows == 1) { // no RETURNING of its own (insertEvents)
        s.reset();
        seqs.append(m_db.lastInsertId());
        return r.wallMs;
    }
    // The rows come back in no promised order: each is placed by its log position.
    const qint64 first = qint64(log.range.size()) - rows + 1;
    const qsizetype at = seqs.size();
    seqs.resize(at + rows, 0);
    int returned = 0;
    for (; row; row = s.step()) {
        const qint64 pos = s.int64(1) - first;
        if (pos < 0 || pos >= rows || seqs[at + pos] != 0)
            throw Error(
                ErrorKind::Storage,
                QStringLiteral("%1: the insert of %2 events returned log position %3 (expected %4 to %5)")
                    .arg(m_db.path())
                    .arg(rows)
                    .arg(s.int64(1))
                    .arg(first)
                    .arg(first + rows - 1));
        seqs[at + pos] = s.int64(0);
        ++returned;
    }
    s.reset();
    if (returned != rows)
        throw Error(ErrorKind::Storage, QStringLiteral("%1: the insert of %2 events returned %3 rows")
                                            .arg(m_db.path())
                                            .arg(rows)
                                            .arg(returned));
    return r.wallMs;
}

qint64 EventStore::append(qint64 sessionId, const QString &type, const QString &actor,
                          const QJsonObject &payload)
{
    return appendAll(sessionId, {NewEvent{type, actor, payload}}).front();
}

QList<qint64> EventStore::appendAll(qint64 sessionId, const QList<NewEvent> &events)
{
    QList<qint64> seqs;
    if (events.isEmpty())
        return seqs;
    seqs.reserve(events.size());
    const qint64 logId = sessionId > 0 ? sessionId : 0;
    // Outside a transaction, one of its own: the records and the log's state are written together (on a
    // site server under the site's write lock, as every other write).
    std::optional<Transaction> own;
    if (!m_db.inTransaction())
        own.emplace(m_db);
    PendingLog &log = pendingLog(logId, events.front().type);
    qint64 lastWallMs = 0;
    for (qsizetype from = 0; from < events.size();) {
        int rows = kBatchRows;
        while (rows > events.size() - from)
            rows /= 2;
        lastWallMs = insertRows(log, events, from, rows, seqs);
        from += rows;
    }
    // The other terminals hear of it when this transaction commits, not before and not if it rolls back.
    m_db.announceChange(QByteArray::number(logId));
    if (m_observer)
        m_observer->appended(m_db, {logId, qint64(log.range.size()), lastWallMs, log.range.root()});
    if (own)
        own->commit();
    return seqs;
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
