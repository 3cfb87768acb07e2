#include "ledger/ledger.h"

#include <limits>

#include "core/error.h"
#include "ledger/ledgerrecord.h"
#include "ledger/merkle.h"
#include "ledger/signednote.h"
#include "store/database.h"

#include <QDateTime>

namespace examsite::ledger {

Ledger::Ledger(Database &db, const SigningKey *terminalKey, LedgerPolicy policy)
    : m_db(db), m_key(terminalKey), m_policy(policy)
{
}

void Ledger::appended(Database &db, const AppendedRecord &r)
{
    if (!m_key || &db != &m_db)
        return;
    Statement &s = m_db.cached("SELECT checkpoint_size, checkpoint_ms FROM ledger_log WHERE session_id = ?1");
    s.bind(1, r.logId);
    qint64 lastSize = 0, lastMs = 0;
    if (s.step()) {
        lastSize = s.int64(0);
        lastMs = s.int64(1);
    }
    s.reset();
    if (r.logSeq - lastSize >= m_policy.everyEvents || r.wallMs - lastMs >= m_policy.everyMs)
        checkpoint(r.logId, r.logSeq - lastSize >= m_policy.everyEvents ? QStringLiteral("interval")
                                                                        : QStringLiteral("timer"));
}

QString Ledger::origin(qint64 logId)
{
    QString site = QStringLiteral("-");
    {
        Statement &s = m_db.cached("SELECT code FROM site ORDER BY id LIMIT 1");
        if (s.step())
            site = s.text(0);
        s.reset();
    }
    QString log = QStringLiteral("site");
    if (logId > 0) {
        Statement &s = m_db.cached("SELECT code FROM exam_session WHERE id = ?1");
        s.bind(1, logId);
        if (s.step())
            log = QStringLiteral("session/") + s.text(0);
        s.reset();
    }
    return QStringLiteral("examsite/%1/%2").arg(site, log);
}

std::optional<StoredCheckpoint> Ledger::checkpoint(qint64 logId, const QString &reason)
{
    Statement &s =
        m_db.cached("SELECT size, frontier, checkpoint_size FROM ledger_log WHERE session_id = ?1");
    s.bind(1, logId);
    if (!s.step()) {
        s.reset();
        return std::nullopt;
    }
    const quint64 size = quint64(s.int64(0));
    const auto range = CompactRange::restore(size, s.blob(1));
    const quint64 lastSize = quint64(s.int64(2));
    s.reset();
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
    m_db.cached("INSERT INTO ledger_checkpoint (session_id, tree_size, root, note, reason, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (session_id, tree_size) DO NOTHING")
        .bind(1, logId)
        .bind(2, qint64(size))
        .bind(3, out.root)
        .bind(4, QString::fromUtf8(out.note))
        .bind(5, reason)
        .bind(6, msToIso(now))
        .exec();
    m_db.cached("UPDATE ledger_log SET checkpoint_size = ?2, checkpoint_ms = ?3 WHERE session_id = ?1")
        .bind(1, logId)
        .bind(2, qint64(size))
        .bind(3, now)
        .exec();
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
    QList<qint64> due;
    Statement &s = m_db.cached(
        "SELECT session_id FROM ledger_log WHERE size > checkpoint_size AND ?1 - checkpoint_ms >= ?2");
    s.bind(1, nowMs).bind(2, m_policy.everyMs);
    while (s.step())
        due.append(s.int64(0));
    s.reset();
    for (qint64 id : due)
        checkpoint(id, QStringLiteral("timer"));
    tx.commit();
    return int(due.size());
}

QList<StoredCheckpoint> Ledger::checkpoints(qint64 logId)
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

QList<QByteArray> Ledger::records(qint64 logId)
{
    QList<QByteArray> out;
    Statement &s = m_db.cached("SELECT record FROM event WHERE ifnull(session_id, 0) = ?1 ORDER BY log_seq");
    s.bind(1, logId);
    while (s.step())
        out.append(s.blob(0));
    s.reset();
    return out;
}

quint64 Ledger::size(qint64 logId)
{
    Statement &s = m_db.cached("SELECT size FROM ledger_log WHERE session_id = ?1");
    s.bind(1, logId);
    const quint64 n = s.step() ? quint64(s.int64(0)) : 0;
    s.reset();
    return n;
}

QList<qint64> Ledger::logIds()
{
    QList<qint64> out;
    Statement &s = m_db.cached("SELECT session_id FROM ledger_log ORDER BY session_id");
    while (s.step())
        out.append(s.int64(0));
    s.reset();
    return out;
}

LedgerCheck Ledger::check(qint64 logId, const MinisignPublicKey *terminalKey)
{
    LedgerCheck out;
    out.logId = logId;
    QList<QByteArray> leaves;
    Statement &s = m_db.cached("SELECT seq, log_seq, record, leaf_hash FROM event WHERE ifnull(session_id, "
                               "0) = ?1 ORDER BY log_seq");
    s.bind(1, logId);
    while (s.step()) {
        const qint64 rowSeq = s.int64(0);
        const QByteArray record = s.blob(2);
        const quint64 expected = quint64(leaves.size()) + 1;
        QString why;
        const auto r = decodeRecord(record, &why);
        if (!r)
            out.problems.append(QStringLiteral("event %1: record does not decode: %2").arg(rowSeq).arg(why));
        else if (r->seq != expected || quint64(s.int64(1)) != expected)
            out.problems.append(QStringLiteral("event %1: sequence %2 where %3 was expected")
                                    .arg(rowSeq)
                                    .arg(r->seq)
                                    .arg(expected));
        const QByteArray leaf = leafHash(record);
        if (leaf != s.blob(3))
            out.problems.append(
                QStringLiteral("event %1: stored leaf hash does not match the record").arg(rowSeq));
        leaves.append(leaf);
    }
    s.reset();
    out.records = quint64(leaves.size());
    const MerkleTree tree(leaves);
    {
        Statement &st = m_db.cached("SELECT size, frontier FROM ledger_log WHERE session_id = ?1");
        st.bind(1, logId);
        if (st.step()) {
            const auto range = CompactRange::restore(quint64(st.int64(0)), st.blob(1));
            if (quint64(st.int64(0)) != out.records)
                out.problems.append(
                    QStringLiteral("log size is %1 but %2 records exist").arg(st.int64(0)).arg(out.records));
            else if (!range || range->root() != tree.root(out.records))
                out.problems.append(QStringLiteral("stored Merkle frontier does not match the records"));
        } else if (out.records > 0) {
            out.problems.append(QStringLiteral("records exist but the log has no state row"));
        }
        st.reset();
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
