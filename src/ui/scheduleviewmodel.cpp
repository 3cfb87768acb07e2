#include "ui/scheduleviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"

namespace examsite {

ScheduleViewModel::ScheduleViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : SessionScopedViewModel(services, auth, parent)
{
    connect(&auth, &AuthViewModel::changed, this, &ScheduleViewModel::changed);
}

bool ScheduleViewModel::canReschedule() const
{
    return m_auth.can(Action::RescheduleSession);
}

bool ScheduleViewModel::reschedule(const QString &code, const QString &date, const QString &start,
                                   const QString &end, const QString &lateCutoff, const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    if (!m_auth.can(Action::RescheduleSession))
        return fail(m_auth.deniedText(Action::RescheduleSession));
    bool changedTimes = false;
    try {
        changedTimes = m_services.sessions().reschedule(code, date.trimmed(), start.trimmed(), end.trimmed(),
                                                        lateCutoff.trimmed(), *who, reason);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    if (!changedTimes)
        return noChange(tr("Session %1 already has these times; nothing changed.").arg(code));
    Q_EMIT rescheduled();
    return done(tr("Session %1 now runs on %2, %3–%4, late entry until %5.")
                    .arg(code, date.trimmed(), start.trimmed(), end.trimmed(), lateCutoff.trimmed()));
}

} // namespace examsite
