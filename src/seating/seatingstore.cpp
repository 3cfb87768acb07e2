#include "seating/seatingstore.h"

#include "core/error.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <algorithm>
#include <limits>
#include <map>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <set>
#include <tuple>

namespace examsite::seating {

QString groupByName(GroupBy by)
{
    return by == GroupBy::School ? QStringLiteral("school") : QStringLiteral("class");
}

std::optional<GroupBy> parseGroupBy(const QString &text)
{
    if (text == u"class")
        return GroupBy::Class;
    if (text == u"school")
        return GroupBy::School;
    return std::nullopt;
}

QString seatStatusName(SeatStatus s)
{
    switch (s) {
    case SeatStatus::Unusable:
        return QStringLiteral("unusable");
    case SeatStatus::OutOfService:
        return QStringLiteral("out_of_service");
    case SeatStatus::Incident:
        return QStringLiteral("incident");
    case SeatStatus::CheckedIn:
        return QStringLiteral("checked_in");
    case SeatStatus::Absent:
        return QStringLiteral("absent");
    case SeatStatus::Awaiting:
        return QStringLiteral("awaiting");
    case SeatStatus::Empty:
        return QStringLiteral("empty");
    }
    return {};
}

namespace {

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QJsonObject seatJson(const SeatRef &s, const QHash<QString, RoomSpec> &rooms)
{
    if (!s.isValid())
        return {};
    const auto it = rooms.constFind(s.room);
    QJsonObject o{
        {QStringLiteral("room"), s.room}, {QStringLiteral("row"), s.row}, {QStringLiteral("col"), s.col}};
    if (it != rooms.constEnd())
        o.insert(QStringLiteral("seat"), QString::number(seatNumber(*it, s.row, s.col)));
    return o;
}

SeatRef seatFromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    if (o.isEmpty())
        return {};
    return {o.value(QStringLiteral("room")).toString(), o.value(QStringLiteral("row")).toInt(-1),
            o.value(QStringLiteral("col")).toInt(-1)};
}

QString seatText(const SeatRef &s)
{
    return s.isValid() ? QStringLiteral("%1 [%2,%3]").arg(s.room).arg(s.row).arg(s.col)
                       : QStringLiteral("(no seat)");
}

/// Tickets and seats of the session as the store holds them.
QHash<QString, SeatRef> currentSeats(Database &db, qint64 sessionId)
{
    Statement s(db, "SELECT c.ticket, m.code, r.seat_row, r.seat_col FROM registration r JOIN candidate c ON "
                    "c.id = r.candidate_id "
                    "LEFT JOIN room m ON m.id = r.room_id WHERE r.session_id = ?1");
    s.bind(1, sessionId);
    QHash<QString, SeatRef> out;
    while (s.step())
        out.insert(s.text(0), s.isNull(1) ? SeatRef{} : SeatRef{s.text(1), int(s.int64(2)), int(s.int64(3))});
    return out;
}

AllocationRecord readAllocation(const Statement &s)
{
    AllocationRecord a;
    a.id = s.int64(0);
    a.sessionId = s.int64(1);
    a.groupBy = s.text(2);
    a.publicValue = s.text(3);
    a.seed = s.text(4);
    a.inputSha256 = s.text(5);
    a.planSha256 = s.text(6);
    a.input = s.blob(7);
    a.assigned = int(s.int64(8));
    a.unassigned = int(s.int64(9));
    a.adjacentSameGroup = int(s.int64(10));
    a.lowerBound = int(s.int64(11));
    a.eventSeq = s.int64(12);
    a.allocatedAt = s.text(13);
    return a;
}

/// The session plan with seats failed after event `outagesBefore` left usable.
SessionPlan buildPlan(Database &db, qint64 sessionId, GroupBy by, qint64 outagesBefore)
{
    SessionPlan sp;
    Statement rooms(db, "SELECT r.id, r.code, r.name, r.rows, r.cols, r.numbering FROM session_room sr "
                        "JOIN room r ON r.id = sr.room_id WHERE sr.session_id = ?1 ORDER BY r.code");
    rooms.bind(1, sessionId);
    Statement seats(db, "SELECT row, col, disabled, accessible, workstation FROM seat WHERE room_id = ?1");
    Statement outages(
        db, "SELECT row, col FROM seat_outage WHERE session_id = ?1 AND room_id = ?2 AND event_seq < ?3 "
            "AND (restored_seq IS NULL OR restored_seq >= ?3)");
    while (rooms.step()) {
        RoomSpec room;
        const qint64 roomId = rooms.int64(0);
        room.id = rooms.text(1);
        room.name = rooms.text(2);
        room.rows = int(rooms.int64(3));
        room.cols = int(rooms.int64(4));
        room.numbering = rooms.text(5);
        room.seats.assign(size_t(room.rows * room.cols), SeatSpec{true, false, QStringLiteral("pc")});
        std::map<QString, int> typeCount;
        seats.bind(1, roomId);
        while (seats.step()) {
            const int r = int(seats.int64(0)), c = int(seats.int64(1));
            if (r < 0 || r >= room.rows || c < 0 || c >= room.cols)
                continue;
            SeatSpec &seat = room.seat(r, c);
            seat.disabled = seats.int64(2) != 0;
            seat.accessible = !seat.disabled && seats.int64(3) != 0;
            seat.workstation = seats.text(4);
            ++typeCount[seat.workstation];
        }
        seats.reset();
        outages.bind(1, sessionId).bind(2, roomId).bind(3, outagesBefore);
        while (outages.step()) {
            const int r = int(outages.int64(0)), c = int(outages.int64(1));
            if (r >= 0 && r < room.rows && c >= 0 && c < room.cols) {
                room.seat(r, c).disabled = true;
                room.seat(r, c).accessible = false;
            }
        }
        outages.reset();
        int most = 0;
        for (const auto &[type, n] : typeCount)
            if (n > most) { // std::map order: the alphabetically first of the most common types
                most = n;
                room.defaultWorkstation = type;
            }
        sp.roomIds.insert(room.id, roomId);
        sp.input.rooms.append(std::move(room));
    }
    Statement cands(
        db, "SELECT c.id, c.ticket, c.school, c.class_name, c.needs, c.workstation FROM registration r "
            "JOIN candidate c ON c.id = r.candidate_id WHERE r.session_id = ?1 ORDER BY c.ticket");
    cands.bind(1, sessionId);
    while (cands.step()) {
        CandidateSpec c;
        c.id = cands.text(1);
        const QString school = cands.text(2).trimmed(), cls = cands.text(3).trimmed();
        c.group = by == GroupBy::School ? school : (cls.isEmpty() ? QString() : school + u'/' + cls);
        c.needsAccessible = cands.text(4).split(u',').contains(QStringLiteral("accessible"));
        c.workstation = cands.text(5);
        sp.candidateIds.insert(c.id, cands.int64(0));
        sp.input.candidates.append(std::move(c));
    }
    return sp;
}

struct LatestCommitment
{
    qint64 seq = 0;
    QString inputSha256;
    QString groupBy;
};

std::optional<LatestCommitment> latestCommitment(Database &db, qint64 sessionId)
{
    Statement s(db, "SELECT seq, payload FROM event WHERE session_id = ?1 AND type = 'seat.committed' ORDER "
                    "BY seq DESC LIMIT 1");
    s.bind(1, sessionId);
    if (!s.step())
        return std::nullopt;
    const QJsonObject p = QJsonDocument::fromJson(s.text(1).toUtf8()).object();
    return LatestCommitment{s.int64(0), p.value(QStringLiteral("input_sha256")).toString(),
                            p.value(QStringLiteral("group_by")).toString()};
}

void writeSeat(Database &db, qint64 sessionId, qint64 candidateId, qint64 roomId, int row, int col)
{
    Statement &s = db.cached("UPDATE registration SET room_id = ?3, seat_row = ?4, seat_col = ?5 "
                             "WHERE session_id = ?1 AND candidate_id = ?2");
    s.bind(1, sessionId).bind(2, candidateId);
    if (roomId > 0)
        s.bind(3, roomId).bind(4, row).bind(5, col);
    else
        s.bindNull(3).bindNull(4).bindNull(5);
    s.exec();
}

/// Who sits where: per room of a plan, per seat (row * cols + col), the candidate's index in the plan,
/// -1 when free, -2 when held by someone the plan does not list.
using SeatGrid = std::vector<std::vector<int>>;

SeatGrid seatGrid(const PlanInput &in, const QHash<QString, SeatRef> &seats)
{
    QHash<QString, int> roomIndex, candIndex;
    for (qsizetype i = 0; i < in.rooms.size(); ++i)
        roomIndex.insert(in.rooms[i].id, int(i));
    for (qsizetype i = 0; i < in.candidates.size(); ++i)
        candIndex.insert(in.candidates[i].id, int(i));
    SeatGrid grid(size_t(in.rooms.size()));
    for (qsizetype i = 0; i < in.rooms.size(); ++i)
        grid[size_t(i)].assign(in.rooms[i].seats.size(), -1);
    for (auto it = seats.cbegin(); it != seats.cend(); ++it) {
        if (!it->isValid() || !roomIndex.contains(it->room))
            continue;
        const int r = roomIndex.value(it->room);
        const RoomSpec &room = in.rooms[r];
        if (it->row >= 0 && it->row < room.rows && it->col >= 0 && it->col < room.cols)
            grid[size_t(r)][size_t(it->row * room.cols + it->col)] = candIndex.value(it.key(), -2);
    }
    return grid;
}

/// The rule late-v1 (docs/seating.md, "Late additions"): the free seat candidate `cand` of the plan
/// takes, as (room index, seat index): a usable seat of their workstation type, accessible when they
/// need one; fewest same-group neighbours, then a plain seat before an accessible one they do not need,
/// then room code, then seat number.
std::optional<std::pair<int, int>> lateSeat(const PlanInput &in, const SeatGrid &grid, int cand)
{
    const CandidateSpec &c = in.candidates[cand];
    using Score = std::tuple<int, int, QString, int>;
    std::optional<Score> best;
    std::optional<std::pair<int, int>> pick;
    for (qsizetype r = 0; r < in.rooms.size(); ++r) {
        const RoomSpec &room = in.rooms[r];
        for (int t = 0; t < int(room.seats.size()); ++t) {
            const SeatSpec &spec = room.seats[size_t(t)];
            if (grid[size_t(r)][size_t(t)] != -1 || spec.disabled || spec.workstation != c.workstation ||
                (c.needsAccessible && !spec.accessible))
                continue;
            const int row = t / room.cols, col = t % room.cols;
            int neighbours = 0;
            if (!c.group.isEmpty())
                for (int dr = -1; dr <= 1; ++dr)
                    for (int dc = -1; dc <= 1; ++dc) {
                        const int rr = row + dr, cc = col + dc;
                        if ((dr == 0 && dc == 0) || rr < 0 || rr >= room.rows || cc < 0 || cc >= room.cols)
                            continue;
                        const int o = grid[size_t(r)][size_t(rr * room.cols + cc)];
                        if (o >= 0 && in.candidates[o].group == c.group)
                            ++neighbours;
                    }
            const Score sc{neighbours, int(spec.accessible && !c.needsAccessible), room.id,
                           seatNumber(room, row, col)};
            if (!best || sc < *best) {
                best = sc;
                pick = std::make_pair(int(r), t);
            }
        }
    }
    return pick;
}
} // namespace

ExamSession SeatingStore::session(const QString &code)
{
    const auto s = SiteStore(m_db).session(code);
    if (!s)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"), code);
    return *s;
}

SessionPlan SeatingStore::sessionPlan(qint64 sessionId, GroupBy by)
{
    SessionPlan sp = buildPlan(m_db, sessionId, by, std::numeric_limits<qint64>::max());
    std::optional<ExamSession> s = SiteStore(m_db).sessionSchedule(sessionId);
    if (!s)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), sessionId);
    sp.session = *s;
    sp.session.registered = sp.session.checkedIn = 0; // the plan's own figures count
    return sp;
}

void SeatingStore::recordPlanExport(qint64 sessionId, const QString &sha256, const Actor &actor)
{
    require(actor, Action::PrintSeatDocuments);
    Transaction tx(m_db);
    m_events.append(sessionId, QStringLiteral("seating.plan_exported"), actor.username,
                    {{QStringLiteral("input_sha256"), sha256}});
    tx.commit();
}

QString SeatingStore::commit(const QString &sessionCode, GroupBy by, const Actor &actor)
{
    require(actor, Action::CommitSeats);
    const ExamSession s = session(sessionCode);
    Transaction tx(m_db);
    const SessionPlan sp = sessionPlan(s.id, by);
    const QString sha = planSha256(sp.input);
    m_events.append(s.id, QStringLiteral("seat.committed"), actor.username,
                    {{QStringLiteral("input_sha256"), sha},
                     {QStringLiteral("group_by"), groupByName(by)},
                     {QStringLiteral("rooms"), int(sp.input.rooms.size())},
                     {QStringLiteral("candidates"), int(sp.input.candidates.size())}});
    tx.commit();
    return sha;
}

std::optional<Commitment> SeatingStore::commitment(qint64 sessionId)
{
    Statement s(m_db, "SELECT seq, wall_time, actor, payload FROM event WHERE session_id = ?1 AND type = "
                      "'seat.committed' ORDER BY seq DESC LIMIT 1");
    s.bind(1, sessionId);
    if (!s.step())
        return std::nullopt;
    const QJsonObject p = QJsonDocument::fromJson(s.text(3).toUtf8()).object();
    return Commitment{s.int64(0),
                      p.value(QStringLiteral("input_sha256")).toString(),
                      p.value(QStringLiteral("group_by")).toString(),
                      p.value(QStringLiteral("rooms")).toInt(),
                      p.value(QStringLiteral("candidates")).toInt(),
                      s.text(1),
                      s.text(2)};
}

std::optional<AllocationRecord> SeatingStore::latestAllocation(qint64 sessionId)
{
    Statement s(
        m_db,
        "SELECT id, session_id, group_by, public_value, seed, input_sha256, plan_sha256, input, assigned, "
        "unassigned, adjacent_same_group, lower_bound, event_seq, allocated_at FROM seat_allocation "
        "WHERE session_id = ?1 ORDER BY id DESC LIMIT 1");
    s.bind(1, sessionId);
    if (!s.step())
        return std::nullopt;
    return readAllocation(s);
}

AllocationRecord SeatingStore::allocate(const QString &sessionCode, const QString &publicValue, GroupBy by,
                                        const Actor &actor, bool replace)
{
    require(actor, Action::AllocateSeats);
    const ExamSession s = session(sessionCode);
    if (publicValue.trimmed().isEmpty() || publicValue.size() > 200)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error", "--public-value: expected the value drawn or published at session start "
                                 "(1-200 characters)"));
    Transaction tx(m_db);
    const auto previous = latestAllocation(s.id);
    if (previous && !replace)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error",
                                      "session %1 already has seats allocated (allocation %2 of %3); pass "
                                      "--replace to allocate again before check-in starts, or use "
                                      "'examsite seat fail' to move single candidates"),
                    s.code, previous->id, previous->allocatedAt);
    Statement checkedIn(m_db, "SELECT count(DISTINCT candidate_id) FROM check_in WHERE session_id = ?1");
    checkedIn.bind(1, s.id);
    checkedIn.step();
    if (const qint64 n = checkedIn.int64(0); n > 0)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "session %1: %2 candidates have already checked in, so the plan can "
                                 "no longer be replaced; move single candidates with 'examsite seat fail', "
                                 "seat candidates added since with 'examsite seat add-late'"),
                    s.code, n);

    const SessionPlan sp = sessionPlan(s.id, by);
    const QByteArray input = canonicalPlanJson(sp.input);
    const QString inputSha = sha256Hex(input);
    const auto commitment = latestCommitment(m_db, s.id);
    // Without a commitment published before the draw, a site could choose the input after seeing the
    // public value (or draw again until it likes the plan): every allocation needs its own.
    const bool commitmentCurrent = commitment && (!previous || commitment->seq > previous->eventSeq);
    if (!commitmentCurrent && previous)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session %1: no commitment of the allocation input since "
                                               "allocation %2; run 'examsite seat commit', publish the hash, "
                                               "then draw the public value"),
                    s.code, previous->id);
    if (!commitmentCurrent)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error",
                                      "session %1: no commitment of the allocation input yet; run "
                                      "'examsite seat commit', publish the hash, then draw the public "
                                      "value"),
                    s.code);
    if (commitment->inputSha256 != inputSha || commitment->groupBy != groupByName(by))
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP(
                "Error",
                "session %1: the roster, the rooms or the grouping changed since the commitment of event %2 "
                "(committed %3 by %4, now %5 by %6); run 'examsite seat commit' again and draw a new "
                "public value"),
            s.code, commitment->seq, commitment->inputSha256.left(16), commitment->groupBy, inputSha.left(16),
            groupByName(by));

    const QString seed = commitmentSeed(inputSha, publicValue);
    const AllocationResult result = allocateSeats(sp.input, QByteArray::fromHex(seed.toLatin1()));
    const QByteArray output = QJsonDocument(allocationJson(sp.input, result)).toJson(QJsonDocument::Compact);

    m_db.cached(
            "UPDATE registration SET room_id = NULL, seat_row = NULL, seat_col = NULL WHERE session_id = ?1")
        .bind(1, s.id)
        .exec();
    for (const Assignment &a : result.assignments)
        writeSeat(m_db, s.id, sp.candidateIds.value(sp.input.candidates[a.candidate].id),
                  sp.roomIds.value(sp.input.rooms[a.room].id), a.row, a.col);

    AllocationRecord rec;
    rec.sessionId = s.id;
    rec.groupBy = groupByName(by);
    rec.publicValue = publicValue;
    rec.seed = seed;
    rec.inputSha256 = inputSha;
    rec.planSha256 = sha256Hex(output);
    rec.input = input;
    rec.assigned = int(result.assignments.size());
    rec.unassigned = int(result.unassigned.size());
    rec.adjacentSameGroup = result.adjacentSameGroup;
    rec.lowerBound = adjacencyLowerBound(sp.input);
    rec.allocatedAt = utcNow();
    Statement insert(
        m_db,
        "INSERT INTO seat_allocation (session_id, group_by, public_value, seed, input_sha256, plan_sha256, "
        "input, assigned, unassigned, adjacent_same_group, lower_bound, event_seq, allocated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12)");
    insert.bind(1, s.id)
        .bind(2, rec.groupBy)
        .bind(3, rec.publicValue)
        .bind(4, rec.seed)
        .bind(5, rec.inputSha256);
    insert.bind(6, rec.planSha256).bind(7, rec.input).bind(8, rec.assigned).bind(9, rec.unassigned);
    insert.bind(10, rec.adjacentSameGroup).bind(11, rec.lowerBound).bind(12, rec.allocatedAt);
    insert.exec();
    rec.id = m_db.lastInsertId();
    QJsonObject payload{{QStringLiteral("allocation"), rec.id},
                        {QStringLiteral("group_by"), rec.groupBy},
                        {QStringLiteral("public_value"), rec.publicValue},
                        {QStringLiteral("seed"), rec.seed},
                        {QStringLiteral("input_sha256"), rec.inputSha256},
                        {QStringLiteral("plan_sha256"), rec.planSha256},
                        {QStringLiteral("assigned"), rec.assigned},
                        {QStringLiteral("unassigned"), rec.unassigned},
                        {QStringLiteral("adjacent_same_group"), rec.adjacentSameGroup},
                        {QStringLiteral("lower_bound"), rec.lowerBound}};
    payload.insert(QStringLiteral("commitment_event"), commitment->seq);
    rec.eventSeq = m_events.append(s.id, QStringLiteral("seat.allocated"), actor.username, payload);
    Statement update(m_db, "UPDATE seat_allocation SET event_seq = ?2 WHERE id = ?1");
    update.bind(1, rec.id).bind(2, rec.eventSeq).exec();
    tx.commit();
    return rec;
}

VerifyReport SeatingStore::verify(const QString &sessionCode)
{
    const ExamSession s = session(sessionCode);
    const auto alloc = latestAllocation(s.id);
    if (!alloc)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "session %1 has no seat allocation to verify"), s.code);
    VerifyReport report;
    report.allocation = *alloc;
    const auto check = [&](const QString &name, bool ok, const QString &detail) {
        report.checks.append({name, ok, detail});
    };

    // 1. The event in the ledger says what the table says.
    Statement ev(m_db, "SELECT type, payload, session_id FROM event WHERE seq = ?1");
    ev.bind(1, alloc->eventSeq);
    QJsonObject payload;
    if (ev.step() && ev.text(0) == u"seat.allocated" && ev.int64(2) == s.id)
        payload = QJsonDocument::fromJson(ev.text(1).toUtf8()).object();
    const bool eventMatches =
        payload.value(QStringLiteral("seed")).toString() == alloc->seed &&
        payload.value(QStringLiteral("input_sha256")).toString() == alloc->inputSha256 &&
        payload.value(QStringLiteral("plan_sha256")).toString() == alloc->planSha256 &&
        payload.value(QStringLiteral("public_value")).toString() == alloc->publicValue;
    check(QStringLiteral("event"), eventMatches,
          eventMatches ? QStringLiteral("event %1 (seat.allocated) records seed, input and plan hashes")
                             .arg(alloc->eventSeq)
                       : QStringLiteral("event %1 is missing or does not match the stored allocation")
                             .arg(alloc->eventSeq));

    // 2. The stored input is the one committed to.
    const QString inputSha = sha256Hex(alloc->input);
    check(QStringLiteral("input"), inputSha == alloc->inputSha256,
          QStringLiteral("SHA-256 of the stored PLAN.json is %1 (recorded %2)")
              .arg(inputSha, alloc->inputSha256));
    if (const qint64 seq = payload.value(QStringLiteral("commitment_event")).toInteger(); seq > 0) {
        Statement c(
            m_db, "SELECT payload FROM event WHERE seq = ?1 AND type = 'seat.committed' AND session_id = ?2");
        c.bind(1, seq).bind(2, s.id);
        const QString committed = c.step() ? QJsonDocument::fromJson(c.text(0).toUtf8())
                                                 .object()
                                                 .value(QStringLiteral("input_sha256"))
                                                 .toString()
                                           : QString();
        check(QStringLiteral("commitment"), committed == inputSha,
              QStringLiteral("commitment event %1 published %2 before the public value was drawn")
                  .arg(seq)
                  .arg(committed));
    } else {
        check(
            QStringLiteral("commitment"), false,
            QStringLiteral(
                "no commitment was published before this allocation, so its input may have been chosen after "
                "the public value was known"));
    }

    // 3. The seed follows from the input and the public value.
    const QString seed = commitmentSeed(inputSha, alloc->publicValue);
    check(QStringLiteral("seed"), seed == alloc->seed,
          QStringLiteral("SHA-256(\"examsite-seat-seed-v1\\n\" + input hash + \"\\n\" + \"%1\") = %2")
              .arg(alloc->publicValue, seed));

    // 4. Re-running the allocation gives the recorded plan.
    PlanInput input;
    std::optional<AllocationResult> rerun;
    try {
        input = parsePlan(alloc->input, QStringLiteral("stored input"));
        rerun = allocateSeats(input, QByteArray::fromHex(alloc->seed.toLatin1()));
        const QString planSha =
            sha256Hex(QJsonDocument(allocationJson(input, *rerun)).toJson(QJsonDocument::Compact));
        check(QStringLiteral("plan"), planSha == alloc->planSha256,
              QStringLiteral("re-run gives plan %1 (recorded %2), %3 seated")
                  .arg(planSha, alloc->planSha256)
                  .arg(rerun->assignments.size()));
    } catch (const Error &e) {
        check(QStringLiteral("plan"), false, QStringLiteral("re-run failed: %1").arg(e.message()));
    }

    // The seat changes after the allocation, in order: moves when a seat failed (`seat.moved`) and
    // seats given later (`seat.assigned`: late additions by the rule, or by hand).
    struct Change
    {
        qint64 seq = 0;
        QString type;
        QJsonObject payload;
    };
    QList<Change> changes;
    Statement mv(m_db,
                 "SELECT seq, type, payload FROM event WHERE session_id = ?1 AND type IN ('seat.moved', "
                 "'seat.assigned') AND seq > ?2 ORDER BY seq");
    mv.bind(1, s.id).bind(2, alloc->eventSeq);
    while (mv.step())
        changes.append({mv.int64(0), mv.text(1), QJsonDocument::fromJson(mv.text(2).toUtf8()).object()});
    std::set<QString> inInput, seatedLater;
    for (const CandidateSpec &c : std::as_const(input.candidates))
        inInput.insert(c.id);
    for (const Change &c : std::as_const(changes))
        if (c.type == u"seat.assigned" && !seatFromJson(c.payload.value(QStringLiteral("from"))).isValid())
            seatedLater.insert(c.payload.value(QStringLiteral("ticket")).toString());

    // 5. The roster and rooms as they were then are what the store holds now, apart from candidates
    // registered later and seated by a `seat.assigned` event.
    const GroupBy by = parseGroupBy(alloc->groupBy).value_or(GroupBy::Class);
    const SessionPlan then = buildPlan(m_db, s.id, by, alloc->eventSeq);
    PlanInput asAllocated = then.input;
    QStringList added, unseated;
    const QHash<QString, SeatRef> actual = currentSeats(m_db, s.id);
    asAllocated.candidates.removeIf([&](const CandidateSpec &c) {
        if (inInput.count(c.id))
            return false;
        if (seatedLater.count(c.id))
            added.append(c.id);
        else if (!actual.value(c.id).isValid())
            unseated.append(c.id);
        else
            return false;
        return true;
    });
    const QString nowSha = planSha256(asAllocated);
    QString rosterDetail;
    if (nowSha != inputSha)
        rosterDetail =
            QStringLiteral("the session's candidates or rooms changed since the allocation (input now %1)")
                .arg(nowSha);
    else if (!unseated.isEmpty())
        rosterDetail = QStringLiteral("%1 candidates registered after the allocation have no seat (%2); seat "
                                      "them with 'examsite seat add-late --session %3'")
                           .arg(unseated.size())
                           .arg(unseated.mid(0, 10).join(QStringLiteral(", ")), s.code);
    else
        rosterDetail = QStringLiteral("%1 candidates and %2 rooms unchanged since the allocation")
                           .arg(asAllocated.candidates.size())
                           .arg(asAllocated.rooms.size()) +
                       (added.isEmpty() ? QString()
                                        : QStringLiteral("; %1 registered later and seated by seat.assigned "
                                                         "events")
                                              .arg(added.size()));
    check(QStringLiteral("roster"), nowSha == inputSha && unseated.isEmpty(), rosterDetail);

    // 6. The plan plus the recorded changes is what the registrations say; each late addition took the
    // seat the rule gives for the seats as they were at that moment.
    QHash<QString, SeatRef> expected;
    if (rerun)
        for (const Assignment &a : rerun->assignments)
            expected.insert(input.candidates[a.candidate].id, {input.rooms[a.room].id, a.row, a.col});
    QStringList moveProblems;
    int moves = 0, assigned = 0;
    for (const Change &c : std::as_const(changes)) {
        const QJsonObject &p = c.payload;
        const QString ticket = p.value(QStringLiteral("ticket")).toString();
        const SeatRef from = seatFromJson(p.value(QStringLiteral("from")));
        const SeatRef to = seatFromJson(p.value(QStringLiteral("to")));
        if (c.type == u"seat.moved")
            ++moves;
        else
            ++assigned;
        if (expected.value(ticket) != from)
            moveProblems.append(QStringLiteral("event %1 moves %2 from %3 but the plan has them at %4")
                                    .arg(c.seq)
                                    .arg(ticket, seatText(from), seatText(expected.value(ticket))));
        if (c.type == u"seat.assigned" && p.value(QStringLiteral("cause")).toString() == u"late_addition") {
            const QString rule = p.value(QStringLiteral("rule")).toString();
            const PlanInput at = buildPlan(m_db, s.id, by, c.seq).input;
            const auto cand = std::find_if(at.candidates.begin(), at.candidates.end(),
                                           [&](const CandidateSpec &x) { return x.id == ticket; });
            std::optional<std::pair<int, int>> pick;
            if (rule == kLateSeatRule && cand != at.candidates.end())
                pick = lateSeat(at, seatGrid(at, expected), int(cand - at.candidates.begin()));
            SeatRef ruled;
            if (pick) {
                const RoomSpec &room = at.rooms[pick->first];
                ruled = {room.id, pick->second / room.cols, pick->second % room.cols};
            }
            if (rule != kLateSeatRule)
                moveProblems.append(QStringLiteral("event %1 seats %2 by an unknown rule '%3'")
                                        .arg(c.seq)
                                        .arg(ticket, rule.left(40)));
            else if (ruled != to)
                moveProblems.append(QStringLiteral("event %1 seats %2 at %3 but rule %4 gives %5")
                                        .arg(c.seq)
                                        .arg(ticket, seatText(to), rule, seatText(ruled)));
        }
        expected.insert(ticket, to);
    }
    QStringList differ;
    std::set<QString> tickets;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        tickets.insert(it.key());
    for (auto it = actual.cbegin(); it != actual.cend(); ++it)
        tickets.insert(it.key());
    for (const QString &t : tickets)
        if (expected.value(t) != actual.value(t))
            differ.append(QStringLiteral("%1: store %2, plan %3")
                              .arg(t, seatText(actual.value(t)), seatText(expected.value(t))));
    const bool seatsOk = moveProblems.isEmpty() && differ.isEmpty();
    QString detail = QStringLiteral("%1 seats match the plan after %2 recorded moves and %3 seat assignments")
                         .arg(actual.size())
                         .arg(moves)
                         .arg(assigned);
    if (!seatsOk) {
        QStringList all = moveProblems + differ;
        const qsizetype n = all.size();
        if (n > 10)
            all = all.mid(0, 10) + QStringList{QStringLiteral("... %1 more").arg(n - 10)};
        detail = QStringLiteral("%1 differences: %2").arg(n).arg(all.join(QStringLiteral("; ")));
    }
    check(QStringLiteral("seats"), seatsOk, detail);

    // 7. Whatever the history, the seats now keep every hard constraint (failed seats unused).
    const SessionPlan now = sessionPlan(s.id, by);
    QHash<QString, int> roomIndex, candIndex;
    for (qsizetype i = 0; i < now.input.rooms.size(); ++i)
        roomIndex.insert(now.input.rooms[i].id, int(i));
    for (qsizetype i = 0; i < now.input.candidates.size(); ++i)
        candIndex.insert(now.input.candidates[i].id, int(i));
    std::vector<Assignment> current;
    QStringList unknownRoom;
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (!it->isValid() || !candIndex.contains(it.key()))
            continue;
        if (!roomIndex.contains(it->room)) {
            unknownRoom.append(
                QStringLiteral("%1 sits in room %2, which the session does not use").arg(it.key(), it->room));
            continue;
        }
        current.push_back({candIndex.value(it.key()), roomIndex.value(it->room), it->row, it->col});
    }
    const QStringList hard = unknownRoom + checkAssignments(now.input, current);
    check(QStringLiteral("constraints"), hard.isEmpty(),
          hard.isEmpty() ? QStringLiteral("no hard constraint broken; %1 same-group neighbour pairs now")
                               .arg(countAdjacentSameGroup(now.input, current))
                         : hard.mid(0, 10).join(QStringLiteral("; ")));
    return report;
}

void SeatingStore::editSeat(const QString &roomCode, int row, int col, bool disabled, bool accessible,
                            const QString &workstation, const Actor &actor)
{
    require(actor, Action::ManageRooms);
    static const QRegularExpression type(QStringLiteral("^[a-z][a-z0-9_-]{0,31}$"));
    if (!type.match(workstation).hasMatch())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error", "workstation type '%1' (expected a lowercase name such as pc or robot)"),
                    workstation.left(40));
    Transaction tx(m_db);
    Statement room(m_db, "SELECT id, rows, cols FROM room WHERE code = ?1");
    room.bind(1, roomCode);
    if (!room.step())
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "room '%1' does not exist"), roomCode);
    const qint64 roomId = room.int64(0);
    if (row < 0 || row >= room.int64(1) || col < 0 || col >= room.int64(2))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "room %1 seat %2 is outside its %3 x %4 grid (0-based)"),
                    roomCode, seatArg(row, col), room.int64(1), room.int64(2));
    Statement held(m_db,
                   "SELECT c.ticket, s.code FROM registration g JOIN candidate c ON c.id = g.candidate_id "
                   "JOIN exam_session s ON s.id = g.session_id WHERE g.room_id = ?1 AND g.seat_row = ?2 AND "
                   "g.seat_col = ?3 LIMIT 1");
    held.bind(1, roomId).bind(2, row).bind(3, col);
    if (held.step())
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "room %1 seat %2 is allocated to %3 in session %4; take it out of service "
                                 "instead, which moves the candidate"),
                    roomCode, seatArg(row, col), held.text(0), held.text(1));
    Statement update(m_db, "UPDATE seat SET disabled = ?4, accessible = ?5, workstation = ?6 WHERE room_id = "
                           "?1 AND row = ?2 AND col = ?3");
    update.bind(1, roomId)
        .bind(2, row)
        .bind(3, col)
        .bind(4, disabled ? 1 : 0)
        .bind(5, accessible && !disabled ? 1 : 0)
        .bind(6, workstation);
    update.exec();
    m_events.append(0, QStringLiteral("room.seat_edited"), actor.username,
                    {{QStringLiteral("room"), roomCode},
                     {QStringLiteral("row"), row},
                     {QStringLiteral("col"), col},
                     {QStringLiteral("disabled"), disabled},
                     {QStringLiteral("accessible"), accessible && !disabled},
                     {QStringLiteral("workstation"), workstation}});
    tx.commit();
}

void SeatingStore::addRoom(const QString &code, const QString &name, int rows, int cols,
                           const QString &numbering, const QList<SeatFlags> &seats,
                           const QString &sessionCode, const Actor &actor)
{
    require(actor, Action::ManageRooms);
    Transaction tx(m_db);
    SiteStore sites(m_db);
    std::optional<ExamSession> session;
    if (!sessionCode.isEmpty()) {
        if (!(session = sites.session(sessionCode)))
            throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"),
                        sessionCode);
        ensureSeatsChangeable(*session); // a closed or sealed session's rooms are what they were
    }
    if (roomLayout(code))
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "room %1 already exists"), code);
    for (const SeatFlags &a : seats)
        for (const SeatFlags &b : seats)
            if (&a != &b && a.row == b.row && a.col == b.col && a.disabled != b.disabled)
                throw Error(ErrorKind::Input,
                            QT_TRANSLATE_NOOP("Error", "room %1: seat %2 is given as both disabled and "
                                                       "accessible; a seat is one or the other"),
                            code, seatArg(a.row, a.col));
    sites.createRoom(code, name, rows, cols, numbering, seats);
    if (session)
        sites.assignRoom(sessionCode, code);
    m_events.append(
        0, QStringLiteral("room.added"), actor.username,
        {{QStringLiteral("code"), code}, {QStringLiteral("rows"), rows}, {QStringLiteral("cols"), cols}});
    tx.commit();
}

int SeatingStore::seatNumber(const QString &roomCode, int row, int col)
{
    Statement &s = m_db.cached("SELECT cols, numbering FROM room WHERE code = ?1");
    s.bind(1, roomCode);
    if (!s.step()) {
        s.reset();
        return 0;
    }
    const int cols = int(s.int64(0));
    const bool snake = s.text(1) == u"snake";
    s.reset();
    return seating::seatNumber(row, col, cols, snake);
}

QList<SeatMove> SeatingStore::failSeat(const QString &sessionCode, const QString &roomCode, int row, int col,
                                       const QString &reason, const Actor &actor)
{
    require(actor, Action::FailSeat);
    if (reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error", "--reason: say why the seat is out of service (e.g. 'PC does not boot')"));
    Transaction tx(m_db);
    // Judged under the site's write lock: a close committed while this waited for it is seen.
    const ExamSession s = session(sessionCode);
    ensureSeatsChangeable(s);
    const auto alloc = latestAllocation(s.id);
    const GroupBy by = alloc ? parseGroupBy(alloc->groupBy).value_or(GroupBy::Class) : GroupBy::Class;
    SessionPlan sp = sessionPlan(s.id, by);
    const auto roomIt = std::find_if(sp.input.rooms.begin(), sp.input.rooms.end(),
                                     [&](const RoomSpec &r) { return r.id == roomCode; });
    if (roomIt == sp.input.rooms.end())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "--room: session %1 does not use room '%2'"), s.code,
                    roomCode);
    RoomSpec &room = *roomIt;
    if (row < 0 || row >= room.rows || col < 0 || col >= room.cols)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error", "--seat: [%1,%2] is outside room %3 (rows 0-%4, columns 0-%5, 0-based)"),
                    row, col, room.id, room.rows - 1, room.cols - 1);
    Statement already(
        m_db, "SELECT 1 FROM seat_outage WHERE session_id = ?1 AND room_id = ?2 AND row = ?3 AND col = ?4 "
              "AND restored_seq IS NULL");
    already.bind(1, s.id).bind(2, sp.roomIds.value(room.id)).bind(3, row).bind(4, col);
    if (already.step())
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "room %1 seat %2 is already out of service in session %3"),
                    room.id, seatArg(row, col), s.code);
    if (room.seat(row, col).disabled)
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "room %1 seat %2 is disabled in the room layout; nobody sits there"),
            room.id, seatArg(row, col));
    room.seat(row, col).disabled = true;
    room.seat(row, col).accessible = false;

    // Who sits where now, by room and seat.
    const QHash<QString, SeatRef> seats = currentSeats(m_db, s.id);
    QHash<QString, int> roomIndex, candIndex;
    for (qsizetype i = 0; i < sp.input.rooms.size(); ++i)
        roomIndex.insert(sp.input.rooms[i].id, int(i));
    for (qsizetype i = 0; i < sp.input.candidates.size(); ++i)
        candIndex.insert(sp.input.candidates[i].id, int(i));
    std::vector<std::vector<int>> occ(size_t(sp.input.rooms.size()));
    for (qsizetype i = 0; i < sp.input.rooms.size(); ++i)
        occ[size_t(i)].assign(sp.input.rooms[i].seats.size(), -1);
    for (auto it = seats.cbegin(); it != seats.cend(); ++it)
        if (it->isValid() && roomIndex.contains(it->room) && candIndex.contains(it.key())) {
            const RoomSpec &r = sp.input.rooms[roomIndex.value(it->room)];
            if (it->row >= 0 && it->row < r.rows && it->col >= 0 && it->col < r.cols)
                occ[size_t(roomIndex.value(it->room))][size_t(it->row * r.cols + it->col)] =
                    candIndex.value(it.key());
        }
    const int failedRoom = roomIndex.value(room.id);
    const int occupant = occ[size_t(failedRoom)][size_t(row * room.cols + col)];

    Statement outage(m_db,
                     "INSERT INTO seat_outage (session_id, room_id, row, col, reason, failed_at, event_seq) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    QHash<QString, RoomSpec> roomsById;
    for (const RoomSpec &r : sp.input.rooms)
        roomsById.insert(r.id, r);
    const SeatRef failed{room.id, row, col};
    const qint64 failSeq = m_events.append(
        s.id, QStringLiteral("seat.failed"), actor.username,
        {{QStringLiteral("seat"), seatJson(failed, roomsById)},
         {QStringLiteral("reason"), reason},
         {QStringLiteral("occupant"), occupant >= 0 ? sp.input.candidates[occupant].id : QString()}});
    outage.bind(1, s.id)
        .bind(2, sp.roomIds.value(room.id))
        .bind(3, row)
        .bind(4, col)
        .bind(5, reason)
        .bind(6, utcNow())
        .bind(7, failSeq);
    outage.exec();

    QList<SeatMove> moves;
    if (occupant >= 0) {
        const auto compatible = [&](int cand, int r, int seat) {
            const CandidateSpec &c = sp.input.candidates[cand];
            const SeatSpec &spec = sp.input.rooms[r].seats[size_t(seat)];
            return !spec.disabled && spec.workstation == c.workstation &&
                   (spec.accessible || !c.needsAccessible);
        };
        // Same-group neighbours `cand` would have at (r, seat), not counting seats in `ignore`.
        const auto conflicts = [&](int cand, int r, int seat, int ignoreRoom, int ignoreSeat) {
            const QString &g = sp.input.candidates[cand].group;
            if (g.isEmpty())
                return 0;
            const RoomSpec &rs = sp.input.rooms[r];
            const int sr = seat / rs.cols, sc = seat % rs.cols;
            int n = 0;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = sr + dr, cc = sc + dc;
                    if ((dr == 0 && dc == 0) || rr < 0 || rr >= rs.rows || cc < 0 || cc >= rs.cols)
                        continue;
                    const int t = rr * rs.cols + cc;
                    const int o = occ[size_t(r)][size_t(t)];
                    if (o >= 0 && o != cand && !(r == ignoreRoom && t == ignoreSeat) &&
                        sp.input.candidates[o].group == g)
                        ++n;
                }
            return n;
        };
        const auto distance = [&](int r, int seat) {
            if (r != failedRoom)
                return 1 << 20;
            const int dr = seat / room.cols - row, dc = seat % room.cols - col;
            return dr * dr + dc * dc;
        };
        // Accessible seats stay free for those who need one unless nothing else fits.
        const auto spare = [&](int cand, int r, int seat) {
            return int(sp.input.rooms[r].seats[size_t(seat)].accessible &&
                       !sp.input.candidates[cand].needsAccessible);
        };
        // Other room, same-group neighbours, accessible seats used, distance, second move, room, seat.
        using Score = std::tuple<int, int, int, int, int, QString, int>;
        std::optional<Score> best;
        int bestRoom = -1, bestSeat = -1, bumped = -1, bumpRoom = -1, bumpSeat = -1;
        const size_t R = sp.input.rooms.size();
        for (size_t r = 0; r < R; ++r)
            for (size_t t = 0; t < occ[r].size(); ++t) {
                if (occ[r][t] >= 0 || !compatible(occupant, int(r), int(t)))
                    continue;
                const Score sc{int(r) != failedRoom,
                               conflicts(occupant, int(r), int(t), failedRoom, row * room.cols + col),
                               spare(occupant, int(r), int(t)),
                               distance(int(r), int(t)),
                               0,
                               sp.input.rooms[int(r)].id,
                               int(t)};
                if (!best || sc < *best) {
                    best = sc;
                    bestRoom = int(r);
                    bestSeat = int(t);
                }
            }
        if (!best) {
            // No free seat fits: move one other candidate to a free seat to make room.
            for (size_t r = 0; r < R; ++r)
                for (size_t t = 0; t < occ[r].size(); ++t) {
                    const int other = occ[r][t];
                    if (other < 0 || other == occupant || !compatible(occupant, int(r), int(t)))
                        continue;
                    for (size_t r2 = 0; r2 < R; ++r2)
                        for (size_t u = 0; u < occ[r2].size(); ++u) {
                            if (occ[r2][u] >= 0 || !compatible(other, int(r2), int(u)))
                                continue;
                            const int c = conflicts(occupant, int(r), int(t), int(r), int(t)) +
                                          conflicts(other, int(r2), int(u), int(r), int(t));
                            const Score sc{int(r) != failedRoom,
                                           c,
                                           spare(occupant, int(r), int(t)) + spare(other, int(r2), int(u)),
                                           distance(int(r), int(t)),
                                           1 + (r2 != r),
                                           sp.input.rooms[int(r)].id,
                                           int(t)};
                            if (!best || sc < *best) {
                                best = sc;
                                bestRoom = int(r);
                                bestSeat = int(t);
                                bumped = other;
                                bumpRoom = int(r2);
                                bumpSeat = int(u);
                            }
                        }
                }
        }
        const CandidateSpec &who = sp.input.candidates[occupant];
        if (!best && who.needsAccessible)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error",
                                          "no seat with workstation '%1' that is accessible can be freed "
                                          "for %2 in session %3 (short by 1 seat); add a room with "
                                          "'examsite rooms add --session %3' and try again"),
                        who.workstation, who.id, s.code);
        if (!best)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error",
                                          "no seat with workstation '%1' can be freed for %2 in session "
                                          "%3 (short by 1 seat); add a room with 'examsite rooms add "
                                          "--session %3' and try again"),
                        who.workstation, who.id, s.code);
        Statement name(m_db, "SELECT name FROM candidate WHERE id = ?1");
        const auto move = [&](int cand, const SeatRef &from, int r, int seat) {
            const RoomSpec &to = sp.input.rooms[r];
            SeatMove m{
                sp.input.candidates[cand].id, QString(), from, {to.id, seat / to.cols, seat % to.cols}};
            name.bind(1, sp.candidateIds.value(m.ticket));
            if (name.step())
                m.name = name.text(0);
            name.reset();
            writeSeat(m_db, s.id, sp.candidateIds.value(m.ticket), sp.roomIds.value(to.id), m.to.row,
                      m.to.col);
            m_events.append(s.id, QStringLiteral("seat.moved"), actor.username,
                            {{QStringLiteral("ticket"), m.ticket},
                             {QStringLiteral("from"), seatJson(m.from, roomsById)},
                             {QStringLiteral("to"), seatJson(m.to, roomsById)},
                             {QStringLiteral("cause"), QStringLiteral("seat.failed")},
                             {QStringLiteral("failed_event"), failSeq},
                             {QStringLiteral("reason"), reason}});
            moves.append(m);
        };
        // The one who makes room moves first, so no two candidates ever share a seat.
        if (bumped >= 0) {
            const RoomSpec &r = sp.input.rooms[bestRoom];
            move(bumped, {r.id, bestSeat / r.cols, bestSeat % r.cols}, bumpRoom, bumpSeat);
        }
        move(occupant, failed, bestRoom, bestSeat);
    }
    tx.commit();
    return moves;
}

void SeatingStore::ensureSeatsChangeable(const ExamSession &s)
{
    if (const SessionStatus st = parseStatus(s.status).value_or(SessionStatus::Planned);
        st == SessionStatus::Closed || isFrozen(st))
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP(
                "Error", "session %1 is %2: its seats can no longer change (corrections are signed addenda)"),
            s.code, vocabArg(MessageArgKind::Status, s.status));
}

void SeatingStore::restoreSeat(const QString &sessionCode, const QString &roomCode, int row, int col,
                               const QString &reason, const Actor &actor)
{
    require(actor, Action::FailSeat);
    if (reason.trimmed().isEmpty())
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "--reason: say why the seat can be used again (e.g. 'PC replaced')"));
    Transaction tx(m_db);
    // Judged under the site's write lock: a close committed while this waited for it is seen.
    const ExamSession s = session(sessionCode);
    ensureSeatsChangeable(s);
    Statement room(m_db, "SELECT r.id FROM session_room sr JOIN room r ON r.id = sr.room_id "
                         "WHERE sr.session_id = ?1 AND r.code = ?2");
    room.bind(1, s.id).bind(2, roomCode);
    if (!room.step())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "--room: session %1 does not use room '%2'"), s.code,
                    roomCode);
    const qint64 roomId = room.int64(0);
    const int number = seatNumber(roomCode, row, col);
    Statement current(m_db, "SELECT id, reason FROM seat_outage WHERE session_id = ?1 AND room_id = ?2 AND "
                            "row = ?3 AND col = ?4 AND restored_seq IS NULL");
    current.bind(1, s.id).bind(2, roomId).bind(3, row).bind(4, col);
    if (!current.step())
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "room %1 seat %2 is not out of service in session %3"),
                    roomCode, seatArg(row, col), s.code);
    const qint64 outage = current.int64(0);
    const QString failedFor = current.text(1);
    current.reset();
    const qint64 seq =
        m_events.append(s.id, QStringLiteral("seat.restored"), actor.username,
                        {{QStringLiteral("seat"), QJsonObject{{QStringLiteral("room"), roomCode},
                                                              {QStringLiteral("row"), row},
                                                              {QStringLiteral("col"), col},
                                                              {QStringLiteral("number"), number}}},
                         {QStringLiteral("reason"), reason},
                         {QStringLiteral("failed_reason"), failedFor}});
    Statement done(m_db, "UPDATE seat_outage SET restored_seq = ?2, restored_at = ?3, restored_reason = ?4 "
                         "WHERE id = ?1");
    done.bind(1, outage).bind(2, seq).bind(3, utcNow()).bind(4, reason).exec();
    tx.commit();
}

QList<SeatlessCandidate> SeatingStore::seatless(qint64 sessionId)
{
    Statement s(m_db,
                "SELECT c.ticket, c.name, c.workstation, c.needs FROM registration r JOIN candidate c ON "
                "c.id = r.candidate_id WHERE r.session_id = ?1 AND r.room_id IS NULL ORDER BY c.ticket");
    s.bind(1, sessionId);
    QList<SeatlessCandidate> out;
    while (s.step())
        out.append(
            {s.text(0), s.text(1), s.text(2), s.text(3).split(u',').contains(QStringLiteral("accessible"))});
    return out;
}

std::optional<std::pair<int, int>> SeatingStore::seatPosition(const QString &roomCode, int number)
{
    Statement s(m_db, "SELECT rows, cols, numbering FROM room WHERE code = ?1");
    s.bind(1, roomCode);
    if (!s.step())
        return std::nullopt;
    const int rows = int(s.int64(0)), cols = int(s.int64(1));
    const bool snake = s.text(2) == u"snake";
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (seating::seatNumber(r, c, cols, snake) == number)
                return std::make_pair(r, c);
    return std::nullopt;
}

std::pair<AllocationRecord, SessionPlan> SeatingStore::allocatedPlan(const ExamSession &s)
{
    const std::optional<AllocationRecord> alloc = latestAllocation(s.id);
    if (!alloc)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session %1 has no seat allocation yet; allocate the seats "
                                               "with 'examsite seat allocate' first"),
                    s.code);
    const GroupBy by = parseGroupBy(alloc->groupBy).value_or(GroupBy::Class);
    return {*alloc, sessionPlan(s.id, by)};
}

QList<SeatPlacement> SeatingStore::seatLateAdditions(const QString &sessionCode, const Actor &actor)
{
    require(actor, Action::AssignSeat);
    Transaction tx(m_db);
    // Judged under the site's write lock: a close committed while this waited for it is seen.
    const ExamSession s = session(sessionCode);
    ensureSeatsChangeable(s);
    const auto [alloc, sp] = allocatedPlan(s);
    const QHash<QString, SeatRef> seats = currentSeats(m_db, s.id);
    SeatGrid grid = seatGrid(sp.input, seats);
    QHash<QString, RoomSpec> roomsById;
    for (const RoomSpec &r : sp.input.rooms)
        roomsById.insert(r.id, r);
    Statement name(m_db, "SELECT name FROM candidate WHERE id = ?1");
    QList<SeatPlacement> placed;
    for (qsizetype i = 0; i < sp.input.candidates.size(); ++i) {
        const CandidateSpec &c = sp.input.candidates[i];
        if (seats.value(c.id).isValid())
            continue;
        const auto pick = lateSeat(sp.input, grid, int(i));
        if (!pick && c.needsAccessible)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error", "no free accessible seat with workstation '%1' for %2 in "
                                                   "session %3, so nobody was seated; free one with "
                                                   "'examsite seat assign' or add a room with 'examsite "
                                                   "rooms add --session %3'"),
                        c.workstation, c.id, s.code);
        if (!pick)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error", "no free seat with workstation '%1' for %2 in session %3, "
                                                   "so nobody was seated; add a room with 'examsite rooms "
                                                   "add --session %3'"),
                        c.workstation, c.id, s.code);
        const auto [r, t] = *pick;
        const RoomSpec &room = sp.input.rooms[r];
        SeatPlacement p;
        p.ticket = c.id;
        p.to = {room.id, t / room.cols, t % room.cols};
        p.number = seating::seatNumber(room, p.to.row, p.to.col);
        name.bind(1, sp.candidateIds.value(c.id));
        if (name.step())
            p.name = name.text(0);
        name.reset();
        grid[size_t(r)][size_t(t)] = int(i);
        writeSeat(m_db, s.id, sp.candidateIds.value(c.id), sp.roomIds.value(room.id), p.to.row, p.to.col);
        p.eventSeq = m_events.append(s.id, QStringLiteral("seat.assigned"), actor.username,
                                     {{QStringLiteral("ticket"), p.ticket},
                                      {QStringLiteral("from"), QJsonObject()},
                                      {QStringLiteral("to"), seatJson(p.to, roomsById)},
                                      {QStringLiteral("cause"), QStringLiteral("late_addition")},
                                      {QStringLiteral("rule"), QString(kLateSeatRule)},
                                      {QStringLiteral("allocation"), alloc.id},
                                      {QStringLiteral("reason"), QStringLiteral("added to the roster after "
                                                                                "the allocation")}});
        placed.append(p);
    }
    tx.commit();
    return placed;
}

SeatPlacement SeatingStore::assignSeat(const QString &sessionCode, const QString &ticket,
                                       const QString &roomCode, int row, int col, const QString &reason,
                                       const Actor &actor)
{
    require(actor, Action::AssignSeat);
    if (reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "--reason: say why the seat is assigned by hand (e.g. 'added "
                                               "to the roster at 08:40 by the organisation')"));
    if (reason.size() > 500)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "--reason: %1 characters (at most 500)"),
                    reason.size());
    Transaction tx(m_db);
    // Judged under the site's write lock: a close committed while this waited for it is seen.
    const ExamSession s = session(sessionCode);
    ensureSeatsChangeable(s);
    const auto [alloc, sp] = allocatedPlan(s);
    const auto cand = std::find_if(sp.input.candidates.begin(), sp.input.candidates.end(),
                                   [&](const CandidateSpec &c) { return c.id == ticket; });
    if (cand == sp.input.candidates.end())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "ticket %1 is not registered for session %2"), ticket, s.code);
    const auto roomIt = std::find_if(sp.input.rooms.begin(), sp.input.rooms.end(),
                                     [&](const RoomSpec &r) { return r.id == roomCode; });
    if (roomIt == sp.input.rooms.end())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "--room: session %1 does not use room '%2'"), s.code,
                    roomCode);
    const RoomSpec &room = *roomIt;
    if (row < 0 || row >= room.rows || col < 0 || col >= room.cols)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error", "--seat: [%1,%2] is outside room %3 (rows 0-%4, columns 0-%5, 0-based)"),
                    row, col, room.id, room.rows - 1, room.cols - 1);
    const int number = seating::seatNumber(room, row, col);
    const QHash<QString, SeatRef> seats = currentSeats(m_db, s.id);
    const SeatRef from = seats.value(ticket), to{room.id, row, col};
    Statement checkedIn(m_db, "SELECT 1 FROM check_in WHERE session_id = ?1 AND candidate_id = ?2");
    checkedIn.bind(1, s.id).bind(2, sp.candidateIds.value(ticket));
    if (checkedIn.step()) {
        if (from.isValid())
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error", "%1 has checked in and sits in room %2 seat %3; a "
                                                   "checked-in candidate moves only when the seat fails "
                                                   "('examsite seat fail')"),
                        ticket, from.room, seatNumber(from.room, from.row, from.col));
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 has checked in; a checked-in candidate moves only when "
                                               "the seat fails ('examsite seat fail')"),
                    ticket);
    }
    if (from == to)
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "%1 already sits in room %2 seat %3"),
                    ticket, room.id, number);
    Statement outage(m_db,
                     "SELECT reason FROM seat_outage WHERE session_id = ?1 AND room_id = ?2 AND row = ?3 "
                     "AND col = ?4 AND restored_seq IS NULL");
    outage.bind(1, s.id).bind(2, sp.roomIds.value(room.id)).bind(3, row).bind(4, col);
    if (outage.step())
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "room %1 seat %2 %3 is out of service in session %4 (%5)"),
                    room.id, number, seatArg(row, col), s.code, outage.text(0));
    const SeatSpec &spec = room.seat(row, col);
    if (spec.disabled)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error",
                                      "room %1 seat %2 %3 is disabled in the room layout; nobody sits there"),
                    room.id, number, seatArg(row, col));
    for (auto it = seats.cbegin(); it != seats.cend(); ++it)
        if (it.key() != ticket && *it == to)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error", "room %1 seat %2 %3 is taken by %4; choose a free seat "
                                                   "('examsite seat list --session %5 --as USER')"),
                        room.id, number, seatArg(row, col), it.key(), s.code);
    if (spec.workstation != cand->workstation)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "room %1 seat %2 %3 is a '%4' workstation; %5 sits at '%6'"),
                    room.id, number, seatArg(row, col), spec.workstation, ticket, cand->workstation);
    if (cand->needsAccessible && !spec.accessible)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 needs an accessible seat; room %2 seat %3 %4 is not one"),
                    ticket, room.id, number, seatArg(row, col));

    QHash<QString, RoomSpec> roomsById;
    for (const RoomSpec &r : sp.input.rooms)
        roomsById.insert(r.id, r);
    SeatPlacement p;
    p.ticket = ticket;
    p.from = from;
    p.to = to;
    p.number = number;
    Statement name(m_db, "SELECT name FROM candidate WHERE id = ?1");
    name.bind(1, sp.candidateIds.value(ticket));
    if (name.step())
        p.name = name.text(0);
    writeSeat(m_db, s.id, sp.candidateIds.value(ticket), sp.roomIds.value(room.id), row, col);
    p.eventSeq = m_events.append(s.id, QStringLiteral("seat.assigned"), actor.username,
                                 {{QStringLiteral("ticket"), ticket},
                                  {QStringLiteral("from"), seatJson(from, roomsById)},
                                  {QStringLiteral("to"), seatJson(to, roomsById)},
                                  {QStringLiteral("cause"), QStringLiteral("manual")},
                                  {QStringLiteral("allocation"), alloc.id},
                                  {QStringLiteral("reason"), reason}});
    tx.commit();
    return p;
}

QList<RoomOccupancy> SeatingStore::occupancy(qint64 sessionId, const QString &roomCode)
{
    bool pastCutoff = false;
    if (sessionId > 0) {
        if (const std::optional<ExamSession> s = SiteStore(m_db).sessionSchedule(sessionId)) {
            const QDateTime cutoff = s->lateCutoffAt();
            pastCutoff = cutoff.isValid() && QDateTime::currentDateTime() > cutoff;
        }
    }
    Statement rooms(
        m_db, sessionId > 0
                  ? "SELECT r.id, r.code, r.name, r.rows, r.cols, r.numbering FROM session_room sr "
                    "JOIN room r ON r.id = sr.room_id WHERE sr.session_id = ?1 AND (?2 = '' OR r.code = ?2) "
                    "ORDER BY r.code"
                  : "SELECT r.id, r.code, r.name, r.rows, r.cols, r.numbering FROM room r "
                    "WHERE ?1 = 0 AND (?2 = '' OR r.code = ?2) ORDER BY r.code");
    rooms.bind(1, sessionId).bind(2, roomCode.isNull() ? QStringLiteral("") : roomCode);
    Statement seats(m_db,
                    "SELECT s.row, s.col, s.disabled, s.accessible, s.workstation, "
                    " (SELECT o.reason FROM seat_outage o WHERE o.session_id = ?1 AND o.room_id = s.room_id "
                    "   AND o.row = s.row AND o.col = s.col AND o.restored_seq IS NULL), "
                    " c.id, c.ticket, c.name, c.id_number, c.school, c.class_name, g.attendance, "
                    " EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = ?1 AND k.candidate_id = c.id), "
                    " EXISTS (SELECT 1 FROM incident i WHERE i.session_id = ?1 AND i.candidate_id = c.id) "
                    "FROM seat s LEFT JOIN registration g ON g.session_id = ?1 AND g.room_id = s.room_id AND "
                    "g.seat_row = s.row "
                    " AND g.seat_col = s.col LEFT JOIN candidate c ON c.id = g.candidate_id "
                    "WHERE s.room_id = ?2 ORDER BY s.row, s.col");
    QList<RoomOccupancy> out;
    while (rooms.step()) {
        RoomOccupancy ro;
        ro.room.id = rooms.int64(0);
        ro.room.code = rooms.text(1);
        ro.room.name = rooms.text(2);
        ro.room.rows = int(rooms.int64(3));
        ro.room.cols = int(rooms.int64(4));
        ro.room.numbering = rooms.text(5);
        const bool snake = ro.room.numbering == u"snake";
        seats.bind(1, sessionId).bind(2, ro.room.id);
        while (seats.step()) {
            SeatOccupancy o;
            o.row = int(seats.int64(0));
            o.col = int(seats.int64(1));
            o.number = seating::seatNumber(o.row, o.col, ro.room.cols, snake);
            o.disabled = seats.int64(2) != 0;
            o.accessible = seats.int64(3) != 0;
            o.workstation = seats.text(4);
            o.outOfService = !seats.isNull(5);
            o.outageReason = seats.text(5);
            if (!seats.isNull(6)) {
                o.candidateId = seats.int64(6);
                o.ticket = seats.text(7);
                o.name = seats.text(8);
                o.idNumber = seats.text(9);
                o.school = seats.text(10);
                o.className = seats.text(11);
                o.attendance = seats.text(12);
                o.checkedIn = seats.int64(13) != 0;
                o.incident = seats.int64(14) != 0;
                ++ro.allocated;
            }
            const bool present = o.checkedIn || o.attendance == u"present" || o.attendance == u"late" ||
                                 o.attendance == u"re_entered" || o.attendance == u"left_early";
            if (o.disabled)
                o.status = SeatStatus::Unusable;
            else if (o.outOfService && o.candidateId == 0)
                o.status = SeatStatus::OutOfService;
            else if (o.candidateId == 0)
                o.status = SeatStatus::Empty;
            else if (o.incident)
                o.status = SeatStatus::Incident;
            else if (present)
                o.status = SeatStatus::CheckedIn;
            else if (o.attendance == u"absent" || pastCutoff)
                o.status = SeatStatus::Absent;
            else
                o.status = SeatStatus::Awaiting;
            ro.seats.append(o);
        }
        seats.reset();
        out.append(ro);
    }
    return out;
}

std::optional<std::pair<qint64, RoomSpec>> SeatingStore::roomLayout(const QString &code)
{
    Statement r(m_db, "SELECT id, name, rows, cols, numbering FROM room WHERE code = ?1");
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
    Statement s(m_db, "SELECT row, col, disabled, accessible, workstation FROM seat WHERE room_id = ?1");
    s.bind(1, r.int64(0));
    while (s.step()) {
        const int row = int(s.int64(0)), col = int(s.int64(1));
        if (row < room.rows && col < room.cols)
            room.seat(row, col) = SeatSpec{s.int64(2) != 0, s.int64(3) != 0 && s.int64(2) == 0, s.text(4)};
    }
    return std::make_pair(r.int64(0), room);
}

qint64 SeatingStore::seatedInRoom(qint64 roomId)
{
    Statement seated(m_db, "SELECT count(*) FROM registration WHERE room_id = ?1");
    seated.bind(1, roomId);
    seated.step();
    return seated.int64(0);
}

void SeatingStore::updateRoom(qint64 roomId, const QString &name, int rows, int cols,
                              const QString &numbering)
{
    Statement update(m_db, "UPDATE room SET name = ?2, rows = ?3, cols = ?4, numbering = ?5 WHERE id = ?1");
    update.bind(1, roomId).bind(2, name).bind(3, rows).bind(4, cols).bind(5, numbering).exec();
}

void SeatingStore::replaceSeats(qint64 roomId, const RoomSpec &room)
{
    Statement drop(m_db, "DELETE FROM seat WHERE room_id = ?1");
    drop.bind(1, roomId).exec();
    Statement seat(m_db,
                   "INSERT INTO seat (room_id, row, col, disabled, accessible, workstation) VALUES (?1, "
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

QList<SeatPlanRow> SeatingStore::seatPlan(qint64 sessionId)
{
    Statement s(m_db, "SELECT rm.code, r.seat_row, r.seat_col, c.ticket, c.name FROM registration r JOIN "
                      "candidate c ON c.id = r.candidate_id "
                      "JOIN room rm ON rm.id = r.room_id WHERE r.session_id = ?1 ORDER BY rm.code, "
                      "r.seat_row, r.seat_col");
    s.bind(1, sessionId);
    const auto num = [&](int col) {
        return s.isNull(col) ? std::nullopt : std::optional<qint64>(s.int64(col));
    };
    QList<SeatPlanRow> out;
    while (s.step())
        out.append({s.text(0), num(1), num(2), s.text(3), s.text(4)});
    return out;
}

qint64 SeatingStore::seatMovesAfter(qint64 sessionId, qint64 eventSeq)
{
    Statement moves(m_db, "SELECT count(*) FROM event WHERE session_id = ?1 AND type IN ('seat.moved', "
                          "'seat.assigned') AND seq > ?2");
    moves.bind(1, sessionId).bind(2, eventSeq);
    moves.step();
    return moves.int64(0);
}

std::optional<std::pair<QByteArray, QByteArray>> SeatingStore::signingKey()
{
    Statement s(m_db, "SELECT public_key, secret_key FROM site_signing_key WHERE id = 1");
    if (!s.step())
        return std::nullopt;
    return std::make_pair(s.blob(0), s.blob(1));
}

std::optional<QByteArray> SeatingStore::signingPublicKey()
{
    Statement s(m_db, "SELECT public_key FROM site_signing_key WHERE id = 1");
    if (!s.step())
        return std::nullopt;
    return s.blob(0);
}

void SeatingStore::insertSigningKey(const QByteArray &publicKey, const QByteArray &secretKey)
{
    Statement insert(m_db, "INSERT INTO site_signing_key (id, algorithm, public_key, secret_key, created_at) "
                           "VALUES (1, 'ed25519', ?1, ?2, ?3)");
    insert.bind(1, publicKey).bind(2, secretKey).bind(3, utcNow()).exec();
}

} // namespace examsite::seating
