// What the printouts need from the store for one session: site, session, rooms with their seats'
// occupants, the allocation's audit line, photos and signed ticket codes.
#pragma once

#include "seating/seatprinter.h"

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::seating {

/// Reads the session's rooms (only `roomCode` when set) and seats for `actor`
/// (Action::PrintSeatDocuments: the documents carry names and photos), and appends
/// `seating.documents_printed` to the site's log; creates the site signing key on first use, so call it
/// outside any transaction. Error(NotFound) for an unknown session or room.
PrintJob makePrintJob(Database &db, EventStore &events, const QString &sessionCode, const QString &roomCode,
                      const Actor &actor);

} // namespace examsite::seating
