#include "seating/roomlayoutimporter.h"

#include "core/error.h"
#include "core/types.h"
#include "seating/seatingstore.h"
#include "seating/seatplan.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace examsite::seating {

namespace {

/// Seats only, so the default workstation's spelling does not count as a change.
bool sameLayout(const RoomSpec &a, const RoomSpec &b)
{
    if (a.name != b.name || a.rows != b.rows || a.cols != b.cols || a.numbering != b.numbering)
        return false;
    for (size_t i = 0; i < a.seats.size(); ++i)
        if (a.seats[i].disabled != b.seats[i].disabled || a.seats[i].accessible != b.seats[i].accessible ||
            a.seats[i].workstation != b.seats[i].workstation)
            return false;
    return true;
}

} // namespace

RoomImportReport importRoomLayouts(Database &db, EventStore &events, const QString &path,
                                   const QString &sessionCode, const Actor &actor)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    if (f.size() > 64 * 1024 * 1024)
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: larger than 64 MiB; not a room layout file").arg(path));
    return importRoomLayoutJson(db, events, f.readAll(), QFileInfo(path).fileName(), sessionCode, actor);
}

RoomImportReport importRoomLayoutJson(Database &db, EventStore &events, const QByteArray &json,
                                      const QString &fileName, const QString &sessionCode, const Actor &actor)
{
    require(actor, Action::ManageRooms);
    const PlanInput plan = parsePlan(json, fileName, false);
    static const QRegularExpression code(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"));
    QStringList problems;
    for (qsizetype i = 0; i < plan.rooms.size(); ++i)
        if (!code.match(plan.rooms[i].id).hasMatch())
            problems.append(QStringLiteral("%1: rooms[%2].id: '%3' is not a room code (expected 1-32 "
                                           "letters, digits, '-', '_' or '.')")
                                .arg(fileName)
                                .arg(i)
                                .arg(plan.rooms[i].id));
    if (plan.rooms.isEmpty())
        problems.append(QStringLiteral("%1: rooms: the file has no rooms").arg(fileName));
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, problems.join(u'\n'));

    RoomImportReport report;
    report.sha256 = QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
    Transaction tx(db);
    SiteStore sites(db);
    SeatingStore seats(db, events);
    std::optional<ExamSession> session;
    if (!sessionCode.isEmpty() && !(session = sites.session(sessionCode)))
        throw Error(ErrorKind::NotFound, QStringLiteral("session '%1' does not exist").arg(sessionCode));
    if (session)
        SeatingStore::ensureSeatsChangeable(
            *session); // a closed or sealed session's rooms are what they were
    for (const RoomSpec &room : plan.rooms) {
        const QString name = room.name.isEmpty() ? room.id : room.name;
        RoomSpec wanted = room;
        wanted.name = name;
        if (const auto stored = seats.roomLayout(room.id)) {
            if (sameLayout(stored->second, wanted)) {
                report.unchanged.append(room.id);
            } else {
                if (const qint64 n = seats.seatedInRoom(stored->first); n > 0)
                    throw Error(
                        ErrorKind::Conflict,
                        QStringLiteral("%1: room %2: %3 candidates are seated in it, so its layout cannot "
                                       "change; move them or reallocate first")
                            .arg(fileName, room.id)
                            .arg(n));
                seats.updateRoom(stored->first, name, room.rows, room.cols, room.numbering);
                seats.replaceSeats(stored->first, room);
                report.updated.append(room.id);
            }
        } else {
            const qint64 id = sites.createRoom(room.id, name, room.rows, room.cols, room.numbering);
            seats.replaceSeats(id, room);
            report.added.append(room.id);
        }
        if (session)
            sites.assignRoom(session->code, room.id);
    }
    events.append(session ? session->id : 0, QStringLiteral("rooms.imported"), actor.username,
                  {{QStringLiteral("file"), fileName},
                   {QStringLiteral("sha256"), report.sha256},
                   {QStringLiteral("added"), QJsonArray::fromStringList(report.added)},
                   {QStringLiteral("updated"), QJsonArray::fromStringList(report.updated)},
                   {QStringLiteral("unchanged"), QJsonArray::fromStringList(report.unchanged)}});
    tx.commit();
    return report;
}

} // namespace examsite::seating
