#include "ui/feedalertsviewmodel.h"

#include "core/error.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"

namespace examsite {

using namespace examsite::monitoring;

FeedAlertsViewModel::FeedAlertsViewModel(monitoring::FeedStore &feeds, AuthViewModel &auth, QObject *parent)
    : QObject(parent), m_auth(auth), m_store(feeds), m_alerts(new FeedAlertListModel(this))
{
    // Open alerts are counted on every console page (the menu badge), also those raised by another
    // process watching the cameras (`examsite feeds watch`): re-read every few seconds, wall or not.
    m_alertTimer.setInterval(5000);
    connect(&m_alertTimer, &QTimer::timeout, this, &FeedAlertsViewModel::reload);
    m_alertTimer.start();
}

void FeedAlertsViewModel::setSession(qint64 sessionId)
{
    m_sessionId = sessionId;
    reload();
}

void FeedAlertsViewModel::reload()
{
    try {
        const QList<FeedAlert> all = m_store.alerts(m_sessionId, false);
        int open = 0;
        for (const FeedAlert &a : all)
            open += a.acknowledgedBy.isEmpty() && a.acknowledgedAt.isEmpty();
        m_alerts->setRows(all);
        if (open != m_openAlerts) {
            m_openAlerts = open;
            Q_EMIT openAlertsChanged();
        }
    } catch (const Error &e) {
        say(errorText(e), true);
    }
}

std::optional<Actor> FeedAlertsViewModel::acknowledger()
{
    const auto &who = m_auth.staff();
    if (!who) {
        say(tr("Sign in to acknowledge alerts."), true);
        return std::nullopt;
    }
    if (!m_auth.can(Action::AcknowledgeAlert)) {
        say(m_auth.deniedText(Action::AcknowledgeAlert), true);
        return std::nullopt;
    }
    return who;
}

bool FeedAlertsViewModel::acknowledge(qint64 alertId)
{
    const auto who = acknowledger();
    if (!who)
        return false;
    try {
        m_store.acknowledge(alertId, *who);
    } catch (const Error &e) {
        say(errorText(e), true);
        return false;
    }
    reload();
    say(tr("Alert acknowledged by %1.").arg(who->displayName), false);
    return true;
}

bool FeedAlertsViewModel::acknowledgeAll(const QString &reason)
{
    const auto who = acknowledger();
    if (!who)
        return false;
    int n = 0;
    try {
        n = m_store.acknowledgeAll(m_sessionId, reason, *who);
    } catch (const Error &e) {
        say(errorText(e), true);
        return false;
    }
    reload();
    say(tr("%n alert(s) acknowledged by %1.", nullptr, n).arg(who->displayName), false);
    return true;
}

bool FeedAlertsViewModel::showAlertPicture(qint64 alertId)
{
    if (!m_auth.staff()) {
        say(tr("Sign in to see camera pictures."), true);
        return false;
    }
    if (!m_auth.can(Action::ExportSnapshot)) {
        say(m_auth.deniedText(Action::ExportSnapshot), true);
        return false;
    }
    QImage picture;
    try {
        picture = QImage::fromData(m_store.snapshot(alertId, *m_auth.staff()));
    } catch (const Error &e) {
        say(errorText(e), true);
        return false;
    }
    if (picture.isNull()) {
        say(tr("The picture of alert %1 cannot be read.").arg(alertId), true);
        return false;
    }
    QString caption;
    for (const FeedAlert &a : m_alerts->rows())
        if (a.seq == alertId)
            caption = QStringLiteral("%1 · %2 · %3")
                          .arg(feedLocalTime(a.at), a.device, localizedFeedReason(a.reason));
    m_alertPicture = picture;
    m_alertPictureCaption = caption;
    Q_EMIT alertPictureChanged();
    return true;
}

void FeedAlertsViewModel::closeAlertPicture()
{
    m_alertPicture = QImage();
    m_alertPictureCaption.clear();
    Q_EMIT alertPictureChanged();
}

void FeedAlertsViewModel::say(const QString &text, bool error)
{
    m_message = text;
    m_messageIsError = error;
    Q_EMIT messageChanged();
}

} // namespace examsite
