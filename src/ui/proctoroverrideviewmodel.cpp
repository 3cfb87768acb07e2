#include "ui/proctoroverrideviewmodel.h"

#include "core/error.h"
#include "identity/checkinrecorder.h"
#include "services/siteservices.h"
#include "ui/checkinviewmodel.h"
#include "ui/errortext.h"

namespace examsite {

ProctorOverrideViewModel::ProctorOverrideViewModel(SiteServices &services, CheckInViewModel &checkIn,
                                                   QObject *parent)
    : QObject(parent), m_services(services), m_checkIn(checkIn)
{
}

bool ProctorOverrideViewModel::canRetry() const
{
    return m_checkIn.canRetryFaceCheck();
}

void ProctorOverrideViewModel::setError(const QString &error)
{
    m_overrideError = error;
    Q_EMIT changed();
}

void ProctorOverrideViewModel::clearError()
{
    m_overrideError.clear();
}

void ProctorOverrideViewModel::retry()
{
    if (m_checkIn.state() != CheckInViewModel::ProctorRequired || !canRetry())
        return;
    m_checkIn.retryFaceCheck();
}

bool ProctorOverrideViewModel::admitByProctor(const QString &username, const QString &password,
                                              const QString &reason)
{
    m_overrideError.clear();
    if (m_checkIn.state() != CheckInViewModel::ProctorRequired) {
        return false;
    }
    if (!CheckInRecorder::admissionReasonAcceptable(reason)) { // before asking for the password
        setError(tr("Write down why you admit this candidate."));
        return false;
    }
    LoginResult login;
    try {
        login = m_services.staff().authenticate(username.trimmed(), password);
    } catch (const Error &e) {
        setError(m_services.link().noteFailure(e)
                     ? tr("The site server cannot be reached. Try again when the notice above is gone.")
                     : errorText(e));
        return false;
    }
    if (!login.staff || !allows(login.staff->role, Action::AdmitCandidate)) {
        setError(login.staff ? tr("Only a proctor or site administrator may admit a candidate.")
                 : login.failure == u"missing" ? tr("Enter your username and password.")
                 : login.failure == u"locked"  ? tr("This account is locked after too many failed attempts.")
                                               : tr("Wrong username or password."));
        return false;
    }
    if (!admitAs(*login.staff, reason.trimmed()))
        return false;
    Q_EMIT admittedByProctor(*login.staff);
    return true;
}

bool ProctorOverrideViewModel::admitAs(const StaffMember &staff, const QString &reason)
{
    m_overrideError.clear();
    if (m_checkIn.state() != CheckInViewModel::ProctorRequired)
        return false;
    const QString error = m_checkIn.admit(staff, reason);
    if (!error.isEmpty())
        setError(error);
    return m_checkIn.state() == CheckInViewModel::Verified;
}

} // namespace examsite
