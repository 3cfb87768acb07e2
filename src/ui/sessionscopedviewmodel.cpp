#include "ui/sessionscopedviewmodel.h"

#include "services/siteservices.h"
#include "ui/authviewmodel.h"

namespace examsite {

SessionScopedViewModel::SessionScopedViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : QObject(parent), m_services(services), m_auth(auth)
{
    connect(&m_auth, &AuthViewModel::changed, this, &SessionScopedViewModel::changed);
}

void SessionScopedViewModel::setSession(const QString &sessionCode)
{
    m_session = sessionCode;
    reload();
}

void SessionScopedViewModel::setMessageSource(const QString &source)
{
    if (source == m_messageSource)
        return;
    m_messageSource = source;
    Q_EMIT messageChanged();
}

QString SessionScopedViewModel::frozenText() const
{
    if (!m_frozen)
        return {};
    return tr("Session status: %1. Its record is frozen and no longer changes; a correction is a signed "
              "addendum (Addenda tab).")
        .arg(statusLabel(*m_frozen));
}

void SessionScopedViewModel::readFrozen()
{
    m_frozen.reset();
    if (m_session.isEmpty())
        return;
    ops::SessionOps &ops = m_services.sessions();
    m_frozen = ops.frozenStatus(ops.sessionId(m_session));
}

std::optional<Actor> SessionScopedViewModel::actor()
{
    if (!m_auth.staff())
        fail(tr("Sign in first."));
    return m_auth.staff();
}

bool SessionScopedViewModel::fail(const QString &text)
{
    m_message = text;
    m_messageIsError = true;
    m_messageIsInfo = false;
    Q_EMIT messageChanged();
    return false;
}

bool SessionScopedViewModel::done(const QString &text)
{
    m_message = text;
    m_messageIsError = false;
    m_messageIsInfo = false;
    Q_EMIT messageChanged();
    reload();
    return true;
}

bool SessionScopedViewModel::noChange(const QString &text)
{
    done(text);
    m_messageIsInfo = true;
    Q_EMIT messageChanged();
    return true;
}

} // namespace examsite
