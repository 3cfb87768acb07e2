// The demo's own writes to the store: what `examsite demo` and its simulated exam day put straight into
// the tables as the pseudo-actor `demo` (a rescheduled window, check-ins with snapshots, an incident,
// scores), where no service takes that shortcut. Only data access; the demo's script is demosite.cpp.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace examsite {

class Database;

class DemoStore
{
public:
    explicit DemoStore(Database &db) : m_db(db) {}

    bool hasScoringSheet(qint64 sessionId);
    /// One practical task of 100 points and pass mark 60.
    void addScoringSheet(qint64 sessionId);
    /// Sets the exam day and times (HH:mm); with `openCheckIn` the session also becomes checkin_open.
    void reschedule(qint64 sessionId, const QString &date, const QString &start, const QString &end,
                    const QString &lateCutoff, bool openCheckIn = false);
    /// Sets the session's status name.
    void setStatus(qint64 sessionId, const QString &status);
    /// Marks every registration still `registered` absent; returns how many.
    int markAbsent(qint64 sessionId);
    void setTraining(qint64 sessionId, int trained, int trainedPublic);

    qint64 staffId(const QString &username); ///< 0 when unknown
    qint64 roomId(const QString &code);      ///< 0 when unknown
    int checkIns(qint64 sessionId);
    /// (candidate id, ticket) of registrations with no check-in yet, by ticket.
    QList<std::pair<qint64, QString>> notCheckedIn(qint64 sessionId);
    /// Candidates with a check-in, by id.
    QList<qint64> checkedIn(qint64 sessionId);

    /// A check-in with score, threshold 0.6, liveness "passed" and the snapshot as given; `operatorId`
    /// and `reason` are stored for method "override" only. Marks the registration present.
    qint64 addCheckIn(qint64 sessionId, qint64 candidateId, const QString &method, double score,
                      qint64 operatorId, const QString &reason, const QByteArray &snapshot);
    /// The demo's incident: a workstation failure in `roomId`, reported by `reporterId`.
    qint64 addWorkstationIncident(qint64 sessionId, qint64 roomId, qint64 candidateId, qint64 reporterId);
    /// The practical task's points for a candidate (score and score_entry; a second time is ignored).
    void addScore(qint64 sessionId, qint64 candidateId, double points, qint64 evaluatorId);

private:
    Database &m_db;
};

} // namespace examsite
