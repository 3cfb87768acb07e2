// One watch over a site's monitoring cameras, as `examsite feeds watch` and the console's feed wall both
// run it: who may start it and for which session (FeedStore::beginWatch), one FeedMonitor per camera,
// the hand-over of transitions from the monitors' threads to the thread that owns the store, and the same
// ledger events from either adapter (feed.watch_started, each transition with its snapshot, feed.stopped
// per camera, feed.watch_stopped with the uptime summary).
#pragma once

#include "core/error.h"
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
    /// A transition after the owner thread tried to record it; `error` is why it could not be (empty:
    /// stored). `held`: not stored yet because the site server is unreachable; kept, in order, and tried
    /// again at each flush (reported held once, then once more when it is stored or given up, `late`).
    struct Recorded
    {
        QString device;
        FeedUpdate update;
        Message error; ///< translated by the console (ui/errortext.h), English in the CLI
        bool held = false;
        bool late = false;
    };
    /// At most this many transitions wait for an unreachable site server (with their snapshots, about
    /// 100 MB); beyond it the oldest are given up, with an error each. Ten cameras changing state every
    /// minute fill it in over three hours.
    static constexpr size_t kMaxHeld = 2000;

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
    /// Records the transitions held and those that arrived since the last call, in order (on the thread
    /// that owns the store). Once the store is unreachable the rest are held for the next call.
    std::vector<Recorded> flush();
    /// Transitions waiting for the site server.
    size_t held() const { return m_held.size(); }
    /// Transitions the last stop() could not record: still held, the site server not answering (also
    /// logged as a warning); 0 otherwise.
    size_t notRecordedAtStop() const { return m_notRecordedAtStop; }
    /// Why the last flush() found the site server unreachable (Error(Unreachable)), or nullptr: for the
    /// terminal's SiteLink, which then holds the connection down and reconnects in the background.
    const Error *unreachable() const { return m_unreachable ? &*m_unreachable : nullptr; }
    /// Stops the monitors, records what is still queued or held (once more), STOPPED for every camera and
    /// the summary; what the site server still does not take is counted in notRecordedAtStop().
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
    struct Pending
    {
        qsizetype camera = 0; ///< index into m_cameras
        FeedUpdate update;
        qint64 detectedMs = 0;
        bool reported = false;    ///< flush() said it is held
        bool maybeStored = false; ///< its last try failed not knowing whether the commit arrived
    };
    std::mutex m_queueMutex;
    std::vector<Pending> m_queue; ///< from the monitors' threads, under m_queueMutex
    std::vector<Pending> m_held;  ///< waiting for the site server (owner thread)
    std::optional<Error> m_unreachable;
    size_t m_notRecordedAtStop = 0;
};

} // namespace examsite::monitoring
