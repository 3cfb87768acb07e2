#include "monitoring/feedbundle.h"

#include "monitoring/feedstore.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace examsite::monitoring {

ledger::BundlePart FeedBundle::seal(Database &db, qint64 sessionId) const
{
    // Feed uptime from the ledger's feed events (docs/monitoring.md): each feed.* event with a "to"
    // state starts an interval in that state; older logs only have feed.lost / feed.restored.
    // Both queries are answered by migration 7's partial indexes, so a session with 100,000 feed
    // events is not parsed event by event: the per-camera counts come from the index alone, and
    // only the state changes are read.
    EventStore events(db, QString()); // read only
    FeedStore store(db, events);
    const QMap<QString, qint64> counts = store.feedEventCounts(sessionId);
    QList<FeedStateChange> changes;
    for (const FeedChangeRow &r : store.feedChanges(sessionId)) {
        QString to = r.to;
        if (to.isEmpty() && r.type == u"feed.lost")
            to = QStringLiteral("LOST");
        else if (to.isEmpty() && r.type == u"feed.restored")
            to = QStringLiteral("LIVE");
        if (!to.isEmpty())
            changes.append(
                {QDateTime::fromString(r.wallTime, Qt::ISODateWithMs).toMSecsSinceEpoch(), r.device, to});
    }
    // The session ends with its last event (seq is append order, the log's order within a session).
    const QString end = store.lastEventTime(sessionId);
    const qint64 endMs =
        end.isEmpty() ? 0 : QDateTime::fromString(end, Qt::ISODateWithMs).toMSecsSinceEpoch();
    QByteArray csv = ledger::csvLine({QStringLiteral("device"), QStringLiteral("events"),
                                      QStringLiteral("outages"), QStringLiteral("monitored_seconds"),
                                      QStringLiteral("live_seconds"), QStringLiteral("frozen_seconds"),
                                      QStringLiteral("tampered_seconds"), QStringLiteral("downtime_seconds"),
                                      QStringLiteral("uptime_percent"), QStringLiteral("down_at_close")});
    auto secs = [](double v) { return QString::number(v, 'f', 3); };
    for (const FeedUptimeRow &f : feedUptime(changes, counts, endMs))
        csv += ledger::csvLine({f.device, QString::number(f.events), QString::number(f.outages),
                                secs(f.monitoredSeconds), secs(f.liveSeconds), secs(f.frozenSeconds),
                                secs(f.tamperedSeconds), secs(f.downSeconds),
                                QString::number(f.uptimePercent(), 'f', 2),
                                f.downAtClose ? QStringLiteral("yes") : QStringLiteral("no")});
    ledger::BundlePart part;
    part.reports.insert(QStringLiteral("feed_uptime.csv"), csv);
    return part;
}

QList<ledger::EvidenceKind> FeedBundle::evidence() const
{
    return {{&FeedStore::snapshotKeys, &FeedStore::snapshotReader, QStringLiteral("evidence/feed-"), 10,
             QStringLiteral("feed_snapshots")}};
}

QList<ledger::EventWindow> FeedBundle::windows() const
{
    return {{QStringLiteral("feed."), 3 * 3600000, 3 * 3600000}};
}

void FeedBundle::verify(const ledger::BundleContent &b, ledger::BundleFindings &f) const
{
    if (!b.files.contains(QStringLiteral("reports/feed_uptime.csv")))
        f.fail(QStringLiteral("files"), QStringLiteral("reports/feed_uptime.csv"),
               QStringLiteral("missing: every bundle carries it"));
    f.checkCount(QStringLiteral("feed_snapshots"),
                 ledger::countFiles(b.files, QStringLiteral("evidence/feed-")),
                 QStringLiteral("evidence/feed-*"));
    // A camera's picture is named after the record number of the feed event it was taken with.
    QSet<qint64> feedRecords;
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        if (r.type.startsWith(u"feed.") &&
            QJsonDocument::fromJson(r.payload).object().value(QStringLiteral("snapshot")).toBool())
            feedRecords.insert(qint64(r.seq));
    });
    ledger::checkEvidenceNames(b, QStringLiteral("evidence/feed-"), 10, feedRecords,
                               QStringLiteral("record of a feed event with a snapshot"), f);
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

} // namespace examsite::monitoring
