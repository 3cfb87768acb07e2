// Session operations (docs/operations.md): the guarded session lifecycle, attendance with the late-entry
// cutoff, structured incidents amended only by addendum, and signed addenda once a session is sealed.
// Every change is checked against the acting staff member's role, done in one transaction with its
// event, and refused on a sealed session.
#pragma once

#include "core/error.h"
#include "operations/incidentstore.h"
#include "operations/sessionstore.h"
#include "staff/staffdirectory.h"
#include "store/sitestore.h"

#include <QDateTime>
#include <QImage>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace examsite {
class Database;
class EventStore;
namespace ledger {
class Ledger;
struct SigningKey;
} // namespace ledger
} // namespace examsite

namespace examsite::ops {

/// Incident categories ("group.kind"), e.g. environment.noise, candidate.misconduct, technical.camera.
const QStringList &incidentCategories();
/// Misconduct (违纪) severities.
const QStringList &misconductSeverities();
/// The attendance statuses staff may set by hand: present, late, left_early, re_entered, absent.
const QStringList &attendanceStatuses();

struct IncidentInput
{
    QString session;
    QString category; ///< one of incidentCategories()
    QString severity; ///< required for candidate.misconduct, else optional (minor, major, severe)
    QString description;
    QString ticket;   ///< candidate, optional
    QString room;     ///< room code, optional (taken from the candidate's seat when empty)
    int seatRow = -1; ///< optional, 0-based
    int seatCol = -1;
    QString witness;      ///< staff username, optional; not the reporter
    QByteArray evidence;  ///< JPEG or PNG from the kiosk camera or a feed, optional; encrypted at rest
    QDateTime occurredAt; ///< default: now
};

class SessionOps
{
public:
    SessionOps(Database &db, EventStore &events) : m_db(db), m_events(events), m_store(db), m_incidents(db) {}

    /// Creates a session (Action::CreateSession) with the event `session.created`. Errors as
    /// SiteStore::createSession. Returns its id.
    qint64 create(const NewSession &session, const StaffMember &actor);

    /// Moves a session to another day or other times (Action::RescheduleSession), e.g. when the
    /// organisation delays the start: only while it is planned or open for check-in, its day only while
    /// nobody has checked in; values validated as at creation (Error(Input) naming the field,
    /// Error(Conflict) in another state). Event `session.rescheduled` with the old and new values and the
    /// reason, if given. Returns false when nothing changed (no event).
    bool reschedule(const QString &session, const QString &date, const QString &start, const QString &end,
                    const QString &lateCutoff, const StaffMember &actor, const QString &reason = {});

    /// What the next step would do, for the confirmation staff see before they take it.
    struct StepPreview
    {
        SessionStatus from = SessionStatus::Planned;
        std::optional<SessionStatus> to; ///< none: no step staff can take
        int registered = 0;
        int notCheckedIn = 0;           ///< marked absent if the step is a close
        QDateTime lateCutoff;           ///< local; invalid when the session has none
        QDateTime scheduledEnd;         ///< local
        bool beforeCutoff = false;      ///< a close now would end late entry early
        bool beforeEnd = false;         ///< a close now is before the scheduled end
        bool reasonRequired = false;    ///< closing before the cutoff or the end
        std::optional<Message> refused; ///< why the step would be refused whatever staff confirm
    };
    StepPreview previewStep(const QString &session, const QDateTime &now = QDateTime::currentDateTime());

    /// Moves the session one step: planned -> checkin_open -> in_progress -> closed (site admin or
    /// proctor). Sealed, uploaded and acknowledged are reached only by sealing and uploading. Closing
    /// marks everyone not checked in absent; closing before the late-entry cutoff or the scheduled end
    /// needs a reason (Error(Input) without one), recorded in the event. With a ledger, the terminal
    /// signs a checkpoint at session start and end. Error(Denied) for the wrong role, Error(Conflict)
    /// for the wrong order, and for opening check-in of a session dated another day than `now` (its
    /// events would lie outside its exam window: reschedule it first, which nobody's arrival prevents yet).
    void transition(const QString &session, SessionStatus to, const StaffMember &actor,
                    ledger::Ledger *ledger = nullptr, const QString &reason = {},
                    const QDateTime &now = QDateTime::currentDateTime());
    /// Reverts a close made by mistake (Action::ReopenSession, site admin): closed -> in_progress, with a
    /// reason, event `session.reopened`. Candidates marked absent at the close stay absent; a proctor
    /// admits one who comes (after the cutoff, with a reason). Error(Conflict) unless the session is
    /// closed (a sealed session never reopens), Error(Input) without a reason.
    void reopen(const QString &session, const QString &reason, const StaffMember &actor,
                ledger::Ledger *ledger = nullptr);

    /// After the late-entry cutoff (session date + cutoff, local time): every registered candidate
    /// not checked in is marked absent (event `attendance.absent_at_cutoff`). Returns how many.
    /// Before the cutoff it does nothing and returns 0.
    int applyLateCutoff(const QString &session, const StaffMember &actor,
                        const QDateTime &now = QDateTime::currentDateTime());
    /// Sets a candidate's attendance: present, late, left_early, re_entered or absent. Admitting a
    /// candidate after the cutoff (late, or present over absent) needs a proctor or site admin and a
    /// reason.
    void setAttendance(const QString &session, const QString &ticket, const QString &status,
                       const StaffMember &actor, const QString &reason);

    /// The pilot table's training figures for the session (site admin): trained before the assessment,
    /// and of them members of the public. Error(Input) unless 0 <= public <= trained.
    void setTraining(const QString &session, int trained, int trainedPublic, const StaffMember &actor);

    /// Records an incident reported by `actor` (any signed-in staff member). Returns its id.
    qint64 recordIncident(const IncidentInput &in, const StaffMember &actor);
    /// Adds an amendment to an incident; the original text never changes.
    void amendIncident(qint64 incidentId, const QString &text, const StaffMember &actor);
    QList<IncidentRecord> incidents(const QString &session);
    /// The evidence picture of an incident (decrypted), or a null image.
    QImage incidentEvidence(qint64 incidentId);

    /// A correction to a frozen session: the text is signed with the author's role key (minisign over
    /// "examsite-addendum/1\nSESSION\nUSERNAME\nTEXT"), stored and logged. Site admin or proctor
    /// (role key supervisor) or evaluator (role key evaluator). Returns its id.
    qint64 addAddendum(const QString &session, const QString &text, const StaffMember &actor,
                       const ledger::SigningKey &key);

    /// How many registered candidates have each attendance (registered, present, late, absent,
    /// left_early, re_entered; every key present) and "total". The one source of these figures.
    QMap<QString, int> attendanceFigures(const QString &session);
    /// The pilot table's training figures (trained, of them the public), when entered.
    std::optional<std::pair<int, int>> training(const QString &session);

    /// The session id for a code, or Error(NotFound).
    qint64 sessionId(const QString &session);
    SessionStatus status(qint64 sessionId);
    /// The session's status when its record is frozen (sealed, uploaded or acknowledged: only signed
    /// addenda are taken), else nothing. What ensureEditable refuses on; the console asks it to offer or
    /// withhold its forms.
    std::optional<SessionStatus> frozenStatus(qint64 sessionId);
    /// Error(Conflict) when the session is frozen.
    void ensureEditable(qint64 sessionId);

private:
    /// Error(Conflict) unless the session dated `date` is today's.
    static void requireToday(const QString &session, const QString &date, const QDate &today);
    /// requireToday's refusal, or nothing for a session dated `today`.
    static std::optional<Message> notToday(const QString &session, const QString &date, const QDate &today);
    /// The ticket's registration for the session, or Error(NotFound).
    SessionRegistration registration(qint64 sessionId, const QString &ticket);

    Database &m_db;
    EventStore &m_events;
    SessionStore m_store;
    IncidentStore m_incidents;
};

} // namespace examsite::ops
