// The session's lifecycle on the Operations page: its status and next step (open check-in, start,
// close) with the confirmation's summary, reopening a mistaken close, the late-entry cutoff, the
// attendance figures and a candidate's attendance set by hand. The rules are SessionOps'.
#pragma once

#include "ui/sessionscopedviewmodel.h"

#include <QVariantList>
#include <QVariantMap>

namespace examsite {

class SessionViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(QString statusLabel READ statusLabel NOTIFY changed)
    Q_PROPERTY(QString nextStatus READ nextStatus NOTIFY changed)
    Q_PROPERTY(QString nextStepLabel READ nextStepLabel NOTIFY changed)
    Q_PROPERTY(bool canAdvance READ canAdvance NOTIFY changed)
    Q_PROPERTY(bool canReopen READ canReopen NOTIFY changed)
    Q_PROPERTY(bool canApplyCutoff READ canApplyCutoff NOTIFY changed)
    Q_PROPERTY(bool admitting READ admitting NOTIFY changed)
    Q_PROPERTY(QVariantMap attendance READ attendance NOTIFY changed)
    Q_PROPERTY(QVariantList attendanceFigures READ attendanceFigures NOTIFY changed)
    Q_PROPERTY(QVariantList attendanceChoices READ attendanceChoices NOTIFY changed)

public:
    using SessionScopedViewModel::SessionScopedViewModel;

    QString status() const { return m_status ? statusName(*m_status) : QString(); }
    QString statusLabel() const { return m_status ? examsite::statusLabel(*m_status) : QString(); }
    /// The status the session moves to next by hand ("" when none: closed or later).
    QString nextStatus() const;
    /// The translated button text for that step ("" when none).
    QString nextStepLabel() const;
    /// Whether the signed-in staff member may take that step.
    bool canAdvance() const;
    /// Whether the session is closed (not sealed) and the signed-in member may reopen it.
    bool canReopen() const;
    bool canApplyCutoff() const;
    /// Whether the session admits candidates (check-in open or in progress).
    bool admitting() const;
    /// total, present, late, absent, left_early, re_entered, registered (not yet checked in).
    QVariantMap attendance() const { return m_attendance; }
    /// The same figures for display, in order: [{key, label, value}].
    QVariantList attendanceFigures() const;
    /// The statuses staff may set by hand: [{value, label}].
    QVariantList attendanceChoices() const;

    void reload() override;
    /// Takes the next lifecycle step as the signed-in staff member.
    Q_INVOKABLE bool advance(const QString &reason = {});
    /// What the next step will do, in the UI's language, for the confirmation shown before it:
    /// {title, consequence, reasonRequired, confirm}. Empty when there is no step.
    Q_INVOKABLE QVariantMap stepPreview();
    /// Reverts a mistaken close (site admin, with a reason).
    Q_INVOKABLE bool reopen(const QString &reason);
    /// Marks everyone not checked in absent once the late-entry cutoff has passed.
    Q_INVOKABLE bool applyCutoff();
    /// A candidate's attendance (present, late, left_early, re_entered, absent) with a reason.
    Q_INVOKABLE bool setAttendance(const QString &ticket, const QString &status, const QString &reason);

private:
    /// The step staff can take from the current status, if any.
    std::optional<SessionStatus> next() const;

    std::optional<SessionStatus> m_status;
    QVariantMap m_attendance;
};

} // namespace examsite
