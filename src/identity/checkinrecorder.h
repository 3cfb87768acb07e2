// The check-in domain's write API: when a session admits candidates (open, after the late-entry
// cutoff, not at all), and the check-in decision itself: the check_in row (method, score, threshold,
// liveness, model id, decision details as JSON, snapshot), proxy-testing alerts, and the event, in one
// transaction. The kiosk, the console and the CLI admit through here, so they cannot differ.
#pragma once

#include "core/policy.h"
#include "identity/checkinstore.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace examsite {

class Database;
class Error;
class EventStore;

/// Whether a session admits candidates at a given time.
struct Admission
{
    enum Kind {
        Open,        ///< the kiosk checks candidates in
        AfterCutoff, ///< first entries only through a proctor (attendance "late"); re-entries as usual
        Closed,      ///< nobody is checked in or admitted: the session is not open or in progress
    };
    Kind kind = Closed;
    SessionStatus status = SessionStatus::Planned;
    QString cutoff; ///< HH:mm, when the session has one
};

class CheckInRecorder
{
public:
    CheckInRecorder(Database &db, EventStore &events) : m_db(db), m_store(db), m_events(events) {}

    /// The session's admission now (status, then the late-entry cutoff on the session's date).
    Admission admission(qint64 sessionId, const QDateTime &now = QDateTime::currentDateTime());

    /// How long a write may have been held on a kiosk (CheckInOutbox) and still be judged as of the time
    /// the kiosk decided: older, or later than now (a kiosk's clock gone wrong), it is judged now.
    static constexpr qint64 kMaxHeldSeconds = 4 * 3600;
    /// A re-entry is of someone who left the room and comes back: within this many seconds of their
    /// last check-in it is the same candidate presented twice (at two doors at once, or a second person
    /// with the same ticket), refused with where and when the first was.
    static constexpr qint64 kMinReEntrySeconds = 120;
    /// Stores a check-in by the kiosk's own face check (method "face", `terminal` as the actor) and
    /// marks the registration present; returns the check_in id. Error(Conflict) when the session does
    /// not admit candidates, or for a first entry after the late-entry cutoff (a proctor admits then).
    /// The cutoff is applied, and the check-in dated, at `r.checkedAt` when it lies within
    /// kMaxHeldSeconds before now (a check-in held while the site server was unreachable: a candidate
    /// checked in on time is not refused because the server came back after the cutoff); the session's
    /// status is always the current one.
    qint64 record(const CheckInRecord &r, const QString &terminal);
    /// A proctor's or site admin's admission (method "override", Action::AdmitCandidate) with a reason;
    /// after the cutoff the attendance becomes "late". Error(Conflict) unless the session admits
    /// candidates, Error(Input) without a reason of at least kMinAdmissionReason characters.
    qint64 admit(CheckInRecord r, const Actor &actor);
    /// An admission's reason is what the auditor reads instead of a face check: a word or two at least
    /// ("证件遗失", "lost ID"), not "." or "ok".
    static constexpr int kMinAdmissionReason = 4;
    static bool admissionReasonAcceptable(const QString &reason)
    {
        return reason.trimmed().size() >= kMinAdmissionReason;
    }
    /// Stores the alert with the event `identity.alert`, naming the failed check it came from, if any.
    void raiseAlert(qint64 sessionId, qint64 candidateId, const IdentityAlert &a, const QString &actor,
                    qint64 failureId = 0);
    /// The session's failed checks with the candidates' tickets and names, for staff reviewing proxy
    /// attempts (Action::ViewPersonalData).
    QList<FailureRow> failures(qint64 sessionId, const Actor &actor);
    /// How the session's face checks went: first tries, later attempts, failures by reason, proctors'
    /// admissions (Action::ViewPersonalData, as the failures it counts).
    LiveCheckFigures liveCheckFigures(qint64 sessionId, const Actor &actor);
    /// Keeps a face check that did not admit the candidate (#20 item 1), with the event `checkin.failed`
    /// (`terminal` as the actor); with `alert` (the face matched another registered candidate) also the
    /// identity alert and its event `identity.alert`, naming the failure. One transaction. Returns the
    /// failure's id; the same attempt key again returns the failure already recorded (nothing new).
    /// Error(Conflict) when the session does not admit candidates.
    qint64 recordFailure(const CheckInFailure &f, const std::optional<IdentityAlert> &alert,
                         const QString &terminal);
    /// The one rule of what is written again after the site server was lost (SiteLink): a check-in,
    /// admission or failed face check that failed because the server was unreachable, when it carries
    /// its attempt key, so the same record again is stored once however far the first try got (write()
    /// and recordFailure() find it by the key). Nothing else is retried on its own: an alert outside a
    /// failed check or a staff action is shown or redone.
    static bool retriesAfterReconnect(const Error &e, const CheckInRecord &r);
    static bool retriesAfterReconnect(const Error &e, const CheckInFailure &f);
    /// A held write refused for good (CheckInOutbox::flush), as `noteRefused` records it.
    struct Refusal
    {
        QString kind; ///< check_in, admission or failed_check
        qint64 sessionId = 0;
        qint64 candidateId = 0;
        QString attempt;
        QDateTime decidedAt; ///< when the kiosk decided
        QString admittedBy;  ///< the proctor of an admission
        QString terminal;    ///< the kiosk that held it
    };
    /// Records the refusal in the site's log (`checkin.held_refused`: the kiosk, kind, session, candidate,
    /// attempt key, when the kiosk decided, the proctor, and the server's answer as messageToJson), so
    /// staff on any terminal see whom to admit by hand, not only a count in the kiosk's outbox folder.
    void noteRefused(const Refusal &r, const Error &why);
    /// The refused held writes, newest first, at most `limit`, of one session (0: every session), with
    /// the candidates' tickets and names (Action::ViewPersonalData, as failures()).
    QList<RefusedHeldRow> refusedHeld(qint64 sessionId, const Actor &actor, int limit = 200);
    /// Whether the candidate already has an entry check-in in the session.
    bool checkedIn(qint64 sessionId, qint64 candidateId);
    /// The candidate's entry check-in (when, which terminal), for "already checked in" messages.
    std::optional<RecordedCheckIn> entryCheckIn(qint64 sessionId, qint64 candidateId)
    {
        return m_store.entryCheckIn(sessionId, candidateId);
    }
    /// Candidates checked in to the session by face, with the embedding model used (for same-face checks).
    QList<qint64> checkedInCandidates(qint64 sessionId);

private:
    /// Inside the caller's transaction: what is stored for the candidate (prior.sameAttempt: this very
    /// attempt, a retry), and the record as it is to be judged, its kind decided here from what is
    /// stored: a re-entry only after an entry, whatever the terminal said (a kiosk's "re_entry" for a
    /// first-timer would skip the cutoff).
    struct Judged
    {
        CheckInRecord record;
        PriorCheckIns prior;
    };
    Judged judge(const CheckInRecord &r);
    qint64 write(const CheckInRecord &r, const PriorCheckIns &prior, const QString &actor);
    /// `r.checkedAt` when it is within kMaxHeldSeconds before now (a minute's clock skew allowed), else now.
    static QDateTime decidedAt(const CheckInRecord &r);

    Database &m_db;
    CheckInStore m_store;
    EventStore &m_events;
};

} // namespace examsite
