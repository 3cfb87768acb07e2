#include "ui/proctorunlock.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "staff/staffdirectory.h"
#include "ui/labels.h"
#include "ui/proctoroverrideviewmodel.h"

#include <algorithm>
#include <array>

namespace examsite {

namespace {

// What a 1+X site's proctors write down most when the face check cannot decide.
constexpr std::array kReasons = {
    QT_TRANSLATE_NOOP("examsite::ProctorUnlock", "ID card checked by hand"),
    QT_TRANSLATE_NOOP("examsite::ProctorUnlock", "Registered photo outdated"),
    QT_TRANSLATE_NOOP("examsite::ProctorUnlock", "Glasses, hairstyle or make-up changed"),
    QT_TRANSLATE_NOOP("examsite::ProctorUnlock", "Camera or lighting problem"),
    QT_TRANSLATE_NOOP("examsite::ProctorUnlock", "Face check not available"),
    QT_TRANSLATE_NOOP("examsite::ProctorUnlock", "Re-entry confirmed by the proctor"),
};

} // namespace

ProctorUnlock::ProctorUnlock(SiteServices &services, ProctorOverrideViewModel &proctor, int seconds,
                             QObject *parent)
    : QObject(parent), m_services(services), m_proctor(proctor), m_seconds(std::max(0, seconds))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProctorUnlock::lock);
    connect(&m_proctor, &ProctorOverrideViewModel::admittedByProctor, this, &ProctorUnlock::begin);
}

void ProctorUnlock::setSeconds(int seconds)
{
    m_seconds = std::max(0, seconds);
    lock(); // a new period applies from the next sign-in
    Q_EMIT changed();
}

QString ProctorUnlock::proctorName() const
{
    return m_actor ? m_actor->displayName : QString();
}

QString ProctorUnlock::untilText() const
{
    return m_actor ? displayTime(m_until, QStringLiteral("HH:mm")) : QString();
}

QStringList ProctorUnlock::reasons() const
{
    QStringList out;
    for (const char *r : kReasons)
        out.append(tr(r));
    return out;
}

void ProctorUnlock::begin(const StaffMember &staff)
{
    if (m_seconds == 0)
        return;
    m_actor = staff;
    m_until = QDateTime::currentDateTimeUtc().addSecs(m_seconds);
    m_timer.start(m_seconds * 1000);
    Q_EMIT changed();
}

bool ProctorUnlock::unlock(const QString &username, const QString &password)
{
    if (m_seconds == 0)
        return false;
    LoginResult login;
    try {
        login = m_services.staff().authenticate(username.trimmed(), password);
    } catch (const Error &e) {
        m_services.link().noteFailure(e); // a lost server: the screen's notice says so
        return false;
    }
    if (!login.staff || !allows(login.staff->role, Action::AdmitCandidate))
        return false;
    begin(*login.staff);
    return true;
}

bool ProctorUnlock::admit(int index)
{
    if (!m_actor || index < 0 || index >= int(kReasons.size()))
        return false;
    // Deactivated meanwhile: the kiosk locks rather than admit in the name of someone who may not sign in.
    if (!m_services.staff().member(m_actor->username)) {
        lock();
        return false;
    }
    return m_proctor.admitAs(*m_actor, tr(kReasons[size_t(index)]));
}

void ProctorUnlock::lock()
{
    m_timer.stop();
    if (!m_actor)
        return;
    m_actor.reset();
    m_until = {};
    Q_EMIT changed();
}

} // namespace examsite
