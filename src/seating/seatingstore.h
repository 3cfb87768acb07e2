// Seating on the store: builds a session's allocation input from its rooms and registrations,
// commits to it, allocates with the committed seed and writes the seats (one transaction, one
// event), verifies a stored allocation the way an auditor would, reseats candidates when a seat
// fails during a session, and reads each seat's live status for the admin console and printouts.
#pragma once

#include "core/policy.h"

#include "core/types.h"
#include "seating/seatallocator.h"
#include "seating/seatplan.h"

#include <algorithm>
#include <optional>
#include <QHash>

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::seating {

/// Which candidates count as "the same group" for the neighbour rule.
enum class GroupBy { Class, School };
QString groupByName(GroupBy by); ///< "class" or "school"
std::optional<GroupBy> parseGroupBy(const QString &text);

/// A session's allocation input, with the store ids behind its room and candidate ids.
struct SessionPlan
{
    ExamSession session;
    PlanInput input;
    QHash<QString, qint64> roomIds;      ///< room code -> room.id
    QHash<QString, qint64> candidateIds; ///< ticket -> candidate.id
};

/// One `seat allocate --session` run, as stored in `seat_allocation` and the `seat.allocated` event.
struct AllocationRecord
{
    qint64 id = 0;
    qint64 sessionId = 0;
    QString groupBy;
    QString publicValue;
    QString seed;        ///< hex
    QString inputSha256; ///< SHA-256 of `input`
    QString planSha256;  ///< SHA-256 of the compact allocation JSON
    QByteArray input;    ///< canonical PLAN.json
    int assigned = 0;
    int unassigned = 0;
    int adjacentSameGroup = 0;
    int lowerBound = 0;
    qint64 eventSeq = 0;
    QString allocatedAt;
};

/// A published commitment of the allocation input (event `seat.committed`).
struct Commitment
{
    qint64 eventSeq = 0;
    QString inputSha256; ///< 64 hex digits
    QString groupBy;
    int rooms = 0;
    int candidates = 0;
    QString committedAt; ///< the event's wall-clock time (UTC, ISO 8601)
    QString actor;
};

struct SeatRef
{
    QString room;
    int row = -1;
    int col = -1;
    bool isValid() const { return !room.isEmpty(); }
    bool operator==(const SeatRef &) const = default;
};

struct SeatMove
{
    QString ticket;
    QString name;
    SeatRef from;
    SeatRef to;
};

/// A seat given to a candidate after the allocation: a late addition seated by the rule, or a seat
/// assigned by hand (`from` is empty when the candidate had none).
struct SeatPlacement
{
    QString ticket;
    QString name;
    SeatRef from;
    SeatRef to;
    int number = 0;      ///< the seat number printed in the room
    qint64 eventSeq = 0; ///< its `seat.assigned` event
};

/// A registered candidate of the session without a seat.
struct SeatlessCandidate
{
    QString ticket;
    QString name;
    QString workstation;
    bool needsAccessible = false;
};

/// The rule by which `seatLateAdditions` places candidates (docs/seating.md, "Late additions").
inline constexpr QLatin1String kLateSeatRule("late-v1");

struct VerifyCheck
{
    QString name;
    bool ok = false;
    QString detail;
};

struct VerifyReport
{
    AllocationRecord allocation;
    QList<VerifyCheck> checks;
    bool ok() const
    {
        return std::all_of(checks.begin(), checks.end(), [](const VerifyCheck &c) { return c.ok; });
    }
};

/// The live state of a seat, strongest first when several apply.
enum class SeatStatus {
    Unusable,     ///< disabled in the room layout
    OutOfService, ///< failed during this session
    Incident,     ///< its candidate has an incident recorded in this session
    CheckedIn,
    Absent,   ///< marked absent, or not checked in after the late-entry cutoff
    Awaiting, ///< allocated, not checked in yet
    Empty,    ///< usable, nobody allocated
};
QString seatStatusName(SeatStatus s); ///< "unusable", "out_of_service", "incident", ...

/// One seat of a room with whoever holds it in a session.
struct SeatOccupancy
{
    int row = 0;
    int col = 0;
    int number = 0; ///< as printed (row-major or snake)
    bool disabled = false;
    bool accessible = false;
    bool outOfService = false;
    QString outageReason; ///< why it is out of service, while it is
    QString workstation;
    qint64 candidateId = 0; ///< 0 when empty
    QString ticket;
    QString name;
    QString idNumber;
    QString school;
    QString className;
    QString attendance;
    bool checkedIn = false;
    bool incident = false;
    SeatStatus status = SeatStatus::Empty;

    // What staff can do with the seat now, as SeatingStore judges it (the screens ask these, never
    // the status); who may do it is the policy's (Action::AssignSeat, Action::FailSeat).
    /// Its candidate can be moved to another seat by hand (assignSeat): not once checked in, when
    /// only the seat failing moves them.
    bool movableByHand() const { return candidateId != 0 && !checkedIn; }
    /// A candidate can be assigned to it by hand: usable, in service, nobody in it.
    bool takesAssignment() const { return status == SeatStatus::Empty; }
    /// It can be taken out of service (failSeat): in the layout and not out of service already.
    bool canTakeOutOfService() const { return !disabled && !outOfService; }
    /// It can be put back into service (restoreSeat).
    bool canRestore() const { return outOfService; }
};

/// One row of the bundle's seat plan: a seated registration.
struct SeatPlanRow
{
    QString room;
    std::optional<qint64> row, col;
    QString ticket;
    QString name;
};

struct RoomOccupancy
{
    Room room;
    QList<SeatOccupancy> seats; ///< rows * cols, row-major
    int allocated = 0;
};

class SeatingStore
{
public:
    SeatingStore(Database &db, EventStore &events) : m_db(db), m_events(events) {}

    /// The session by code, or Error(NotFound).
    ExamSession session(const QString &code);
    /// The allocation input as the store holds it now: the session's rooms (seats failed in the
    /// session count as disabled) and registered candidates (id = ticket; group = school and class,
    /// or school). Rooms without a seat plan or unknown codes raise Error(Input).
    SessionPlan sessionPlan(qint64 sessionId, GroupBy by);

    /// Records `seat.committed` (Action::CommitSeats) with the input's SHA-256, to be published before the
    /// public value is drawn. Returns the hash.
    QString commit(const QString &sessionCode, GroupBy by, const Actor &actor);
    /// Whether `actor` may take the allocation input out (`seat export`: every candidate's ticket, school,
    /// class and needs such as an accessible seat): Action::PrintSeatDocuments, as the seat plans. Records
    /// `seating.plan_exported` with the file's SHA-256. Throws Error(Denied) for anyone else.
    void recordPlanExport(qint64 sessionId, const QString &sha256, const Actor &actor);
    /// Allocates (Action::AllocateSeats) with seed = commitmentSeed(input SHA-256, publicValue) and writes
    /// every registration's seat, the `seat_allocation` row and the `seat.allocated` event in one
    /// transaction. Refuses (Error(Conflict)) when an allocation exists and `replace` is false, when a
    /// candidate has checked in, or when the input differs from the latest commitment. Throws
    /// Error(Input) naming the shortfall when the plan is infeasible.
    AllocationRecord allocate(const QString &sessionCode, const QString &publicValue, GroupBy by,
                              const Actor &actor, bool replace = false);
    std::optional<AllocationRecord> latestAllocation(qint64 sessionId);
    /// The session's latest `seat.committed` event, if any.
    std::optional<Commitment> commitment(qint64 sessionId);
    /// Re-derives the seed, re-runs the allocation, replays the recorded moves and compares with the
    /// seats in the store. Error(NotFound) when the session has no allocation.
    VerifyReport verify(const QString &sessionCode);

    /// Takes a seat out of service for the session (Action::FailSeat); if someone holds it, moves them with
    /// as few changes as possible (a free compatible seat, same room first; else one other candidate moves to
    /// free a compatible seat). One transaction, events `seat.failed` and `seat.moved`. Error(Conflict)
    /// naming the shortfall when no compatible seat can be freed; then nothing changes.
    QList<SeatMove> failSeat(const QString &sessionCode, const QString &roomCode, int row, int col,
                             const QString &reason, const Actor &actor);
    /// Puts a seat taken out of service back into service for the session (Action::FailSeat, the same
    /// staff; a reason is required), with the event `seat.restored`. Nobody moves back: the seat is free
    /// for later moves and allocations. The outage's history stays, so an allocation made while the
    /// seat was out still verifies. Error(Conflict) when the seat is not out of service.
    void restoreSeat(const QString &sessionCode, const QString &roomCode, int row, int col,
                     const QString &reason, const Actor &actor);

    /// Seats every registered candidate of the session who has no seat (added to the roster after the
    /// allocation; Action::AssignSeat), in ticket order, each into the free seat the rule kLateSeatRule
    /// picks: a usable seat of their workstation type (accessible when they need one), not out of service,
    /// with the fewest same-group neighbours, a plain seat before an accessible one they do not need, then
    /// room code and seat number. Nobody already seated moves. One transaction, one `seat.assigned` event
    /// (`cause` late_addition) per placement; all or nothing: Error(Conflict) naming the candidate and
    /// the shortfall when one cannot be seated. Error(Conflict) when the session has no allocation or is
    /// closed. Returns the placements (empty when everybody has a seat).
    QList<SeatPlacement> seatLateAdditions(const QString &sessionCode, const Actor &actor);
    /// Assigns a seat by hand (Action::AssignSeat, a reason required): to a seatless candidate, or moves
    /// one who has not checked in. Event `seat.assigned` (`cause` manual). Refused (Error(Conflict))
    /// for an occupied, disabled or out-of-service seat, a seat of another workstation type, a plain
    /// seat for a candidate who needs an accessible one, a candidate who has checked in, a session without
    /// an allocation or closed; Error(NotFound) for an unknown ticket or a room the session does not use.
    SeatPlacement assignSeat(const QString &sessionCode, const QString &ticket, const QString &roomCode,
                             int row, int col, const QString &reason, const Actor &actor);
    /// The session's registered candidates without a seat, by ticket.
    QList<SeatlessCandidate> seatless(qint64 sessionId);
    /// The position of the seat numbered `number` in the room, if the room has it.
    std::optional<std::pair<int, int>> seatPosition(const QString &roomCode, int number);

    /// Changes one seat of a room's layout (Action::ManageRooms; disabled, accessible, workstation type),
    /// with the event `room.seat_edited`. Refused (Error(Conflict)) while a candidate of any session is
    /// allocated to that seat: take it out of service with failSeat() instead, which moves them.
    void editSeat(const QString &roomCode, int row, int col, bool disabled, bool accessible,
                  const QString &workstation, const Actor &actor);

    /// Adds a room with a grid of seats (Action::ManageRooms), used by `sessionCode` when given, with the
    /// event `room.added`. Errors as SiteStore::createRoom; Error(NotFound) for an unknown session.
    void addRoom(const QString &code, const QString &name, int rows, int cols, const QString &numbering,
                 const QList<SeatFlags> &seats, const QString &sessionCode, const Actor &actor);

    /// The number printed on the desk for a seat of a room (row-major or snake order, 1-based), or 0
    /// when the room does not exist.
    int seatNumber(const QString &roomCode, int row, int col);

    /// Rooms of the session (all rooms when sessionId is 0) with their seats' live status.
    QList<RoomOccupancy> occupancy(qint64 sessionId, const QString &roomCode = {});

    // Data access for the room-layout import, the bundle, print jobs and the ticket-signing key (the
    // rules stay with their callers).
    /// The room's id and layout as stored (seats not stored count as usable "pc" seats), if it exists.
    std::optional<std::pair<qint64, RoomSpec>> roomLayout(const QString &code);
    /// How many registrations of any session are seated in the room.
    qint64 seatedInRoom(qint64 roomId);
    void updateRoom(qint64 roomId, const QString &name, int rows, int cols, const QString &numbering);
    /// Replaces the room's seat rows with `room`'s grid.
    void replaceSeats(qint64 roomId, const RoomSpec &room);
    /// The session's seated registrations, by room code, row and column.
    QList<SeatPlanRow> seatPlan(qint64 sessionId);
    /// How many `seat.moved` and `seat.assigned` events the session logged after event `eventSeq`.
    qint64 seatMovesAfter(qint64 sessionId, qint64 eventSeq);
    /// The stored ticket-signing key pair (public, secret), if any.
    std::optional<std::pair<QByteArray, QByteArray>> signingKey();
    /// The stored ticket-signing public key, if any.
    std::optional<QByteArray> signingPublicKey();
    /// Stores the site's Ed25519 ticket-signing key (there is one, id 1).
    void insertSigningKey(const QByteArray &publicKey, const QByteArray &secretKey);

    /// Error(Conflict) once the session is closed or frozen: its seats and rooms no longer change.
    static void ensureSeatsChangeable(const ExamSession &s);

private:
    /// The session's latest allocation and its plan as the store holds it now, grouped as that allocation
    /// was: what late additions and hand assignments change. Error(Conflict) when there is none yet.
    std::pair<AllocationRecord, SessionPlan> allocatedPlan(const ExamSession &s);

    Database &m_db;
    EventStore &m_events;
};

} // namespace examsite::seating
