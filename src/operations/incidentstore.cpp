// Incidents in the store: the SQL behind SessionOps' incidents and the operations' bundle part.
#include "operations/incidentstore.h"

#include "store/database.h"
#include "store/sitekey.h"

namespace examsite::ops {

QList<std::pair<qint64, qint64>> IncidentStore::evidenceKeys(Database &db, qint64 sessionId)
{
    return int64Pairs(
        db, "SELECT id, id FROM incident WHERE session_id = ?1 AND evidence IS NOT NULL ORDER BY id",
        sessionId);
}

std::unique_ptr<BlobByKey> IncidentStore::evidenceReader(Database &conn)
{
    return std::make_unique<BlobByKey>(conn, "SELECT evidence FROM incident WHERE id = ?1");
}

std::optional<SessionRoom> IncidentStore::sessionRoom(qint64 sessionId, const QString &roomCode)
{
    Statement r(m_db, "SELECT r.id, r.rows, r.cols FROM room r JOIN session_room sr ON sr.room_id = r.id "
                      "WHERE sr.session_id = ?1 AND r.code = ?2");
    r.bind(1, sessionId).bind(2, roomCode);
    if (!r.step())
        return std::nullopt;
    return SessionRoom{r.int64(0), int(r.int64(1)), int(r.int64(2))};
}

std::optional<qint64> IncidentStore::activeStaffId(const QString &username)
{
    Statement w(m_db, "SELECT id FROM staff WHERE username = ?1 AND active = 1");
    w.bind(1, username);
    if (!w.step())
        return std::nullopt;
    return w.int64(0);
}

qint64 IncidentStore::insert(const NewIncident &in)
{
    Statement ins(m_db, "INSERT INTO incident (session_id, room_id, candidate_id, category, severity, "
                        "description, reporter_id, witness_id, "
                        "occurred_at, recorded_at, seat_row, seat_col, evidence) VALUES (?1, ?2, ?3, ?4, ?5, "
                        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    ins.bind(1, in.sessionId);
    in.roomId ? ins.bind(2, in.roomId) : ins.bindNull(2);
    in.candidateId ? ins.bind(3, in.candidateId) : ins.bindNull(3);
    ins.bind(4, in.category);
    in.severity.isEmpty() ? ins.bindNull(5) : ins.bind(5, in.severity);
    ins.bind(6, in.description).bind(7, in.reporterId);
    in.witnessId ? ins.bind(8, in.witnessId) : ins.bindNull(8);
    ins.bind(9, in.occurredAt).bind(10, utcNow());
    in.seatRow >= 0 ? ins.bind(11, in.seatRow) : ins.bindNull(11);
    in.seatCol >= 0 ? ins.bind(12, in.seatCol) : ins.bindNull(12);
    in.evidence.isEmpty() ? ins.bindNull(13) : ins.bind(13, m_db.siteKey().seal(in.evidence));
    ins.exec();
    return m_db.lastInsertId();
}

std::optional<qint64> IncidentStore::sessionOf(qint64 incidentId)
{
    Statement s(m_db, "SELECT session_id FROM incident WHERE id = ?1");
    s.bind(1, incidentId);
    if (!s.step())
        return std::nullopt;
    return s.int64(0);
}

std::optional<IncidentSubject> IncidentStore::subject(qint64 incidentId)
{
    Statement s(m_db, "SELECT i.session_id, ifnull(i.candidate_id, 0), ifnull(c.ticket, '') FROM incident i "
                      "LEFT JOIN candidate c ON c.id = i.candidate_id WHERE i.id = ?1");
    s.bind(1, incidentId);
    if (!s.step())
        return std::nullopt;
    return IncidentSubject{s.int64(0), s.int64(1), s.text(2)};
}

void IncidentStore::addAmendment(qint64 incidentId, const QString &text, qint64 authorId)
{
    m_db.cached("INSERT INTO incident_amendment (incident_id, text, author_id, recorded_at) VALUES (?1, ?2, "
                "?3, ?4)")
        .bind(1, incidentId)
        .bind(2, text)
        .bind(3, authorId)
        .bind(4, utcNow())
        .exec();
}

QList<IncidentRecord> IncidentStore::incidents(qint64 sessionId)
{
    QList<IncidentRecord> out;
    Statement s(m_db, "SELECT i.id, i.category, ifnull(i.severity, ''), i.description, ifnull(c.ticket, ''), "
                      "ifnull(c.name, ''), "
                      "ifnull(r.code, ''), ifnull(rep.username, ''), ifnull(w.username, ''), i.occurred_at, "
                      "ifnull(i.seat_row, -1), "
                      "ifnull(i.seat_col, -1), i.evidence IS NOT NULL FROM incident i LEFT JOIN candidate c "
                      "ON c.id = i.candidate_id "
                      "LEFT JOIN room r ON r.id = i.room_id LEFT JOIN staff rep ON rep.id = i.reporter_id "
                      "LEFT JOIN staff w ON w.id = i.witness_id "
                      "WHERE i.session_id = ?1 ORDER BY i.occurred_at, i.id");
    s.bind(1, sessionId);
    while (s.step())
        out.append({s.int64(0),
                    s.text(1),
                    s.text(2),
                    s.text(3),
                    s.text(4),
                    s.text(5),
                    s.text(6),
                    s.text(7),
                    s.text(8),
                    s.text(9),
                    int(s.int64(10)),
                    int(s.int64(11)),
                    s.int64(12) != 0,
                    {}});
    for (IncidentRecord &r : out) {
        Statement a(m_db, "SELECT a.recorded_at, ifnull(st.username, ''), a.text FROM incident_amendment a "
                          "LEFT JOIN staff st ON st.id = a.author_id "
                          "WHERE a.incident_id = ?1 ORDER BY a.id");
        a.bind(1, r.id);
        while (a.step())
            r.amendments.append(QStringLiteral("%1 %2: %3").arg(a.text(0), a.text(1), a.text(2)));
    }
    return out;
}

QByteArray IncidentStore::evidence(qint64 incidentId)
{
    Statement s(m_db, "SELECT evidence FROM incident WHERE id = ?1 AND evidence IS NOT NULL");
    s.bind(1, incidentId);
    return s.step() ? m_db.siteKey().open(s.blob(0)) : QByteArray();
}

QList<IncidentRow> IncidentStore::rows(qint64 sessionId)
{
    Statement s(m_db,
                "SELECT i.id, i.occurred_at, i.recorded_at, ifnull(rm.code, ''), ifnull(c.ticket, ''), "
                "i.category, ifnull(i.severity, ''), "
                "i.description, ifnull(rp.username, ''), ifnull(w.username, '') FROM incident i LEFT JOIN "
                "room rm ON rm.id = i.room_id "
                "LEFT JOIN candidate c ON c.id = i.candidate_id LEFT JOIN staff rp ON rp.id = i.reporter_id "
                "LEFT JOIN staff w ON w.id = i.witness_id WHERE i.session_id = ?1 ORDER BY i.id");
    s.bind(1, sessionId);
    QList<IncidentRow> out;
    while (s.step())
        out.append({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                    s.text(8), s.text(9)});
    return out;
}

} // namespace examsite::ops
