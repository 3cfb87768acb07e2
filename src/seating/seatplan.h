// The allocation's input and output as data: room layouts (grid, disabled and accessible seats,
// workstation types, numbering), candidates (group, needs, workstation), the PLAN.json format of
// docs/seating.md with its validation, its canonical bytes (what the seed commits to) and the
// allocation's JSON output.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace examsite::seating {

/// One grid position of a room.
struct SeatSpec
{
    bool disabled = false;
    bool accessible = false;
    QString workstation; ///< e.g. "pc", "robot"
};

struct RoomSpec
{
    QString id;   ///< room code, unique in a plan
    QString name; ///< shown on printed plans; may be empty
    int rows = 0;
    int cols = 0;
    QString numbering = QStringLiteral("row_major"); ///< "row_major" or "snake" (蛇形)
    QString defaultWorkstation = QStringLiteral("pc");
    std::vector<SeatSpec> seats; ///< rows * cols, row-major

    const SeatSpec &seat(int row, int col) const { return seats[size_t(row * cols + col)]; }
    SeatSpec &seat(int row, int col) { return seats[size_t(row * cols + col)]; }
    int usableSeats() const;
};

struct CandidateSpec
{
    QString id;    ///< admission ticket in the store; unique in a plan
    QString group; ///< class or school; empty = no group
    bool needsAccessible = false;
    QString workstation = QStringLiteral("pc");
};

struct PlanInput
{
    QList<RoomSpec> rooms;
    QList<CandidateSpec> candidates;
};

/// Limits that keep a hostile file from exhausting memory; documented in docs/seating.md.
inline constexpr int kMaxGrid = 100; ///< rows and columns per room, as in the store
inline constexpr int kMaxRooms = 20000;
/// Seats of all rooms of a plan together (checked before they are allocated: 20,000 rooms of 100 x 100
/// would be 200 million); a site of 600 rooms of 60 seats has 36,000.
inline constexpr qint64 kMaxSeats = 2000000;
inline constexpr int kMaxCandidates = 1000000;
inline constexpr int kMaxIdLength = 64;

/// Parses and validates PLAN.json. Every problem is collected; on any, throws Error(Input) whose
/// message has one line per problem, each naming the file, the JSON path of the field
/// (e.g. `rooms[2].disabled[1]`) and what was expected. `requireCandidates` false accepts a room-layout
/// file (`{"rooms": [...]}` only).
PlanInput parsePlan(const QByteArray &json, const QString &fileName, bool requireCandidates = true);

/// The plan's canonical bytes: compact JSON, rooms sorted by id, candidates by id, seat lists sorted,
/// object keys sorted. Identical for any two files describing the same plan; its SHA-256 is the
/// input hash the seed commits to.
QByteArray canonicalPlanJson(const PlanInput &plan);
/// Lower-case hex SHA-256 of canonicalPlanJson().
QString planSha256(const PlanInput &plan);

/// The 1-based seat number printed on plans and shown by the kiosk: row-major, or snake (蛇形:
/// odd rows, counted from 0, run right to left). Disabled positions keep their number.
int seatNumber(int row, int col, int cols, bool snake);
inline int seatNumber(const RoomSpec &room, int row, int col)
{
    return seatNumber(row, col, room.cols, room.numbering == u"snake");
}

/// Seed from the commitment: SHA-256("examsite-seat-seed-v1\n" + inputSha256Hex + "\n" + publicValue),
/// as lower-case hex. See docs/seating.md for the audit recipe with sha256sum.
QString commitmentSeed(const QString &inputSha256Hex, const QString &publicValue);

/// Parses --seed: 2 to 128 hex digits, even length. Throws Error(Input) otherwise.
QByteArray parseSeedHex(const QString &hex);

} // namespace examsite::seating
