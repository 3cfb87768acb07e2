// Incidents in the store (docs/operations.md): structured incident records with their evidence picture
// (sealed with the site key), amendments, the rooms and witnesses an incident may name, and the rows and
// picture queries of the sealed bundle. Data access only: validation and the policy are SessionOps'.
#pragma once

#include <memory>
#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

namespace examsite {
class BlobByKey;
class Database;
} // namespace examsite

namespace examsite::ops {

struct IncidentRecord
{
    qint64 id = 0;
    QString category, severity, description, ticket, candidateName, room, reporter, witness, occurredAt;
    int seatRow = -1, seatCol = -1;
    bool hasEvidence = false;
    QStringList amendments; ///< "time author: text", oldest first
};

/// An incident to store; 0 and -1 mean "none".
struct NewIncident
{
    qint64 sessionId = 0;
    qint64 roomId = 0;
    qint64 candidateId = 0;
    QString category;
    QString severity; ///< empty: none
    QString description;
    qint64 reporterId = 0;
    qint64 witnessId = 0;
    QString occurredAt; ///< ISO 8601 UTC
    int seatRow = -1, seatCol = -1;
    QByteArray evidence; ///< the picture as taken (empty: none); stored sealed with the site key
};

/// A room a session uses.
struct SessionRoom
{
    qint64 id = 0;
    int rows = 0, cols = 0;
};

/// An incident as the sealed bundle's incidents.csv lists it.
struct IncidentRow
{
    qint64 id = 0;
    QString occurredAt, recordedAt, room, ticket, category, severity, description, reporter, witness;
};

/// Whose incident it is: its session and the candidate it names (0 and "" when none).
struct IncidentSubject
{
    qint64 sessionId = 0;
    qint64 candidateId = 0;
    QString ticket;
};

class IncidentStore
{
public:
    explicit IncidentStore(Database &db) : m_db(db) {}

    /// The session's incident pictures for its bundle: (incident id, number in the file name), in order.
    static QList<std::pair<qint64, qint64>> evidenceKeys(Database &db, qint64 sessionId);
    /// Reads the sealed pictures by incident id on `conn` (the seal's bulk reads).
    static std::unique_ptr<BlobByKey> evidenceReader(Database &conn);

    /// The room with this code, when the session uses it.
    std::optional<SessionRoom> sessionRoom(qint64 sessionId, const QString &roomCode);
    /// The id of the active staff account `username`.
    std::optional<qint64> activeStaffId(const QString &username);

    /// Stores an incident (its evidence sealed); returns its id.
    qint64 insert(const NewIncident &incident);
    /// The session an incident belongs to.
    std::optional<qint64> sessionOf(qint64 incidentId);
    std::optional<IncidentSubject> subject(qint64 incidentId);
    void addAmendment(qint64 incidentId, const QString &text, qint64 authorId);
    /// The session's incidents by time of occurrence, with their amendments.
    QList<IncidentRecord> incidents(qint64 sessionId);
    /// The evidence picture as taken (decrypted), or empty.
    QByteArray evidence(qint64 incidentId);
    /// The session's incidents by id, for the sealed bundle.
    QList<IncidentRow> rows(qint64 sessionId);

private:
    Database &m_db;
};

} // namespace examsite::ops
