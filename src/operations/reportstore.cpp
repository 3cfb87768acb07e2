// The store's side of the site reports: the SQL behind the pilot table and the session report.
#include "operations/reportstore.h"

#include "seating/seatplan.h"
#include "store/database.h"

namespace examsite::ops {

QList<PilotSession> ReportStore::pilotSessions()
{
    Statement s(
        m_db,
        "SELECT es.code, c.name, c.level, es.exam_date, es.trained, es.trained_public FROM exam_session es "
        "JOIN certificate c ON c.id = es.certificate_id ORDER BY c.name, c.level, es.exam_date, es.code");
    QList<PilotSession> out;
    while (s.step())
        out.append({s.text(0), s.text(1), s.text(2), s.text(3),
                    s.isNull(4) ? std::nullopt : std::optional<int>(int(s.int64(4))),
                    s.isNull(5) ? std::nullopt : std::optional<int>(int(s.int64(5)))});
    return out;
}

std::pair<int, int> ReportStore::registeredAndAssessed(const QString &sessionCode)
{
    Statement n(
        m_db,
        "SELECT count(*), sum(CASE WHEN r.attendance != 'absent' AND EXISTS (SELECT 1 FROM check_in k "
        "WHERE k.session_id = r.session_id "
        "AND k.candidate_id = r.candidate_id) THEN 1 ELSE 0 END) FROM registration r JOIN exam_session es ON "
        "es.id = r.session_id WHERE es.code = ?1");
    n.bind(1, sessionCode);
    n.step();
    return {int(n.int64(0)), int(n.int64(1))};
}

QSet<QString> ReportStore::assessedTickets(const QString &sessionCode)
{
    QSet<QString> assessed;
    Statement a(m_db, "SELECT c.ticket FROM registration r JOIN candidate c ON c.id = r.candidate_id JOIN "
                      "exam_session es ON es.id = r.session_id "
                      "WHERE es.code = ?1 AND r.attendance != 'absent' AND EXISTS (SELECT 1 FROM check_in "
                      "k WHERE k.session_id = r.session_id "
                      "AND k.candidate_id = r.candidate_id)");
    a.bind(1, sessionCode);
    while (a.step())
        assessed.insert(a.text(0));
    return assessed;
}

QStringList ReportStore::majors(const QString &sessionCode)
{
    Statement m(m_db, "SELECT DISTINCT c.major FROM registration r JOIN candidate c ON c.id = "
                      "r.candidate_id JOIN exam_session es ON es.id = r.session_id "
                      "WHERE es.code = ?1 AND c.major != '' ORDER BY c.major");
    m.bind(1, sessionCode);
    QStringList out;
    while (m.step())
        out.append(m.text(0));
    return out;
}

int ReportStore::incidentCount(const QString &sessionCode)
{
    Statement s(m_db, "SELECT count(*) FROM incident i JOIN exam_session es ON es.id = i.session_id "
                      "WHERE es.code = ?1");
    s.bind(1, sessionCode);
    return s.step() ? int(s.int64(0)) : 0;
}

QList<SessionReportRow> ReportStore::sessionRows(const QString &sessionCode)
{
    QList<SessionReportRow> out;
    Statement s(
        m_db, "SELECT c.ticket, c.name, c.class_name, c.major, ifnull(rm.code, ''), ifnull(rm.cols, 0), "
              "rm.numbering, r.seat_row, r.seat_col, "
              "r.attendance, ifnull((SELECT k.method FROM check_in k WHERE k.session_id = r.session_id AND "
              "k.candidate_id = c.id ORDER BY k.id LIMIT 1), ''), "
              "(SELECT count(*) FROM incident i WHERE i.session_id = r.session_id AND i.candidate_id = c.id) "
              "FROM registration r JOIN candidate c ON c.id = r.candidate_id JOIN exam_session es ON es.id = "
              "r.session_id "
              "LEFT JOIN room rm ON rm.id = r.room_id WHERE es.code = ?1 ORDER BY c.ticket");
    s.bind(1, sessionCode);
    while (s.step()) {
        SessionReportRow row;
        row.ticket = s.text(0);
        row.name = s.text(1);
        row.className = s.text(2);
        row.major = s.text(3);
        row.room = s.text(4);
        if (!s.isNull(7))
            row.seat =
                seating::seatNumber(int(s.int64(7)), int(s.int64(8)), int(s.int64(5)), s.text(6) == u"snake");
        row.attendance = s.text(9);
        row.checkInMethod = s.text(10);
        row.incidents = int(s.int64(11));
        out.append(row);
    }
    return out;
}

} // namespace examsite::ops
