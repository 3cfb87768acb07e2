#include "ui/idlesignout.h"

#include "ui/authviewmodel.h"

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>

namespace examsite {

IdleSignOut::IdleSignOut(AuthViewModel &auth, int timeoutSeconds, QObject *parent)
    : QObject(parent), m_auth(auth), m_timeout(std::max(0, timeoutSeconds))
{
    m_since.start();
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &IdleSignOut::check);
    connect(&m_auth, &AuthViewModel::changed, this, [this] {
        // Only a sign-in or sign-out restarts the time (the view model also changes on a language switch).
        if (m_auth.loggedIn() == m_signedIn)
            return;
        m_signedIn = m_auth.loggedIn();
        activity();
        if (m_auth.loggedIn() && m_timeout > 0)
            m_timer.start();
        else
            m_timer.stop();
    });
    QCoreApplication::instance()->installEventFilter(this);
}

void IdleSignOut::setTimeoutSeconds(int seconds)
{
    m_timeout = std::max(0, seconds);
    if (m_timeout == 0)
        m_timer.stop();
    else if (m_auth.loggedIn())
        m_timer.start();
    activity();
}

IdleSignOut::~IdleSignOut()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

int IdleSignOut::secondsLeft() const
{
    if (!m_auth.loggedIn() || m_timeout == 0)
        return m_timeout;
    return std::max<int>(0, m_timeout - int(m_since.elapsed() / 1000));
}

bool IdleSignOut::warning() const
{
    return m_auth.loggedIn() && m_timeout > 0 && secondsLeft() <= std::min(30, std::max(1, m_timeout / 3));
}

void IdleSignOut::activity()
{
    m_since.restart();
    Q_EMIT tick();
}

bool IdleSignOut::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::KeyPress:
    case QEvent::TouchBegin:
    case QEvent::Wheel:
        if (m_auth.loggedIn())
            activity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void IdleSignOut::check()
{
    if (!m_auth.loggedIn())
        return;
    if (secondsLeft() > 0) {
        Q_EMIT tick();
        return;
    }
    m_auth.logout();
    Q_EMIT signedOut();
}

} // namespace examsite
