// A session's day and times changed before it starts, from the Sessions page (#20 item 9): who may
// (the site administrator) and when (planned or open for check-in, the day only while nobody has
// arrived) are SessionOps::reschedule's rules; this only takes the values and says how it went.
#pragma once

#include "ui/sessionscopedviewmodel.h"

namespace examsite {

class ScheduleViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(bool canReschedule READ canReschedule NOTIFY changed)

public:
    ScheduleViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);

    /// Whether the signed-in staff member may change sessions' times (the button is shown).
    bool canReschedule() const;
    void reload() override { Q_EMIT changed(); }
    /// Moves session `code` to `date` (YYYY-MM-DD), `start`-`end` with late entry until `lateCutoff`
    /// (HH:MM), with `reason`; false with the message when refused.
    Q_INVOKABLE bool reschedule(const QString &code, const QString &date, const QString &start,
                                const QString &end, const QString &lateCutoff, const QString &reason);

Q_SIGNALS:
    /// A session's times changed: lists and the header show the new ones.
    void rescheduled();
};

} // namespace examsite
