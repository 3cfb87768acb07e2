#include "ledger/ledger.h"

#include <limits>

#include "core/error.h"
#include "ledger/signednote.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "store/database.h"

#include <QDateTime>

namespace examsite::ledger {

Ledger::Ledger(Database &db, const SigningKey *terminalKey, LedgerPolicy policy)
    : m_db(db), m_store(db), m_key(terminalKey), m_policy(policy)
{
}

void Ledger::appended(Database &db, const AppendedRecord &r)
{
    if (!m_key || &db != &m_db)
        return;
    const auto [lastSize, lastMs] = m_store.checkpointMark(r.logId);
    if (r.logSeq - lastSize >= m_policy.everyEvents || r.wallMs - lastMs >= m_policy.everyMs)
        checkpoint(r.logId, r.logSeq - lastSize >= m_policy.everyEvents ? QStringLiteral("interval")
                                                                        : QStringLiteral("timer"));
}

QString Ledger::origin(qint64 logId)
{
    const QString site = m_store.siteCode().value_or(QStringLiteral("-"));
    QString log = QStringLiteral("site");
    if (logId > 0)
        if (const std::optional<QString> code = m_store.sessionCode(logId))
            log = QStringLiteral("session/") + *code;
    return QStringLiteral("examsite/%1/%2").arg(site, log);
}

std::optional<StoredCheckpoint> Ledger::checkpoint(qint64 logId, const QString &reason)
{
    const std::optional<LogState> state = m_store.logState(logId);
    if (!state)
        return std::nullopt;
    const quint64 size = state->size;
    const auto range = CompactRange::restore(size, state->frontier);
    const quint64 lastSize = state->checkpointSize;
    if (!range)
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: ledger state of log %2 is damaged").arg(m_db.path()).arg(logId));
    if (size == 0)
        return std::nullopt;
    if (size == lastSize) {
        const QList<StoredCheckpoint> all = checkpoints(logId);
        if (!all.isEmpty() && all.last().size == size)
            return all.last();
    }
    if (!m_key)
        return std::nullopt;
    Checkpoint c{origin(logId), size, range->root()};
    StoredCheckpoint out{
        logId, size, c.root,
        signNote(c.text(), noteKeyName(QStringLiteral("terminal"), m_key->publicKey()), *m_key), reason};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_store.addCheckpoint(out, msToIso(now), now);
    return out;
}

int Ledger::checkpointNow(const Actor &actor)
{
    require(actor, Action::SignCheckpoint);
    // A "now" far beyond any interval: every log with unsigned events is due.
    return checkpointDue(std::numeric_limits<qint64>::max() / 2);
}

int Ledger::checkpointDue(qint64 nowMs)
{
    if (!m_key)
        return 0;
    Transaction tx(m_db);
    const QList<qint64> due = m_store.logsDue(nowMs, m_policy.everyMs);
    for (qint64 id : due)
        checkpoint(id, QStringLiteral("timer"));
    tx.commit();
    return int(due.size());
}

QList<StoredCheckpoint> Ledger::checkpoints(qint64 logId)
{
    return m_store.checkpoints(logId);
}

QList<QByteArray> Ledger::records(qint64 logId)
{
    return m_store.records(logId);
}

quint64 Ledger::size(qint64 logId)
{
    return m_store.size(logId);
}

QList<qint64> Ledger::logIds()
{
    return m_store.logIds();
}

QList<LedgerRecord> Ledger::exportRecords(qint64 logId, const QString &format, const Actor &actor,
                                          EventStore &events)
{
    require(actor, Action::ExportLedger);
    Transaction tx(m_db);
    QList<LedgerRecord> out;
    const QList<QByteArray> records = m_store.records(logId);
    out.reserve(records.size());
    for (const QByteArray &bytes : records) {
        QString why;
        auto r = decodeRecord(bytes, &why);
        if (!r)
            throw Error(ErrorKind::Storage,
                        QStringLiteral("%1: event %2 does not decode: %3 (see 'examsite ledger check')")
                            .arg(origin(logId))
                            .arg(out.size() + 1)
                            .arg(why));
        out.append(std::move(*r));
    }
    events.append(logId, QStringLiteral("ledger.exported"), actor.username,
                  {{QStringLiteral("format"), format}, {QStringLiteral("events"), double(out.size())}});
    tx.commit();
    return out;
}

LedgerCheck Ledger::check(qint64 logId, const MinisignPublicKey *terminalKey)
{
    // The records, the log's state and its checkpoints as of one moment: on a site server terminals
    // append meanwhile, and reading them at different moments would report a healthy log as broken.
    ReadSnapshot snapshot(m_db);
    LedgerCheck out;
    out.logId = logId;
    QList<QByteArray> leaves;
    for (const StoredRecord &e : m_store.storedRecords(logId)) {
        const qint64 rowSeq = e.seq;
        const QByteArray &record = e.record;
        const quint64 expected = quint64(leaves.size()) + 1;
        QString why;
        const auto r = decodeRecord(record, &why);
        if (!r)
            out.problems.append(QStringLiteral("event %1: record does not decode: %2").arg(rowSeq).arg(why));
        else if (r->seq != expected || quint64(e.logSeq) != expected)
            out.problems.append(QStringLiteral("event %1: sequence %2 where %3 was expected")
                                    .arg(rowSeq)
                                    .arg(r->seq)
                                    .arg(expected));
        const QByteArray leaf = leafHash(record);
        if (leaf != e.leafHash)
            out.problems.append(
                QStringLiteral("event %1: stored leaf hash does not match the record").arg(rowSeq));
        leaves.append(leaf);
    }
    out.records = quint64(leaves.size());
    const MerkleTree tree(leaves);
    out.root = tree.root(out.records);
    if (const std::optional<LogState> st = m_store.logState(logId)) {
        const auto range = CompactRange::restore(st->size, st->frontier);
        if (st->size != out.records)
            out.problems.append(
                QStringLiteral("log size is %1 but %2 records exist").arg(st->size).arg(out.records));
        else if (!range || range->root() != tree.root(out.records))
            out.problems.append(QStringLiteral("stored Merkle frontier does not match the records"));
    } else if (out.records > 0) {
        out.problems.append(QStringLiteral("records exist but the log has no state row"));
    }
    const QString keyName = terminalKey ? noteKeyName(QStringLiteral("terminal"), *terminalKey) : QString();
    for (const StoredCheckpoint &c : checkpoints(logId)) {
        ++out.checkpoints;
        QString why;
        const auto note = parseNote(c.note, &why);
        const auto cp = note ? Checkpoint::parse(note->text, &why) : std::nullopt;
        if (!cp) {
            out.problems.append(QStringLiteral("checkpoint at size %1: %2").arg(c.size).arg(why));
            continue;
        }
        if (cp->size != c.size || cp->size > out.records || cp->root != tree.root(cp->size))
            out.problems.append(
                QStringLiteral("checkpoint at size %1: root does not match the records").arg(c.size));
        if (terminalKey && !noteSignedBy(*note, keyName, terminalKey->key))
            out.problems.append(QStringLiteral("checkpoint at size %1: not signed by terminal key %2")
                                    .arg(c.size)
                                    .arg(terminalKey->keyIdHex()));
    }
    return out;
}

} // namespace examsite::ledger
