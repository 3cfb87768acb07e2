// Evaluator scoring in the store (docs/operations.md): a session's scoring sheet, the evaluators' entries,
// final scores, signed sheets and signed corrections, open discrepancies and the rows results are made
// of. Data access only: who may score, when, and what the final score is are Scoring's rules.
#pragma once

#include <optional>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace examsite {
class Database;
}

namespace examsite::ops {

struct ScoringTask
{
    QString task;
    double maxPoints = 0;
    std::optional<double> passPoints; ///< the task's own pass mark; none: only the total counts
    bool doubleScoring = false;       ///< two evaluators score this task (the final score is their mean)
};

struct ScoringSheet
{
    QList<ScoringTask> tasks;
    double passMark = 0;        ///< the total needed
    bool doubleScoring = false; ///< every task double-scored (`score sheet --double`); else per task
    double maxTotal() const;
    /// Whether `task` is double-scored (false for a task not on the sheet).
    bool isDouble(const QString &task) const;
};

/// A result voided for misconduct (`score void`).
struct ResultVoid
{
    QString ticket;
    qint64 incidentId = 0;
    QString reason, voidedBy, voidedAt; ///< voidedBy: username
};

struct Discrepancy
{
    QString ticket, task;
    QList<std::pair<QString, double>> entries; ///< evaluator username, points
};

struct CandidateResult
{
    QString ticket, name, className;
    double total = 0;
    int tasksScored = 0;
    bool complete = false; ///< every task has a final score
    /// Complete, every task with a pass mark met, the total at least the pass mark, and not voided.
    bool passed = false;
    QStringList belowTaskPass;        ///< tasks whose final score is under their own pass mark
    std::optional<ResultVoid> voided; ///< voided for misconduct: assessed, never certified
    QStringList signedBy;             ///< evaluators whose signed sheets cover this candidate's entries
    int unsignedEntries = 0;          ///< entries no signed sheet covers (yet)
    int corrections = 0;              ///< signed corrections of this candidate's entries
};

/// Another evaluator's entry for the same candidate and task.
struct OtherEntry
{
    QString evaluator; ///< username
    bool sheetSigned = false;
};

/// One line of an evaluator's sheet.
struct SheetLine
{
    QString ticket, task;
    double points = 0;
};

/// A stored sheet signature.
struct SheetSignature
{
    QString evaluator; ///< username
    QString publicKey; ///< minisign public key, base64
    QString signature; ///< minisig text
};

/// An evaluator's signed entry as it stands (after earlier corrections), with the sheet that covers it.
struct SignedEntry
{
    qint64 candidateId = 0;
    double points = 0;
    QString sheetSha256;
    QString publicKey;
};

/// A signed correction as stored (and as inserted, with the ids).
struct ScoreCorrection
{
    qint64 sessionId = 0, candidateId = 0, evaluatorId = 0;
    QString evaluator, ticket, task; ///< username and ticket: filled when read
    double oldPoints = 0, points = 0;
    QString reason, sheetSha256, publicKey, signature;
};

/// One candidate's final scores, summed.
struct FinalTotal
{
    QString ticket, name, className;
    double total = 0;
    int tasksScored = 0;
};

/// Who entered points for a candidate, whether their sheet is signed, and how often they corrected them.
struct EntryCoverage
{
    QString ticket, evaluator;
    bool sheetSigned = false;
    int corrections = 0;
};

/// One evaluator's entry as it stands (after their signed corrections), for reports/scores.csv.
struct EntryRow
{
    QString ticket, task, evaluator; ///< evaluator: username
    double points = 0;
    int corrections = 0;
    bool sheetSigned = false;
    QString recordedAt; ///< when entered (re-entering renews it): the order double scoring takes
};

/// A final score as the sealed bundle lists it.
struct FinalScoreRow
{
    QString ticket, name, item;
    double points = 0, maxPoints = 0;
    QString evaluator, recordedAt;
};

class ScoreStore
{
public:
    explicit ScoreStore(Database &db) : m_db(db) {}

    /// Whether the session has any entry or final score.
    bool hasScores(qint64 sessionId);
    /// Replaces the session's tasks, pass mark and double-scoring setting.
    void replaceSheet(qint64 sessionId, const ScoringSheet &sheet);
    ScoringSheet sheet(qint64 sessionId);
    /// Whether the session's task is double-scored.
    bool doubleScoring(qint64 sessionId, const QString &task);
    /// The task's maximum points; none when the task is not on the sheet.
    std::optional<double> taskMaxPoints(qint64 sessionId, const QString &task);

    /// A ticket's place in a session: the candidate id when registered for it (nullopt when not),
    /// and whether the candidate checked in.
    struct Presence
    {
        qint64 candidate = 0;
        bool checkedIn = false;
    };
    std::optional<Presence> presence(qint64 sessionId, const QString &ticket);
    /// The candidate id of a ticket, 0 when there is none.
    qint64 candidateId(const QString &ticket);

    /// Entries other evaluators than `evaluatorId` made for the candidate's task.
    QList<OtherEntry> otherEntries(qint64 sessionId, qint64 candidateId, const QString &task,
                                   qint64 evaluatorId);
    /// Whether a site admin resolved the ticket's task (a `score.resolved` event).
    bool resolved(qint64 sessionId, const QString &ticket, const QString &task);
    /// Inserts or replaces the evaluator's entry.
    void upsertEntry(qint64 sessionId, qint64 candidateId, const QString &task, qint64 evaluatorId,
                     double points);
    /// Each evaluator's points for the task as last corrected, else as entered, oldest entry first.
    QList<std::pair<qint64, double>> currentEntries(qint64 sessionId, qint64 candidateId,
                                                    const QString &task);
    void deleteFinal(qint64 sessionId, qint64 candidateId, const QString &task);
    void insertFinal(qint64 sessionId, qint64 candidateId, const QString &task, double points,
                     double maxPoints, qint64 evaluatorId);
    /// Tasks of a double-scored session with two entries and no final score yet.
    QList<Discrepancy> discrepancies(qint64 sessionId);

    /// The evaluator's entries sorted by ticket and task.
    QList<SheetLine> sheetLines(qint64 sessionId, const QString &evaluator);
    bool hasSigned(qint64 sessionId, qint64 evaluatorId);
    void insertSignature(qint64 sessionId, qint64 evaluatorId, const QString &sheetSha256,
                         const QString &publicKey, const QString &signature);
    /// The account other than `evaluatorId` that signed with this key, in any session.
    std::optional<QString> keyOwnerOtherThan(const QString &publicKey, qint64 evaluatorId);
    QList<SheetSignature> signatures(qint64 sessionId);
    std::optional<SignedEntry> signedEntry(qint64 sessionId, const QString &ticket, const QString &task,
                                           qint64 evaluatorId);
    void insertCorrection(const ScoreCorrection &c);
    QList<ScoreCorrection> corrections(qint64 sessionId);

    /// Checked-in candidates with the sum and number of their final scores, by ticket.
    QList<FinalTotal> finalTotals(qint64 sessionId);
    /// Every entry's coverage, by evaluator.
    QList<EntryCoverage> entryCoverage(qint64 sessionId);

    void insertVoid(qint64 sessionId, qint64 candidateId, qint64 incidentId, const QString &reason,
                    qint64 staffId);
    /// The session's voided results by ticket.
    QList<ResultVoid> voids(qint64 sessionId);
    /// Tickets of the session's candidates whose attendance is `absent` (a check-in taken back by a
    /// proctor among them).
    QSet<QString> absentTickets(qint64 sessionId);
    /// Every evaluator's entry as it stands, by ticket, task and entry time.
    QList<EntryRow> entries(qint64 sessionId);
    /// The site admin who resolved each ticket's task (`score.resolved`): "TICKET\tTASK" -> username.
    QHash<QString, QString> resolvers(qint64 sessionId);

    /// Final scores by ticket and item, for the sealed bundle.
    QList<FinalScoreRow> finalScores(qint64 sessionId);
    /// Whether the session has final scores or any score.* event.
    bool hasScoreRecords(qint64 sessionId);
    /// Its query (?1: the session), answered by migration 17's partial index over score events rather
    /// than by reading every event of the session; exposed so a test can check that its plan still does.
    static const char *const kScoreRecordsSql;

private:
    Database &m_db;
};

} // namespace examsite::ops
