#include "ui/incidentsviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"
#include "ui/labels.h"

#include <QBuffer>
#include <QDateTime>
#include <QVariantMap>

namespace examsite {

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ops::IncidentRecord &r = m_rows[index.row()];
    const QString occurred = displayTime(r.occurredAt, QStringLiteral("HH:mm"));
    const QString candidate = r.ticket.isEmpty() ? QString() : r.ticket + u' ' + r.candidateName;
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
        return candidate;
    case RoomRole:
        return r.room;
    case ReporterRole:
        return r.reporter;
    case WitnessRole:
        return r.witness;
    case OccurredRole:
        return occurred;
    case AmendmentsRole:
        return r.amendments;
    case SummaryRole: {
        QString text = QStringLiteral("#%1 %2 %3").arg(r.id).arg(occurred, incidentCategoryLabel(r.category));
        if (!r.severity.isEmpty())
            text += QStringLiteral(" · ") + severityLabel(r.severity);
        return text;
    }
    case DetailsRole: {
        QStringList parts;
        for (const QString &p : {candidate, r.room})
            if (!p.isEmpty())
                parts.append(p);
        parts.append(IncidentsViewModel::tr("reported by %1").arg(r.reporter));
        if (!r.witness.isEmpty())
            parts.append(IncidentsViewModel::tr("witness %1").arg(r.witness));
        return parts.join(QStringLiteral(" · "));
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> IncidentListModel::roleNames() const
{
    return {{IdRole, "incidentId"},           {CategoryRole, "category"},   {SeverityRole, "severity"},
            {DescriptionRole, "description"}, {CandidateRole, "candidate"}, {RoomRole, "room"},
            {ReporterRole, "reporter"},       {WitnessRole, "witness"},     {OccurredRole, "occurred"},
            {AmendmentsRole, "amendments"},   {SummaryRole, "summary"},     {DetailsRole, "details"}};
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

IncidentsViewModel::IncidentsViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : SessionScopedViewModel(services, auth, parent), m_incidents(new IncidentListModel(this))
{
}

QVariantList IncidentsViewModel::categories() const
{
    return labelledChoices(ops::incidentCategories(), &incidentCategoryLabel);
}

QVariantList IncidentsViewModel::severities() const
{
    return labelledChoices(ops::misconductSeverities(), &severityLabel);
}

QVariantList IncidentsViewModel::evidenceSources() const
{
    QVariantList sources{
        QVariantMap{{QStringLiteral("value"), QString()}, {QStringLiteral("label"), tr("No picture")}},
        QVariantMap{{QStringLiteral("value"), QStringLiteral("kiosk")},
                    {QStringLiteral("label"), tr("Picture from the kiosk camera")}}};
    for (const QString &name : m_cameraNames ? m_cameraNames() : QStringList())
        sources.append(QVariantMap{{QStringLiteral("value"), name},
                                   {QStringLiteral("label"), tr("Picture from camera %1").arg(name)}});
    return sources;
}

bool IncidentsViewModel::canRecord() const
{
    return !frozen() && m_auth.can(Action::RecordIncident);
}

QString IncidentsViewModel::recordRefusal() const
{
    if (const std::optional<SessionStatus> status = frozenStatus())
        return tr("Session status: %1. Its record is frozen: incidents can no longer be recorded or amended; "
                  "a correction is a signed addendum (Addenda tab).")
            .arg(statusLabel(*status));
    if (m_auth.loggedIn() && !m_auth.can(Action::RecordIncident))
        return m_auth.deniedText(Action::RecordIncident);
    return {};
}

void IncidentsViewModel::reload()
{
    QList<ops::IncidentRecord> incidents;
    if (!session().isEmpty()) {
        try {
            readFrozen();
            incidents = m_services.sessions().incidents(session());
        } catch (const Error &e) {
            fail(errorText(e));
        }
    }
    m_incidents->setRows(incidents);
    Q_EMIT changed();
}

bool IncidentsViewModel::recordIncident(const QString &category, const QString &severity,
                                        const QString &ticket, const QString &description,
                                        const QString &witness, const QString &room, const QString &evidence,
                                        const QString &seat)
{
    const auto who = actor();
    if (!who)
        return false;
    ops::IncidentInput in;
    in.session = session();
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
            const QList<seating::RoomOccupancy> rooms = seats.occupancy(seats.session(session()).id, in.room);
            if (rooms.isEmpty())
                return fail(tr("Room %1 is not used by this session.").arg(in.room));
            for (const seating::SeatOccupancy &s : rooms.first().seats)
                if (ok && s.number == number && !s.disabled) {
                    in.seatRow = s.row;
                    in.seatCol = s.col;
                }
        } catch (const Error &e) {
            return fail(errorText(e));
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
        return fail(errorText(e));
    }
}

bool IncidentsViewModel::amendIncident(qint64 id, const QString &text)
{
    const auto who = actor();
    if (!who)
        return false;
    try {
        m_services.sessions().amendIncident(id, text, *who);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
    return done(tr("Incident %1 amended.").arg(id));
}

} // namespace examsite
