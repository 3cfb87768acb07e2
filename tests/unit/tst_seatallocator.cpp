// The allocation engine: property tests over random instances (hard constraints always kept, same
// seed same plan whatever the input order, another seed another plan, rooms filled evenly), the
// lattice guarantee (zero same-group neighbours whenever a room's groups fit the four lattices),
// the lower bound against brute force on tiny rooms, infeasible inputs, and 20,000 candidates.
#include "core/error.h"
#include "seating/seatallocator.h"
#include "seating/seatplan.h"
#include "seating/seatrandom.h"

#include <algorithm>
#include <functional>
#include <map>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <set>

using namespace examsite;
using namespace examsite::seating;

namespace {

QByteArray planBytes(const PlanInput &plan, const AllocationResult &r)
{
    return QJsonDocument(allocationJson(plan, r)).toJson(QJsonDocument::Compact);
}

QByteArray seedOf(quint32 n)
{
    QByteArray s(8, '\0');
    for (int i = 0; i < 8; ++i)
        s[i] = char((n >> (i % 4 * 8)) ^ (i * 37));
    return s;
}

/// A random feasible instance: seats first, then candidates within each type's and the accessible
/// seats' capacity.
PlanInput randomInstance(QRandomGenerator &rng, int maxRooms, int maxSide, int groups)
{
    PlanInput plan;
    const int rooms = 1 + int(rng.bounded(maxRooms));
    std::map<QString, int> cap, acc;
    for (int r = 0; r < rooms; ++r) {
        RoomSpec room;
        room.id = QStringLiteral("R%1").arg(r);
        room.rows = 1 + int(rng.bounded(maxSide));
        room.cols = 1 + int(rng.bounded(maxSide));
        room.numbering = rng.bounded(2) ? QStringLiteral("snake") : QStringLiteral("row_major");
        const bool robots = rng.bounded(4) == 0;
        room.seats.assign(size_t(room.rows * room.cols), SeatSpec{false, false, QStringLiteral("pc")});
        for (SeatSpec &s : room.seats) {
            const int roll = int(rng.bounded(100));
            s.disabled = roll < 10;
            s.accessible = !s.disabled && roll >= 90;
            if (robots && rng.bounded(3) == 0)
                s.workstation = QStringLiteral("robot");
            if (!s.disabled) {
                ++cap[s.workstation];
                if (s.accessible)
                    ++acc[s.workstation];
            }
        }
        plan.rooms.append(room);
    }
    int id = 0;
    for (const auto &[type, n] : cap) {
        const int count = int(rng.bounded(n + 1));
        const int needers = std::min(acc[type], int(rng.bounded(3)));
        for (int i = 0; i < count; ++i) {
            CandidateSpec c;
            c.id = QStringLiteral("C%1").arg(id++, 5, 10, QLatin1Char('0'));
            c.workstation = type;
            c.needsAccessible = i < needers;
            const int g = int(rng.bounded(groups + 1));
            c.group = g == groups ? QString() : QStringLiteral("G%1").arg(g);
            plan.candidates.append(c);
        }
    }
    return plan;
}

/// Whether the groups (sizes) fit whole into bins (capacities): plain exhaustive search, written
/// independently of the engine.
bool packable(std::vector<int> sizes, std::vector<int> bins)
{
    std::sort(sizes.rbegin(), sizes.rend());
    std::function<bool(size_t)> go = [&](size_t i) {
        if (i == sizes.size())
            return true;
        for (int &b : bins)
            if (b >= sizes[i]) {
                b -= sizes[i];
                if (go(i + 1))
                    return true;
                b += sizes[i];
            }
        return false;
    };
    return go(0);
}

/// Same-group neighbour pairs per room.
std::vector<int> pairsPerRoom(const PlanInput &plan, const std::vector<Assignment> &as)
{
    std::vector<int> out(size_t(plan.rooms.size()), 0);
    for (qsizetype r = 0; r < plan.rooms.size(); ++r) {
        std::vector<Assignment> here;
        for (const Assignment &a : as)
            if (a.room == r)
                here.push_back(a);
        out[size_t(r)] = countAdjacentSameGroup(plan, here);
    }
    return out;
}

} // namespace

class TestSeatAllocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomStreamIsPinned()
    {
        // docs/seating.md specifies the generator; these values come from an independent implementation.
        SeatRandom a(QByteArray::fromHex("00ff"));
        QCOMPARE(a.next(), 0xf30894da09dd83a9ULL);
        QCOMPARE(a.next(), 0x1c2cb9bfcf258117ULL);
        QCOMPARE(a.next(), 0x671ac5eac74177a7ULL);
        SeatRandom b(QByteArray::fromHex("00ff"), "order");
        QCOMPARE(b.next(), 0xd7c2f42336fd560cULL);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(b.below(7) < 7);
    }

    void seedFromCommitment()
    {
        // printf 'examsite-seat-seed-v1\n%s\n%s' "$(printf 'ab%.0s' {1..32})" '公开值 42' | sha256sum
        QCOMPARE(commitmentSeed(QString(QStringLiteral("ab")).repeated(32), QStringLiteral("公开值 42")),
                 QStringLiteral("1fafa9ed88f7c831e5da8d6980bb63e92a3fe4de8f5a0ceb54825f570d011f00"));
        QCOMPARE(parseSeedHex(QStringLiteral("00FF")), QByteArray::fromHex("00ff"));
        for (const char *bad : {"", "0", "xyz0", "0g"})
            QVERIFY_THROWS_EXCEPTION(Error, parseSeedHex(QString::fromLatin1(bad)));
    }

    void seatNumbering()
    {
        // Row-major and snake (蛇形), as the kiosk shows them (CheckInViewModel).
        QCOMPARE(seatNumber(0, 0, 6, false), 1);
        QCOMPARE(seatNumber(1, 0, 6, false), 7);
        QCOMPARE(seatNumber(1, 0, 6, true), 12);
        QCOMPARE(seatNumber(1, 5, 6, true), 7);
        QCOMPARE(seatNumber(2, 0, 6, true), 13);
    }

    void propertiesOverRandomInstances()
    {
        QRandomGenerator rng(20261205);
        int differing = 0, compared = 0;
        for (int n = 0; n < 300; ++n) {
            const PlanInput plan = randomInstance(rng, 4, 8, 1 + int(rng.bounded(6)));
            const QByteArray seed = seedOf(quint32(n));
            const AllocationResult r = allocateSeats(plan, seed);
            const QStringList broken = checkAssignments(plan, r.assignments);
            QVERIFY2(broken.isEmpty(),
                     qPrintable(QStringLiteral("instance %1: %2").arg(n).arg(broken.join(u'\n'))));
            QCOMPARE(qsizetype(r.assignments.size()), plan.candidates.size());
            QVERIFY(r.unassigned.empty());
            QCOMPARE(r.adjacentSameGroup, countAdjacentSameGroup(plan, r.assignments));
            QVERIFY(r.adjacentSameGroup >= adjacencyLowerBound(plan));

            // Same seed, same bytes, whatever the order of rooms and candidates in the input.
            PlanInput shuffled = plan;
            std::shuffle(shuffled.rooms.begin(), shuffled.rooms.end(), rng);
            std::shuffle(shuffled.candidates.begin(), shuffled.candidates.end(), rng);
            QCOMPARE(planBytes(shuffled, allocateSeats(shuffled, seed)), planBytes(plan, r));
            QCOMPARE(canonicalPlanJson(shuffled), canonicalPlanJson(plan));

            // Another seed, another plan (wherever there is room for more than one).
            if (plan.candidates.size() >= 8) {
                ++compared;
                differing +=
                    planBytes(plan, allocateSeats(plan, seedOf(quint32(n + 100000)))) != planBytes(plan, r);
            }

            // Rooms filled evenly: with one workstation type and no accessible needs, every room's
            // count is its proportional share rounded up or down.
            const bool simple =
                std::all_of(plan.candidates.begin(), plan.candidates.end(),
                            [](const CandidateSpec &c) { return !c.needsAccessible; }) &&
                std::all_of(plan.rooms.begin(), plan.rooms.end(), [](const RoomSpec &room) {
                    return std::all_of(room.seats.begin(), room.seats.end(),
                                       [](const SeatSpec &s) { return s.workstation == u"pc"; });
                });
            if (simple) {
                int total = 0;
                for (const RoomSpec &room : plan.rooms)
                    total += room.usableSeats();
                std::vector<int> seated(size_t(plan.rooms.size()), 0);
                for (const Assignment &a : r.assignments)
                    ++seated[size_t(a.room)];
                for (qsizetype i = 0; i < plan.rooms.size() && total > 0; ++i) {
                    const double share = double(plan.candidates.size()) * plan.rooms[i].usableSeats() / total;
                    QVERIFY2(std::abs(seated[size_t(i)] - share) < 1.0,
                             qPrintable(QStringLiteral("instance %1 room %2: %3 seated, share %4")
                                            .arg(n)
                                            .arg(i)
                                            .arg(seated[size_t(i)])
                                            .arg(share)));
                }
            }
        }
        QVERIFY(compared > 100);
        QCOMPARE(differing, compared);
    }

    void zeroNeighboursWheneverTheLatticesSuffice()
    {
        // Built so that each room's groups fit the lattices: split each lattice's seats into groups.
        QRandomGenerator rng(7);
        for (int n = 0; n < 200; ++n) {
            PlanInput plan;
            RoomSpec room;
            room.id = QStringLiteral("R");
            room.rows = 2 + int(rng.bounded(9));
            room.cols = 2 + int(rng.bounded(9));
            room.seats.assign(size_t(room.rows * room.cols), SeatSpec{false, false, QStringLiteral("pc")});
            int lattice[4] = {0, 0, 0, 0};
            for (int r = 0; r < room.rows; ++r)
                for (int c = 0; c < room.cols; ++c) {
                    room.seat(r, c).disabled = rng.bounded(8) == 0;
                    if (!room.seat(r, c).disabled)
                        ++lattice[(r % 2) * 2 + c % 2];
                }
            plan.rooms.append(room);
            int id = 0, group = 0;
            for (int L = 0; L < 4; ++L) {
                int left = lattice[L] - int(rng.bounded(2)); // sometimes a spare seat
                while (left > 0) {
                    const int size = 1 + int(rng.bounded(std::min(left, 12)));
                    for (int i = 0; i < size; ++i)
                        plan.candidates.append({QStringLiteral("C%1").arg(id++),
                                                QStringLiteral("G%1").arg(group), false,
                                                QStringLiteral("pc")});
                    ++group;
                    left -= size;
                }
            }
            const AllocationResult r = allocateSeats(plan, seedOf(quint32(n)));
            QVERIFY(checkAssignments(plan, r.assignments).isEmpty());
            QVERIFY2(r.adjacentSameGroup == 0, qPrintable(QStringLiteral("instance %1 (%2x%3): %4 pairs")
                                                              .arg(n)
                                                              .arg(room.rows)
                                                              .arg(room.cols)
                                                              .arg(r.adjacentSameGroup)));
        }

        // And across rooms: wherever the groups the engine dealt to a room fit that room's lattices,
        // the room has no same-group neighbours.
        for (int n = 0; n < 150; ++n) {
            PlanInput plan = randomInstance(rng, 6, 8, 3 + int(rng.bounded(10)));
            for (RoomSpec &room : plan.rooms)
                for (SeatSpec &s : room.seats) {
                    s.workstation = QStringLiteral("pc");
                    s.accessible = false;
                }
            for (CandidateSpec &c : plan.candidates) {
                c.workstation = QStringLiteral("pc");
                c.needsAccessible = false;
            }
            const AllocationResult r = allocateSeats(plan, seedOf(quint32(n)));
            const std::vector<int> pairs = pairsPerRoom(plan, r.assignments);
            for (qsizetype i = 0; i < plan.rooms.size(); ++i) {
                const RoomSpec &room = plan.rooms[i];
                std::vector<int> bins(4, 0);
                for (int rr = 0; rr < room.rows; ++rr)
                    for (int cc = 0; cc < room.cols; ++cc)
                        if (!room.seat(rr, cc).disabled)
                            ++bins[size_t((rr % 2) * 2 + cc % 2)];
                std::map<QString, int> sizes;
                for (const Assignment &a : r.assignments)
                    if (a.room == i && !plan.candidates[a.candidate].group.isEmpty())
                        ++sizes[plan.candidates[a.candidate].group];
                std::vector<int> s;
                for (const auto &[g, k] : sizes)
                    s.push_back(k);
                if (packable(s, bins))
                    QVERIFY2(pairs[size_t(i)] == 0,
                             qPrintable(QStringLiteral("instance %1 room %2: %3 pairs although packable")
                                            .arg(n)
                                            .arg(i)
                                            .arg(pairs[size_t(i)])));
            }
        }
    }

    void lowerBoundHoldsAgainstBruteForce()
    {
        QRandomGenerator rng(99);
        int tight = 0;
        for (int n = 0; n < 60; ++n) {
            PlanInput plan;
            RoomSpec room;
            room.id = QStringLiteral("R");
            room.rows = 2 + int(rng.bounded(2));
            room.cols = 2 + int(rng.bounded(2));
            room.seats.assign(size_t(room.rows * room.cols), SeatSpec{false, false, QStringLiteral("pc")});
            plan.rooms.append(room);
            const int seats = room.rows * room.cols;
            const int count = std::max(2, seats - int(rng.bounded(3)));
            const int groups = 1 + int(rng.bounded(3));
            std::vector<int> labels; // group per seat, -1 empty
            for (int i = 0; i < count; ++i) {
                const int g = int(rng.bounded(groups));
                plan.candidates.append({QStringLiteral("C%1").arg(i), QStringLiteral("G%1").arg(g), false,
                                        QStringLiteral("pc")});
                labels.push_back(g);
            }
            labels.resize(size_t(seats), -1);
            std::sort(labels.begin(), labels.end());
            int best = INT_MAX;
            do {
                int pairs = 0;
                for (int r = 0; r < room.rows; ++r)
                    for (int c = 0; c < room.cols; ++c) {
                        const int g = labels[size_t(r * room.cols + c)];
                        if (g < 0)
                            continue;
                        for (auto [dr, dc] : {std::pair{0, 1}, {1, -1}, {1, 0}, {1, 1}}) {
                            const int r2 = r + dr, c2 = c + dc;
                            if (r2 < room.rows && c2 >= 0 && c2 < room.cols &&
                                labels[size_t(r2 * room.cols + c2)] == g)
                                ++pairs;
                        }
                    }
                best = std::min(best, pairs);
            } while (std::next_permutation(labels.begin(), labels.end()));
            const int bound = adjacencyLowerBound(plan);
            const int got = allocateSeats(plan, seedOf(quint32(n))).adjacentSameGroup;
            QVERIFY2(bound <= best, qPrintable(QStringLiteral("instance %1: bound %2 above the optimum %3")
                                                   .arg(n)
                                                   .arg(bound)
                                                   .arg(best)));
            QVERIFY(got >= best);
            tight += got == best;
        }
        qInfo("engine optimal on %d of 60 tiny rooms", tight);
        QVERIFY(tight >= 50);
    }

    void infeasiblePlansNameTheConstraintAndShortfall()
    {
        PlanInput plan;
        RoomSpec room;
        room.id = QStringLiteral("R1");
        room.rows = 2;
        room.cols = 3;
        room.seats.assign(6, SeatSpec{false, false, QStringLiteral("pc")});
        room.seat(0, 0).accessible = true;
        room.seat(1, 2).workstation = QStringLiteral("robot");
        room.seat(1, 1).disabled = true;
        plan.rooms.append(room);
        for (int i = 0; i < 3; ++i)
            plan.candidates.append({QStringLiteral("R%1").arg(i), QString(), false, QStringLiteral("robot")});
        for (int i = 0; i < 2; ++i)
            plan.candidates.append({QStringLiteral("A%1").arg(i), QString(), true, QStringLiteral("pc")});
        const QStringList problems = feasibilityProblems(plan);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.join(u'\n').contains(QStringLiteral(
            "workstation 'robot': 3 candidates but only 1 usable seats of that type (short by 2)")));
        QVERIFY(problems.join(u'\n').contains(
            QStringLiteral("accessible seats (workstation 'pc'): 2 candidates need one but only 1")));
        try {
            allocateSeats(plan, "x");
            QFAIL("an infeasible plan was seated");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY(e.message().contains(QStringLiteral("short by 2")));
        }
        AllocationOptions partial;
        partial.partial = true;
        const AllocationResult r = allocateSeats(plan, "x", partial);
        QVERIFY(checkAssignments(plan, r.assignments).isEmpty());
        QCOMPARE(r.assignments.size(), size_t(2));
        QCOMPARE(r.unassigned.size(), size_t(3));

        plan.candidates.clear();
        plan.candidates.append({QStringLiteral("D"), QString(), false, QStringLiteral("drone")});
        QVERIFY(feasibilityProblems(plan).join(u' ').contains(
            QStringLiteral("workstation 'drone': 1 candidates but only 0 usable seats")));
    }

    // A 480 KB file of 20,000 rooms of 100 x 100 seats held 6.1 GB before it was refused: the seats of
    // all rooms together are bounded before any is allocated.
    void aPlanOfTooManySeatsIsRefusedBeforeItsSeats()
    {
        QJsonArray rooms;
        for (int i = 0; i < 300; ++i) // 3 million seats
            rooms.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("R%1").arg(i)},
                                     {QStringLiteral("rows"), 100},
                                     {QStringLiteral("cols"), 100}});
        const QByteArray json =
            QJsonDocument(QJsonObject{{QStringLiteral("rooms"), rooms},
                                      {QStringLiteral("candidates"),
                                       QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("1")}}}}})
                .toJson();
        try {
            parsePlan(json, QStringLiteral("huge.json"), true);
            QFAIL("3 million seats accepted");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(u"more than 2000000 seats in all rooms together"),
                     qPrintable(e.message().left(300)));
        }
    }

    void twentyThousandCandidates()
    {
        // 600 rooms of 5x6 to 7x8 seats, classes of 30-50, a few accessible needs and robot benches.
        QRandomGenerator rng(4242);
        PlanInput plan;
        int capacity = 0;
        for (int r = 0; r < 600; ++r) {
            RoomSpec room;
            room.id = QStringLiteral("B%1").arg(r, 3, 10, QLatin1Char('0'));
            room.rows = 5 + int(rng.bounded(3));
            room.cols = 6 + int(rng.bounded(3));
            room.numbering = QStringLiteral("snake");
            room.seats.assign(size_t(room.rows * room.cols), SeatSpec{false, false, QStringLiteral("pc")});
            room.seat(0, 0).accessible = true;
            room.seat(room.rows - 1, room.cols - 1).disabled = true;
            if (r % 10 == 0)
                for (int c = 0; c < room.cols; ++c)
                    room.seat(room.rows - 1, c).workstation = QStringLiteral("robot");
            capacity += room.usableSeats();
            plan.rooms.append(room);
        }
        int robotSeats = 0;
        for (const RoomSpec &room : plan.rooms)
            for (const SeatSpec &s : room.seats)
                robotSeats += !s.disabled && s.workstation == u"robot";
        int cls = 0, inClass = 0, classSize = 40;
        for (int i = 0; i < 20000; ++i) {
            if (inClass++ == classSize) {
                ++cls;
                inClass = 1;
                classSize = 30 + int(rng.bounded(21));
            }
            const bool robot = i % 40 == 5 && robotSeats-- > 0;
            plan.candidates.append({QStringLiteral("T%1").arg(i, 6, 10, QLatin1Char('0')),
                                    QStringLiteral("class-%1").arg(cls), i % 500 == 17,
                                    robot ? QStringLiteral("robot") : QStringLiteral("pc")});
        }
        QVERIFY(capacity > 20000);
        QElapsedTimer t;
        t.start();
        const AllocationResult r = allocateSeats(plan, QByteArray::fromHex("5eed"));
        qInfo("20,000 candidates in 600 rooms: %lld ms, %d same-class neighbour pairs", t.elapsed(),
              r.adjacentSameGroup);
        QCOMPARE(r.assignments.size(), size_t(20000));
        QVERIFY(checkAssignments(plan, r.assignments).isEmpty());
        QCOMPARE(r.adjacentSameGroup, 0);
        QCOMPARE(adjacencyLowerBound(plan), 0);
    }
};

QTEST_GUILESS_MAIN(TestSeatAllocator)
#include "tst_seatallocator.moc"
