// Evaluator scoring (docs/operations.md): a scoring sheet per session (tasks with maximum points, a pass
// mark, optional double scoring), evaluators' own entries, discrepancies between two evaluators and
// their resolution, each evaluator's sheet signed with their own key, and per-candidate results.
// Final scores land in the `score` table that reports and sealed bundles read.
#pragma once

#include "core/types.h"
#include "operations/scorestore.h"
#include "staff/staffdirectory.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {
class Database;
class EventStore;
namespace ledger {
struct SigningKey;
struct MinisignPublicKey;
} // namespace ledger
} // namespace examsite

namespace examsite::ops {

/// How far a session's scoring is: the checked-in candidates who need a result, and of them how many
/// have a final score for every task, how many results were voided (they need none), and per task how
/// many have its final score. What a seal waits for (OperationsBundle::unfinished) and the Scoring tab
/// shows.
struct ScoringProgress
{
    int taskCount = 0;  ///< tasks on the sheet (0: no sheet yet)
    int candidates = 0; ///< checked in and not marked absent since, voided ones included
    int voided = 0;     ///< of them, results voided for misconduct
    int complete = 0;   ///< of them (not voided), a final score for every task
    /// Each task of the sheet, in order, with how many of the candidates (not voided) have its final score.
    QList<std::pair<QString, int>> tasks;
    QString firstUnscored;    ///< the first ticket (by ticket) still missing a final score, or ""
    int firstTasksScored = 0; ///< how many tasks that candidate has a final score for
    /// Candidates (not voided) still missing a final score for some task.
    int unscored() const { return candidates - voided - complete; }
};

class Scoring
{
public:
    /// Two evaluators' points for one task may differ by at most this share of the task's maximum;
    /// beyond it the task is a discrepancy until a site admin resolves it.
    static constexpr double kTolerance = 0.10;
    /// Score events are taken until this long after the session's scheduled end: the window the
    /// organisation's verifier holds them to (OperationsBundle::windows), and the time a seal waits for
    /// an unfinished scoring (OperationsBundle::unfinished).
    static constexpr qint64 kScoringAfterEndMs = qint64(24) * 3600000;
    /// A session's scheduled moment `hhmm` (its start or end) on its day, local time.
    static QDateTime scheduledAt(const ExamSession &session, const QString &hhmm);

    Scoring(Database &db, EventStore &events) : m_db(db), m_events(events), m_store(db) {}

    /// The tasks of `score sheet --tasks`: "TASK:MAX[:PASS][:double];…" (also full-width ；： and line
    /// breaks or commas between tasks). Error(Input) naming the part and what was expected, for more
    /// than 4,000 characters or 50 tasks (checked before splitting), a name with a colon, a number that
    /// is not one (or not finite), a pass mark above the task's maximum, or an unknown flag.
    static QList<ScoringTask> parseTasks(const QString &text);

    /// Sets the session's sheet (site admin). Refused once any score was entered. Tasks: 1-50, unique
    /// names, maximum points > 0, a task's pass mark between 0 and its maximum; pass mark between 0
    /// and the total.
    void defineSheet(const QString &session, const ScoringSheet &sheet, const StaffMember &actor);
    ScoringSheet sheet(const QString &session);

    /// An evaluator's points for a checked-in candidate's task. With double scoring the final score is
    /// the mean of two evaluators within tolerance; otherwise the entry itself. Refused after the
    /// evaluator signed their sheet, when another evaluator's signed sheet covers the task (single
    /// scoring, or two entries already), on a frozen session, and for points outside 0..max.
    void enter(const QString &session, const QString &ticket, const QString &task, double points,
               const StaffMember &actor);
    QList<Discrepancy> discrepancies(const QString &session);
    /// A site admin sets the final points of a discrepant task, with a reason.
    void resolve(const QString &session, const QString &ticket, const QString &task, double points,
                 const QString &reason, const StaffMember &actor);

    /// The evaluator's sheet as signed: "examsite-score-sheet/1", the session, the evaluator, then one
    /// line "TICKET,TASK,POINTS" per entry sorted by ticket and task.
    QByteArray sheetText(const QString &session, const QString &evaluator);
    /// The same text from `lines` already in that order (by ticket, then task, as UTF-8 bytes): what a
    /// verifier rebuilds from the log's entries.
    static QByteArray sheetText(const QString &session, const QString &evaluator,
                                const QList<SheetLine> &lines);
    /// Signs the evaluator's sheet with their key (minisign, role evaluator); their entries are then
    /// locked. Returns the signature text.
    QByteArray sign(const QString &session, const StaffMember &actor, const ledger::SigningKey &key);
    /// After signing, the evaluator's own entry changes only by a correction signed with the same key:
    /// "examsite-score-correction/1", session, evaluator, "TICKET,TASK,OLD,NEW", the reason, and
    /// "sheet=" the signed sheet's SHA-256. The signed sheet stays as it was; the final score follows the
    /// correction. Error(NotFound) without a signed entry, Error(Denied) with another key. Returns the
    /// signature.
    QByteArray correct(const QString &session, const QString &ticket, const QString &task, double points,
                       const QString &reason, const StaffMember &actor, const ledger::SigningKey &key);
    static QByteArray correctionText(const QString &session, const QString &evaluator, const QString &ticket,
                                     const QString &task, double oldPoints, double newPoints,
                                     const QString &reason, const QString &sheetSha256);
    /// Whether every stored signature (sheets and corrections) still matches what it signed; `problems`
    /// lists the ones that do not.
    bool signaturesValid(const QString &session, QStringList *problems = nullptr);

    /// Voids a checked-in candidate's result for misconduct (Action::VoidResult: site admin or
    /// evaluator), resting on an incident of the same session that names this candidate or no one. The
    /// candidate still counts as assessed but is never certified. Error(Input) without a reason,
    /// Error(NotFound) for an unknown ticket or incident, Error(Conflict) when already voided, for an
    /// incident about someone else, and on a frozen session.
    void voidResult(const QString &session, const QString &ticket, qint64 incidentId, const QString &reason,
                    const StaffMember &actor);

    /// Per checked-in candidate: total, the tasks under their own pass mark, whether voided, pass/fail.
    QList<CandidateResult> results(const QString &session);
    /// How far the session's scoring is (ScoringProgress).
    ScoringProgress progress(const QString &session);
    /// The same from the store, for the seal's check of an unfinished scoring.
    static ScoringProgress progressOf(ScoreStore &store, qint64 sessionId);

private:
    qint64 sessionId(const QString &session);
    /// Error(Conflict) unless now lies in the window the organisation's verifier holds score events to:
    /// from the session's scheduled start to 24 hours after its scheduled end (OperationsBundle::windows). A
    /// score event outside it makes a bundle the organisation rejects, and the log cannot be mended.
    void requireScoringTime(qint64 sessionId, const QString &session);
    /// The task's maximum points, after checking that `value` lies in 0..max. Error(NotFound) for a task
    /// not on the sheet, Error(Input) for points out of range.
    double checkedMaxPoints(qint64 sessionId, const QString &session, const QString &task, double value);
    /// The candidate id of a ticket registered for the session and checked in to it. Error(NotFound)
    /// naming which of the two is missing; `notCheckedIn` is the message for a registered absentee
    /// (arguments: ticket, session).
    qint64 checkedInCandidate(qint64 sessionId, const QString &session, const QString &ticket,
                              const char *notCheckedIn);
    /// Error(Denied) when another account has signed with this key (a key belongs to one evaluator).
    void requireOwnKey(const StaffMember &actor, const QString &publicKey);
    void recomputeFinal(qint64 sessionId, qint64 candidateId, const QString &task, double maxPoints,
                        const QString &actor);

    Database &m_db;
    EventStore &m_events;
    ScoreStore m_store;
};

} // namespace examsite::ops
