// Monitoring devices in the store (docs/monitoring.md): each room's cameras with their stream URLs and
// credentials (sealed with the site key), the staff-confirmed tamper baseline, feed transitions as
// ledger events with their snapshots, and who acknowledged which alert when.
#pragma once

#include "core/policy.h"

#include "monitoring/feedhealth.h"
#include "monitoring/feedmonitor.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace examsite {
class BlobByKey;
class Database;
class EventStore;
} // namespace examsite

namespace examsite::monitoring {

struct FeedDevice
{
    qint64 id = 0;
    QString name;
    QString room;         ///< room code
    QString kind;         ///< rtsp, mjpeg, usb or sim (simulated)
    QString url;          ///< without credentials
    QString substreamUrl; ///< preferred for monitoring when set (reduced resolution)
    bool hasCredentials = false;
    QString baselineAt; ///< empty: no confirmed baseline
    QString baselineBy; ///< username of whoever confirmed it
};

struct FeedAlert
{
    qint64 seq = 0; ///< the event's sequence number
    QString device;
    QString state; ///< LOST, STALE, FROZEN, TAMPERED
    QString reason;
    QString at; ///< wall time, ISO 8601 UTC
    QString acknowledgedBy;
    QString acknowledgedAt;
    bool snapshot = false; ///< a picture of the moment is stored (snapshot())

    bool operator==(const FeedAlert &) const = default;
};

/// "rtsp", "mjpeg", "usb" or "sim" for a URL (rtsp://, http(s)://, usb:N or /dev/videoN, sim:LABEL);
/// empty if none fits.
QString feedKindOf(const QString &url);
/// The ledger event type for a transition: feed.lost, feed.restored, feed.tampered, ...
QString feedEventType(FeedState from, FeedState to);

QByteArray serialiseBaseline(const TamperBaseline &b);
/// Throws Error(Input) when the bytes are not a baseline this build wrote.
TamperBaseline parseBaseline(const QByteArray &bytes);

/// The bundle's uptime report's queries (?1: the session), answered by migration 7's partial indexes;
/// exposed so a test can check that their plans still use them.
extern const char *const kFeedCountsSql;
extern const char *const kFeedChangesSql;

/// A feed event about one camera that records a state change, as stored.
struct FeedChangeRow
{
    QString type; ///< feed.lost, feed.restored, ...
    QString device;
    QString to; ///< the state entered, from the payload; empty in logs written before states were recorded
    QString wallTime; ///< ISO 8601 UTC: when the monitor saw it (detected_at), else when it was stored
};

class FeedStore
{
public:
    FeedStore(Database &db, EventStore &events);

    /// Adds a camera to a room (Action::ManageCameras). Throws Error(Input) for an unusable URL,
    /// Error(NotFound) for an unknown room, Error(Conflict) when the name is taken. Credentials are sealed
    /// with the site key.
    FeedDevice add(const QString &room, const QString &name, const QString &url, const QString &substreamUrl,
                   const QString &user, const QString &password, const Actor &actor);
    /// Removes a camera (Action::ManageCameras); its past events stay in the ledger.
    void remove(const QString &name, const Actor &actor);
    QList<FeedDevice> list(const QString &room = {});
    /// The terminal this store writes as (its EventStore's).
    QString terminalName() const;
    FeedDevice device(const QString &name); ///< throws Error(NotFound)
    /// The URL the monitor opens: the sub-stream when there is one, with the credentials put in.
    QString streamUrl(const FeedDevice &d);

    /// Confirms what the camera normally shows (Action::WatchFeeds); tamper checks compare with it.
    void saveBaseline(const QString &name, const TamperBaseline &baseline, const Actor &actor);
    std::optional<TamperBaseline> baseline(const QString &name);

    /// The log feed events of a watched session go to: the session's while it is open for check-in or in
    /// progress (so they fall inside its exam window, which verifiers check), otherwise the site log (0).
    qint64 logFor(qint64 sessionId);
    /// Appends the transition to logFor(sessionId) with its snapshot; returns the event seq.
    /// `detectedMs` (ms since the epoch; 0: not given) is when the monitor saw it, kept in the payload as
    /// `detected_at`, which the uptime report counts from (a transition held while the site server was
    /// unreachable is recorded late). `maybeStored`: an earlier try failed without knowing whether its
    /// commit arrived (Error(Unreachable)); the event of this camera detected at that moment is looked
    /// up first, and its seq returned instead of recording it twice.
    qint64 record(qint64 sessionId, const FeedDevice &d, const FeedUpdate &u, qint64 detectedMs = 0,
                  bool maybeStored = false);
    /// A watch starts (FeedWatch): Action::WatchFeeds; a sealed (or later) session's log is frozen
    /// (Error(Conflict)); feed.watch_started names the cameras, and those left to another monitor.
    void beginWatch(qint64 sessionId, const QList<FeedDevice> &devices, const Actor &actor,
                    const QList<std::pair<FeedDevice, QString>> &elsewhere = {});

    // One monitor per camera: leases (a watch's `holder` id, on this store's terminal).
    struct Leases
    {
        QList<FeedDevice> taken;                         ///< now held by `holder`
        QList<std::pair<FeedDevice, QString>> elsewhere; ///< held by another monitor: its terminal
    };
    /// Takes each camera's lease for `holder` for `seconds`, unless another holder's has not expired.
    Leases takeLeases(const QList<FeedDevice> &devices, const QString &holder, int seconds);
    /// Extends `holder`'s leases by `seconds` from now; returns the ids of the cameras it still holds.
    QSet<qint64> renewLeases(const QString &holder, int seconds);
    void releaseLeases(const QString &holder);
    /// A watch ends: each camera STOPPED (from here it counts as unmonitored) and feed.watch_stopped with
    /// the per-camera uptime, in one transaction.
    void endWatch(qint64 sessionId, const QList<FeedDevice> &devices, const QJsonObject &uptime,
                  const QString &actor);
    /// Problems in the session's log and the site log not yet acknowledged (or all of them), newest first.
    QList<FeedAlert> alerts(qint64 sessionId, bool unacknowledgedOnly);
    /// Throws Error(NotFound) for an event that is no feed alert, Error(Conflict) if already acknowledged.
    /// Action::AcknowledgeAlert.
    void acknowledge(qint64 eventSeq, const Actor &actor);
    /// Acknowledges every open alert of the session's and the site log at once (a camera that dropped
    /// many times, a known outage), with a reason (Error(Input) without one); one event
    /// feed.alerts_acknowledged lists them. Returns how many. Action::AcknowledgeAlert.
    int acknowledgeAll(qint64 sessionId, const QString &reason, const Actor &actor);
    /// The JPEG stored with a feed event (decrypted with the site key). Throws Error(NotFound) when the
    /// event has none (never taken, or purged: 'examsite privacy purge').
    /// Camera pictures show people: Action::ExportSnapshot, to look at one or to save it.
    QByteArray snapshot(qint64 eventSeq, const Actor &actor);
    /// Records that `actor` saved the snapshot of `eventSeq` as `fileName` (event feed.snapshot_exported,
    /// in the log the alert itself went to).
    void recordSnapshotExport(qint64 eventSeq, const QString &fileName, const Actor &actor);

    // The bundle (read only; FeedBundle turns these into feed_uptime.csv).
    /// Feed events per camera in the session's log (events about no single camera are not counted).
    QMap<QString, qint64> feedEventCounts(qint64 sessionId);
    /// The session's feed events that change a camera's state (with a `to`, or feed.lost/feed.restored),
    /// in log order; events about no single camera are left out.
    QList<FeedChangeRow> feedChanges(qint64 sessionId);
    /// The wall time of the session's last event (of any kind), empty when it has none.
    QString lastEventTime(qint64 sessionId);
    /// The session's feed snapshots for its bundle: (event seq, the event's log position), in log order.
    static QList<std::pair<qint64, qint64>> snapshotKeys(Database &db, qint64 sessionId);
    /// Reads the sealed snapshots by event seq on `conn` (the seal's bulk reads).
    static std::unique_ptr<BlobByKey> snapshotReader(Database &conn);

private:
    /// nullopt for 0 (the site log); throws Error(NotFound) for a session that does not exist.
    std::optional<SessionStatus> sessionStatus(qint64 sessionId);

    Database &m_db;
    EventStore &m_events;
};

} // namespace examsite::monitoring
