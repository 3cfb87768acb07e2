// The feed wall's two lists: the cameras being watched with their health (FeedListModel, rows owned by
// FeedWallViewModel) and the session's feed alerts (FeedAlertListModel, filled by FeedAlertsViewModel);
// and the translation of the health state machine's reasons, which both show.
#pragma once

#include "monitoring/feedstore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QImage>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace examsite {

/// The state machine's reason (English, as stored in the ledger and the bundle) in the UI's language.
QString localizedFeedReason(const QString &reason);
/// An ISO UTC time as local HH:mm:ss ("" when it is not a time).
QString feedLocalTime(const QString &isoUtc);
/// Whether a camera in `state` needs a proctor's attention (STALE, LOST, FROZEN, TAMPERED).
bool feedNeedsAttention(const QString &state);

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
        StateRole,      ///< QString CONNECTING, LIVE, STALE, LOST, RECONNECTING, FROZEN, TAMPERED
        ReasonRole,     ///< QString why it is in that state
        SinceRole,      ///< QString local time HH:mm:ss of the last transition
        UptimeRole,     ///< double 0..1 since the wall started
        FrameRole,      ///< QImage the latest analysed frame (320 wide), null before the first
        AlertRole,      ///< bool the state needs a proctor's attention
        BaselineRole,   ///< bool a tamper baseline is confirmed
        StateLabelRole, ///< QString the state in the UI's language (labels.h feedStateLabel)
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
    QML_UNCREATABLE("Created by FeedAlertsViewModel")
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
        StateLabelRole,            ///< QString the state in the UI's language
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

} // namespace examsite
