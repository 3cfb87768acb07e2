// The kiosk's proctor panel: when the face check cannot decide, a proctor lets the candidate try again
// or admits them with a reason, signing in with their password (or, while the kiosk is unlocked, by
// ProctorUnlock's one tap). Who may admit is the policy's (Action::AdmitCandidate) and the admission
// is CheckInRecorder::admit's, through CheckInViewModel; this object holds the sign-in and its error.
#pragma once

#include "staff/staffdirectory.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class CheckInViewModel;
class SiteServices;

class ProctorOverrideViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by CheckInViewModel")
    Q_PROPERTY(bool canRetry READ canRetry NOTIFY changed)
    Q_PROPERTY(QString overrideError READ overrideError NOTIFY changed)

public:
    ProctorOverrideViewModel(SiteServices &services, CheckInViewModel &checkIn, QObject *parent = nullptr);

    /// Whether the proctor can let the candidate try the face check again (a usable reference exists).
    bool canRetry() const;
    QString overrideError() const { return m_overrideError; }

    /// Proctor: let the candidate try the face check again.
    Q_INVOKABLE void retry();
    /// Proctor: admit the candidate without a face match. Needs a proctor's or site admin's login
    /// and a reason; recorded with the proctor's identity. Returns false and sets overrideError.
    Q_INVOKABLE bool admitByProctor(const QString &username, const QString &password, const QString &reason);
    /// Admits the candidate at the proctor panel as `staff`, who signed in earlier (ProctorUnlock's one
    /// tap). False and overrideError when there is no candidate at the panel or the service refuses.
    bool admitAs(const StaffMember &staff, const QString &reason);
    /// A new candidate, or the same one again: no error shown (the state change that follows notifies).
    void clearError();
    /// Emits changed() (canRetry follows the check-in's state); called by CheckInViewModel right after
    /// its stateChanged().
    void notifyChanged() { Q_EMIT changed(); }

Q_SIGNALS:
    void changed();
    /// A proctor signed in with their password and admitted a candidate (ProctorUnlock starts its period).
    void admittedByProctor(const examsite::StaffMember &staff);

private:
    void setError(const QString &error);

    SiteServices &m_services;
    CheckInViewModel &m_checkIn;
    QString m_overrideError;
};

} // namespace examsite
