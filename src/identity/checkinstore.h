// The identity domain's rows in the store: reference embeddings and unusable photos per model, check-ins
// with their snapshots, attendance marks, proxy-testing alerts, and the attendance a bundle reports.
// Only data access: the admission rules are CheckInRecorder's, the enrollment rules FaceEnrollment's.
#pragma once

#include "core/error.h"

#include <memory>
#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <utility>

namespace examsite {

class BlobByKey;
class Database;

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
    /// The kiosk's idempotency key for this presentation: recording the same attempt again (a retry
    /// after the site server dropped the connection) returns the first check-in instead of a second.
    QString attempt;
    /// When the kiosk decided (the face check, the proctor's admission). A write held while the site
    /// server was unreachable keeps it, so it is judged and dated as of then (CheckInRecorder); invalid:
    /// when it is stored.
    QDateTime checkedAt;
};

/// A face check that did not admit the candidate (#20 item 1): why, the evidence, and the other
/// registered candidate the face matched, if the search found one.
struct CheckInFailure
{
    qint64 sessionId = 0;
    qint64 candidateId = 0;
    QString reason;    ///< no_match, not_live, face_changed, quality, challenge, proxy
    double score = -2; ///< the best match with the claimed candidate; not stored when < -1
    double threshold = -2;
    QString liveness;
    QString modelId;
    QJsonObject decision;
    qint64 otherCandidateId = 0; ///< 0: none found
    QByteArray snapshotJpeg;
    /// The kiosk's idempotency key for this failed check (one per check, not per presentation: a retry
    /// of the face check that fails again is another failure): recording it again (after the site server
    /// was lost) returns the first failure instead of a second.
    QString attempt;
};

/// A failed check as staff list it (`checkin failures`).
struct FailureRow
{
    qint64 id = 0;
    QString at; ///< ISO 8601 UTC
    QString terminal;
    QString ticket;
    QString name;
    QString reason;
    std::optional<double> score, threshold;
    QString otherTicket; ///< the other registered candidate whose face it was, empty when none found
    bool snapshot = false;
};

/// A kiosk's held write (CheckInOutbox) that the site server refused for good when it answered again
/// (the session closed meanwhile, the candidate admitted elsewhere): the event `checkin.held_refused`.
struct RefusedHeldRow
{
    qint64 seq = 0;
    QString at;       ///< when the server refused it (the event's time), ISO 8601 UTC
    QString terminal; ///< the kiosk that held it
    QString kind;     ///< check_in (by face), admission (by a proctor) or failed_check
    qint64 sessionId = 0;
    QString session; ///< the session's code
    QString ticket;
    QString name;
    QString decidedAt;  ///< when the kiosk decided, ISO 8601 UTC
    QString admittedBy; ///< the proctor of an admission, else empty
    QString attempt;    ///< its attempt key: the name of the `.refused` file in the kiosk's outbox
    Message reason;     ///< the server's answer (messageToJson in the payload)
};

/// How the face checks of a session went (`checkin stats`, docs/identity.md): the attempts each admitted
/// face check took, the failed checks by reason, and the proctors' admissions.
struct LiveCheckFigures
{
    QList<int> admittedAttempts;   ///< one per face check-in (entries and re-entries): its attempts
    QList<QString> failureReasons; ///< one per failed check
    int overrides = 0;             ///< admitted by a proctor
};

/// An entry check-in already recorded: when and at which terminal.
struct RecordedCheckIn
{
    qint64 id = 0;
    QString at;
    QString terminal;
};

struct PriorCheckIns
{
    std::optional<qint64> sameAttempt;
    std::optional<RecordedCheckIn> entry;
    std::optional<RecordedCheckIn> latest; ///< the candidate's latest entry or re-entry of the session
};

struct IdentityAlert
{
    QString kind; ///< better_match_other, face_already_checked_in, duplicate_reference
    qint64 otherCandidateId = 0;
    double score = 0;
    double claimedScore = 0;
};

/// One registered candidate as the bundle's attendance.csv lists it.
struct AttendanceRow
{
    QString ticket;
    QString name;
    QString room; ///< room code, empty when unseated
    std::optional<qint64> seatRow, seatCol;
    QString attendance;
    std::optional<QString> checkedInAt; ///< the first check-in's time; none when never checked in
    QString method;                     ///< the first check-in's method
};

class CheckInStore
{
public:
    explicit CheckInStore(Database &db) : m_db(db) {}

    // Reference embeddings (stored sealed with the site key; these take and give plain bytes).
    /// The embedding computed for exactly this photo (by its SHA-256) and model.
    std::optional<QByteArray> embedding(qint64 candidateId, const QString &modelId, const QString &photoSha);
    /// Whether the candidate has an embedding for the model (for any photo).
    bool hasEmbedding(qint64 candidateId, const QString &modelId);
    /// Why this photo is unusable for the model, if it was found so.
    std::optional<QString> unusableReason(qint64 candidateId, const QString &modelId,
                                          const QString &photoSha);
    void saveUnusable(qint64 candidateId, const QString &modelId, const QString &photoSha,
                      const QString &reason);
    /// Stores the embedding and forgets the candidate's unusable marks for the model; call in a transaction.
    void saveEmbedding(qint64 candidateId, const QString &modelId, const QString &photoSha,
                       const QByteArray &embedding);
    /// (candidate id, embedding) of the session's registered candidates enrolled for the model.
    QList<std::pair<qint64, QByteArray>> sessionEmbeddings(qint64 sessionId, const QString &modelId);

    // Check-ins.
    /// Inserts the check_in row (snapshot sealed with the site key); returns its id.
    qint64 insertCheckIn(const CheckInRecord &r, const QString &terminal);
    /// What a new check-in must know first, in one query: the check-in of the same attempt (idempotency
    /// key; none when `attempt` is empty) and the candidate's entry check-in in the session.
    /// The candidate's admission ticket (what the check-in event names, for the verifier's attendance
    /// check); empty for an unknown id.
    QString ticketOf(qint64 candidateId);
    PriorCheckIns priorCheckIns(qint64 sessionId, qint64 candidateId, const QString &attempt);
    /// The candidate's entry check-in in the session, if any.
    std::optional<RecordedCheckIn> entryCheckIn(qint64 sessionId, qint64 candidateId);
    /// The registration's attendance after a check-in: re_entered, late or present.
    void markAttendance(qint64 sessionId, qint64 candidateId, const QString &kind, bool late);
    void insertAlert(qint64 sessionId, qint64 candidateId, const IdentityAlert &a);
    /// Inserts a failed check (snapshot sealed with the site key); returns its id.
    qint64 insertFailure(const CheckInFailure &f, const QString &terminal);
    /// The failed check recorded for this idempotency key, if any.
    std::optional<qint64> failureByAttempt(const QString &attempt);
    /// How many failed checks the session has.
    int failureCount(qint64 sessionId);
    /// The session's face checks, admitted and failed (LiveCheckFigures).
    LiveCheckFigures liveCheckFigures(qint64 sessionId);
    /// The session's failed checks, oldest first.
    QList<FailureRow> failures(qint64 sessionId);
    /// The `checkin.held_refused` events of the site's log, newest first, at most `limit`; of one session
    /// unless `sessionId` is 0.
    QList<RefusedHeldRow> refusedHeld(qint64 sessionId, int limit);
    /// Whether the site's log already says that the held write with this attempt key was refused.
    bool refusalNoted(const QString &attempt);
    bool hasCheckIn(qint64 sessionId, qint64 candidateId);
    QList<qint64> checkedInCandidates(qint64 sessionId);

    // The bundle.
    /// Every registered candidate of the session, ordered by ticket.
    QList<AttendanceRow> attendance(qint64 sessionId);
    /// The session's check-in snapshots for its bundle: (check-in id, number in the file name), in order.
    static QList<std::pair<qint64, qint64>> snapshotKeys(Database &db, qint64 sessionId);
    /// Reads the sealed snapshots by check-in id on `conn` (the seal's bulk reads).
    static std::unique_ptr<BlobByKey> snapshotReader(Database &conn);
    /// The same for the snapshots of failed checks (by check_in_failure id).
    static QList<std::pair<qint64, qint64>> failureSnapshotKeys(Database &db, qint64 sessionId);
    static std::unique_ptr<BlobByKey> failureSnapshotReader(Database &conn);

private:
    Database &m_db;
};

} // namespace examsite
