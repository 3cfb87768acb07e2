// The tamper-evident ledger over the store's event table: signed checkpoints (every N events, every
// 60 s, at session start and end, at sealing), session transitions, and a full self-check. Appends
// themselves happen in EventStore (same transaction as the change); this class observes them.
#pragma once

#include "core/policy.h"

#include "ledger/ledgerstore.h"
#include "ledger/minisign.h"
#include "ledgerformat/ledgerrecord.h"
#include "store/eventstore.h"

#include <optional>
#include <QList>
#include <QString>

namespace examsite {
class Database;
}

namespace examsite::ledger {

struct LedgerPolicy
{
    qint64 everyEvents = 1000; ///< checkpoint when the log grew by this many events
    qint64 everyMs = 60000;    ///< ... or when this long has passed since the last checkpoint
};

struct LedgerCheck
{
    qint64 logId = 0;
    quint64 records = 0;
    int checkpoints = 0;
    QStringList problems; ///< empty: consistent
    QByteArray root;      ///< the Merkle root recomputed from the records (RFC 6962)
};

class Ledger : public IEventObserver
{
public:
    /// `terminalKey` may be null: then no checkpoints are signed (records are still chained); a
    /// later keyed run (sealing, closing) signs the checkpoint that covers them.
    Ledger(Database &db, const SigningKey *terminalKey, LedgerPolicy policy = {});

    void appended(Database &db, const AppendedRecord &record) override;

    /// Signs a checkpoint of the log's current state if it has grown since the last one. Call inside
    /// a transaction. Returns the checkpoint of the current size (new or existing), or nullopt for an
    /// empty log or when there is no key.
    std::optional<StoredCheckpoint> checkpoint(qint64 logId, const QString &reason);
    /// For a timer: checkpoints every log that has unsigned events and whose last checkpoint is older
    /// than the policy's interval. Runs its own transaction. Returns how many were signed.
    int checkpointDue(qint64 nowMs);
    /// A staff member's "sign now" (Action::SignCheckpoint): every log with unsigned events gets a
    /// checkpoint, whatever its age. Returns how many were signed.
    int checkpointNow(const Actor &actor);

    QString origin(qint64 logId);
    QList<StoredCheckpoint> checkpoints(qint64 logId);
    /// Record bytes of a log in order (the bundle's log/events.bin, unframed).
    QList<QByteArray> records(qint64 logId);
    quint64 size(qint64 logId);
    /// Recomputes leaf hashes, sequence numbers, the frontier and every checkpoint's root from the
    /// records; with `terminalKey` also checks the checkpoint signatures.
    LedgerCheck check(qint64 logId, const MinisignPublicKey *terminalKey = nullptr);
    QList<qint64> logIds();
    /// Every event of log `logId` (a session id, 0 for the site log) decoded from its record, in order,
    /// for people to read (`examsite ledger export`). Payloads name candidates, so this is for a staff
    /// member who may see personal data (Action::ExportLedger; Error(Denied) otherwise), and the
    /// reading is itself an event, `ledger.exported` (format, events), appended to the same log
    /// through `events` in the same transaction, after the records read. A record that does not
    /// decode is Error(Storage) naming the log and its position.
    QList<LedgerRecord> exportRecords(qint64 logId, const QString &format, const Actor &actor,
                                      EventStore &events);

    const SigningKey *key() const { return m_key; }

private:
    Database &m_db;
    LedgerStore m_store;
    const SigningKey *m_key;
    LedgerPolicy m_policy;
};

} // namespace examsite::ledger
