// The monitoring's part of a sealed bundle: reports/feed_uptime.csv (time per state for each camera,
// from the session log's feed.* events, docs/monitoring.md), the feed snapshots as
// evidence/feed-NNNNNNNNNN.jpg (named by their event's place in the log) with the count
// `feed_snapshots`, and the exam window of feed.* events.
#pragma once

#include "ledger/bundlecontributor.h"
#include "monitoring/feedstore.h" // the uptime queries (kFeedCountsSql, kFeedChangesSql)

namespace examsite::monitoring {

class FeedBundle : public ledger::BundleContributor
{
public:
    QString name() const override { return QStringLiteral("monitoring"); }
    ledger::BundlePart seal(Database &db, qint64 sessionId) const override;
    QList<ledger::EvidenceKind> evidence() const override;
    QList<ledger::EventWindow> windows() const override;
    void verify(const ledger::BundleContent &bundle, ledger::BundleFindings &findings) const override;
};

/// One feed event as the uptime report reads it: `to` is the state entered (LIVE, LOST, ...), taken from
/// the payload, or derived from the type for events written before states were recorded.
struct FeedStateChange
{
    qint64 wallMs = 0;
    QString device;
    QString to;
};

struct FeedUptimeRow
{
    QString device;
    qint64 events = 0;           ///< all feed.* events of the device
    int outages = 0;             ///< times it became LOST
    double monitoredSeconds = 0; ///< from its first state change to the end of the session's log
    double liveSeconds = 0, frozenSeconds = 0, tamperedSeconds = 0;
    double downSeconds = 0; ///< CONNECTING, STALE, LOST, RECONNECTING
    bool downAtClose = false;
    /// Share of the monitored time with pictures arriving (LIVE, FROZEN or TAMPERED), in percent.
    double uptimePercent() const;
};

/// Time per state for each device from its state changes (in time order), up to `endMs`. STOPPED (the
/// monitor was shut down) counts as neither up nor down until the next change.
QList<FeedUptimeRow> feedUptime(const QList<FeedStateChange> &changes,
                                const QMap<QString, qint64> &eventCounts, qint64 endMs);

} // namespace examsite::monitoring
