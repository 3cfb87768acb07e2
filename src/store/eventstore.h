// The event log: every fact that matters later is appended here in the same transaction as the
// change it describes. Each event is also a record in the tamper-evident ledger (src/ledger,
// docs/bundle-format.md): a length-prefixed binary record in its session's log, its RFC 6962 leaf
// hash, and the log's Merkle frontier, all written in the caller's transaction, so a crash after the
// commit loses nothing and a rollback leaves no half-appended record.
#pragma once

#include "ledgerformat/merkle.h"
#include "store/database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace examsite {

/// What an observer learns about each appended record (still inside the caller's transaction).
struct AppendedRecord
{
    qint64 logId = 0;  ///< session id, or 0 for the site log
    qint64 logSeq = 0; ///< 1-based position in the log (= tree size after the append)
    qint64 wallMs = 0;
    QByteArray root; ///< Merkle root of the log after the append
};

/// Told about appends; the ledger uses it to sign checkpoints every N events or 60 s. An appendAll() of
/// several events is told of its last one.
class IEventObserver
{
public:
    virtual ~IEventObserver() = default;
    virtual void appended(Database &db, const AppendedRecord &record) = 0;
};

/// One event of an EventStore::appendAll() batch.
struct NewEvent
{
    QString type;
    QString actor;
    QJsonObject payload;
};

class EventStore
{
public:
    /// The most rows one statement of appendAll() inserts (10 parameters a row).
    static constexpr int kBatchRows = 64;

    EventStore(Database &db, QString terminal, IEventObserver *observer = nullptr)
        : m_db(db), m_terminal(std::move(terminal)), m_observer(observer)
    {
    }

    /// Appends one event in the caller's transaction (outside one, in a transaction of its own). Returns
    /// its sequence number (the `event.seq` row id; the record's position in its session's log is
    /// `event.log_seq`).
    qint64 append(qint64 sessionId, const QString &type, const QString &actor, const QJsonObject &payload);
    /// Appends `events` to one log, in order, as append() would one by one (the same records, leaf hashes
    /// and frontier) but up to kBatchRows rows a statement: a burst of events costs one round trip to the
    /// site server per 64, not one each. Returns their sequence numbers in order.
    QList<qint64> appendAll(qint64 sessionId, const QList<NewEvent> &events);
    int count(const QString &type = {});
    /// The highest event sequence number (0 when there is no event).
    qint64 lastSeq();
    /// How many events come after `seq`, not counting those of type `exceptType`.
    int countAfter(qint64 seq, const QString &exceptType = {});
    /// An event's number in its session's log (what events.bin records carry), 0 if unknown.
    qint64 logPosition(qint64 eventSeq);

    void setObserver(IEventObserver *observer) { m_observer = observer; }
    const QString &terminal() const { return m_terminal; }

private:
    /// A log's state while a transaction appends to it: written once, before the commit.
    struct PendingLog final : PendingWrite
    {
        qint64 logId = 0;
        QString session; ///< the session's code, which its records carry
        ledger::CompactRange range;
        void write(Database &db) override;
    };
    void readLog(PendingLog &log, const QString &type);
    /// The log's state kept for the rest of the open transaction, read on first use.
    PendingLog &pendingLog(qint64 logId, const QString &type);
    /// Inserts events [from, from + rows) of `batch` as one statement; their records continue `log`.
    /// Returns the last record's wall time.
    qint64 insertRows(PendingLog &log, const QList<NewEvent> &batch, qsizetype from, int rows,
                      QList<qint64> &seqs);

    Database &m_db;
    QString m_terminal;
    IEventObserver *m_observer = nullptr;
};

} // namespace examsite
