// One watch over a site's monitoring cameras, as `examsite feeds watch` and the console's feed wall both
// run it: who may start it and for which session (FeedStore::beginWatch), one FeedMonitor per camera,
// the hand-over of transitions from the monitors' threads to the thread that owns the store, and the same
// ledger events from either adapter (feed.watch_started, each transition with its snapshot, feed.stopped
// per camera, feed.watch_stopped with the uptime summary).
#pragma once

#include "core/policy.h"
#include "monitoring/feedmonitor.h"
#include "monitoring/feedstore.h"

#include <QElapsedTimer>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace examsite::monitoring {

/// Per camera: uptime, seconds in each state and the reader's counters (`feeds watch --json`, the
/// feed.watch_stopped event).
QJsonObject uptimeJson(const FeedMonitor &m);

class FeedWatch
{
public:
    /// Where a camera's frames come from, by stream URL (hardware: feedReaderFactoryFor).
    using ReaderFactoryFor = std::function<FeedReaderFactory(const QString &url)>;

    struct Camera
    {
        FeedDevice device;
        std::unique_ptr<FeedMonitor> monitor;
        bool held = true; ///< this watch still holds the camera's lease
    };
    /// A lease lasts this long without renewal (a monitor that died frees its cameras after it); flush()
    /// renews every kRenewMs.
    static constexpr int kLeaseSeconds = 60;
    static constexpr qint64 kRenewMs = 15000;
    /// A transition after the owner thread recorded it; `error` is why it could not be (empty: stored).
    struct Recorded
    {
        QString device;
        FeedUpdate update;
        QString error;
    };

    FeedWatch(FeedStore &store, ReaderFactoryFor readers);
    ~FeedWatch(); ///< stops a running watch, recording the end
    FeedWatch(const FeedWatch &) = delete;
    FeedWatch &operator=(const FeedWatch &) = delete;

    /// Called on a monitor's thread as each transition arrives, once it is queued for flush(): print it,
    /// or wake the owner thread up to flush(). Keep it short.
    void setListener(std::function<void(const FeedDevice &, const FeedUpdate &)> listener);

    /// Starts watching every camera (or one room's) for `sessionId` (0: the site log) as `actor`
    /// (Action::WatchFeeds), except those another watch holds (elsewhere()): one monitor per camera, so
    /// the uptime report counts what was watched. Throws Error(Denied), Error(Conflict) for a sealed
    /// session or when another watch holds every camera, Error(NotFound) when there is no camera to
    /// watch. A running watch is stopped first.
    void start(const Actor &actor, qint64 sessionId, const QString &room = {}, double analysisFps = 5);
    /// Records the transitions that arrived since the last call (on the thread that owns the store).
    std::vector<Recorded> flush();
    /// Stops the monitors, records what is still queued, STOPPED for every camera and the summary.
    /// Returns the summary (per camera, uptimeJson); empty when no watch was running. Errors while
    /// recording the end (the database is gone) are swallowed: there is nothing left to record to.
    QJsonObject stop();

    bool running() const { return !m_cameras.empty(); }
    const std::vector<Camera> &cameras() const { return m_cameras; }
    /// The camera's monitor while it is watched, else nullptr.
    FeedMonitor *monitor(const QString &device) const;
    /// Who started the watch.
    const std::optional<Actor> &actor() const { return m_actor; }
    /// The cameras left to another watch when this one started, with that watch's terminal.
    const QList<std::pair<FeedDevice, QString>> &elsewhere() const { return m_elsewhere; }

private:
    FeedStore &m_store;
    ReaderFactoryFor m_readers;
    std::function<void(const FeedDevice &, const FeedUpdate &)> m_listener;
    std::vector<Camera> m_cameras;
    std::optional<Actor> m_actor;
    qint64 m_sessionId = 0;
    QString m_holder; ///< this watch's lease holder id: terminal/uuid
    QList<std::pair<FeedDevice, QString>> m_elsewhere;
    QElapsedTimer m_renewed;
    std::mutex m_queueMutex;
    std::vector<std::pair<qsizetype, FeedUpdate>> m_queue; ///< index into m_cameras, update
};

} // namespace examsite::monitoring
