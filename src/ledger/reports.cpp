#include "ledger/reports.h"

#include "store/database.h"

#include <QDateTime>
#include <map>

namespace examsite::ledger {

namespace {

QByteArray cell(const QString &v)
{
    QString s = v;
    // A cell that a spreadsheet would run as a formula is prefixed with a quote.
    if (!s.isEmpty() && (s[0] == u'=' || s[0] == u'+' || s[0] == u'-' || s[0] == u'@') && !s[0].isDigit() &&
        !(s.size() > 1 && s[0] == u'-' && s[1].isDigit()))
        s.prepend(u'\'');
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r'))
        s = u'"' + QString(s).replace(u'"', QStringLiteral("\"\"")) + u'"';
    return s.toUtf8();
}

QByteArray row(const QStringList &cells)
{
    QByteArray out;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += cell(cells[i]);
    }
    return out + "\r\n";
}

QString num(Statement &s, int col)
{
    return s.isNull(col) ? QString() : QString::number(s.int64(col));
}

} // namespace

SessionReports buildReports(Database &db, qint64 sessionId)
{
    SessionReports r;
    {
        QByteArray csv = row({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("room"), QStringLiteral("seat_row"),
                              QStringLiteral("seat_col"), QStringLiteral("attendance"), QStringLiteral("checked_in_at"),
                              QStringLiteral("method")});
        Statement s(db, "SELECT c.ticket, c.name, ifnull(rm.code, ''), r.seat_row, r.seat_col, r.attendance, "
                        "(SELECT min(checked_in_at) FROM check_in ci WHERE ci.session_id = r.session_id AND ci.candidate_id = r.candidate_id), "
                        "(SELECT method FROM check_in ci WHERE ci.session_id = r.session_id AND ci.candidate_id = r.candidate_id ORDER BY id LIMIT 1) "
                        "FROM registration r JOIN candidate c ON c.id = r.candidate_id LEFT JOIN room rm ON rm.id = r.room_id "
                        "WHERE r.session_id = ?1 ORDER BY c.ticket");
        s.bind(1, sessionId);
        while (s.step()) {
            ++r.registered;
            if (!s.isNull(6))
                ++r.present;
            csv += row({s.text(0), s.text(1), s.text(2), num(s, 3), num(s, 4), s.text(5), s.text(6), s.text(7)});
        }
        r.files.insert(QStringLiteral("attendance.csv"), csv);
    }
    {
        QByteArray csv = row({QStringLiteral("room"), QStringLiteral("seat_row"), QStringLiteral("seat_col"), QStringLiteral("ticket"),
                              QStringLiteral("name")});
        Statement s(db, "SELECT rm.code, r.seat_row, r.seat_col, c.ticket, c.name FROM registration r JOIN candidate c ON c.id = r.candidate_id "
                        "JOIN room rm ON rm.id = r.room_id WHERE r.session_id = ?1 ORDER BY rm.code, r.seat_row, r.seat_col");
        s.bind(1, sessionId);
        while (s.step())
            csv += row({s.text(0), num(s, 1), num(s, 2), s.text(3), s.text(4)});
        r.files.insert(QStringLiteral("seat_plan.csv"), csv);
    }
    {
        QByteArray csv = row({QStringLiteral("id"), QStringLiteral("occurred_at"), QStringLiteral("recorded_at"), QStringLiteral("room"),
                              QStringLiteral("ticket"), QStringLiteral("category"), QStringLiteral("severity"), QStringLiteral("description"),
                              QStringLiteral("reporter"), QStringLiteral("witness")});
        Statement s(db, "SELECT i.id, i.occurred_at, i.recorded_at, ifnull(rm.code, ''), ifnull(c.ticket, ''), i.category, ifnull(i.severity, ''), "
                        "i.description, ifnull(rp.username, ''), ifnull(w.username, '') FROM incident i LEFT JOIN room rm ON rm.id = i.room_id "
                        "LEFT JOIN candidate c ON c.id = i.candidate_id LEFT JOIN staff rp ON rp.id = i.reporter_id "
                        "LEFT JOIN staff w ON w.id = i.witness_id WHERE i.session_id = ?1 ORDER BY i.id");
        s.bind(1, sessionId);
        while (s.step()) {
            ++r.incidents;
            csv += row({num(s, 0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8), s.text(9)});
        }
        r.files.insert(QStringLiteral("incidents.csv"), csv);
    }
    {
        QByteArray csv = row({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("item"), QStringLiteral("points"),
                              QStringLiteral("max_points"), QStringLiteral("evaluator"), QStringLiteral("recorded_at")});
        Statement s(db, "SELECT c.ticket, c.name, sc.item, sc.points, sc.max_points, ifnull(st.username, ''), sc.recorded_at FROM score sc "
                        "JOIN candidate c ON c.id = sc.candidate_id LEFT JOIN staff st ON st.id = sc.evaluator_id "
                        "WHERE sc.session_id = ?1 ORDER BY c.ticket, sc.item");
        s.bind(1, sessionId);
        while (s.step()) {
            ++r.scores;
            csv += row({s.text(0), s.text(1), s.text(2), QString::number(s.real(3)), QString::number(s.real(4)), s.text(5), s.text(6)});
        }
        r.files.insert(QStringLiteral("scores.csv"), csv);
    }
    {
        // Feed uptime from the ledger's feed events: feed.lost opens an outage, feed.restored closes it.
        // Counting is left to SQLite; only the outage events are walked here.
        struct Feed
        {
            qint64 events = 0, outages = 0;
            qint64 downMs = 0, lostAt = -1;
        };
        std::map<QString, Feed> feeds;
        Statement counts(db, "SELECT ifnull(json_extract(payload, '$.device'), ''), count(*) FROM event "
                             "WHERE session_id = ?1 AND type LIKE 'feed.%' GROUP BY 1");
        counts.bind(1, sessionId);
        while (counts.step())
            feeds[counts.text(0)].events = counts.int64(1);
        Statement s(db, "SELECT type, ifnull(json_extract(payload, '$.device'), ''), wall_time FROM event "
                        "WHERE session_id = ?1 AND type IN ('feed.lost', 'feed.restored') ORDER BY log_seq");
        s.bind(1, sessionId);
        while (s.step()) {
            Feed &f = feeds[s.text(1)];
            const qint64 at = QDateTime::fromString(s.text(2), Qt::ISODateWithMs).toMSecsSinceEpoch();
            if (s.text(0) == u"feed.lost" && f.lostAt < 0) {
                ++f.outages;
                f.lostAt = at;
            } else if (s.text(0) == u"feed.restored" && f.lostAt >= 0) {
                f.downMs += at - f.lostAt;
                f.lostAt = -1;
            }
        }
        QByteArray csv = row({QStringLiteral("device"), QStringLiteral("events"), QStringLiteral("outages"), QStringLiteral("downtime_seconds"),
                              QStringLiteral("down_at_close")});
        for (const auto &[device, f] : feeds)
            csv += row({device, QString::number(f.events), QString::number(f.outages), QString::number(f.downMs / 1000.0, 'f', 3),
                        f.lostAt >= 0 ? QStringLiteral("yes") : QStringLiteral("no")});
        r.files.insert(QStringLiteral("feed_uptime.csv"), csv);
    }
    return r;
}

} // namespace examsite::ledger
