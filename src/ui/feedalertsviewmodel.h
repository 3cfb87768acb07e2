// The feed alerts of the console's session (LOST, STALE, FROZEN, TAMPERED), newest first, whoever
// raised them (the wall's watch or `examsite feeds watch` in another process): re-read every few
// seconds, counted for the menu badge, acknowledged by id as the signed-in staff member, and the
// picture the monitor stored with one shown on request. The rules are FeedStore's and the policy's.
#pragma once

#include "core/policy.h"
#include "ui/feedlistmodels.h"

#include <optional>
#include <QImage>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class AuthViewModel;

class FeedAlertsViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(examsite::FeedAlertListModel *alerts READ alerts CONSTANT)
    Q_PROPERTY(int openAlerts READ openAlerts NOTIFY openAlertsChanged)
    Q_PROPERTY(QVariant alertPicture READ alertPicture NOTIFY alertPictureChanged) // a QImage (see FrameView)
    Q_PROPERTY(QString alertPictureCaption READ alertPictureCaption NOTIFY alertPictureChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)

public:
    FeedAlertsViewModel(monitoring::FeedStore &feeds, AuthViewModel &auth, QObject *parent = nullptr);

    FeedAlertListModel *alerts() const { return m_alerts; }
    int openAlerts() const { return m_openAlerts; }
    QImage alertPicture() const { return m_alertPicture; }
    QString alertPictureCaption() const { return m_alertPictureCaption; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    /// The alerts of this session (0: the site log's).
    void setSession(qint64 sessionId);
    /// Reads the alerts again (a watch reported a camera that needs attention).
    void reload();

    /// Acknowledges an alert as the signed-in staff member.
    Q_INVOKABLE bool acknowledge(qint64 alertId);
    /// Acknowledges every open alert at once with `reason` (a known outage, a camera that dropped many
    /// times); false with the message when refused.
    Q_INVOKABLE bool acknowledgeAll(const QString &reason);
    /// Shows the picture the monitor stored with an alert (alertPicture); false, with a message, when
    /// there is none or it cannot be read.
    Q_INVOKABLE bool showAlertPicture(qint64 alertId);
    Q_INVOKABLE void closeAlertPicture();

Q_SIGNALS:
    void openAlertsChanged();
    void alertPictureChanged();
    void messageChanged();

private:
    void say(const QString &text, bool error);
    /// The signed-in member who may acknowledge alerts, or nothing (and the message says why not).
    std::optional<Actor> acknowledger();

    AuthViewModel &m_auth;
    monitoring::FeedStore &m_store;
    qint64 m_sessionId = 0;
    FeedAlertListModel *m_alerts;
    int m_openAlerts = 0;
    QImage m_alertPicture;
    QString m_alertPictureCaption;
    QString m_message;
    bool m_messageIsError = false;
    QTimer m_alertTimer;
};

} // namespace examsite
