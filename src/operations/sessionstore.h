// The session records operations work on (docs/operations.md): a session's status and training figures,
// registrations with their attendance and seats, the marking of absentees, and signed addenda. Data
// access only: who may change them and when are SessionOps' rules.
#pragma once

#include "core/policy.h"

#include <optional>
#include <QMap>
#include <QString>

namespace examsite {
class Database;
}

namespace examsite::ops {

/// A candidate's registration for a session.
struct SessionRegistration
{
    qint64 candidateId = 0;
    QString attendance;
    bool checkedIn = false;
    qint64 roomId = 0; ///< 0 when no seat is allocated
    int seatRow = -1, seatCol = -1;
};

/// A signed addendum as stored.
struct NewAddendum
{
    qint64 sessionId = 0;
    QString text;
    qint64 authorId = 0;
    QString role; ///< the key role that signed it
    QString signature;
};

class SessionStore
{
public:
    explicit SessionStore(Database &db) : m_db(db) {}

    /// The id of the session with this code.
    std::optional<qint64> sessionId(const QString &code);
    /// The session's status; none when the session does not exist.
    std::optional<SessionStatus> status(qint64 sessionId);
    void setStatus(qint64 sessionId, SessionStatus status);

    /// How many registrations have each attendance (only the values present).
    QMap<QString, int> attendanceCounts(qint64 sessionId);
    /// The ticket's registration for the session.
    std::optional<SessionRegistration> registration(qint64 sessionId, const QString &ticket);
    void setAttendance(qint64 sessionId, qint64 candidateId, const QString &attendance);
    /// Everyone registered and never checked in becomes absent; returns how many.
    int markMissingAbsent(qint64 sessionId);

    /// Trained and, of them, members of the public; none until entered.
    std::optional<std::pair<int, int>> training(qint64 sessionId);
    void setTraining(qint64 sessionId, int trained, int trainedPublic);

    /// Stores a signed addendum; returns its id.
    qint64 insertAddendum(const NewAddendum &addendum);

private:
    Database &m_db;
};

} // namespace examsite::ops
