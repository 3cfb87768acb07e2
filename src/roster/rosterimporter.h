// Validates a parsed roster against the rules of docs/roster-format.md and the target session, then
// stores it in one transaction: all rows or none. Every problem is reported, not only the first.
#pragma once

#include "core/policy.h"

#include "core/types.h"
#include "roster/rosterparser.h"

namespace examsite {

class Database;
class EventStore;

/// What an import would do to one row of the file that is not unchanged.
struct RosterChange
{
    int line = 0;
    QString ticket;
    QString name;
    bool added = false; ///< a new registration; else a change to a known candidate
    QString oldName;    ///< when the name changes (look twice: the same ticket, another person?)
    QStringList fields; ///< the roster fields that change (name, gender, school, class, ...)
};

struct ImportReport
{
    QString file;
    QString encoding;
    QString sessionCode;
    int rows = 0;
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int photos = 0;        ///< photos stored or replaced
    int photosCleared = 0; ///< registered photos removed by a "-" in the photo column
    QStringList ignoredColumns;
    QList<RosterIssue> issues; ///< non-empty means nothing was stored
    // Filled by previewFile() only:
    int registeredBefore = 0;    ///< candidates the session had before
    QList<RosterChange> changes; ///< new and changed rows, in file order
    QStringList notInFile;       ///< tickets registered for the session but not in the file (kept)

    bool ok() const { return issues.isEmpty(); }
};

/// A roster row that passed validation.
struct ValidRow
{
    int line = 0;
    Candidate candidate;
    QString photoPath;       ///< absolute; empty when the row has no photo
    bool clearPhoto = false; ///< the photo cell is "-": the registered photo is removed (a wrong one)
};

class RosterImporter
{
public:
    RosterImporter(Database &db, EventStore &events) : m_db(db), m_events(events) {}

    /// Parses, validates and stores `path` for the session `sessionCode` (Action::ImportRoster); the event
    /// names `actor`. Throws Error for a refused actor, storage failures and an unknown session; roster
    /// problems are in the report.
    ImportReport importFile(const QString &path, const QString &sessionCode, const Actor &actor,
                            const RosterParseOptions &options = {});
    /// The same checks as importFile() (the same actor and session rules, every issue), and what the
    /// import would change (new rows, changed rows with their fields, changed names, registrations not
    /// in the file), without writing anything.
    ImportReport previewFile(const QString &path, const QString &sessionCode, const Actor &actor,
                             const RosterParseOptions &options = {});

    /// The row checks without a database: required values, formats, check digits, duplicates within the
    /// file, certificate and level against the session, photo files. Appends issues to `roster.issues`:
    /// every problem of a row, not only its first (a field's form is judged before what depends on it).
    /// `identified`, if given, receives the rows refused for other fields whose ticket and ID number are
    /// well formed, so that what the store says about them is reported in the same run.
    static QList<ValidRow> validate(ParsedRoster &roster, const ExamSession &session,
                                    QList<ValidRow> *identified = nullptr);

private:
    ImportReport run(const QString &path, const QString &sessionCode, const Actor &actor,
                     const RosterParseOptions &options, bool write);

    Database &m_db;
    EventStore &m_events;
};

} // namespace examsite
