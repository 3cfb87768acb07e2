#include "ledger/reports.h"

#include "core/csv.h"
#include "store/database.h"

#include <map>
#include <QDateTime>

namespace examsite::ledger {

namespace {

QByteArray row(const QStringList &cells)
{
    return csvRow(cells).toUtf8();
}

QString num(Statement &s, int col)
{
    return s.isNull(col) ? QString() : QString::number(s.int64(col));
}

} // namespace

// Their WHERE terms must stay those of the indexes (src/store/migrations.cpp, migrateTo7).
const char *const kFeedCountsSql = "SELECT json_extract(payload, '$.device'), count(*) FROM event WHERE "
                                   "session_id = ?1 AND type LIKE 'feed.%' "
                                   "GROUP BY json_extract(payload, '$.device')";
const char *const kFeedChangesSql =
    "SELECT type, json_extract(payload, '$.device'), json_extract(payload, '$.to'), wall_time FROM event "
    "WHERE session_id = ?1 AND type LIKE 'feed.%' "
    "AND (json_extract(payload, '$.to') IS NOT NULL OR type IN ('feed.lost', 'feed.restored')) ORDER BY seq";

SessionReports buildReports(Database &db, qint64 sessionId)
{
    SessionReports r;
    {
        QByteArray csv =
            row({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("room"),
                 QStringLiteral("seat_row"), QStringLiteral("seat_col"), QStringLiteral("attendance"),
                 QStringLiteral("checked_in_at"), QStringLiteral("method")});
        Statement s(db, "SELECT c.ticket, c.name, ifnull(rm.code, ''), r.seat_row, r.seat_col, r.attendance, "
                        "(SELECT min(checked_in_at) FROM check_in ci WHERE ci.session_id = r.session_id AND "
                        "ci.candidate_id = r.candidate_id), "
                        "(SELECT method FROM check_in ci WHERE ci.session_id = r.session_id AND "
                        "ci.candidate_id = r.candidate_id ORDER BY id LIMIT 1) "
                        "FROM registration r JOIN candidate c ON c.id = r.candidate_id LEFT JOIN room rm ON "
                        "rm.id = r.room_id "
                        "WHERE r.session_id = ?1 ORDER BY c.ticket");
        s.bind(1, sessionId);
        while (s.step()) {
            ++r.registered;
            if (!s.isNull(6))
                ++r.present;
            csv +=
                row({s.text(0), s.text(1), s.text(2), num(s, 3), num(s, 4), s.text(5), s.text(6), s.text(7)});
        }
        r.files.insert(QStringLiteral("attendance.csv"), csv);
    }
    {
        QByteArray csv = row({QStringLiteral("room"), QStringLiteral("seat_row"), QStringLiteral("seat_col"),
                              QStringLiteral("ticket"), QStringLiteral("name")});
        Statement s(db, "SELECT rm.code, r.seat_row, r.seat_col, c.ticket, c.name FROM registration r JOIN "
                        "candidate c ON c.id = r.candidate_id "
                        "JOIN room rm ON rm.id = r.room_id WHERE r.session_id = ?1 ORDER BY rm.code, "
                        "r.seat_row, r.seat_col");
        s.bind(1, sessionId);
        while (s.step())
            csv += row({s.text(0), num(s, 1), num(s, 2), s.text(3), s.text(4)});
        r.files.insert(QStringLiteral("seat_plan.csv"), csv);
    }
    {
        QByteArray csv =
            row({QStringLiteral("id"), QStringLiteral("occurred_at"), QStringLiteral("recorded_at"),
                 QStringLiteral("room"), QStringLiteral("ticket"), QStringLiteral("category"),
                 QStringLiteral("severity"), QStringLiteral("description"), QStringLiteral("reporter"),
                 QStringLiteral("witness")});
        Statement s(
            db, "SELECT i.id, i.occurred_at, i.recorded_at, ifnull(rm.code, ''), ifnull(c.ticket, ''), "
                "i.category, ifnull(i.severity, ''), "
                "i.description, ifnull(rp.username, ''), ifnull(w.username, '') FROM incident i LEFT JOIN "
                "room rm ON rm.id = i.room_id "
                "LEFT JOIN candidate c ON c.id = i.candidate_id LEFT JOIN staff rp ON rp.id = i.reporter_id "
                "LEFT JOIN staff w ON w.id = i.witness_id WHERE i.session_id = ?1 ORDER BY i.id");
        s.bind(1, sessionId);
        while (s.step()) {
            ++r.incidents;
            csv += row({num(s, 0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                        s.text(7), s.text(8), s.text(9)});
        }
        r.files.insert(QStringLiteral("incidents.csv"), csv);
    }
    {
        QByteArray csv = row({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("item"),
                              QStringLiteral("points"), QStringLiteral("max_points"),
                              QStringLiteral("evaluator"), QStringLiteral("recorded_at")});
        Statement s(
            db, "SELECT c.ticket, c.name, sc.item, sc.points, sc.max_points, ifnull(st.username, ''), "
                "sc.recorded_at FROM score sc "
                "JOIN candidate c ON c.id = sc.candidate_id LEFT JOIN staff st ON st.id = sc.evaluator_id "
                "WHERE sc.session_id = ?1 ORDER BY c.ticket, sc.item");
        s.bind(1, sessionId);
        while (s.step()) {
            ++r.scores;
            csv += row({s.text(0), s.text(1), s.text(2), QString::number(s.real(3)),
                        QString::number(s.real(4)), s.text(5), s.text(6)});
        }
        r.files.insert(QStringLiteral("scores.csv"), csv);
    }
    {
        // Feed uptime from the ledger's feed events (docs/monitoring.md): each feed.* event with a "to"
        // state starts an interval in that state; older logs only have feed.lost / feed.restored.
        // Both queries are answered by migration 7's partial indexes, so a session with 100,000 feed
        // events is not parsed event by event: the per-camera counts come from the index alone, and
        // only the state changes are read.
        QMap<QString, qint64> counts;
        Statement c(db, kFeedCountsSql);
        c.bind(1, sessionId);
        while (c.step())
            if (!c.isNull(0)) // feed events about no single camera (watch started, ...) are not counted
                counts.insert(c.text(0), c.int64(1));
        QList<FeedStateChange> changes;
        Statement s(db, kFeedChangesSql);
        s.bind(1, sessionId);
        while (s.step()) {
            if (s.isNull(1))
                continue;
            QString to = s.text(2);
            if (to.isEmpty() && s.text(0) == u"feed.lost")
                to = QStringLiteral("LOST");
            else if (to.isEmpty() && s.text(0) == u"feed.restored")
                to = QStringLiteral("LIVE");
            if (!to.isEmpty())
                changes.append(
                    {QDateTime::fromString(s.text(3), Qt::ISODateWithMs).toMSecsSinceEpoch(), s.text(1), to});
        }
        // The session ends with its last event (seq is append order, the log's order within a session).
        Statement end(db, "SELECT wall_time FROM event WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1");
        end.bind(1, sessionId);
        const qint64 endMs =
            end.step() ? QDateTime::fromString(end.text(0), Qt::ISODateWithMs).toMSecsSinceEpoch() : 0;
        QByteArray csv = row({QStringLiteral("device"), QStringLiteral("events"), QStringLiteral("outages"),
                              QStringLiteral("monitored_seconds"), QStringLiteral("live_seconds"),
                              QStringLiteral("frozen_seconds"), QStringLiteral("tampered_seconds"),
                              QStringLiteral("downtime_seconds"), QStringLiteral("uptime_percent"),
                              QStringLiteral("down_at_close")});
        auto secs = [](double v) { return QString::number(v, 'f', 3); };
        for (const FeedUptimeRow &f : feedUptime(changes, counts, endMs))
            csv +=
                row({f.device, QString::number(f.events), QString::number(f.outages),
                     secs(f.monitoredSeconds), secs(f.liveSeconds), secs(f.frozenSeconds),
                     secs(f.tamperedSeconds), secs(f.downSeconds), QString::number(f.uptimePercent(), 'f', 2),
                     f.downAtClose ? QStringLiteral("yes") : QStringLiteral("no")});
        r.files.insert(QStringLiteral("feed_uptime.csv"), csv);
    }
    return r;
}

double FeedUptimeRow::uptimePercent() const
{
    return monitoredSeconds > 0 ? 100.0 * (liveSeconds + frozenSeconds + tamperedSeconds) / monitoredSeconds
                                : 0.0;
}

QList<FeedUptimeRow> feedUptime(const QList<FeedStateChange> &changes,
                                const QMap<QString, qint64> &eventCounts, qint64 endMs)
{
    struct Open
    {
        FeedUptimeRow row;
        QString state;
        qint64 since = 0;
    };
    std::map<QString, Open> feeds;
    auto close = [](Open &o, qint64 until) {
        if (o.state == u"STOPPED")
            return; // nobody was watching: neither up nor down
        const double s = std::max<qint64>(0, until - o.since) / 1000.0;
        o.row.monitoredSeconds += s;
        if (o.state == u"LIVE")
            o.row.liveSeconds += s;
        else if (o.state == u"FROZEN")
            o.row.frozenSeconds += s;
        else if (o.state == u"TAMPERED")
            o.row.tamperedSeconds += s;
        else
            o.row.downSeconds += s;
    };
    for (const FeedStateChange &c : changes) {
        auto [it, fresh] = feeds.try_emplace(c.device);
        Open &o = it->second;
        if (fresh)
            o.row.device = c.device;
        else
            close(o, c.wallMs);
        if (c.to == u"LOST" && o.state != u"LOST")
            ++o.row.outages;
        o.state = c.to;
        o.since = c.wallMs;
    }
    for (auto it = eventCounts.cbegin(); it != eventCounts.cend(); ++it)
        if (!feeds.count(it.key()))
            feeds[it.key()].row.device = it.key();
    QList<FeedUptimeRow> out;
    for (auto &[device, o] : feeds) {
        if (!o.state.isEmpty()) {
            close(o, std::max(endMs, o.since));
            o.row.downAtClose =
                o.state != u"LIVE" && o.state != u"FROZEN" && o.state != u"TAMPERED" && o.state != u"STOPPED";
        }
        o.row.events = eventCounts.value(device);
        out.append(o.row);
    }
    return out;
}

} // namespace examsite::ledger
