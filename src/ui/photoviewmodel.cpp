#include "ui/photoviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"

namespace examsite {

PhotoViewModel::PhotoViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : QObject(parent), m_services(services), m_auth(auth)
{
}

void PhotoViewModel::setMessage(const QString &text, bool failed)
{
    m_message = text;
    m_failed = failed;
    Q_EMIT messageChanged();
}

void PhotoViewModel::clearMessage()
{
    setMessage({}, false);
}

bool PhotoViewModel::run(const std::function<void(const Actor &)> &change, const QString &done)
{
    if (!m_auth.staff()) {
        setMessage(m_auth.deniedText(Action::ReplacePhoto), true);
        return false;
    }
    try {
        change(*m_auth.staff());
    } catch (const Error &e) {
        setMessage(errorText(e), true);
        return false;
    }
    setMessage(done, false);
    Q_EMIT photoChanged();
    return true;
}

bool PhotoViewModel::replace(const QString &ticket, const QString &path, const QString &reason)
{
    return run(
        [&](const Actor &who) { m_services.photos().replace(ticket, path.trimmed(), reason.trimmed(), who); },
        tr("The photo of %1 was replaced; the face check uses the new one from now on.").arg(ticket));
}

bool PhotoViewModel::remove(const QString &ticket, const QString &reason)
{
    return run(
        [&](const Actor &who) { m_services.photos().clear(ticket, reason.trimmed(), who); },
        tr("The photo of %1 was removed; at the kiosk a proctor checks this candidate by hand.").arg(ticket));
}

} // namespace examsite
