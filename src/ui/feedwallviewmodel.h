// The admin console's feed wall: every monitoring camera of the site as a live thumbnail with its health
// state, filtered by room, one enlarged on request; the alert list (LOST, STALE, FROZEN, TAMPERED) with
// acknowledgement by the signed-in staff member; and "this view is normal" to confirm a camera's tamper
// baseline. Transitions are recorded in the session's ledger with their snapshots (docs/monitoring.md).
#pragma once

#include "monitoring/feedmonitor.h"
#include "monitoring/feedstore.h"
#include "monitoring/feedwatch.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QImage>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <vector>

namespace examsite {

class AuthViewModel;

/// The cameras shown on the wall (after the room filter), in room and name order.
class FeedListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by FeedWallViewModel")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString camera name
        RoomRole,                    ///< QString room code
        KindRole,                    ///< QString rtsp, mjpeg, usb, sim
        StateRole,    ///< QString CONNECTING, LIVE, STALE, LOST, RECONNECTING, FROZEN, TAMPERED
        ReasonRole,   ///< QString why it is in that state
        SinceRole,    ///< QString local time HH:mm:ss of the last transition
        UptimeRole,   ///< double 0..1 since the wall started
        FrameRole,    ///< QImage the latest analysed frame (320 wide), null before the first
        AlertRole,    ///< bool the state needs a proctor's attention
        BaselineRole, ///< bool a tamper baseline is confirmed
    };

    struct Row
    {
        monitoring::FeedDevice device;
        QString state = QStringLiteral("CONNECTING");
        QString reason;
        QDateTime since;
        double uptime = 0;
        QImage frame;
        bool baseline = false;
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(std::vector<Row *> rows);
    void rowChanged(const Row *row, const QList<int> &roles);

Q_SIGNALS:
    void countChanged();

private:
    std::vector<Row *> m_rows; ///< owned by FeedWallViewModel
};

/// Feed alerts of the session, newest first (acknowledged ones included, marked).
class FeedAlertListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by FeedWallViewModel")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64 the event's sequence number
        DeviceRole,                ///< QString camera name
        StateRole,                 ///< QString LOST, STALE, FROZEN, TAMPERED
        ReasonRole,                ///< QString
        AtRole,                    ///< QString local time HH:mm:ss
        AcknowledgedByRole,        ///< QString username, "" while open
        AcknowledgedAtRole,        ///< QString local time HH:mm:ss, "" while open
        SnapshotRole,              ///< bool a picture of the moment is stored
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setRows(QList<monitoring::FeedAlert> rows);
    const QList<monitoring::FeedAlert> &rows() const { return m_rows; }

Q_SIGNALS:
    void countChanged();

private:
    QList<monitoring::FeedAlert> m_rows;
};

class FeedWallViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(examsite::FeedListModel *feeds READ feeds CONSTANT)
    Q_PROPERTY(examsite::FeedAlertListModel *alerts READ alerts CONSTANT)
    Q_PROPERTY(QStringList rooms READ rooms NOTIFY changed)
    Q_PROPERTY(QStringList cameraNames READ cameraNames NOTIFY changed)
    Q_PROPERTY(QString roomFilter READ roomFilter WRITE setRoomFilter NOTIFY changed)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(int cameraCount READ cameraCount NOTIFY changed)
    Q_PROPERTY(int openAlerts READ openAlerts NOTIFY changed)
    Q_PROPERTY(QString selected READ selected WRITE setSelected NOTIFY selectedChanged)
    Q_PROPERTY(
        QVariant selectedFrame READ selectedFrame NOTIFY selectedFrameChanged) // a QImage (see FrameView)
    Q_PROPERTY(QVariant alertPicture READ alertPicture NOTIFY alertPictureChanged)
    Q_PROPERTY(QString alertPictureCaption READ alertPictureCaption NOTIFY alertPictureChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)

public:
    using ReaderFactoryFor = monitoring::FeedWatch::ReaderFactoryFor;

    FeedWallViewModel(monitoring::FeedStore &feeds, AuthViewModel &auth, QObject *parent = nullptr);
    ~FeedWallViewModel() override;

    /// Where each camera's frames come from (hardware: feedReaderFactoryFor); without one start() refuses.
    void setReaderFactory(ReaderFactoryFor factory);
    /// Transitions go into this session's log (0: the site log). A running watch is restarted for the new
    /// session (STOPPED in the old one), by the signed-in staff member or else whoever started it.
    void setSession(qint64 sessionId);

    FeedListModel *feeds() const { return m_feeds; }
    FeedAlertListModel *alerts() const { return m_alerts; }
    QStringList rooms() const;
    /// Every camera being watched, in room and name order.
    QStringList cameraNames() const;
    /// A camera's latest picture (320 wide); null when it has none or is not watched.
    QImage latestFrame(const QString &name) const;
    QString roomFilter() const { return m_roomFilter; }
    void setRoomFilter(const QString &room);
    bool running() const { return m_running; }
    int cameraCount() const { return int(m_all.size()); }
    int openAlerts() const { return m_openAlerts; }
    QString selected() const { return m_selected; }
    void setSelected(const QString &name);
    QImage selectedFrame() const { return m_selectedFrame; }
    QImage alertPicture() const { return m_alertPicture; }
    QString alertPictureCaption() const { return m_alertPictureCaption; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    /// Reads the cameras from the store and starts watching them (again, after a change).
    Q_INVOKABLE bool start();
    Q_INVOKABLE void stop();
    /// Acknowledges an alert as the signed-in staff member.
    Q_INVOKABLE bool acknowledge(qint64 alertId);
    /// Shows the picture the monitor stored with an alert (alertPicture); false, with a message, when
    /// there is none or it cannot be read.
    Q_INVOKABLE bool showAlertPicture(qint64 alertId);
    Q_INVOKABLE void closeAlertPicture();
    /// "What the camera shows now is normal": learns a baseline over 3 s and stores it, confirmed by the
    /// signed-in technician, proctor or site admin.
    Q_INVOKABLE bool confirmBaseline(const QString &name);

Q_SIGNALS:
    void changed();
    void selectedChanged();
    void selectedFrameChanged();
    void alertPictureChanged();
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
    void reloadAlerts();
    void applyFilter();
    void say(const QString &text, bool error);
    Feed *find(const QString &name);

    AuthViewModel &m_auth;
    monitoring::FeedStore &m_store;
    std::unique_ptr<monitoring::FeedWatch> m_watch; ///< null until a reader factory is set
    qint64 m_sessionId = 0;
    std::vector<std::unique_ptr<Feed>> m_all;
    FeedListModel *m_feeds;
    FeedAlertListModel *m_alerts;
    QString m_roomFilter;
    bool m_running = false;
    int m_openAlerts = 0;
    QString m_selected;
    QImage m_selectedFrame;
    QImage m_alertPicture;
    QString m_alertPictureCaption;
    QString m_message;
    bool m_messageIsError = false;
    QTimer m_frameTimer;
    QTimer m_alertTimer;
};

} // namespace examsite
