// ProctorUnlock: the kiosk's proctor mode. A proctor who admits a candidate with their password unlocks
// the kiosk for a configured period ([kiosk] proctor_unlock_seconds); while it is unlocked further
// candidates the face check sends to the proctor are admitted with one tap and a reason from the
// standard list, each still through CheckInRecorder::admit as that proctor (the policy and the session
// state are checked on every admission). It relocks when the period ends, when the proctor taps Lock,
// or when the account can no longer sign in.
#pragma once

#include "staff/staffdirectory.h" // StaffMember

#include <optional>
#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class ProctorOverrideViewModel;
class SiteServices;

class ProctorUnlock : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(bool unlocked READ unlocked NOTIFY changed)
    Q_PROPERTY(bool enabled READ enabled NOTIFY changed)
    Q_PROPERTY(int seconds READ seconds WRITE setSeconds NOTIFY changed)
    Q_PROPERTY(QString proctorName READ proctorName NOTIFY changed)
    Q_PROPERTY(QString untilText READ untilText NOTIFY changed)
    Q_PROPERTY(QStringList reasons READ reasons NOTIFY changed)

public:
    /// `seconds` 0: every admission needs the password (the kiosk never unlocks).
    ProctorUnlock(SiteServices &services, ProctorOverrideViewModel &proctor, int seconds,
                  QObject *parent = nullptr);

    bool unlocked() const { return m_actor.has_value(); }
    /// Whether a password admission unlocks the kiosk at all (a period is configured).
    bool enabled() const { return m_seconds > 0; }
    int seconds() const { return m_seconds; }
    void setSeconds(int seconds);
    /// The unlocking proctor's display name; empty while locked.
    QString proctorName() const;
    /// When it relocks by itself, as HH:mm local time; empty while locked.
    QString untilText() const;
    /// The standard reasons for admitting without a face match, translated.
    QStringList reasons() const;

    /// Starts (or restarts) the unlocked period for `staff`, who has just signed in with a password.
    void begin(const StaffMember &staff);
    /// Signs `username` in (a proctor or site admin) and starts the period without an admission (the
    /// kiosk's --unlock-proctor). False for wrong credentials, another role, or no period configured.
    Q_INVOKABLE bool unlock(const QString &username, const QString &password);
    /// One tap: admits the candidate at the proctor panel with reasons()[index], as the unlocking proctor.
    /// False (and the proctor panel's overrideError) when locked, the index is not a reason, or
    /// the admission is refused.
    Q_INVOKABLE bool admit(int index);
    Q_INVOKABLE void lock();
    /// The language changed: the reasons are read again.
    void retranslate() { Q_EMIT changed(); }

Q_SIGNALS:
    void changed();

private:
    SiteServices &m_services;
    ProctorOverrideViewModel &m_proctor;
    int m_seconds;
    std::optional<StaffMember> m_actor;
    QDateTime m_until;
    QTimer m_timer;
};

} // namespace examsite
