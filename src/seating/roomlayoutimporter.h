// Room layouts from JSON (the "rooms" part of PLAN.json, docs/seating.md): new rooms are created,
// rooms whose layout changed are updated while nobody is seated in them, all in one transaction
// with one `rooms.imported` event. The admin console's seat maps and the demo use the same path.
#pragma once

#include "core/policy.h"

#include <QString>
#include <QStringList>

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::seating {

struct RoomImportReport
{
    QStringList added;
    QStringList updated;
    QStringList unchanged;
    QString sha256; ///< of the file's bytes
};

/// Imports `path` (Action::ManageRooms). `sessionCode`, when set, also assigns every room in the file to that
/// session. Throws Error(Input) naming the file and field for a bad file, Error(Conflict) when a room to be
/// changed has seated candidates, Error(NotFound) for an unknown session; nothing is stored then.
RoomImportReport importRoomLayouts(Database &db, EventStore &events, const QString &path,
                                   const QString &sessionCode, const Actor &actor);
/// The same from bytes already read (`fileName` names them in messages).
RoomImportReport importRoomLayoutJson(Database &db, EventStore &events, const QByteArray &json,
                                      const QString &fileName, const QString &sessionCode,
                                      const Actor &actor);

} // namespace examsite::seating
