#include "seating/roomlayoutimporter.h"

#include "core/error.h"
#include "core/types.h"
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

/// The room as stored, in the same form as the file's, to tell whether anything changed.
std::optional<std::pair<qint64, RoomSpec>> storedRoom(Database &db, const QString &code)
{
    Statement r(db, "SELECT id, name, rows, cols, numbering FROM room WHERE code = ?1");
    r.bind(1, code);
    if (!r.step())
        return std::nullopt;
    RoomSpec room;
    room.id = code;
    room.name = r.text(1);
    room.rows = int(r.int64(2));
    room.cols = int(r.int64(3));
    room.numbering = r.text(4);
    room.seats.assign(size_t(room.rows * room.cols), SeatSpec{true, false, QStringLiteral("pc")});
    Statement s(db, "SELECT row, col, disabled, accessible, workstation FROM seat WHERE room_id = ?1");
    s.bind(1, r.int64(0));
    while (s.step()) {
        const int row = int(s.int64(0)), col = int(s.int64(1));
        if (row < room.rows && col < room.cols)
            room.seat(row, col) = SeatSpec{s.int64(2) != 0, s.int64(3) != 0 && s.int64(2) == 0, s.text(4)};
    }
    return std::make_pair(r.int64(0), room);
}

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

void writeSeats(Database &db, qint64 roomId, const RoomSpec &room)
{
    Statement seat(db, "INSERT INTO seat (room_id, row, col, disabled, accessible, workstation) VALUES (?1, "
                       "?2, ?3, ?4, ?5, ?6)");
    for (int r = 0; r < room.rows; ++r)
        for (int c = 0; c < room.cols; ++c) {
            const SeatSpec &s = room.seat(r, c);
            seat.bind(1, roomId)
                .bind(2, r)
                .bind(3, c)
                .bind(4, int(s.disabled))
                .bind(5, int(s.accessible))
                .bind(6, s.workstation);
            seat.exec();
        }
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
    std::optional<ExamSession> session;
    if (!sessionCode.isEmpty() && !(session = sites.session(sessionCode)))
        throw Error(ErrorKind::NotFound, QStringLiteral("session '%1' does not exist").arg(sessionCode));
    for (const RoomSpec &room : plan.rooms) {
        const QString name = room.name.isEmpty() ? room.id : room.name;
        RoomSpec wanted = room;
        wanted.name = name;
        if (const auto stored = storedRoom(db, room.id)) {
            if (sameLayout(stored->second, wanted)) {
                report.unchanged.append(room.id);
            } else {
                Statement seated(db, "SELECT count(*) FROM registration WHERE room_id = ?1");
                seated.bind(1, stored->first);
                seated.step();
                if (const qint64 n = seated.int64(0); n > 0)
                    throw Error(
                        ErrorKind::Conflict,
                        QStringLiteral("%1: room %2: %3 candidates are seated in it, so its layout cannot "
                                       "change; move them or reallocate first")
                            .arg(fileName, room.id)
                            .arg(n));
                Statement update(
                    db, "UPDATE room SET name = ?2, rows = ?3, cols = ?4, numbering = ?5 WHERE id = ?1");
                update.bind(1, stored->first)
                    .bind(2, name)
                    .bind(3, room.rows)
                    .bind(4, room.cols)
                    .bind(5, room.numbering)
                    .exec();
                Statement drop(db, "DELETE FROM seat WHERE room_id = ?1");
                drop.bind(1, stored->first).exec();
                writeSeats(db, stored->first, room);
                report.updated.append(room.id);
            }
        } else {
            const qint64 id = sites.createRoom(room.id, name, room.rows, room.cols, room.numbering);
            Statement drop(db, "DELETE FROM seat WHERE room_id = ?1");
            drop.bind(1, id).exec();
            writeSeats(db, id, room);
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
