// The session records operations work on: the SQL behind SessionOps' lifecycle, attendance, training
// figures and addenda.
#include "operations/sessionstore.h"

#include "store/database.h"

namespace examsite::ops {

std::optional<qint64> SessionStore::sessionId(const QString &code)
{
    Statement s(m_db, "SELECT id FROM exam_session WHERE code = ?1");
    s.bind(1, code);
    if (!s.step())
        return std::nullopt;
    return s.int64(0);
}

std::optional<SessionStatus> SessionStore::status(qint64 sessionId)
{
    Statement s(m_db, "SELECT status FROM exam_session WHERE id = ?1");
    s.bind(1, sessionId);
    if (!s.step())
        return std::nullopt;
    // The schema's CHECK constraint keeps the stored name one of the statuses.
    return parseStatus(s.text(0)).value_or(SessionStatus::Planned);
}

void SessionStore::setStatus(qint64 sessionId, SessionStatus status)
{
    m_db.cached("UPDATE exam_session SET status = ?2 WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, statusName(status))
        .exec();
}

QMap<QString, int> SessionStore::attendanceCounts(qint64 sessionId)
{
    QMap<QString, int> out;
    Statement s(m_db,
                "SELECT attendance, count(*) FROM registration WHERE session_id = ?1 GROUP BY attendance");
    s.bind(1, sessionId);
    while (s.step())
        out.insert(s.text(0), int(s.int64(1)));
    return out;
}

std::optional<SessionRegistration> SessionStore::registration(qint64 sessionId, const QString &ticket)
{
    Statement s(m_db, "SELECT c.id, r.attendance, EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = "
                      "r.session_id AND k.candidate_id = c.id), r.room_id, r.seat_row, r.seat_col "
                      "FROM registration r JOIN candidate c ON c.id = r.candidate_id WHERE r.session_id = ?1 "
                      "AND c.ticket = ?2");
    s.bind(1, sessionId).bind(2, ticket);
    if (!s.step())
        return std::nullopt;
    SessionRegistration r{s.int64(0), s.text(1), s.int64(2) != 0};
    if (!s.isNull(3)) {
        r.roomId = s.int64(3);
        r.seatRow = int(s.int64(4));
        r.seatCol = int(s.int64(5));
    }
    return r;
}

void SessionStore::setAttendance(qint64 sessionId, qint64 candidateId, const QString &attendance)
{
    m_db.cached("UPDATE registration SET attendance = ?3 WHERE session_id = ?1 AND candidate_id = ?2")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, attendance)
        .exec();
}

int SessionStore::markMissingAbsent(qint64 sessionId)
{
    Statement absent(
        m_db,
        "UPDATE registration SET attendance = 'absent' WHERE session_id = ?1 AND attendance = 'registered' "
        "AND NOT EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = ?1 AND k.candidate_id = "
        "registration.candidate_id)");
    absent.bind(1, sessionId).exec();
    return m_db.changes();
}

std::optional<std::pair<int, int>> SessionStore::training(qint64 sessionId)
{
    Statement s(m_db,
                "SELECT trained, trained_public FROM exam_session WHERE id = ?1 AND trained IS NOT NULL");
    s.bind(1, sessionId);
    if (!s.step())
        return std::nullopt;
    return std::pair{int(s.int64(0)), int(s.int64(1))};
}

void SessionStore::setTraining(qint64 sessionId, int trained, int trainedPublic)
{
    m_db.cached("UPDATE exam_session SET trained = ?2, trained_public = ?3 WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, trained)
        .bind(3, trainedPublic)
        .exec();
}

qint64 SessionStore::insertAddendum(const NewAddendum &a)
{
    m_db.cached("INSERT INTO session_addendum (session_id, text, author_id, role, signature, recorded_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, a.sessionId)
        .bind(2, a.text)
        .bind(3, a.authorId)
        .bind(4, a.role)
        .bind(5, a.signature)
        .bind(6, utcNow())
        .exec();
    return m_db.lastInsertId();
}

} // namespace examsite::ops
