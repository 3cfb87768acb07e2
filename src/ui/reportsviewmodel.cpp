#include "ui/reportsviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"
#include "ui/rolekeyfile.h"

#include <QDir>
#include <QStandardPaths>

namespace examsite {

void ReportsViewModel::setReportFolder(const QString &folder)
{
    if (folder == m_reportFolder)
        return;
    m_reportFolder = folder;
    Q_EMIT reportFolderChanged();
}

bool ReportsViewModel::canAddAddendum() const
{
    return m_auth.can(Action::AddAddendum);
}

QString ReportsViewModel::addendumRefusal() const
{
    return m_auth.loggedIn() && !canAddAddendum() ? m_auth.deniedText(Action::AddAddendum) : QString();
}

QString ReportsViewModel::addendumKeyFile() const
{
    const std::optional<StaffMember> &who = m_auth.staff();
    const std::optional<KeyRole> role = who ? signingKeyRole(who->role) : std::nullopt;
    return role ? keyRoleName(*role) + QStringLiteral(".key") : QString();
}

void ReportsViewModel::reload()
{
    m_training.clear();
    if (!session().isEmpty()) {
        try {
            readFrozen();
            if (const auto t = m_services.sessions().training(session()))
                m_training = QStringLiteral("%1 / %2").arg(t->first).arg(t->second);
        } catch (const Error &e) {
            fail(errorText(e));
        }
    }
    Q_EMIT changed();
}

bool ReportsViewModel::setTraining(const QString &trained, const QString &trainedPublic)
{
    const auto who = actor();
    if (!who)
        return false;
    bool ok1 = false, ok2 = false;
    const int t = trained.trimmed().toInt(&ok1), p = trainedPublic.trimmed().toInt(&ok2);
    if (!ok1 || !ok2)
        return fail(tr("Training figures: enter whole numbers."));
    try {
        m_services.sessions().setTraining(session(), t, p, *who);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Training figures saved: %1 trained, %2 of them members of the public.").arg(t).arg(p));
}

bool ReportsViewModel::addAddendum(const QString &text, const QString &keyFile, const QString &passphrase)
{
    const auto who = actor();
    if (!who)
        return false;
    if (text.trimmed().isEmpty())
        return fail(tr("Addendum: write the correction."));
    if (!m_auth.can(Action::AddAddendum))
        return fail(m_auth.deniedText(Action::AddAddendum));
    try {
        ledger::SigningKey key = roleKeyFrom(
            keyFile, passphrase, keyRoleName(signingKeyRole(who->role).value_or(KeyRole::Supervisor)));
        m_services.sessions().addAddendum(session(), text.trimmed(), *who, key);
        key.wipe();
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Addendum signed and recorded."));
}

bool ReportsViewModel::writeReports()
{
    const std::optional<Actor> who = actor();
    if (!who)
        return false;
    QString folder = m_reportFolder.trimmed();
    if (folder.isEmpty())
        folder = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                     .filePath(QStringLiteral("ExamSite/reports"));
    if (!QDir().mkpath(folder))
        return fail(tr("%1: cannot create the folder").arg(folder));
    try {
        const QDir dir(folder);
        for (const ops::ReportFormat f : {ops::ReportFormat::Csv, ops::ReportFormat::Pdf}) {
            const QString ext = f == ops::ReportFormat::Csv ? QStringLiteral(".csv") : QStringLiteral(".pdf");
            m_services.writeSessionReport(
                session(), f, dir.filePath(session() + QStringLiteral("-session-report") + ext), *who);
            m_services.writePilotReport(f, dir.filePath(QStringLiteral("pilot-table") + ext));
        }
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Reports written to %1 (session report and pilot table, CSV and PDF).").arg(folder));
}

} // namespace examsite
