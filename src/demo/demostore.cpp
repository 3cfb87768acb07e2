#include "demo/demostore.h"

#include "store/database.h"

namespace examsite {

bool DemoStore::hasScoringSheet(qint64 sessionId)
{
    Statement any(m_db, "SELECT count(*) FROM scoring_task WHERE session_id = ?1");
    any.bind(1, sessionId);
    return any.step() && any.int64(0) > 0;
}

void DemoStore::addScoringSheet(qint64 sessionId)
{
    m_db.cached(
            "INSERT INTO scoring_task (session_id, task, position, max_points) VALUES (?1, 'practical', 0, "
            "100)")
        .bind(1, sessionId)
        .exec();
    m_db.cached("UPDATE exam_session SET pass_mark = 60 WHERE id = ?1").bind(1, sessionId).exec();
}

void DemoStore::reschedule(qint64 sessionId, const QString &date, const QString &start, const QString &end,
                           const QString &lateCutoff, bool openCheckIn)
{
    Statement &s = openCheckIn
                       ? m_db.cached("UPDATE exam_session SET exam_date = ?2, starts_at = ?3, ends_at = "
                                     "?4, late_cutoff = ?5, status = 'checkin_open' WHERE id = ?1")
                       : m_db.cached("UPDATE exam_session SET exam_date = ?2, starts_at = ?3, ends_at = "
                                     "?4, late_cutoff = ?5 WHERE id = ?1");
    s.bind(1, sessionId).bind(2, date).bind(3, start).bind(4, end).bind(5, lateCutoff).exec();
}

void DemoStore::setStatus(qint64 sessionId, const QString &status)
{
    m_db.cached("UPDATE exam_session SET status = ?2 WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, status)
        .exec();
}

int DemoStore::markAbsent(qint64 sessionId)
{
    m_db.cached("UPDATE registration SET attendance = 'absent' WHERE session_id = ?1 AND attendance = "
                "'registered'")
        .bind(1, sessionId)
        .exec();
    return m_db.changes();
}

void DemoStore::setTraining(qint64 sessionId, int trained, int trainedPublic)
{
    m_db.cached("UPDATE exam_session SET trained = ?2, trained_public = ?3 WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, trained)
        .bind(3, trainedPublic)
        .exec();
}

qint64 DemoStore::staffId(const QString &username)
{
    Statement s(m_db, "SELECT id FROM staff WHERE username = ?1");
    s.bind(1, username);
    return s.step() ? s.int64(0) : qint64(0);
}

qint64 DemoStore::roomId(const QString &code)
{
    Statement room(m_db, "SELECT id FROM room WHERE code = ?1");
    room.bind(1, code);
    return room.step() ? room.int64(0) : 0;
}

int DemoStore::checkIns(qint64 sessionId)
{
    Statement any(m_db, "SELECT count(*) FROM check_in WHERE session_id = ?1");
    any.bind(1, sessionId);
    any.step();
    return int(any.int64(0));
}

QList<std::pair<qint64, QString>> DemoStore::notCheckedIn(qint64 sessionId)
{
    QList<std::pair<qint64, QString>> out;
    Statement s(m_db, "SELECT c.id, c.ticket FROM registration r JOIN candidate c ON c.id = r.candidate_id "
                      "WHERE r.session_id = ?1 "
                      "AND NOT EXISTS (SELECT 1 FROM check_in ci WHERE ci.session_id = r.session_id AND "
                      "ci.candidate_id = c.id) ORDER BY c.ticket");
    s.bind(1, sessionId);
    while (s.step())
        out.append({s.int64(0), s.text(1)});
    return out;
}

QList<qint64> DemoStore::checkedIn(qint64 sessionId)
{
    QList<qint64> out;
    Statement present(
        m_db, "SELECT DISTINCT candidate_id FROM check_in WHERE session_id = ?1 ORDER BY candidate_id");
    present.bind(1, sessionId);
    while (present.step())
        out.append(present.int64(0));
    return out;
}

qint64 DemoStore::addCheckIn(qint64 sessionId, qint64 candidateId, const QString &method, double score,
                             qint64 operatorId, const QString &reason, const QByteArray &snapshot)
{
    Statement &s = m_db.cached(
        "INSERT INTO check_in (session_id, candidate_id, checked_in_at, method, score, threshold, "
        "liveness, "
        "operator_id, reason, snapshot) VALUES (?1, ?2, ?3, ?4, ?5, 0.6, 'passed', ?6, ?7, ?8)");
    s.bind(1, sessionId).bind(2, candidateId).bind(3, utcNow()).bind(4, method).bind(5, score);
    if (method == u"override")
        s.bind(6, operatorId).bind(7, reason);
    else
        s.bindNull(6).bindNull(7);
    s.bind(8, snapshot);
    s.exec();
    const qint64 checkIn = m_db.lastInsertId();
    m_db.cached("UPDATE registration SET attendance = 'present' WHERE session_id = ?1 AND candidate_id = ?2")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .exec();
    return checkIn;
}

qint64 DemoStore::addWorkstationIncident(qint64 sessionId, qint64 roomId, qint64 candidateId,
                                         qint64 reporterId)
{
    m_db.cached("INSERT INTO incident (session_id, room_id, candidate_id, category, severity, description, "
                "reporter_id, occurred_at, recorded_at) "
                "VALUES (?1, ?2, ?3, 'technical.workstation', 'minor', "
                "'考生电脑死机，更换至备用机位，补时5分钟', ?4, ?5, ?5)")
        .bind(1, sessionId)
        .bind(2, roomId)
        .bind(3, candidateId)
        .bind(4, reporterId)
        .bind(5, utcNow())
        .exec();
    return m_db.lastInsertId();
}

void DemoStore::addScore(qint64 sessionId, qint64 candidateId, double points, qint64 evaluatorId)
{
    m_db.cached("INSERT INTO score (session_id, candidate_id, item, points, max_points, "
                "evaluator_id, recorded_at) "
                "VALUES (?1, ?2, 'practical', ?3, 100, ?4, ?5) ON CONFLICT DO NOTHING")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, points)
        .bind(4, evaluatorId)
        .bind(5, utcNow())
        .exec();
    m_db.cached("INSERT INTO score_entry (session_id, candidate_id, task, evaluator_id, "
                "points, recorded_at) "
                "VALUES (?1, ?2, 'practical', ?3, ?4, ?5) ON CONFLICT DO NOTHING")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, evaluatorId)
        .bind(4, points)
        .bind(5, utcNow())
        .exec();
}

} // namespace examsite
