#include "ui/operationsviewmodel.h"

#include "core/error.h"
#include "ledger/keyfile.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include <optional>

namespace examsite {

namespace {

/// Points as typed (a number, e.g. "37.5"), or nothing.
std::optional<double> pointsIn(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ops::IncidentRecord &r = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return r.id;
    case Qt::DisplayRole:
    case CategoryRole:
        return r.category;
    case SeverityRole:
        return r.severity;
    case DescriptionRole:
        return r.description;
    case CandidateRole:
        return r.ticket.isEmpty() ? QString() : r.ticket + u' ' + r.candidateName;
    case RoomRole:
        return r.room;
    case ReporterRole:
        return r.reporter;
    case WitnessRole:
        return r.witness;
    case OccurredRole:
        return QDateTime::fromString(r.occurredAt, Qt::ISODateWithMs)
            .toLocalTime()
            .toString(QStringLiteral("HH:mm"));
    case AmendmentsRole:
        return r.amendments;
    default:
        return {};
    }
}

QHash<int, QByteArray> IncidentListModel::roleNames() const
{
    return {{IdRole, "incidentId"},           {CategoryRole, "category"},   {SeverityRole, "severity"},
            {DescriptionRole, "description"}, {CandidateRole, "candidate"}, {RoomRole, "room"},
            {ReporterRole, "reporter"},       {WitnessRole, "witness"},     {OccurredRole, "occurred"},
            {AmendmentsRole, "amendments"}};
}

void IncidentListModel::setRows(QList<ops::IncidentRecord> rows)
{
    std::reverse(rows.begin(), rows.end());
    const bool countChange = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChange)
        Q_EMIT countChanged();
}

OperationsViewModel::OperationsViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : QObject(parent), m_services(services), m_auth(auth), m_incidents(new IncidentListModel(this))
{
    connect(&m_auth, &AuthViewModel::changed, this, &OperationsViewModel::changed);
}

void OperationsViewModel::setSession(const QString &sessionCode)
{
    m_session = sessionCode;
    reload();
}

void OperationsViewModel::setReportFolder(const QString &folder)
{
    if (folder == m_reportFolder)
        return;
    m_reportFolder = folder;
    Q_EMIT reportFolderChanged();
}

std::optional<SessionStatus> OperationsViewModel::next() const
{
    return m_status ? nextStep(*m_status) : std::nullopt;
}

QString OperationsViewModel::nextStatus() const
{
    return next() ? statusName(*next()) : QString();
}

QString OperationsViewModel::nextStepLabel() const
{
    return next() ? stepLabel(*next()) : QString();
}

bool OperationsViewModel::canAdvance() const
{
    return next() && m_auth.can(Action::AdvanceSession);
}

bool OperationsViewModel::canReopen() const
{
    return m_status == SessionStatus::Closed && m_auth.can(Action::ReopenSession);
}

bool OperationsViewModel::admitting() const
{
    return m_status && admitsCandidates(*m_status);
}

void OperationsViewModel::reload()
{
    m_status.reset();
    m_attendance.clear();
    m_tasks.clear();
    m_sheetSummary.clear();
    m_discrepancies.clear();
    m_training.clear();
    QList<ops::IncidentRecord> incidents;
    if (!m_session.isEmpty()) {
        try {
            ops::SessionOps &ops = m_services.sessions();
            const qint64 id = ops.sessionId(m_session);
            m_status = ops.status(id);
            const QMap<QString, int> figures = ops.attendanceFigures(m_session);
            for (auto it = figures.cbegin(); it != figures.cend(); ++it)
                m_attendance.insert(it.key(), it.value());
            incidents = ops.incidents(m_session);
            ops::Scoring &scoring = m_services.scoring();
            const ops::ScoringSheet sheet = scoring.sheet(m_session);
            QStringList parts;
            for (const ops::ScoringTask &t : sheet.tasks) {
                m_tasks.append(t.task);
                parts.append(QStringLiteral("%1 %2").arg(t.task, QString::number(t.maxPoints)));
            }
            m_sheetSummary = parts.isEmpty()
                                 ? QString()
                                 : tr("%1; pass mark %2%3")
                                       .arg(parts.join(QStringLiteral(", ")), QString::number(sheet.passMark),
                                            sheet.doubleScoring ? tr("; double scoring") : QString());
            for (const ops::Discrepancy &d : scoring.discrepancies(m_session)) {
                QStringList entries;
                for (const auto &[who, points] : d.entries)
                    entries.append(QStringLiteral("%1 %2").arg(who, QString::number(points)));
                m_discrepancies.append(
                    QVariantMap{{QStringLiteral("ticket"), d.ticket},
                                {QStringLiteral("task"), d.task},
                                {QStringLiteral("entries"), entries.join(QStringLiteral(", "))}});
            }
            if (const auto t = ops.training(m_session))
                m_training = QStringLiteral("%1 / %2").arg(t->first).arg(t->second);
        } catch (const Error &e) {
            fail(e.message());
        }
    }
    m_incidents->setRows(incidents);
    Q_EMIT changed();
}

std::optional<StaffMember> OperationsViewModel::actor()
{
    if (!m_auth.staff())
        fail(tr("Sign in first."));
    return m_auth.staff();
}

bool OperationsViewModel::fail(const QString &text)
{
    m_message = text;
    m_messageIsError = true;
    Q_EMIT messageChanged();
    return false;
}

bool OperationsViewModel::done(const QString &text)
{
    m_message = text;
    m_messageIsError = false;
    Q_EMIT messageChanged();
    reload();
    return true;
}

QVariantMap OperationsViewModel::stepPreview()
{
    ops::SessionOps::StepPreview p;
    try {
        p = m_services.sessions().previewStep(m_session);
    } catch (const Error &e) {
        fail(e.message());
        return {};
    }
    if (!p.to)
        return {};
    QString consequence;
    switch (*p.to) {
    case SessionStatus::CheckinOpen:
        consequence = tr("The kiosk starts checking in the %n registered candidate(s) of session %1.",
                         nullptr, p.registered)
                          .arg(m_session);
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
        break;
    }
    default:
        break;
    }
    return {{QStringLiteral("title"), tr("%1: %2?").arg(stepLabel(*p.to), m_session)},
            {QStringLiteral("consequence"), consequence},
            {QStringLiteral("reasonRequired"), p.reasonRequired},
            {QStringLiteral("confirm"), stepLabel(*p.to)}};
}

bool OperationsViewModel::advance(const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    const std::optional<SessionStatus> to = next();
    if (!to)
        return fail(tr("Session %1 has no next step.").arg(m_session));
    if (!m_auth.can(Action::AdvanceSession))
        return fail(m_auth.deniedText(Action::AdvanceSession));
    try {
        m_services.sessions().transition(m_session, *to, *who, m_services.ledger(), reason);
    } catch (const Error &e) {
        if (e.kind() == ErrorKind::Input && reason.trimmed().isEmpty())
            return fail(
                tr("Closing now, before the late-entry cutoff or the scheduled end, needs a reason."));
        return fail(e.message());
    }
    return done(tr("Session %1 is now: %2.").arg(m_session, examsite::statusLabel(*to)));
}

bool OperationsViewModel::reopen(const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    if (!m_auth.can(Action::ReopenSession))
        return fail(m_auth.deniedText(Action::ReopenSession));
    if (reason.trimmed().isEmpty())
        return fail(tr("Say why the close was a mistake."));
    try {
        m_services.sessions().reopen(m_session, reason, *who, m_services.ledger());
    } catch (const Error &e) {
        return fail(e.message());
    }
    return done(tr("Session %1 is in progress again.").arg(m_session));
}

bool OperationsViewModel::applyCutoff()
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        const int n = m_services.sessions().applyLateCutoff(m_session, *who);
        return done(
            n > 0 ? tr("%n candidate(s) not checked in marked absent.", nullptr, n)
                  : tr("Nobody marked absent (the cutoff has not passed, or everyone has checked in)."));
    } catch (const Error &e) {
        return fail(e.message());
    }
}

bool OperationsViewModel::recordIncident(const QString &category, const QString &severity,
                                         const QString &ticket, const QString &description,
                                         const QString &witness, const QString &room, const QString &evidence,
                                         const QString &seat)
{
    const auto who = actor();
    if (!who)
        return false;
    ops::IncidentInput in;
    in.session = m_session;
    in.category = category;
    in.severity = severity;
    in.ticket = ticket.trimmed();
    in.description = description;
    in.witness = witness.trimmed();
    in.room = room.trimmed();
    if (!seat.trimmed().isEmpty()) {
        bool ok = false;
        const int number = seat.trimmed().toInt(&ok);
        if (in.room.isEmpty())
            return fail(tr("Seat %1: give its room too.").arg(seat.trimmed()));
        try {
            seating::SeatingStore &seats = m_services.seating();
            const QList<seating::RoomOccupancy> rooms = seats.occupancy(seats.session(m_session).id, in.room);
            if (rooms.isEmpty())
                return fail(tr("Room %1 is not used by this session.").arg(in.room));
            for (const seating::SeatOccupancy &s : rooms.first().seats)
                if (ok && s.number == number && !s.disabled) {
                    in.seatRow = s.row;
                    in.seatCol = s.col;
                }
        } catch (const Error &e) {
            return fail(e.message());
        }
        if (in.seatRow < 0)
            return fail(
                tr("Room %1 has no seat %2 (the number printed on the desk).").arg(in.room, seat.trimmed()));
    }
    if (!evidence.isEmpty()) {
        const QImage picture = m_evidenceSource ? m_evidenceSource(evidence) : QImage();
        if (picture.isNull())
            return fail(
                tr("Evidence: %1 has no picture right now; choose another source or none.").arg(evidence));
        QBuffer buffer(&in.evidence);
        buffer.open(QIODevice::WriteOnly);
        picture.save(&buffer, "JPEG", 85);
    }
    try {
        const qint64 id = m_services.sessions().recordIncident(in, *who);
        return done(tr("Incident %1 recorded.").arg(id));
    } catch (const Error &e) {
        return fail(e.message());
    }
}

bool OperationsViewModel::amendIncident(qint64 id, const QString &text)
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        m_services.sessions().amendIncident(id, text, *who);
    } catch (const Error &e) {
        return fail(e.message());
    }
    return done(tr("Incident %1 amended.").arg(id));
}

bool OperationsViewModel::enterScore(const QString &ticket, const QString &task, const QString &points)
{
    const auto who = actor();
    if (!who)
        return false;
    const std::optional<double> value = pointsIn(points);
    if (!value)
        return fail(tr("Points: enter a number."));
    try {
        m_services.scoring().enter(m_session, ticket.trimmed(), task, *value, *who);
    } catch (const Error &e) {
        return fail(e.message());
    }
    return done(tr("%1: %2 points for %3 recorded.").arg(ticket.trimmed(), QString::number(*value), task));
}

bool OperationsViewModel::setAttendance(const QString &ticket, const QString &status, const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        m_services.sessions().setAttendance(m_session, ticket.trimmed(), status, *who, reason.trimmed());
    } catch (const Error &e) {
        return fail(e.message());
    }
    reload();
    return done(tr("%1: attendance set to %2.").arg(ticket.trimmed(), status));
}

bool OperationsViewModel::defineSheet(const QString &tasks, const QString &passMark, bool doubleScoring)
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
    for (const QString &part :
         tasks.split(QRegularExpression(QStringLiteral("[,，;；\n]")), Qt::SkipEmptyParts)) {
        const QStringList nm = part.trimmed().split(QRegularExpression(QStringLiteral("[:：]")));
        bool numeric = false;
        const double max = nm.value(1).trimmed().toDouble(&numeric);
        if (nm.size() != 2 || nm[0].trimmed().isEmpty() || !numeric)
            return fail(tr("Tasks: '%1' is not NAME:MAXIMUM (e.g. practical:100).").arg(part.trimmed()));
        sheet.tasks.append({nm[0].trimmed(), max});
    }
    if (sheet.tasks.isEmpty())
        return fail(tr("Tasks: give at least one, as NAME:MAXIMUM."));
    try {
        m_services.scoring().defineSheet(m_session, sheet, *who);
    } catch (const Error &e) {
        return fail(e.message());
    }
    reload();
    return done(tr("Scoring sheet saved: %1.").arg(m_sheetSummary));
}

bool OperationsViewModel::resolveDiscrepancy(const QString &ticket, const QString &task,
                                             const QString &points, const QString &reason)
{
    const auto who = actor();
    if (!who)
        return false;
    const std::optional<double> value = pointsIn(points);
    if (!value)
        return fail(tr("Points: enter a number."));
    try {
        m_services.scoring().resolve(m_session, ticket, task, *value, reason.trimmed(), *who);
    } catch (const Error &e) {
        return fail(e.message());
    }
    reload();
    return done(tr("%1 %2: final points %3.").arg(ticket, task, QString::number(*value)));
}

namespace {

/// A role key from the file the staff member named (a path or a file:// URL).
ledger::SigningKey roleKeyFrom(const QString &keyFile, const QString &passphrase, const QString &role)
{
    const QString path = keyFile.trimmed().startsWith(QStringLiteral("file://"))
                             ? QUrl(keyFile.trimmed()).toLocalFile()
                             : keyFile.trimmed();
    if (path.isEmpty() || !QFile::exists(path))
        throw Error(
            ErrorKind::Input,
            QCoreApplication::translate("OperationsViewModel", "Key file: %1 does not exist.").arg(path));
    return ledger::loadRoleKeyAs(path, passphrase.toUtf8(), role);
}

} // namespace

bool OperationsViewModel::signSheet(const QString &keyFile, const QString &passphrase)
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        ledger::SigningKey key = roleKeyFrom(keyFile, passphrase, QStringLiteral("evaluator"));
        m_services.scoring().sign(m_session, *who, key);
        key.wipe();
    } catch (const Error &e) {
        return fail(e.message());
    }
    reload();
    return done(tr("Scoring sheet of %1 signed; its scores are locked.").arg(who->displayName));
}

bool OperationsViewModel::setTraining(const QString &trained, const QString &trainedPublic)
{
    const auto who = actor();
    if (!who)
        return false;
    bool ok1 = false, ok2 = false;
    const int t = trained.trimmed().toInt(&ok1), p = trainedPublic.trimmed().toInt(&ok2);
    if (!ok1 || !ok2)
        return fail(tr("Training figures: enter whole numbers."));
    try {
        m_services.sessions().setTraining(m_session, t, p, *who);
    } catch (const Error &e) {
        return fail(e.message());
    }
    reload();
    return done(tr("Training figures saved: %1 trained, %2 of them members of the public.").arg(t).arg(p));
}

bool OperationsViewModel::addAddendum(const QString &text, const QString &keyFile, const QString &passphrase)
{
    const auto who = actor();
    if (!who)
        return false;
    if (text.trimmed().isEmpty())
        return fail(tr("Addendum: write the correction."));
    try {
        if (!m_auth.can(Action::AddAddendum))
            return fail(m_auth.deniedText(Action::AddAddendum));
        ledger::SigningKey key = roleKeyFrom(
            keyFile, passphrase, keyRoleName(signingKeyRole(who->role).value_or(KeyRole::Supervisor)));
        m_services.sessions().addAddendum(m_session, text.trimmed(), *who, key);
        key.wipe();
    } catch (const Error &e) {
        return fail(e.message());
    }
    reload();
    return done(tr("Addendum signed and recorded."));
}

bool OperationsViewModel::writeReports()
{
    if (!actor())
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
            m_services.writeSessionReport(m_session, f,
                                          dir.filePath(m_session + QStringLiteral("-session-report") + ext));
            m_services.writePilotReport(f, dir.filePath(QStringLiteral("pilot-table") + ext));
        }
    } catch (const Error &e) {
        return fail(e.message());
    }
    return done(tr("Reports written to %1 (session report and pilot table, CSV and PDF).").arg(folder));
}

} // namespace examsite
