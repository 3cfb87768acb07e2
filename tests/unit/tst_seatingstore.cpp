// Seating on the store: the demo's committed allocation verifies, replaying it elsewhere gives the
// same plan, refusals (twice, after check-in, changed roster), tampering is caught, reseating moves as
// few candidates as possible and is replayed by verify, room layouts import all or nothing, and each
// seat's live status, and seats given after the allocation (late additions by the rule, by hand).
#include "core/error.h"
#include "demo/demosite.h"
#include "seating/roomlayoutimporter.h"
#include "seating/seatingstore.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"
#include "teststore.h"

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;
using namespace examsite::seating;

namespace {
/// The site administrator every seating change here is made by.
const Actor kAdmin{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin};
} // namespace

namespace {

struct Site
{
    std::unique_ptr<Database> db;
    std::unique_ptr<EventStore> events;
    SeatingStore store() { return SeatingStore(*db, *events); }
};

int count(Database &db, const char *sql, qint64 arg = 0)
{
    Statement s(db, sql);
    if (QByteArray(sql).contains("?1"))
        s.bind(1, arg);
    s.step();
    return int(s.int64(0));
}

SeatRef seatOf(Database &db, const QString &ticket)
{
    Statement s(
        db,
        "SELECT m.code, r.seat_row, r.seat_col FROM registration r JOIN candidate c ON c.id = r.candidate_id "
        "LEFT JOIN room m ON m.id = r.room_id WHERE c.ticket = ?1");
    s.bind(1, ticket);
    if (!s.step() || s.isNull(0))
        return {};
    return {s.text(0), int(s.int64(1)), int(s.int64(2))};
}

QString ticketAt(Database &db, const QString &room, int row, int col)
{
    Statement s(db, "SELECT c.ticket FROM registration r JOIN candidate c ON c.id = r.candidate_id JOIN room "
                    "m ON m.id = r.room_id "
                    "WHERE m.code = ?1 AND r.seat_row = ?2 AND r.seat_col = ?3");
    s.bind(1, room).bind(2, row).bind(3, col);
    return s.step() ? s.text(0) : QString();
}

bool checkOk(const VerifyReport &r, const QString &name)
{
    for (const VerifyCheck &c : r.checks)
        if (c.name == name)
            return c.ok;
    return false;
}

} // namespace

class TestSeatingStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    /// A freshly built demo site (about a second: photos, password hashes).
    Site buildDemo()
    {
        Site s;
        const QString dir = m_dir.filePath(QStringLiteral("demo%1").arg(++m_n));
        s.db = Database::open(test::testStore(dir + QStringLiteral(".db")));
        s.events = std::make_unique<EventStore>(*s.db, QStringLiteral("test"));
        buildDemoSite(*s.db, *s.events, dir);
        return s;
    }

    /// A copy of the demo site built once in initTestCase().
    Site demo()
    {
        const QString path = m_dir.filePath(QStringLiteral("copy%1.db").arg(++m_n));
        Site s;
        s.db = Database::open(test::copyStore(m_template, path));
        s.events = std::make_unique<EventStore>(*s.db, QStringLiteral("test"));
        return s;
    }
    QString m_template;

    /// A session "S" with rooms R1 (2x3, accessible [0,0] and [0,1]) and R2 (1x2), and seven
    /// candidates in three classes, one of whom (T0) needs an accessible seat.
    Site tight()
    {
        Site s;
        s.db = Database::open(test::testStore(m_dir.filePath(QStringLiteral("tight%1.db").arg(++m_n))));
        s.events = std::make_unique<EventStore>(*s.db, QStringLiteral("test"));
        SiteStore sites(*s.db);
        sites.ensureSite(QStringLiteral("T"), QStringLiteral("测试考点"));
        NewSession ns;
        ns.code = QStringLiteral("S");
        ns.certificate = QStringLiteral("Web前端开发");
        ns.level = QStringLiteral("中级");
        ns.date = QDate::currentDate().toString(Qt::ISODate);
        ns.startsAt = QStringLiteral("00:00");
        ns.endsAt = QStringLiteral("23:59");
        ns.lateCutoff = QStringLiteral("23:58");
        sites.createSession(ns);
        importRoomLayoutJson(*s.db, *s.events,
                             R"({"rooms": [{"id": "R1", "rows": 2, "cols": 3, "accessible": [[0, 0], [0, 1]]},
                                           {"id": "R2", "rows": 1, "cols": 2}]})",
                             QStringLiteral("rooms.json"), QStringLiteral("S"), kAdmin);
        CandidateStore cands(*s.db);
        const qint64 session = sites.session(QStringLiteral("S"))->id;
        for (int i = 0; i < 7; ++i) {
            Candidate c;
            c.ticket = QStringLiteral("T%1").arg(i);
            c.name = QStringLiteral("考生%1").arg(i);
            c.idNumber = demoIdNumber(QStringLiteral("110101"), QStringLiteral("20030101"), 100 + i);
            c.gender = QStringLiteral("M");
            c.school = QStringLiteral("学校");
            c.className = QStringLiteral("%1班").arg(i % 3);
            if (i == 0)
                c.needs = {QStringLiteral("accessible")};
            cands.registerFor(session, cands.insert(c));
        }
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Site t = buildDemo();
        t.db->execute("PRAGMA wal_checkpoint(TRUNCATE)");
        m_template = t.db->path();
    }

    void demoAllocationVerifiesAndReplaysElsewhere()
    {
        Site a = buildDemo();
        const ExamSession session = a.store().session(QStringLiteral("DEMO-1"));
        const auto alloc = a.store().latestAllocation(session.id);
        QVERIFY(alloc);
        QCOMPARE(alloc->assigned, 90);
        QCOMPARE(alloc->adjacentSameGroup, 0);
        QCOMPARE(count(*a.db, "SELECT count(*) FROM registration WHERE room_id IS NOT NULL"), 90);
        QCOMPARE(count(*a.db, "SELECT count(*) FROM event WHERE type = 'seat.allocated'"), 1);
        QCOMPARE(count(*a.db, "SELECT count(*) FROM event WHERE type = 'seat.committed'"), 1);
        const VerifyReport r = a.store().verify(QStringLiteral("DEMO-1"));
        for (const VerifyCheck &c : r.checks)
            QVERIFY2(c.ok, qPrintable(c.name + u' ' + c.detail));
        QVERIFY(r.ok());
        QCOMPARE(r.checks.size(), 8);

        // The same roster, rooms and public value in another database give the same plan.
        Site b = demo();
        QVERIFY(b.db->path() != a.db->path());
        const auto other = b.store().latestAllocation(b.store().session(QStringLiteral("DEMO-1")).id);
        QCOMPARE(other->inputSha256, alloc->inputSha256);
        QCOMPARE(other->seed, alloc->seed);
        QCOMPARE(other->planSha256, alloc->planSha256);
        QCOMPARE(seatOf(*b.db, QStringLiteral("2026010042")), seatOf(*a.db, QStringLiteral("2026010042")));

        // Running the demo again changes nothing.
        const int events = count(*a.db, "SELECT count(*) FROM event");
        buildDemoSite(*a.db, *a.events, m_dir.filePath(QStringLiteral("demo%1").arg(m_n)));
        QCOMPARE(count(*a.db, "SELECT count(*) FROM event"), events);
    }

    void allocationIsRefusedWhenItWouldRewriteHistory()
    {
        Site s = demo();
        try {
            s.store().allocate(QStringLiteral("DEMO-1"), QStringLiteral("again"), GroupBy::Class, kAdmin);
            QFAIL("a second allocation without --replace");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY(e.message().contains(QStringLiteral("--replace")));
        }
        // Drawing again needs a new commitment: otherwise a site could draw until it liked the plan.
        try {
            s.store().allocate(QStringLiteral("DEMO-1"), QStringLiteral("again"), GroupBy::School, kAdmin,
                               true);
            QFAIL("a second draw on the first draw's commitment");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(
                         QStringLiteral("no commitment of the allocation input since allocation")),
                     qPrintable(e.message()));
        }
        s.store().commit(QStringLiteral("DEMO-1"), GroupBy::School, kAdmin);
        const AllocationRecord again = s.store().allocate(QStringLiteral("DEMO-1"), QStringLiteral("again"),
                                                          GroupBy::School, kAdmin, true);
        QCOMPARE(again.groupBy, QStringLiteral("school"));
        QVERIFY(s.store().verify(QStringLiteral("DEMO-1")).ok());

        const qint64 session = s.store().session(QStringLiteral("DEMO-1")).id;
        Statement in(*s.db, "INSERT INTO check_in (session_id, candidate_id, checked_in_at, method) "
                            "SELECT ?1, candidate_id, '2026-01-01T08:00:00.000Z', 'manual' FROM registration "
                            "WHERE session_id = ?1 LIMIT 1");
        in.bind(1, session).exec();
        s.store().commit(QStringLiteral("DEMO-1"), GroupBy::Class, kAdmin);
        try {
            s.store().allocate(QStringLiteral("DEMO-1"), QStringLiteral("third"), GroupBy::Class, kAdmin,
                               true);
            QFAIL("reallocated after a check-in");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY(e.message().contains(QStringLiteral("already checked in")));
        }
    }

    void aChangedRosterNeedsANewCommitment()
    {
        Site s = tight();
        try {
            s.store().allocate(QStringLiteral("S"), QStringLiteral("draw"), GroupBy::Class, kAdmin);
            QFAIL("allocated without a commitment");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("no commitment of the allocation input yet")),
                     qPrintable(e.message()));
        }
        QCOMPARE(count(*s.db, "SELECT count(*) FROM seat_allocation"), 0);
        const QString sha = s.store().commit(QStringLiteral("S"), GroupBy::Class, kAdmin);
        QCOMPARE(sha.size(), 64);
        Statement drop(
            *s.db,
            "DELETE FROM registration WHERE candidate_id = (SELECT id FROM candidate WHERE ticket = 'T6')");
        drop.exec();
        try {
            s.store().allocate(QStringLiteral("S"), QStringLiteral("draw"), GroupBy::Class, kAdmin);
            QFAIL("allocated against a stale commitment");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY(e.message().contains(QStringLiteral("changed since the commitment")));
        }
        QVERIFY(s.store().commit(QStringLiteral("S"), GroupBy::Class, kAdmin) != sha);
        const AllocationRecord rec =
            s.store().allocate(QStringLiteral("S"), QStringLiteral("draw"), GroupBy::Class, kAdmin);
        QCOMPARE(rec.assigned, 6);
        QVERIFY(s.store().verify(QStringLiteral("S")).ok());
        s.store().commit(QStringLiteral("S"), GroupBy::Class, kAdmin);
        QVERIFY_THROWS_EXCEPTION(Error, s.store().allocate(QStringLiteral("S"), QStringLiteral(" "),
                                                           GroupBy::Class, kAdmin, true));
    }

    void tamperingIsCaught()
    {
        Site s = demo();
        const SeatRef a = seatOf(*s.db, QStringLiteral("2026010001")),
                      b = seatOf(*s.db, QStringLiteral("2026010002"));
        // Swap two candidates behind the plan's back.
        Statement clear(
            *s.db,
            "UPDATE registration SET room_id = NULL, seat_row = NULL, seat_col = NULL "
            "WHERE candidate_id IN (SELECT id FROM candidate WHERE ticket IN ('2026010001', '2026010002'))");
        clear.exec();
        Statement put(*s.db, "UPDATE registration SET room_id = (SELECT id FROM room WHERE code = ?2), "
                             "seat_row = ?3, seat_col = ?4 "
                             "WHERE candidate_id = (SELECT id FROM candidate WHERE ticket = ?1)");
        put.bind(1, QStringLiteral("2026010001")).bind(2, b.room).bind(3, b.row).bind(4, b.col).exec();
        put.bind(1, QStringLiteral("2026010002")).bind(2, a.room).bind(3, a.row).bind(4, a.col).exec();
        VerifyReport r = s.store().verify(QStringLiteral("DEMO-1"));
        QVERIFY(!r.ok());
        QVERIFY(!checkOk(r, QStringLiteral("seats")));
        QVERIFY(checkOk(r, QStringLiteral("plan")));

        // A different public value written into the table no longer matches the ledger's event.
        Statement pv(*s.db, "UPDATE seat_allocation SET public_value = 'chosen later'");
        pv.exec();
        r = s.store().verify(QStringLiteral("DEMO-1"));
        QVERIFY(!checkOk(r, QStringLiteral("event")));
        QVERIFY(!checkOk(r, QStringLiteral("seed")));

        // An edited input no longer has the committed hash.
        Site t = demo();
        Statement input(*t.db, "SELECT id, input FROM seat_allocation");
        QVERIFY(input.step());
        Statement in(*t.db, "UPDATE seat_allocation SET input = ?2 WHERE id = ?1");
        in.bind(1, input.int64(0)).bind(2, input.blob(1).replace("A101", "A109"));
        in.exec();
        r = t.store().verify(QStringLiteral("DEMO-1"));
        QVERIFY(!checkOk(r, QStringLiteral("input")));
        QVERIFY(!checkOk(r, QStringLiteral("seed")));
        QVERIFY(checkOk(r, QStringLiteral("seats")) || !checkOk(r, QStringLiteral("plan")));

        // An allocation with no commitment before it (as older builds allowed) is not verified.
        Site u = demo();
        QVERIFY(u.store().verify(QStringLiteral("DEMO-1")).ok());
        Statement allocated(*u.db, "SELECT seq, payload FROM event WHERE type = 'seat.allocated'");
        QVERIFY(allocated.step());
        QJsonObject payload = QJsonDocument::fromJson(allocated.text(1).toUtf8()).object();
        payload.remove(QStringLiteral("commitment_event"));
        if (u.db->isServer()) // the owner's way past the append-only triggers (a forger with its password)
            u.db->execute("SET examsite.migration = 'on'");
        Statement uncommitted(*u.db, "UPDATE event SET payload = ?2 WHERE seq = ?1");
        uncommitted.bind(1, allocated.int64(0))
            .bind(2, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
        uncommitted.exec();
        r = u.store().verify(QStringLiteral("DEMO-1"));
        QVERIFY(!r.ok());
        QVERIFY(!checkOk(r, QStringLiteral("commitment")));
        QVERIFY(checkOk(r, QStringLiteral("seed")));
    }

    void aFailedSeatMovesOnlyItsCandidate()
    {
        Site s = demo();
        const QString ticket = ticketAt(*s.db, QStringLiteral("A102"), 1, 1);
        QVERIFY(!ticket.isEmpty());
        QHash<QString, SeatRef> before;
        for (const Registration &r :
             CandidateStore(*s.db).registrations(s.store().session(QStringLiteral("DEMO-1")).id))
            before.insert(r.candidate.ticket, {r.roomCode, r.seatRow, r.seatCol});
        const int events = count(*s.db, "SELECT count(*) FROM event");
        const QList<SeatMove> moves = s.store().failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A102"), 1,
                                                         1, QStringLiteral("显示器无信号"), kAdmin);
        QCOMPARE(moves.size(), 1);
        QCOMPARE(moves[0].ticket, ticket);
        QCOMPARE(moves[0].from, (SeatRef{QStringLiteral("A102"), 1, 1}));
        QCOMPARE(moves[0].to.room, QStringLiteral("A102")); // the room has free seats
        QCOMPARE(count(*s.db, "SELECT count(*) FROM event"), events + 2);
        int changed = 0;
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            changed += seatOf(*s.db, it.key()) != it.value();
        QCOMPARE(changed, 1);
        QCOMPARE(seatOf(*s.db, ticket), moves[0].to);
        const VerifyReport r = s.store().verify(QStringLiteral("DEMO-1"));
        QVERIFY2(r.ok(), qPrintable(r.checks.last().detail));

        // Twice is refused; an empty seat fails without moving anyone; a disabled one is no seat.
        QVERIFY_THROWS_EXCEPTION(Error, s.store().failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A102"),
                                                           1, 1, QStringLiteral("x"), kAdmin));
        QVERIFY_THROWS_EXCEPTION(Error, s.store().failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A102"),
                                                           2, 2, QStringLiteral("x"), kAdmin));
        QVERIFY_THROWS_EXCEPTION(Error, s.store().failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A102"),
                                                           9, 0, QStringLiteral("x"), kAdmin));
        QVERIFY_THROWS_EXCEPTION(Error, s.store().failSeat(QStringLiteral("DEMO-1"), QStringLiteral("B999"),
                                                           0, 0, QStringLiteral("x"), kAdmin));
        int empty = -1;
        const RoomOccupancy a103 =
            s.store()
                .occupancy(s.store().session(QStringLiteral("DEMO-1")).id, QStringLiteral("A103"))
                .first();
        for (const SeatOccupancy &o : a103.seats)
            if (o.status == SeatStatus::Empty && !o.accessible) {
                empty = o.row * 6 + o.col;
                break;
            }
        QVERIFY(empty >= 0);
        QCOMPARE(s.store()
                     .failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A103"), empty / 6, empty % 6,
                               QStringLiteral("椅子坏了"), kAdmin)
                     .size(),
                 0);
        QVERIFY(s.store().verify(QStringLiteral("DEMO-1")).ok());

        // Once the session is closed its seats are history: refused, nothing recorded.
        Statement close(*s.db, "UPDATE exam_session SET status = 'closed' WHERE code = 'DEMO-1'");
        close.exec();
        const int outages = count(*s.db, "SELECT count(*) FROM seat_outage");
        try {
            s.store().failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A103"), 0, 0, QStringLiteral("x"),
                               kAdmin);
            QFAIL("a closed session's seat was taken out of service");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY(e.message().contains(QStringLiteral("is closed")));
        }
        QCOMPARE(count(*s.db, "SELECT count(*) FROM seat_outage"), outages);
    }

    // #16 item 3: a seat taken out of service can be put back, by the same staff, with a reason; its
    // history stays, so an allocation drawn while it was out still verifies after it is back.
    void aSeatOutOfServiceCanBeRestored()
    {
        Site s = demo();
        const QString demoSession = QStringLiteral("DEMO-1");
        const qint64 session = s.store().session(demoSession).id;
        // (the occupancy is kept in a variable: a range-for over a temporary's member would dangle)
        const auto seatIn = [&](int row, int col) {
            const QList<RoomOccupancy> rooms = s.store().occupancy(session, QStringLiteral("A103"));
            for (const SeatOccupancy &o : rooms.first().seats)
                if (o.row == row && o.col == col)
                    return o;
            return SeatOccupancy{};
        };
        int row = -1, col = -1;
        const QList<RoomOccupancy> a103 = s.store().occupancy(session, QStringLiteral("A103"));
        for (const SeatOccupancy &o : a103.first().seats)
            if (o.status == SeatStatus::Empty && !o.accessible) {
                row = o.row;
                col = o.col;
                break;
            }
        QVERIFY(row >= 0);
        // Not out of service: nothing to restore.
        QVERIFY_THROWS_EXCEPTION(Error, s.store().restoreSeat(demoSession, QStringLiteral("A103"), row, col,
                                                              QStringLiteral("fine"), kAdmin));
        s.store().failSeat(demoSession, QStringLiteral("A103"), row, col, QStringLiteral("显示器坏了"),
                           kAdmin);
        QCOMPARE(seatIn(row, col).status, SeatStatus::OutOfService);
        QCOMPARE(seatIn(row, col).outageReason, QStringLiteral("显示器坏了"));

        // An allocation drawn while the seat is out keeps it free.
        s.store().commit(demoSession, GroupBy::Class, kAdmin);
        s.store().allocate(demoSession, QStringLiteral("redraw"), GroupBy::Class, kAdmin, true);
        QVERIFY(s.store().verify(demoSession).ok());

        const Actor evaluator{3, QStringLiteral("evaluator"), QStringLiteral("E"), Role::Evaluator};
        try {
            s.store().restoreSeat(demoSession, QStringLiteral("A103"), row, col, QStringLiteral("x"),
                                  evaluator);
            QFAIL("an evaluator put a seat back into service");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        QVERIFY_THROWS_EXCEPTION(Error, s.store().restoreSeat(demoSession, QStringLiteral("A103"), row, col,
                                                              QStringLiteral("  "), kAdmin));
        QCOMPARE(seatIn(row, col).status, SeatStatus::OutOfService);

        s.store().restoreSeat(demoSession, QStringLiteral("A103"), row, col, QStringLiteral("换了新显示器"),
                              kAdmin);
        QCOMPARE(seatIn(row, col).status, SeatStatus::Empty);
        QVERIFY(seatIn(row, col).outageReason.isEmpty());
        Statement ev(*s.db, "SELECT actor, json_extract(payload, '$.reason'), json_extract(payload, "
                            "'$.failed_reason') FROM event WHERE type = 'seat.restored'");
        QVERIFY(ev.step());
        QCOMPARE(ev.text(0), QStringLiteral("admin"));
        QCOMPARE(ev.text(1), QStringLiteral("换了新显示器"));
        QCOMPARE(ev.text(2), QStringLiteral("显示器坏了"));
        ev.reset();
        // The allocation drawn while it was out still verifies: its plan is the one of its time.
        QVERIFY(s.store().verify(demoSession).ok());
        QVERIFY_THROWS_EXCEPTION(Error, s.store().restoreSeat(demoSession, QStringLiteral("A103"), row, col,
                                                              QStringLiteral("again"), kAdmin));

        // It can fail again later: a second outage of the same seat, the first one kept.
        s.store().failSeat(demoSession, QStringLiteral("A103"), row, col, QStringLiteral("again"), kAdmin);
        QCOMPARE(count(*s.db, "SELECT count(*) FROM seat_outage WHERE restored_seq IS NOT NULL"), 1);
        QCOMPARE(seatIn(row, col).outageReason, QStringLiteral("again"));
        QVERIFY(s.store().verify(demoSession).ok());
    }

    void anAccessibleNeedMovesOneOtherCandidate()
    {
        Site s = tight();
        s.store().commit(QStringLiteral("S"), GroupBy::Class, kAdmin);
        s.store().allocate(QStringLiteral("S"), QStringLiteral("draw"), GroupBy::Class, kAdmin);
        // Rooms fill evenly (R1 5 of 6, R2 2 of 2). Make R1 full by moving someone from R2 into its
        // free seat by hand: then T0 holds one accessible seat, a candidate without the need the
        // other, and the only free seat is in R2.
        const SeatRef x = seatOf(*s.db, QStringLiteral("T0"));
        QCOMPARE(x.room, QStringLiteral("R1"));
        QCOMPARE(x.row, 0);
        const SeatRef other{QStringLiteral("R1"), 0, x.col == 0 ? 1 : 0};
        QVERIFY(ticketAt(*s.db, QStringLiteral("R1"), other.row, other.col)
                    .isEmpty()); // accessible seats are kept free
        const QString w = ticketAt(*s.db, QStringLiteral("R2"), 0, 0);
        Statement put(*s.db, "UPDATE registration SET seat_col = ?2, seat_row = 0, room_id = (SELECT id FROM "
                             "room WHERE code = 'R1') "
                             "WHERE candidate_id = (SELECT id FROM candidate WHERE ticket = ?1)");
        put.bind(1, w).bind(2, other.col).exec();
        QVERIFY(!s.store().verify(QStringLiteral("S")).ok()); // a move the log does not know

        const QList<SeatMove> moves = s.store().failSeat(QStringLiteral("S"), x.room, x.row, x.col,
                                                         QStringLiteral("ramp blocked"), kAdmin);
        QCOMPARE(moves.size(), 2);
        QCOMPARE(moves[0].ticket, w);
        QCOMPARE(moves[0].to, (SeatRef{QStringLiteral("R2"), 0, 0}));
        QCOMPARE(moves[1].ticket, QStringLiteral("T0"));
        QCOMPARE(moves[1].to, other);

        // Now the last accessible seat fails: nowhere to go; nothing is recorded.
        const int outages = count(*s.db, "SELECT count(*) FROM seat_outage");
        try {
            s.store().failSeat(QStringLiteral("S"), other.room, other.row, other.col,
                               QStringLiteral("ramp blocked"), kAdmin);
            QFAIL("moved an accessible need to a seat that is not accessible");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("short by 1")), qPrintable(e.message()));
        }
        QCOMPARE(count(*s.db, "SELECT count(*) FROM seat_outage"), outages);
        QCOMPARE(seatOf(*s.db, QStringLiteral("T0")), other);
    }

    // #20 item 9: candidates added to the roster after check-in started are seated into free seats by
    // the rule late-v1, nobody else moves, and `seat verify` replays the draw plus these events.
    void lateAdditionsAreSeatedByTheRuleWithoutMovingAnyone()
    {
        Site s = demo();
        const qint64 session = s.store().session(QStringLiteral("DEMO-1")).id;
        CandidateStore cands(*s.db);
        QHash<QString, SeatRef> before;
        for (const Registration &r : cands.registrations(session))
            before.insert(r.candidate.ticket, {r.roomCode, r.seatRow, r.seatCol});
        // Check-in has started: one candidate is in.
        Statement in(*s.db, "INSERT INTO check_in (session_id, candidate_id, checked_in_at, method) "
                            "SELECT ?1, candidate_id, '2026-01-01T08:00:00.000Z', 'manual' FROM registration "
                            "WHERE session_id = ?1 LIMIT 1");
        in.bind(1, session).exec();
        // Nobody to seat yet: nothing happens, no event.
        QVERIFY(s.store().seatLateAdditions(QStringLiteral("DEMO-1"), kAdmin).isEmpty());
        QCOMPARE(count(*s.db, "SELECT count(*) FROM event WHERE type = 'seat.assigned'"), 0);

        const auto add = [&](const QString &ticket, int seq, const QString &workstation) {
            Candidate c;
            c.ticket = ticket;
            c.name = QStringLiteral("迟到%1").arg(seq);
            c.idNumber = demoIdNumber(QStringLiteral("110101"), QStringLiteral("20000101"), 900 + seq);
            c.gender = QStringLiteral("M");
            c.school = QStringLiteral("示范职业技术学院");
            c.className = QStringLiteral("2022级1班");
            c.workstation = workstation;
            cands.registerFor(session, cands.insert(c));
        };
        add(QStringLiteral("2026010091"), 1, QStringLiteral("pc"));
        add(QStringLiteral("2026010092"), 2, QStringLiteral("robot"));
        QCOMPARE(s.store().seatless(session).size(), 2);
        VerifyReport r = s.store().verify(QStringLiteral("DEMO-1"));
        QVERIFY(!checkOk(r, QStringLiteral("roster")));
        for (const VerifyCheck &c : r.checks)
            if (c.name == u"roster")
                QVERIFY2(c.detail.contains(u"2 candidates registered after the allocation have no seat") &&
                             c.detail.contains(u"seat add-late"),
                         qPrintable(c.detail));
        // Replacing the plan is refused once someone has checked in; seating the late ones is not.
        s.store().commit(QStringLiteral("DEMO-1"), GroupBy::Class, kAdmin);
        QVERIFY_THROWS_EXCEPTION(Error, s.store().allocate(QStringLiteral("DEMO-1"), QStringLiteral("x"),
                                                           GroupBy::Class, kAdmin, true));
        const Actor proctor{2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor};
        try {
            s.store().seatLateAdditions(QStringLiteral("DEMO-1"), proctor);
            QFAIL("a proctor seated late additions");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }

        const QList<SeatPlacement> placed = s.store().seatLateAdditions(QStringLiteral("DEMO-1"), kAdmin);
        QCOMPARE(placed.size(), 2);
        QCOMPARE(placed[0].ticket, QStringLiteral("2026010091"));
        QCOMPARE(placed[1].ticket, QStringLiteral("2026010092"));
        QCOMPARE(placed[1].to.room, QStringLiteral("A103")); // the only robot benches
        QCOMPARE(placed[1].to.row, 5);
        QVERIFY(placed[0].eventSeq > 0 && placed[1].eventSeq > placed[0].eventSeq);
        QCOMPARE(seatOf(*s.db, QStringLiteral("2026010091")), placed[0].to);
        // Nobody already seated moved.
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(seatOf(*s.db, it.key()), it.value());
        // The pc candidate took a plain seat (free plain seats remain) with the fewest classmates beside.
        const auto a = s.store().occupancy(session, placed[0].to.room).first();
        const SeatOccupancy &seat = a.seats[placed[0].to.row * a.room.cols + placed[0].to.col];
        QVERIFY(!seat.accessible);
        QCOMPARE(seat.ticket, QStringLiteral("2026010091"));
        Statement ev(*s.db, "SELECT actor, payload FROM event WHERE type = 'seat.assigned' ORDER BY seq");
        QVERIFY(ev.step());
        QCOMPARE(ev.text(0), QStringLiteral("admin"));
        const QJsonObject p = QJsonDocument::fromJson(ev.text(1).toUtf8()).object();
        QCOMPARE(p.value(QStringLiteral("cause")).toString(), QStringLiteral("late_addition"));
        QCOMPARE(p.value(QStringLiteral("rule")).toString(), QStringLiteral("late-v1"));
        QCOMPARE(p.value(QStringLiteral("ticket")).toString(), QStringLiteral("2026010091"));
        QVERIFY(p.value(QStringLiteral("from")).toObject().isEmpty());
        QCOMPARE(p.value(QStringLiteral("to")).toObject().value(QStringLiteral("seat")).toString(),
                 QString::number(placed[0].number));
        r = s.store().verify(QStringLiteral("DEMO-1"));
        for (const VerifyCheck &c : r.checks)
            QVERIFY2(c.ok, qPrintable(c.name + u' ' + c.detail));
        QCOMPARE(r.checks.size(), 8);
        QVERIFY(s.store().seatless(session).isEmpty());
        QVERIFY(s.store().seatLateAdditions(QStringLiteral("DEMO-1"), kAdmin).isEmpty());

        // A late addition put elsewhere than the rule says, event and all, is caught.
        Site t = demo();
        {
            const qint64 sid = t.store().session(QStringLiteral("DEMO-1")).id;
            Candidate c;
            c.ticket = QStringLiteral("2026010091");
            c.name = QStringLiteral("迟到");
            c.idNumber = demoIdNumber(QStringLiteral("110101"), QStringLiteral("20000101"), 901);
            c.gender = QStringLiteral("M");
            CandidateStore(*t.db).registerFor(sid, CandidateStore(*t.db).insert(c));
            const SeatPlacement ruled = t.store().seatLateAdditions(QStringLiteral("DEMO-1"), kAdmin).first();
            QVERIFY(t.store().verify(QStringLiteral("DEMO-1")).ok());
            const auto room = t.store().occupancy(sid, QStringLiteral("A102")).first();
            const auto other =
                std::find_if(room.seats.cbegin(), room.seats.cend(), [&](const SeatOccupancy &o) {
                    return o.status == SeatStatus::Empty && !o.accessible &&
                           !(room.room.code == ruled.to.room && o.row == ruled.to.row &&
                             o.col == ruled.to.col);
                });
            QVERIFY(other != room.seats.cend());
            Statement put(*t.db,
                          "UPDATE registration SET room_id = (SELECT id FROM room WHERE code = 'A102'), "
                          "seat_row = ?2, seat_col = ?3 "
                          "WHERE candidate_id = (SELECT id FROM candidate WHERE ticket = ?1)");
            put.bind(1, c.ticket).bind(2, other->row).bind(3, other->col).exec();
            Statement ev2(*t.db, "SELECT seq, payload FROM event WHERE type = 'seat.assigned'");
            QVERIFY(ev2.step());
            QJsonObject payload = QJsonDocument::fromJson(ev2.text(1).toUtf8()).object();
            payload.insert(QStringLiteral("to"), QJsonObject{{QStringLiteral("room"), QStringLiteral("A102")},
                                                             {QStringLiteral("row"), other->row},
                                                             {QStringLiteral("col"), other->col}});
            if (t.db->isServer()) // the owner's way past the append-only triggers (a forger with its
                                  // password)
                t.db->execute("SET examsite.migration = 'on'");
            Statement edit(*t.db, "UPDATE event SET payload = ?2 WHERE seq = ?1");
            edit.bind(1, ev2.int64(0))
                .bind(2, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)))
                .exec();
            const VerifyReport bad = t.store().verify(QStringLiteral("DEMO-1"));
            QVERIFY(!checkOk(bad, QStringLiteral("seats")));
            for (const VerifyCheck &k : bad.checks)
                if (k.name == u"seats")
                    QVERIFY2(k.detail.contains(u"but rule late-v1 gives"), qPrintable(k.detail));
        }
    }

    // Late additions are seated all or nothing: when the seats run out, nobody is seated.
    void lateAdditionsWithoutSeatsChangeNothing()
    {
        Site s = tight();
        s.store().commit(QStringLiteral("S"), GroupBy::Class, kAdmin);
        s.store().allocate(QStringLiteral("S"), QStringLiteral("draw"), GroupBy::Class, kAdmin);
        const qint64 session = s.store().session(QStringLiteral("S")).id;
        CandidateStore cands(*s.db);
        for (int i = 7; i < 9; ++i) {
            Candidate c;
            c.ticket = QStringLiteral("T%1").arg(i);
            c.name = QStringLiteral("考生%1").arg(i);
            c.idNumber = demoIdNumber(QStringLiteral("110101"), QStringLiteral("20030101"), 100 + i);
            c.gender = QStringLiteral("M");
            cands.registerFor(session, cands.insert(c));
        }
        try {
            s.store().seatLateAdditions(QStringLiteral("S"), kAdmin);
            QFAIL("seated more candidates than there are seats");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(u"no free seat with workstation 'pc' for T8") &&
                         e.message().contains(u"nobody was seated"),
                     qPrintable(e.message()));
        }
        QCOMPARE(s.store().seatless(session).size(), 2);
        QCOMPARE(count(*s.db, "SELECT count(*) FROM event WHERE type = 'seat.assigned'"), 0);
    }

    // The site administrator assigns a seat by hand, with a reason; refusals name the seat.
    void aSeatAssignedByHand()
    {
        Site s = demo();
        const qint64 session = s.store().session(QStringLiteral("DEMO-1")).id;
        CandidateStore cands(*s.db);
        Candidate c;
        c.ticket = QStringLiteral("2026010093");
        c.name = QStringLiteral("补录");
        c.idNumber = demoIdNumber(QStringLiteral("110101"), QStringLiteral("20000101"), 903);
        c.gender = QStringLiteral("F");
        cands.registerFor(session, cands.insert(c));
        const auto a101 = s.store().occupancy(session, QStringLiteral("A101")).first();
        const auto freeSeat =
            std::find_if(a101.seats.cbegin(), a101.seats.cend(), [](const SeatOccupancy &o) {
                return o.status == SeatStatus::Empty && !o.accessible;
            });
        const auto taken = std::find_if(a101.seats.cbegin(), a101.seats.cend(),
                                        [](const SeatOccupancy &o) { return o.candidateId != 0; });
        QVERIFY(freeSeat != a101.seats.cend() && taken != a101.seats.cend());
        const QString room = QStringLiteral("A101");
        const auto refused = [&](const QString &ticket, int row, int col, const QString &reason,
                                 const Actor &who, ErrorKind kind, const QString &text) {
            try {
                s.store().assignSeat(QStringLiteral("DEMO-1"), ticket, room, row, col, reason, who);
                QFAIL(qPrintable(QStringLiteral("assigned: %1").arg(text)));
            } catch (const Error &e) {
                QCOMPARE(e.kind(), kind);
                QVERIFY2(e.message().contains(text), qPrintable(e.message()));
            }
        };
        const QString why = QStringLiteral("added by the organisation at 08:40");
        refused(c.ticket, freeSeat->row, freeSeat->col, why,
                {2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor}, ErrorKind::Denied,
                QStringLiteral("site_admin"));
        refused(c.ticket, freeSeat->row, freeSeat->col, QStringLiteral("  "), kAdmin, ErrorKind::Input,
                QStringLiteral("--reason"));
        refused(c.ticket, taken->row, taken->col, why, kAdmin, ErrorKind::Conflict,
                QStringLiteral("room A101 seat %1 [%2,%3] is taken by %4")
                    .arg(taken->number)
                    .arg(taken->row)
                    .arg(taken->col)
                    .arg(taken->ticket));
        refused(c.ticket, 3, 5, why, kAdmin, ErrorKind::Conflict,
                QStringLiteral("disabled in the room layout"));
        refused(QStringLiteral("nobody"), freeSeat->row, freeSeat->col, why, kAdmin, ErrorKind::NotFound,
                QStringLiteral("not registered"));
        // A seat out of service is refused too.
        const auto other = std::find_if(freeSeat + 1, a101.seats.cend(), [](const SeatOccupancy &o) {
            return o.status == SeatStatus::Empty && !o.accessible;
        });
        QVERIFY(other != a101.seats.cend());
        s.store().failSeat(QStringLiteral("DEMO-1"), room, other->row, other->col, QStringLiteral("no power"),
                           kAdmin);
        refused(c.ticket, other->row, other->col, why, kAdmin, ErrorKind::Conflict,
                QStringLiteral("is out of service in session DEMO-1 (no power)"));
        // A checked-in candidate is not moved by hand.
        Statement in(*s.db, "INSERT INTO check_in (session_id, candidate_id, checked_in_at, method) "
                            "VALUES (?1, ?2, '2026-01-01T08:00:00.000Z', 'manual')");
        in.bind(1, session).bind(2, taken->candidateId).exec();
        refused(taken->ticket, freeSeat->row, freeSeat->col, why, kAdmin, ErrorKind::Conflict,
                QStringLiteral("%1 has checked in and sits in room A101 seat %2")
                    .arg(taken->ticket)
                    .arg(taken->number));
        QCOMPARE(count(*s.db, "SELECT count(*) FROM event WHERE type = 'seat.assigned'"), 0);

        const SeatPlacement p = s.store().assignSeat(QStringLiteral("DEMO-1"), c.ticket, room, freeSeat->row,
                                                     freeSeat->col, why, kAdmin);
        QVERIFY(!p.from.isValid());
        QCOMPARE(p.to, (SeatRef{room, freeSeat->row, freeSeat->col}));
        QCOMPARE(p.number, freeSeat->number);
        QCOMPARE(seatOf(*s.db, c.ticket), p.to);
        VerifyReport r = s.store().verify(QStringLiteral("DEMO-1"));
        for (const VerifyCheck &k : r.checks)
            QVERIFY2(k.ok, qPrintable(k.name + u' ' + k.detail));
        // A candidate not yet checked in can be moved by hand; the event says from where.
        const auto a102 = s.store().occupancy(session, QStringLiteral("A102")).first();
        const auto to = std::find_if(a102.seats.cbegin(), a102.seats.cend(),
                                     [](const SeatOccupancy &o) { return o.status == SeatStatus::Empty; });
        QVERIFY(to != a102.seats.cend());
        const SeatPlacement moved =
            s.store().assignSeat(QStringLiteral("DEMO-1"), c.ticket, QStringLiteral("A102"), to->row, to->col,
                                 QStringLiteral("nearer the door"), kAdmin);
        QCOMPARE(moved.from, p.to);
        Statement ev(*s.db,
                     "SELECT payload FROM event WHERE type = 'seat.assigned' ORDER BY seq DESC LIMIT 1");
        QVERIFY(ev.step());
        const QJsonObject payload = QJsonDocument::fromJson(ev.text(0).toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("cause")).toString(), QStringLiteral("manual"));
        QCOMPARE(payload.value(QStringLiteral("reason")).toString(), QStringLiteral("nearer the door"));
        QCOMPARE(payload.value(QStringLiteral("from")).toObject().value(QStringLiteral("room")).toString(),
                 room);
        r = s.store().verify(QStringLiteral("DEMO-1"));
        for (const VerifyCheck &k : r.checks)
            QVERIFY2(k.ok, qPrintable(k.name + u' ' + k.detail));
        // Printed plans count both seat changes in their revision footer.
        QCOMPARE(s.store().seatMovesAfter(session, r.allocation.eventSeq), 2);
    }

    void roomLayoutsImportAllOrNothing()
    {
        Site s = tight();
        const QByteArray two =
            R"({"rooms": [{"id": "L1", "name": "机房 L1", "rows": 3, "cols": 4, "numbering": "snake",
                                             "disabled": [[0, 3]], "workstations": [{"row": 2, "col": 0, "type": "robot"}]},
                                            {"id": "L2", "rows": 2, "cols": 2, "default_workstation": "robot"}]})";
        RoomImportReport r =
            importRoomLayoutJson(*s.db, *s.events, two, QStringLiteral("l.json"), QString(), kAdmin);
        QCOMPARE(r.added, (QStringList{QStringLiteral("L1"), QStringLiteral("L2")}));
        r = importRoomLayoutJson(*s.db, *s.events, two, QStringLiteral("l.json"), QString(), kAdmin);
        QCOMPARE(r.unchanged.size(), 2);
        const QList<SeatFlags> seats = SiteStore(*s.db).seats(SiteStore(*s.db).rooms().at(0).id);
        QCOMPARE(seats.size(), 12);
        QVERIFY(seats[3].disabled);
        QCOMPARE(seats[8].workstation, QStringLiteral("robot"));

        QByteArray changed = two;
        changed.replace("\"rows\": 2, \"cols\": 2", "\"rows\": 3, \"cols\": 2");
        r = importRoomLayoutJson(*s.db, *s.events, changed, QStringLiteral("l.json"), QString(), kAdmin);
        QCOMPARE(r.updated, QStringList{QStringLiteral("L2")});

        // R1 has seated candidates once allocated: its layout may not change under them.
        s.store().commit(QStringLiteral("S"), GroupBy::Class, kAdmin);
        s.store().allocate(QStringLiteral("S"), QStringLiteral("draw"), GroupBy::Class, kAdmin);
        const int rooms = count(*s.db, "SELECT count(*) FROM room");
        QVERIFY_THROWS_EXCEPTION(Error, importRoomLayoutJson(*s.db, *s.events,
                                                             R"({"rooms": [{"id": "N1", "rows": 1, "cols": 1},
            {"id": "R1", "rows": 3, "cols": 3}]})",
                                                             QStringLiteral("m.json"), QString(), kAdmin));
        QCOMPARE(count(*s.db, "SELECT count(*) FROM room"), rooms);
        try {
            importRoomLayoutJson(*s.db, *s.events,
                                 R"({"rooms": [{"id": "bad code!", "rows": 1, "cols": 1}]})",
                                 QStringLiteral("b.json"), QString(), kAdmin);
            QFAIL("accepted a bad room code");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(QStringLiteral("b.json: rooms[0].id")));
        }
        // Layouts and rooms are the site administrator's (manage_rooms).
        const Actor proctor{2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor};
        try {
            importRoomLayoutJson(*s.db, *s.events, R"({"rooms": [{"id": "N2", "rows": 1, "cols": 1}]})",
                                 QStringLiteral("p.json"), QString(), proctor);
            QFAIL("a proctor imported room layouts");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        QVERIFY_THROWS_EXCEPTION(Error,
                                 s.store().addRoom(QStringLiteral("N3"), {}, 2, 2,
                                                   QStringLiteral("row_major"), {}, QString(), proctor));
        QCOMPARE(count(*s.db, "SELECT count(*) FROM room"), rooms);
        s.store().addRoom(QStringLiteral("N3"), {}, 2, 2, QStringLiteral("row_major"), {},
                          QStringLiteral("S"), kAdmin);
        QCOMPARE(count(*s.db, "SELECT count(*) FROM room"), rooms + 1);
        // CLI review 2026-12-06: a code taken gave a raw SQL error; a seat both disabled and accessible
        // silently became usable; a closed session took a new room after its allocation.
        const auto kindOf = [&](const std::function<void()> &f) {
            try {
                f();
            } catch (const Error &e) {
                return std::optional<ErrorKind>(e.kind());
            }
            return std::optional<ErrorKind>();
        };
        QCOMPARE(kindOf([&] {
                     s.store().addRoom(QStringLiteral("N3"), {}, 2, 2, QStringLiteral("row_major"), {},
                                       QString(), kAdmin);
                 }),
                 std::optional(ErrorKind::Conflict));
        SeatFlags off, easy;
        off.disabled = true;
        easy.accessible = true;
        QCOMPARE(kindOf([&] {
                     s.store().addRoom(QStringLiteral("N4"), {}, 2, 2, QStringLiteral("row_major"),
                                       {off, easy}, QString(), kAdmin);
                 }),
                 std::optional(ErrorKind::Input));
        s.db->execute("UPDATE exam_session SET status = 'closed' WHERE code = 'S'");
        QCOMPARE(kindOf([&] {
                     s.store().addRoom(QStringLiteral("N5"), {}, 2, 2, QStringLiteral("row_major"), {},
                                       QStringLiteral("S"), kAdmin);
                 }),
                 std::optional(ErrorKind::Conflict));
        QCOMPARE(count(*s.db, "SELECT count(*) FROM room"), rooms + 1);
        QVERIFY_THROWS_EXCEPTION(Error,
                                 importRoomLayoutJson(*s.db, *s.events,
                                                      R"({"rooms": [{"id": "N6", "rows": 1, "cols": 1}]})",
                                                      QStringLiteral("c.json"), QStringLiteral("S"), kAdmin));
        QCOMPARE(count(*s.db, "SELECT count(*) FROM room"), rooms + 1);
    }

    void liveSeatStatus()
    {
        Site s = demo();
        const qint64 session = s.store().session(QStringLiteral("DEMO-1")).id;
        auto statusOf = [&](const QString &ticket) {
            for (const RoomOccupancy &ro : s.store().occupancy(session))
                for (const SeatOccupancy &o : ro.seats)
                    if (o.ticket == ticket)
                        return o.status;
            return SeatStatus::Unusable;
        };
        Statement late(*s.db, "UPDATE exam_session SET exam_date = ?2, starts_at = '00:00', late_cutoff = "
                              "'23:58', ends_at = '23:59' WHERE id = ?1");
        late.bind(1, session).bind(2, QDate::currentDate().addDays(1).toString(Qt::ISODate)).exec();
        QCOMPARE(statusOf(QStringLiteral("2026010003")), SeatStatus::Awaiting);
        const qint64 marker = SiteStore(*s.db).changeMarker();
        Statement in(*s.db,
                     "INSERT INTO check_in (session_id, candidate_id, checked_in_at, method) "
                     "SELECT ?1, id, '2026-01-01T08:00:00.000Z', 'manual' FROM candidate WHERE ticket = ?2");
        in.bind(1, session).bind(2, QStringLiteral("2026010003")).exec();
        QCOMPARE(statusOf(QStringLiteral("2026010003")), SeatStatus::CheckedIn);
        Statement absent(*s.db, "UPDATE registration SET attendance = 'absent' WHERE candidate_id = (SELECT "
                                "id FROM candidate WHERE ticket = ?1)");
        absent.bind(1, QStringLiteral("2026010004")).exec();
        QCOMPARE(statusOf(QStringLiteral("2026010004")), SeatStatus::Absent);
        Statement incident(
            *s.db,
            "INSERT INTO incident (session_id, candidate_id, category, description, occurred_at, "
            "recorded_at) "
            "SELECT ?1, id, 'device', 'screen flickers', 'now', 'now' FROM candidate WHERE ticket = ?2");
        incident.bind(1, session).bind(2, QStringLiteral("2026010003")).exec();
        QCOMPARE(statusOf(QStringLiteral("2026010003")), SeatStatus::Incident);
        s.events->append(session, QStringLiteral("incident.recorded"), QStringLiteral("t"), {});
        QVERIFY(SiteStore(*s.db).changeMarker() > marker);

        // After the late-entry cutoff, whoever has not checked in is absent.
        late.bind(1, session).bind(2, QDate::currentDate().addDays(-1).toString(Qt::ISODate)).exec();
        QCOMPARE(statusOf(QStringLiteral("2026010005")), SeatStatus::Absent);

        const RoomOccupancy a101 = s.store().occupancy(session, QStringLiteral("A101")).first();
        QCOMPARE(a101.seats.size(), 36);
        QCOMPARE(a101.seats[3 * 6 + 5].status, SeatStatus::Unusable);
        QCOMPARE(a101.seats[6].number, 12); // snake: row 1 runs right to left
        int empty = 0, allocated = 0;
        for (const SeatOccupancy &o : a101.seats) {
            empty += o.status == SeatStatus::Empty;
            allocated += o.candidateId != 0;
        }
        QCOMPARE(allocated, a101.allocated);
        QCOMPARE(empty + allocated + 1, 36);
    }

    void seatLayoutEditsOnlyFreeSeats()
    {
        Site s = demo();
        const qint64 session = s.store().session(QStringLiteral("DEMO-1")).id;
        const RoomOccupancy a102 = s.store().occupancy(session, QStringLiteral("A102")).first();
        const auto free = std::find_if(a102.seats.cbegin(), a102.seats.cend(),
                                       [](const SeatOccupancy &o) { return o.status == SeatStatus::Empty; });
        const auto held = std::find_if(a102.seats.cbegin(), a102.seats.cend(),
                                       [](const SeatOccupancy &o) { return o.candidateId != 0; });
        QVERIFY(free != a102.seats.cend() && held != a102.seats.cend());
        const qint64 marker = SiteStore(*s.db).changeMarker();

        s.store().editSeat(QStringLiteral("A102"), free->row, free->col, false, true, QStringLiteral("robot"),
                           kAdmin);
        const SeatOccupancy after =
            s.store().occupancy(session, QStringLiteral("A102")).first().seats[free->row * 6 + free->col];
        QVERIFY(after.accessible);
        QCOMPARE(after.workstation, QStringLiteral("robot"));
        QVERIFY(SiteStore(*s.db).changeMarker() > marker);
        Statement ev(
            *s.db,
            "SELECT actor, payload FROM event WHERE type = 'room.seat_edited' ORDER BY seq DESC LIMIT 1");
        QVERIFY(ev.step());
        QCOMPARE(ev.text(0), QStringLiteral("admin"));
        QVERIFY(ev.text(1).contains(u"\"robot\""));
        // Disabled wins over accessible.
        s.store().editSeat(QStringLiteral("A102"), free->row, free->col, true, true, QStringLiteral("pc"),
                           kAdmin);
        QCOMPARE(s.store()
                     .occupancy(session, QStringLiteral("A102"))
                     .first()
                     .seats[free->row * 6 + free->col]
                     .status,
                 SeatStatus::Unusable);

        // Refused, and nothing changes: a seat someone holds, a seat outside the grid, an unknown room,
        // a hostile workstation name.
        const qint64 before = SiteStore(*s.db).changeMarker();
        try {
            s.store().editSeat(QStringLiteral("A102"), held->row, held->col, true, false,
                               QStringLiteral("pc"), kAdmin);
            QFAIL("edited a seat someone holds");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(held->ticket), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(Error, s.store().editSeat(QStringLiteral("A102"), 6, 0, true, false,
                                                           QStringLiteral("pc"), kAdmin));
        QVERIFY_THROWS_EXCEPTION(Error, s.store().editSeat(QStringLiteral("A102"), -1, 0, true, false,
                                                           QStringLiteral("pc"), kAdmin));
        QVERIFY_THROWS_EXCEPTION(
            Error, s.store().editSeat(QStringLiteral("Z9"), 0, 0, true, false, QStringLiteral("pc"), kAdmin));
        QVERIFY_THROWS_EXCEPTION(
            Error, s.store().editSeat(QStringLiteral("A102"), free->row, free->col, false, false,
                                      QStringLiteral("pc'); DROP TABLE seat;--"), kAdmin));
        QCOMPARE(SiteStore(*s.db).changeMarker(), before);
        QVERIFY(s.store()
                    .occupancy(session, QStringLiteral("A102"))
                    .first()
                    .seats[held->row * 6 + held->col]
                    .candidateId != 0);
    }
};

QTEST_MAIN(TestSeatingStore)
#include "tst_seatingstore.moc"
