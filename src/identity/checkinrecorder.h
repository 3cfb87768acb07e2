// Writes a check-in decision: the check_in row (method, score, threshold, liveness, model id, decision
// details as JSON, snapshot), proxy-testing alerts, and the event, in one transaction.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace examsite {

class Database;
class EventStore;

struct CheckInRecord
{
    qint64 sessionId = 0;
    qint64 candidateId = 0;
    QString method;                         ///< face, override, manual
    QString kind = QStringLiteral("entry"); ///< entry or re_entry
    bool late = false;                      ///< admitted after the late-entry cutoff (attendance "late")
    double score = -2;                      ///< not stored when < -1
    double threshold = -2;
    QString liveness; ///< e.g. "passive=0.98; blink"
    QString modelId;
    qint64 operatorId = 0; ///< staff who overrode, 0 when none
    QString reason;        ///< required for overrides
    QJsonObject decision;  ///< everything else worth auditing (timings, attempts, model hashes)
    QByteArray snapshotJpeg;
};

struct IdentityAlert
{
    QString kind; ///< better_match_other, face_already_checked_in, duplicate_reference
    qint64 otherCandidateId = 0;
    double score = 0;
    double claimedScore = 0;
};

class CheckInRecorder
{
public:
    CheckInRecorder(Database &db, EventStore &events) : m_db(db), m_events(events) {}

    /// Stores the record (and marks the registration present); returns the check_in id.
    /// Throws Error(Input) for an override without a reason or operator.
    qint64 record(const CheckInRecord &r, const QString &actor);
    void raiseAlert(qint64 sessionId, qint64 candidateId, const IdentityAlert &a, const QString &actor);
    /// Whether the candidate already has an entry check-in in the session.
    bool checkedIn(qint64 sessionId, qint64 candidateId);
    /// Candidates checked in to the session by face, with the embedding model used (for same-face checks).
    QList<qint64> checkedInCandidates(qint64 sessionId);

private:
    Database &m_db;
    EventStore &m_events;
};

} // namespace examsite
