#include "ui/sessionviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"
#include "ui/labels.h"

namespace examsite {

std::optional<SessionStatus> SessionViewModel::next() const
{
    return m_status ? nextStep(*m_status) : std::nullopt;
}

QString SessionViewModel::nextStatus() const
{
    return next() ? statusName(*next()) : QString();
}

QString SessionViewModel::nextStepLabel() const
{
    return next() ? stepLabel(*next()) : QString();
}

bool SessionViewModel::canAdvance() const
{
    return next() && m_auth.can(Action::AdvanceSession);
}

bool SessionViewModel::canReopen() const
{
    return m_status && reopenable(*m_status) && m_auth.can(Action::ReopenSession);
}

bool SessionViewModel::canApplyCutoff() const
{
    return admitting() && m_auth.can(Action::ApplyLateCutoff);
}

bool SessionViewModel::admitting() const
{
    return m_status && admitsCandidates(*m_status);
}

QVariantList SessionViewModel::attendanceFigures() const
{
    const std::pair<QString, QString> figures[] = {
        {QStringLiteral("total"), tr("Registered")},
        {QStringLiteral("present"), attendanceLabel(QStringLiteral("present"))},
        {QStringLiteral("late"), attendanceLabel(QStringLiteral("late"))},
        {QStringLiteral("absent"), attendanceLabel(QStringLiteral("absent"))},
        {QStringLiteral("left_early"), attendanceLabel(QStringLiteral("left_early"))},
        {QStringLiteral("re_entered"), attendanceLabel(QStringLiteral("re_entered"))},
        {QStringLiteral("registered"), tr("Not yet checked in")},
    };
    QVariantList list;
    for (const auto &[key, label] : figures)
        list.append(QVariantMap{{QStringLiteral("key"), key},
                                {QStringLiteral("label"), label},
                                {QStringLiteral("value"), m_attendance.value(key, 0)}});
    return list;
}

QVariantList SessionViewModel::attendanceChoices() const
{
    return labelledChoices(ops::attendanceStatuses(), &attendanceLabel);
}

void SessionViewModel::reload()
{
    m_status.reset();
    m_attendance.clear();
    if (!session().isEmpty()) {
        try {
            readFrozen();
            ops::SessionOps &ops = m_services.sessions();
            m_status = ops.status(ops.sessionId(session()));
            const QMap<QString, int> figures = ops.attendanceFigures(session());
            for (auto it = figures.cbegin(); it != figures.cend(); ++it)
                m_attendance.insert(it.key(), it.value());
        } catch (const Error &e) {
            fail(errorText(e));
        }
    }
    Q_EMIT changed();
}

QVariantMap SessionViewModel::stepPreview()
{
    ops::SessionOps::StepPreview p;
    try {
        p = m_services.sessions().previewStep(session());
    } catch (const Error &e) {
        fail(errorText(e));
        return {};
    }
    if (!p.to)
        return {};
    if (p.refused) { // said before any dialog: no confirmation can make it go through
        fail(messageText(*p.refused));
        return {};
    }
    QString consequence;
    switch (*p.to) {
    case SessionStatus::CheckinOpen:
        consequence = tr("The kiosk starts checking in the %n registered candidate(s) of session %1.",
                         nullptr, p.registered)
                          .arg(session());
        break;
    case SessionStatus::InProgress:
        consequence =
            tr("The exam starts; %n candidate(s) not yet checked in can still enter until the "
               "late-entry cutoff at %1.",
               nullptr, p.notCheckedIn)
                .arg(p.lateCutoff.isValid() ? p.lateCutoff.toString(QStringLiteral("HH:mm")) : tr("none"));
        break;
    case SessionStatus::Closed: {
        consequence =
            tr("%n candidate(s) not checked in will be marked absent, and nobody can check in any more.",
               nullptr, p.notCheckedIn);
        if (p.beforeCutoff)
            consequence +=
                u' ' +
                tr("Late entry is still open until %1.").arg(p.lateCutoff.toString(QStringLiteral("HH:mm")));
        else if (p.beforeEnd)
            consequence += u' ' + tr("The exam is scheduled to end at %1.")
                                      .arg(p.scheduledEnd.toString(QStringLiteral("HH:mm")));
        consequence += u' ' + tr("Only the site administrator can reopen a closed session, with a reason.");
        // Kiosks of the site gone quiet today may hold check-ins they could not store (CheckInOutbox).
        if (const QStringList quiet = m_services.terminals().kiosksOutOfTouch(p.scheduledEnd.date());
            !quiet.isEmpty())
            consequence += QStringLiteral("\n\n") +
                           tr("%n kiosk(s) not heard from in the last minutes: %1. A kiosk cut off from "
                              "the site server keeps the check-ins it could not store until it is back, "
                              "and they are refused once the session is closed: check the kiosks named "
                              "first.",
                              nullptr, int(quiet.size()))
                               .arg(quiet.join(QStringLiteral(", ")));
        break;
    }
    default:
        break;
    }
    return {{QStringLiteral("title"), tr("%1: %2?").arg(stepLabel(*p.to), session())},
            {QStringLiteral("consequence"), consequence},
            {QStringLiteral("reasonRequired"), p.reasonRequired},
            {QStringLiteral("confirm"), stepLabel(*p.to)}};
}

bool SessionViewModel::advance(const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    const std::optional<SessionStatus> to = next();
    if (!to)
        return fail(tr("Session %1 has no next step.").arg(session()));
    if (!m_auth.can(Action::AdvanceSession))
        return fail(m_auth.deniedText(Action::AdvanceSession));
    try {
        m_services.sessions().transition(session(), *to, *who, m_services.ledger(), reason);
    } catch (const Error &e) {
        if (e.kind() == ErrorKind::Input && reason.trimmed().isEmpty())
            return fail(
                tr("Closing now, before the late-entry cutoff or the scheduled end, needs a reason."));
        return fail(errorText(e));
    }
    return done(tr("Session %1 is now: %2.").arg(session(), examsite::statusLabel(*to)));
}

bool SessionViewModel::reopen(const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    if (!m_auth.can(Action::ReopenSession))
        return fail(m_auth.deniedText(Action::ReopenSession));
    if (reason.trimmed().isEmpty())
        return fail(tr("Say why the close was a mistake."));
    try {
        m_services.sessions().reopen(session(), reason, *who, m_services.ledger());
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Session %1 is in progress again.").arg(session()));
}

bool SessionViewModel::applyCutoff()
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        const int n = m_services.sessions().applyLateCutoff(session(), *who);
        if (n == 0)
            return noChange(
                tr("Nobody marked absent (the cutoff has not passed, or everyone has checked in)."));
        return done(tr("%n candidate(s) not checked in marked absent.", nullptr, n));
    } catch (const Error &e) {
        return fail(errorText(e));
    }
}

bool SessionViewModel::setAttendance(const QString &ticket, const QString &status, const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        m_services.sessions().setAttendance(session(), ticket.trimmed(), status, *who, reason.trimmed());
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("%1: attendance set to %2.").arg(ticket.trimmed(), attendanceLabel(status)));
}

} // namespace examsite
