// A candidate's registered photo after the import (#20 item 8): the site administrator replaces a wrong
// one (a group photo, someone else's) with a file from the organisation, or removes it so the proctor
// checks the candidate by hand, always with a reason, recorded in the site log with both photos' hashes.
#pragma once

#include "core/policy.h"

#include <QString>

namespace examsite {

class Database;
class EventStore;

class CandidatePhotos
{
public:
    CandidatePhotos(Database &db, EventStore &events) : m_db(db), m_events(events) {}

    /// Replaces the photo of the candidate with `ticket` by the file at `path` (Action::ReplacePhoto),
    /// checked as a roster's photos are (photofile.h); event `candidate.photo_replaced`. The face
    /// templates of the old photo go; the kiosk computes the new one's. Error(NotFound) for an unknown
    /// ticket, Error(Input) for an unusable file, the same photo again, or no reason.
    void replace(const QString &ticket, const QString &path, const QString &reason, const Actor &actor);
    /// Removes the candidate's photo (Action::ReplacePhoto); event `candidate.photo_cleared`. Without a
    /// photo the face check cannot run: the proctor admits the candidate. Error(Input) when there is none.
    void clear(const QString &ticket, const QString &reason, const Actor &actor);

private:
    qint64 candidateId(const QString &ticket);

    Database &m_db;
    EventStore &m_events;
};

} // namespace examsite
