#include "ui/scoringviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/errortext.h"
#include "ui/rolekeyfile.h"

#include <QRegularExpression>
#include <QVariantMap>

namespace examsite {

namespace {

/// Points as typed (a number, e.g. "37.5"), or nothing.
std::optional<double> pointsIn(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

/// "practical 100, theory 50; pass mark 90; double scoring", or "" without tasks.
QString summaryOf(const ops::ScoringSheet &sheet)
{
    QStringList parts;
    for (const ops::ScoringTask &t : sheet.tasks)
        parts.append(QStringLiteral("%1 %2").arg(t.task, QString::number(t.maxPoints)) +
                     (t.passPoints ? QStringLiteral(" ≥%1").arg(*t.passPoints) : QString()) +
                     (sheet.isDouble(t.task) && !sheet.doubleScoring ? QStringLiteral(" ×2") : QString()));
    if (parts.isEmpty())
        return {};
    return ScoringViewModel::tr("%1; pass mark %2%3")
        .arg(parts.join(QStringLiteral(", ")), QString::number(sheet.passMark),
             sheet.doubleScoring ? ScoringViewModel::tr("; double scoring") : QString());
}

} // namespace

QString ScoringViewModel::sheetSummary() const
{
    return summaryOf(m_sheet);
}

QString ScoringViewModel::progressText() const
{
    const ops::ScoringProgress &p = m_progress;
    if (p.taskCount == 0)
        return {};
    const int toScore = p.candidates - p.voided;
    if (p.candidates == 0)
        return tr("Nobody has checked in yet: nobody to score.");
    QString text = tr("Fully scored: %1 of %n candidate(s) (a final score for every task)", nullptr, toScore)
                       .arg(p.complete);
    if (p.voided > 0)
        text += tr(" (and %n result(s) voided)", nullptr, p.voided);
    if (p.tasks.size() > 1) {
        QStringList tasks;
        for (const auto &[task, scored] : p.tasks)
            tasks.append(QStringLiteral("%1 %2/%3").arg(task).arg(scored).arg(toScore));
        text += u'\n' + tr("By task: %1").arg(tasks.join(QStringLiteral(" · ")));
    }
    return text;
}

QVariantMap ScoringViewModel::progress() const
{
    QVariantList tasks;
    for (const auto &[task, scored] : m_progress.tasks)
        tasks.append(QVariantMap{{QStringLiteral("task"), task}, {QStringLiteral("scored"), scored}});
    return {{QStringLiteral("candidates"), m_progress.candidates},
            {QStringLiteral("voided"), m_progress.voided},
            {QStringLiteral("complete"), m_progress.complete},
            {QStringLiteral("tasks"), tasks}};
}

void ScoringViewModel::reloadProgress()
{
    m_progress = {};
    const bool wasFrozen = frozen();
    if (!session().isEmpty()) {
        try {
            readFrozen(); // sealed meanwhile: the tab's forms give way
            m_progress = m_services.scoring().progress(session());
        } catch (const Error &e) {
            fail(errorText(e));
        }
    }
    Q_EMIT progressChanged();
    if (frozen() != wasFrozen)
        Q_EMIT changed();
}

void ScoringViewModel::reload()
{
    reloadProgress();
    m_tasks.clear();
    m_sheet = {};
    m_discrepancies.clear();
    if (!session().isEmpty()) {
        try {
            ops::Scoring &scoring = m_services.scoring();
            m_sheet = scoring.sheet(session());
            for (const ops::ScoringTask &t : m_sheet.tasks)
                m_tasks.append(t.task);
            for (const ops::Discrepancy &d : scoring.discrepancies(session())) {
                QStringList entries;
                for (const auto &[who, points] : d.entries)
                    entries.append(QStringLiteral("%1 %2").arg(who, QString::number(points)));
                m_discrepancies.append(
                    QVariantMap{{QStringLiteral("ticket"), d.ticket},
                                {QStringLiteral("task"), d.task},
                                {QStringLiteral("entries"), entries.join(QStringLiteral(", "))}});
            }
        } catch (const Error &e) {
            fail(errorText(e));
        }
    }
    Q_EMIT changed();
}

bool ScoringViewModel::enterScore(const QString &ticket, const QString &task, const QString &points)
{
    const auto who = actor();
    if (!who)
        return false;
    const std::optional<double> value = pointsIn(points);
    if (!value)
        return fail(tr("Points: enter a number."));
    try {
        m_services.scoring().enter(session(), ticket.trimmed(), task, *value, *who);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("%1: %2 points for %3 recorded.").arg(ticket.trimmed(), QString::number(*value), task));
}

bool ScoringViewModel::defineSheet(const QString &tasks, const QString &passMark, bool doubleScoring)
{
    const auto who = actor();
    if (!who)
        return false;
    ops::ScoringSheet sheet;
    bool ok = false;
    sheet.passMark = passMark.trimmed().toDouble(&ok);
    if (!ok)
        return fail(tr("Pass mark: enter a number."));
    sheet.doubleScoring = doubleScoring;
    try {
        sheet.tasks = ops::Scoring::parseTasks(tasks);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    if (sheet.tasks.isEmpty())
        return fail(tr("Tasks: give at least one, as NAME:MAXIMUM[:PASS][:double]."));
    try {
        m_services.scoring().defineSheet(session(), sheet, *who);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Scoring sheet saved: %1.").arg(summaryOf(sheet)));
}

bool ScoringViewModel::resolveDiscrepancy(const QString &ticket, const QString &task, const QString &points,
                                          const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    const std::optional<double> value = pointsIn(points);
    if (!value)
        return fail(tr("Points: enter a number."));
    try {
        m_services.scoring().resolve(session(), ticket, task, *value, reason.trimmed(), *who);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("%1 %2: final points %3.").arg(ticket, task, QString::number(*value)));
}

bool ScoringViewModel::signSheet(const QString &keyFile, const QString &passphrase)
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        ledger::SigningKey key = roleKeyFrom(keyFile, passphrase, QStringLiteral("evaluator"));
        m_services.scoring().sign(session(), *who, key);
        key.wipe();
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Scoring sheet of %1 signed; its scores are locked.").arg(who->displayName));
}

} // namespace examsite
