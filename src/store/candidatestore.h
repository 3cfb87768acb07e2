// Candidates, their reference photos and their registrations for sessions.
#pragma once

#include "core/policy.h"

#include "core/types.h"

#include <optional>

namespace examsite {

class EventStore;

class Database;

class CandidateStore
{
public:
    explicit CandidateStore(Database &db) : m_db(db) {}

    std::optional<Candidate> findByTicket(const QString &ticket);
    std::optional<Candidate> findByIdNumber(const QString &idNumber);
    std::optional<Candidate> findById(qint64 id);
    qint64 insert(const Candidate &c);
    void update(const Candidate &c); ///< by c.id

    /// Stores or replaces the reference photo (a new one drops the face templates of the old one);
    /// returns false when the same bytes were already stored.
    bool setPhoto(qint64 candidateId, const QByteArray &data);
    /// Removes the candidate's photo (and the face templates computed from it); false when it had none.
    bool clearPhoto(qint64 candidateId);
    /// The SHA-256 (hex) of the candidate's photo, empty when none.
    QString photoSha(qint64 candidateId);
    QByteArray photo(qint64 candidateId);

    /// Records one roster import that changed something (the roster_import row).
    void recordRosterImport(qint64 sessionId, const QString &fileName, const QString &sha256, int added,
                            int updated, int unchanged);

    /// Returns true when the candidate was not yet registered for the session.
    bool registerFor(qint64 sessionId, qint64 candidateId);

    /// Registered candidates of a session whose ticket, name, ID number, school or class contains
    /// `search` (all when empty), ordered by ticket; paged for large rosters.
    QList<Registration> registrations(qint64 sessionId, const QString &search = {}, int offset = 0,
                                      int limit = -1);
    /// What a screen or a listing shows (the adapters' only way to list candidates): the same rows with
    /// every ID number masked (110101********100X). Here `search` finds an ID number only when it is
    /// the whole number: matching a part of it would give the masked digits (the date of birth) away
    /// one search at a time.
    QList<Registration> registrationsForDisplay(qint64 sessionId, const QString &search = {}, int offset = 0,
                                                int limit = -1);
    /// The same rows with full ID numbers, for a signed-in staff member allowed to see personal data
    /// (Action::ViewPersonalData; Error(Denied) for anyone else). Who saw how many of whom is an event,
    /// `candidates.revealed` (session, search, count), in the session's log.
    QList<Registration> registrationsRevealed(qint64 sessionId, const QString &search, int offset, int limit,
                                              const Actor &actor, EventStore &events);
    /// How many rows registrationsForDisplay finds (an ID number matched only as a whole).
    int countRegistrations(qint64 sessionId, const QString &search = {});
    /// The registration whose ticket or ID number is exactly `key` (ID numbers compared upper-case).
    std::optional<Registration> lookup(qint64 sessionId, const QString &key);

private:
    enum class IdSearch { Part, Whole };
    QList<Registration> query(qint64 sessionId, const QString &search, int offset, int limit, IdSearch id);
    /// The face templates and unusable-photo marks computed from the candidate's photo (a new or removed
    /// photo must not match anyone as the old one did).
    void forgetFaceTemplates(qint64 candidateId);
    Database &m_db;
};

} // namespace examsite
