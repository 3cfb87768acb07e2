// The store's side of the site reports (docs/operations.md): the sessions of the 1+X pilot table with
// their registrations, assessed candidates and majors, and the per-session report's rows. Read only;
// how the figures combine (batches, certified, pass/fail) is the reports' business.
#pragma once

#include "operations/reports.h"

#include <optional>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace examsite {
class Database;
}

namespace examsite::ops {

/// A session as the pilot table groups it.
struct PilotSession
{
    QString code, certificate, level, date;
    std::optional<int> trained, trainedPublic;
};

class ReportStore
{
public:
    explicit ReportStore(Database &db) : m_db(db) {}

    /// Every session by certificate, level, date and code.
    QList<PilotSession> pilotSessions();
    /// Registered candidates, and of them those assessed (checked in and not absent).
    std::pair<int, int> registeredAndAssessed(const QString &sessionCode);
    /// The tickets of the assessed candidates.
    QSet<QString> assessedTickets(const QString &sessionCode);
    /// The registered candidates' majors, sorted, without empty ones.
    QStringList majors(const QString &sessionCode);
    /// The session's registrations by ticket with seat, attendance, check-in method and incident count
    /// (total, scored and result left for the caller).
    QList<SessionReportRow> sessionRows(const QString &sessionCode);
    /// Every incident of the session, also those that name no candidate (a room's camera, a power cut).
    int incidentCount(const QString &sessionCode);

private:
    Database &m_db;
};

} // namespace examsite::ops
