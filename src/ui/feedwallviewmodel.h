// The admin console's feed wall: the watch over every monitoring camera of the site (FeedWatch, the one
// orchestrator the CLI's `feeds watch` uses too), each camera a live thumbnail with its health state,
// filtered by room, one enlarged on request; and "this view is normal" to confirm a camera's tamper
// baseline. Transitions are recorded in the session's ledger with their snapshots (docs/monitoring.md);
// the alerts they raise are FeedAlertsViewModel's.
#pragma once

#include "monitoring/feedmonitor.h"
#include "monitoring/feedwatch.h"
#include "ui/feedlistmodels.h"

#include <QImage>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <vector>

namespace examsite {

class AuthViewModel;
class FeedAlertsViewModel;
class SiteLink;

class FeedWallViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(examsite::FeedListModel *feeds READ feeds CONSTANT)
    Q_PROPERTY(QStringList rooms READ rooms NOTIFY changed)
    Q_PROPERTY(QStringList cameraNames READ cameraNames NOTIFY changed)
    Q_PROPERTY(QString roomFilter READ roomFilter WRITE setRoomFilter NOTIFY changed)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(int cameraCount READ cameraCount NOTIFY changed)
    Q_PROPERTY(QString selected READ selected WRITE setSelected NOTIFY selectedChanged)
    Q_PROPERTY(
        QVariant selectedFrame READ selectedFrame NOTIFY selectedFrameChanged) // a QImage (see FrameView)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)

public:
    using ReaderFactoryFor = monitoring::FeedWatch::ReaderFactoryFor;

    /// `alerts` is read again when a camera reports a state that needs attention, and follows the session.
    FeedWallViewModel(monitoring::FeedStore &feeds, AuthViewModel &auth, FeedAlertsViewModel &alerts,
                      QObject *parent = nullptr);
    ~FeedWallViewModel() override;

    /// Where each camera's frames come from (hardware: feedReaderFactoryFor); without one start() refuses.
    void setReaderFactory(ReaderFactoryFor factory);
    /// The terminal's link to its site server: transitions the store could not take (unreachable) are
    /// held by the watch, the link told (it reconnects in the background) and they are recorded, in
    /// order and once, when it is restored.
    void setLink(SiteLink *link);
    /// Transitions go into this session's log (0: the site log). A running watch is restarted for the new
    /// session (STOPPED in the old one), by the signed-in staff member or else whoever started it.
    void setSession(qint64 sessionId);

    FeedListModel *feeds() const { return m_feeds; }
    QStringList rooms() const;
    /// Every camera being watched, in room and name order.
    QStringList cameraNames() const;
    /// A camera's latest picture (320 wide); null when it has none or is not watched.
    QImage latestFrame(const QString &name) const;
    QString roomFilter() const { return m_roomFilter; }
    void setRoomFilter(const QString &room);
    bool running() const { return m_running; }
    int cameraCount() const { return int(m_all.size()); }
    QString selected() const { return m_selected; }
    void setSelected(const QString &name);
    QImage selectedFrame() const { return m_selectedFrame; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    /// Reads the cameras from the store and starts watching them (again, after a change).
    Q_INVOKABLE bool start();
    Q_INVOKABLE void stop();
    /// "What the camera shows now is normal": learns a baseline over 3 s and stores it, confirmed by the
    /// signed-in technician, proctor or site admin.
    Q_INVOKABLE bool confirmBaseline(const QString &name);

Q_SIGNALS:
    void changed();
    void selectedChanged();
    void selectedFrameChanged();
    void messageChanged();

private:
    struct Feed
    {
        FeedListModel::Row row;
        monitoring::FeedMonitor *monitor = nullptr; ///< owned by m_watch
        bool confirming = false;
    };
    bool startAs(const Actor &actor);
    /// Records what the cameras reported since the last call and shows it.
    void onUpdates();
    void refreshFrames();
    void applyFilter();
    void say(const QString &text, bool error);
    Feed *find(const QString &name);

    AuthViewModel &m_auth;
    monitoring::FeedStore &m_store;
    FeedAlertsViewModel &m_alerts;
    SiteLink *m_link = nullptr;
    size_t m_heldShown = 0;                         ///< the held count the message last gave
    std::unique_ptr<monitoring::FeedWatch> m_watch; ///< null until a reader factory is set
    qint64 m_sessionId = 0;
    std::vector<std::unique_ptr<Feed>> m_all;
    FeedListModel *m_feeds;
    QString m_roomFilter;
    bool m_running = false;
    QString m_selected;
    QImage m_selectedFrame;
    QString m_message;
    bool m_messageIsError = false;
    QTimer m_frameTimer;
};

} // namespace examsite
