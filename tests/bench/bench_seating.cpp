// Seat allocation benchmark (issue targets: 20,000 candidates in <= 1 s on one core; 600 room plans
// as PDF in <= 10 s). Generates 600 rooms and 20,000 candidates in classes of 30-50 (a few needing an
// accessible seat, every tenth room with a row of robot benches), then prints side by side for
// grouping by class and by school:
//   - allocation time (median of --runs, one thread),
//   - same-group 8-neighbour pairs of the allocation, of a random shuffle of the same candidates over
//     the same seats (hard constraints kept), and the lower bound no allocation can beat;
// then the time to render the 600 seat plans to one PDF. Not a pass/fail test: CTest runs it small.
#include "seating/seatallocator.h"
#include "seating/seatplan.h"
#include "seating/seatprinter.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace examsite;
using namespace examsite::seating;

namespace {

struct Instance
{
    PlanInput byClass;
    PlanInput bySchool;
};

Instance makeInstance(int rooms, int candidates)
{
    QRandomGenerator rng(20261123);
    Instance in;
    int robotSeats = 0;
    for (int r = 0; r < rooms; ++r) {
        RoomSpec room;
        room.id = QStringLiteral("R%1").arg(r, 4, 10, QLatin1Char('0'));
        room.name = QStringLiteral("实训室 %1").arg(room.id);
        room.rows = 5 + int(rng.bounded(3));
        room.cols = 6 + int(rng.bounded(3));
        room.numbering = r % 2 ? QStringLiteral("snake") : QStringLiteral("row_major");
        room.seats.assign(size_t(room.rows * room.cols), SeatSpec{false, false, QStringLiteral("pc")});
        room.seat(0, 0).accessible = true;
        room.seat(room.rows - 1, room.cols - 1).disabled = true;
        if (r % 10 == 0)
            for (int c = 0; c < room.cols - 1; ++c) {
                room.seat(room.rows - 1, c).workstation = QStringLiteral("robot");
                ++robotSeats;
            }
        in.byClass.rooms.append(room);
    }
    in.bySchool.rooms = in.byClass.rooms;
    int cls = 0, inClass = 0, classSize = 40;
    for (int i = 0; i < candidates; ++i) {
        if (inClass++ == classSize) {
            ++cls;
            inClass = 1;
            classSize = 30 + int(rng.bounded(21));
        }
        const bool robot = i % 40 == 5 && robotSeats-- > 0;
        CandidateSpec c{QStringLiteral("T%1").arg(i, 6, 10, QLatin1Char('0')),
                        QStringLiteral("class-%1").arg(cls), i % 500 == 17,
                        robot ? QStringLiteral("robot") : QStringLiteral("pc")};
        in.byClass.candidates.append(c);
        // Twelve schools of very different sizes: the largest cannot be kept apart everywhere.
        c.group = QStringLiteral("school-%1").arg(std::min(11, int(std::log2(1 + (cls * 7919) % 4096))));
        in.bySchool.candidates.append(c);
    }
    return in;
}

/// The same candidates shuffled at random over the seats the allocation used, each within its class of
/// seat (workstation type, accessible need), so that every hard constraint still holds.
std::vector<Assignment> randomShuffle(const PlanInput &plan, std::vector<Assignment> a, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::map<std::pair<QString, bool>, std::vector<size_t>> pools;
    for (size_t i = 0; i < a.size(); ++i) {
        const CandidateSpec &c = plan.candidates[a[i].candidate];
        pools[{c.workstation, c.needsAccessible}].push_back(i);
    }
    for (auto &[key, idx] : pools) {
        std::vector<int> who;
        for (size_t i : idx)
            who.push_back(a[i].candidate);
        for (size_t i = who.size(); i > 1; --i)
            std::swap(who[i - 1], who[rng.bounded(quint32(i))]);
        for (size_t k = 0; k < idx.size(); ++k)
            a[idx[k]].candidate = who[k];
    }
    return a;
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

PrintJob printJob(const PlanInput &plan, const AllocationResult &r)
{
    PrintJob job;
    job.siteName = QStringLiteral("基准测试职业学院考点");
    job.session.code = QStringLiteral("BENCH-1");
    job.session.certificate = QStringLiteral("Web前端开发");
    job.session.level = QStringLiteral("中级");
    job.session.date = QStringLiteral("2026-11-23");
    job.session.startsAt = QStringLiteral("09:00");
    job.session.endsAt = QStringLiteral("11:30");
    job.session.lateCutoff = QStringLiteral("09:30");
    job.footer = QStringLiteral("随机座位 seed %1").arg(QString::fromLatin1(r.seed.toHex()));
    for (const RoomSpec &spec : plan.rooms) {
        RoomOccupancy room;
        room.room.code = spec.id;
        room.room.name = spec.name;
        room.room.rows = spec.rows;
        room.room.cols = spec.cols;
        room.room.numbering = spec.numbering;
        for (int row = 0; row < spec.rows; ++row)
            for (int col = 0; col < spec.cols; ++col) {
                SeatOccupancy s;
                s.row = row;
                s.col = col;
                s.number = seatNumber(spec, row, col);
                s.disabled = spec.seat(row, col).disabled;
                s.accessible = spec.seat(row, col).accessible;
                s.workstation = spec.seat(row, col).workstation;
                room.seats.append(s);
            }
        job.rooms.append(room);
    }
    std::map<QString, int> roomIndex;
    for (int i = 0; i < job.rooms.size(); ++i)
        roomIndex[job.rooms[i].room.code] = i;
    for (const Assignment &a : r.assignments) {
        RoomOccupancy &room = job.rooms[roomIndex[plan.rooms[a.room].id]];
        SeatOccupancy &s = room.seats[a.row * room.room.cols + a.col];
        const CandidateSpec &c = plan.candidates[a.candidate];
        s.candidateId = a.candidate + 1;
        s.ticket = c.id;
        s.name = QStringLiteral("考生%1").arg(a.candidate + 1);
        s.className = c.group;
        s.status = SeatStatus::Awaiting;
        ++room.allocated;
    }
    return job;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv); // fonts for the PDF
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("rooms"), QStringLiteral("Rooms (default 600)."), QStringLiteral("N"),
                 QStringLiteral("600")});
    p.addOption({QStringLiteral("candidates"), QStringLiteral("Candidates (default 20000)."),
                 QStringLiteral("N"), QStringLiteral("20000")});
    p.addOption({QStringLiteral("runs"), QStringLiteral("Allocation runs per grouping (default 5)."),
                 QStringLiteral("N"), QStringLiteral("5")});
    p.process(app);
    const int rooms = p.value(QStringLiteral("rooms")).toInt();
    const int candidates = p.value(QStringLiteral("candidates")).toInt();
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());

    const Instance in = makeInstance(rooms, candidates);
    int capacity = 0;
    for (const RoomSpec &r : in.byClass.rooms)
        capacity += r.usableSeats();
    printf("seat allocation: %d candidates, %d rooms (%d usable seats), one thread, median of %d runs\n",
           candidates, rooms, capacity, runs);
    printf("%-9s %10s %10s %12s %13s %12s\n", "group by", "time ms", "groups", "allocation", "random shuffle",
           "lower bound");

    AllocationResult classResult;
    for (const auto &[label, plan] : {std::pair{"class", &in.byClass}, std::pair{"school", &in.bySchool}}) {
        std::vector<double> times;
        AllocationResult r;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            r = allocateSeats(*plan, QByteArray::fromHex("5eed0001"));
            times.push_back(ms(t));
        }
        std::sort(times.begin(), times.end());
        if (!checkAssignments(*plan, r.assignments).isEmpty()) {
            fprintf(stderr, "bench_seating: the allocation broke a hard constraint\n");
            return 1;
        }
        int shuffled = 0;
        const int shuffles = 5;
        for (int s = 0; s < shuffles; ++s)
            shuffled += countAdjacentSameGroup(*plan, randomShuffle(*plan, r.assignments, quint32(s + 1)));
        std::map<QString, int> groups;
        for (const CandidateSpec &c : plan->candidates)
            ++groups[c.group];
        printf("%-9s %10.1f %10zu %12d %13.1f %12d\n", label, times[times.size() / 2], groups.size(),
               r.adjacentSameGroup, double(shuffled) / shuffles, adjacencyLowerBound(*plan));
        if (plan == &in.byClass)
            classResult = r;
    }

    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("seat-plans.pdf"));
    const PrintJob job = printJob(in.byClass, classResult);
    QElapsedTimer t;
    t.start();
    const int pages = writePdf(Document::SeatPlans, job, pdf);
    printf("seat plans: %d rooms -> %d PDF pages (%.1f MB) in %.2f s\n", rooms, pages,
           double(QFileInfo(pdf).size()) / 1e6, ms(t) / 1000.0);
    return pages == rooms ? 0 : 1;
}
