// Eight kiosks on one site server for a minute (#17, "Tests (real server, no mock)"): eight processes
// (conc_terminal) check in overlapping candidates of one session through CheckInRecorder, retry some of
// their attempts with the same key, and as the proctor take seats out of service and put them back through
// SeatingStore, all at once on the throwaway PostgreSQL cluster. Afterwards: every candidate is checked in
// exactly once (rows and events), each terminal's answers add up and name the terminal that won, the seat
// outages add up and the allocation still verifies, `ledger check` is clean, and every log's Merkle root
// equals that of its records replayed into a fresh SQLite store, and that of `examsite store copy` to a
// file. Prints the figures.
//
// EXAMSITE_CONC_SECONDS shortens the minute for a run at a desk; CI runs the full minute.
#include "teststore.h"

#include "core/error.h"
#include "demo/demosite.h"
#include "ledger/ledger.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "services/siteservices.h"
#include "store/database.h"

#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdio>

using namespace examsite;

namespace {

const QString kSession = QStringLiteral("CONC-1");
constexpr int kTerminals = 8;
constexpr int kOverlap = 4; ///< terminals that try each candidate
constexpr int kRooms = 7;   ///< of 10 x 10 seats, one of them out of use: 699 seats
constexpr int kCandidates = 600;

qint64 scalar(Database &db, const char *sql, qint64 arg)
{
    Statement s(db, sql);
    s.bind(1, arg);
    s.step();
    return s.int64(0);
}

/// Appends records as EventStore does (the event row with the record and its leaf hash, then the log's
/// size and Merkle frontier), but the given records rather than new ones: a replay of another store's log.
void replay(Database &db, qint64 logId, const QList<QByteArray> &records)
{
    Transaction tx(db);
    ledger::CompactRange range;
    Statement insert(db, "INSERT INTO event (session_id, wall_time, mono_ns, terminal, actor, type, payload, "
                         "log_seq, record, leaf_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (const QByteArray &bytes : records) {
        QString why;
        const std::optional<ledger::LedgerRecord> r = ledger::decodeRecord(bytes, &why);
        QVERIFY2(r, qPrintable(why));
        const QByteArray leaf = ledger::leafHash(bytes);
        range.append(leaf);
        if (logId > 0)
            insert.bind(1, logId);
        else
            insert.bindNull(1);
        insert.bind(2, ledger::msToIso(r->wallMs)).bind(3, r->monoNs).bind(4, r->terminal).bind(5, r->actor);
        insert.bind(6, r->type).bind(7, QString::fromUtf8(r->payload)).bind(8, qint64(r->seq));
        insert.bind(9, bytes).bind(10, leaf);
        insert.exec();
    }
    Statement log(db, "INSERT INTO ledger_log (session_id, size, frontier) VALUES (?1, ?2, ?3)");
    log.bind(1, logId).bind(2, qint64(range.size())).bind(3, range.hashes());
    log.exec();
    tx.commit();
}

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_location;
    qint64 m_session = 0;
    QList<qint64> m_candidates;

    void buildSite()
    {
        QVERIFY(m_dir.isValid());
        // The site key of a store on the server is kept under the data folder: this run's own, which the
        // terminals and the CLI inherit.
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
        QVERIFY(test::onPostgres());
        m_location = test::testStore(m_dir.filePath(QStringLiteral("conc.db")));

        // The demo site (its staff, DEMO-1), then CONC-1: kCandidates candidates in kRooms rooms, seated by
        // the real allocation, check-in open all day (late entry until 23:58), all through the services.
        auto db = Database::open(m_location);
        SiteServices services(*db, QStringLiteral("conc-setup"));
        buildDemoSite(*db, services.events(), m_dir.filePath(QStringLiteral("demo")));
        const Actor admin = *services.staff().member(QStringLiteral("admin"));
        NewSession s;
        s.code = kSession;
        s.organisationCode = QStringLiteral("ORG-DEMO");
        s.organisationName = QStringLiteral("示范培训评价组织");
        s.certificate = QStringLiteral("Web前端开发");
        s.level = QStringLiteral("中级");
        s.date = QDate::currentDate().toString(Qt::ISODate);
        s.startsAt = QStringLiteral("00:00");
        s.endsAt = QStringLiteral("23:59");
        s.lateCutoff = QStringLiteral("23:58");
        s.status = QStringLiteral("checkin_open");
        m_session = services.sessions().create(s, admin);
        for (int r = 0; r < kRooms; ++r) {
            QList<SeatFlags> flags;
            if (r == 0) {
                SeatFlags broken;
                broken.row = 9;
                broken.col = 9;
                broken.disabled = true;
                flags.append(broken);
            }
            services.seating().addRoom(QStringLiteral("C%1").arg(101 + r),
                                       QStringLiteral("并发机房 %1").arg(r + 1), 10, 10,
                                       QStringLiteral("row_major"), flags, kSession, admin);
        }
        for (int i = 0; i < kCandidates; ++i) {
            Candidate c;
            c.ticket = QStringLiteral("2026%1").arg(30000 + i, 6, 10, QLatin1Char('0'));
            c.name = QStringLiteral("并发考生%1").arg(i);
            c.idNumber = demoIdNumber(QStringLiteral("120101"),
                                      QDate(2004, 1, 1).addDays(i / 400).toString(QStringLiteral("yyyyMMdd")),
                                      i % 400 + 100);
            c.gender = i % 2 ? QStringLiteral("F") : QStringLiteral("M");
            c.school = QStringLiteral("并发职业学院");
            c.className = QStringLiteral("%1班").arg(1 + i % 6);
            const qint64 id = services.candidates().insert(c);
            QVERIFY(services.candidates().registerFor(m_session, id));
            m_candidates.append(id);
        }
        services.seating().commit(kSession, seating::GroupBy::Class, admin);
        const seating::AllocationRecord a = services.seating().allocate(
            kSession, QStringLiteral("CONC-1 public draw"), seating::GroupBy::Class, admin);
        QCOMPARE(a.assigned, kCandidates);
    }

    void runTerminals()
    {
        const int seconds = qEnvironmentVariableIsEmpty("EXAMSITE_CONC_SECONDS")
                                ? 60
                                : std::max(2, qEnvironmentVariableIntValue("EXAMSITE_CONC_SECONDS"));
        // The seats the proctors fail and restore: 24 of room C101 and C102 (so outages collide), seated or
        // not.
        QJsonArray seats;
        for (int i = 0; i < 24; ++i)
            seats.append(
                QJsonObject{{QStringLiteral("room"), i % 2 ? QStringLiteral("C102") : QStringLiteral("C101")},
                            {QStringLiteral("row"), (i * 3) % 9},
                            {QStringLiteral("col"), (i * 7) % 9}});
        QJsonArray candidates;
        for (const qint64 id : m_candidates)
            candidates.append(id);
        const QString planPath = m_dir.filePath(QStringLiteral("plan.json"));
        {
            QSaveFile f(planPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(QJsonObject{{QStringLiteral("session"), m_session},
                                              {QStringLiteral("sessionCode"), kSession},
                                              {QStringLiteral("candidates"), candidates},
                                              {QStringLiteral("seats"), seats}})
                        .toJson());
            QVERIFY(f.commit());
        }

        auto db = Database::open(m_location);
        SiteServices services(*db, QStringLiteral("conc-check"));
        const qint64 eventsBefore = services.events().count();

        // Eight processes, walking their lists from one moment (when all have signed in, on a busy machine).
        std::vector<std::unique_ptr<QProcess>> procs;
        QElapsedTimer wall;
        wall.start();
        const qint64 start = QDateTime::currentMSecsSinceEpoch() + 6000;
        for (int k = 0; k < kTerminals; ++k) {
            auto p = std::make_unique<QProcess>();
            p->setProgram(QStringLiteral(EXAMSITE_CONC_TERMINAL));
            p->setArguments({QStringLiteral("--db"), m_location, QStringLiteral("--plan"), planPath,
                             QStringLiteral("--index"), QString::number(k), QStringLiteral("--terminals"),
                             QString::number(kTerminals), QStringLiteral("--overlap"),
                             QString::number(kOverlap), QStringLiteral("--seconds"), QString::number(seconds),
                             QStringLiteral("--start"), QString::number(start)});
            p->start();
            procs.push_back(std::move(p));
        }
        QList<QJsonObject> reports;
        for (auto &p : procs) {
            QVERIFY2(p->waitForFinished((seconds + 120) * 1000), "a terminal did not finish");
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, err.constData());
            const QJsonObject report = QJsonDocument::fromJson(p->readAllStandardOutput().trimmed()).object();
            QVERIFY2(!report.isEmpty(), "a terminal printed no report");
            reports.append(report);
        }
        const double elapsed = double(QDateTime::currentMSecsSinceEpoch() - start) / 1000;
        const double startup = double(wall.elapsed()) / 1000 - elapsed;

        // Each terminal's answers add up, each refusal names the terminal that checked the candidate in,
        // and a retry with the same key got the first answer again.
        QHash<qint64, QString> winner;   // candidate -> terminal
        QHash<qint64, qint64> checkInOf; // candidate -> check-in id
        int attempts = 0, admitted = 0, already = 0, retries = 0;
        int seatFailed = 0, seatFailRefused = 0, seatRestored = 0, seatRestoreRefused = 0, moves = 0;
        for (const QJsonObject &r : reports) {
            const QString terminal = r.value(QStringLiteral("terminal")).toString();
            const QJsonArray errors = r.value(QStringLiteral("errors")).toArray();
            QVERIFY2(errors.isEmpty(),
                     qPrintable(terminal + QStringLiteral(": ") +
                                QString::fromUtf8(QJsonDocument(errors).toJson(QJsonDocument::Compact))));
            const int a = r.value(QStringLiteral("attempts")).toInt();
            const int ok = r.value(QStringLiteral("admitted")).toInt();
            const int no = r.value(QStringLiteral("alreadyCheckedIn")).toInt();
            QVERIFY2(a > 0, qPrintable(terminal));
            QCOMPARE(ok + no, a);
            QCOMPARE(r.value(QStringLiteral("retriesDiffering")).toInt(), 0);
            for (const QJsonValue &v : r.value(QStringLiteral("checkedIn")).toArray()) {
                const qint64 candidate = v.toArray().at(0).toInteger();
                QVERIFY2(!winner.contains(candidate),
                         qPrintable(QStringLiteral("candidate %1 checked in by %2 and %3")
                                        .arg(candidate)
                                        .arg(winner.value(candidate), terminal)));
                winner.insert(candidate, terminal);
                checkInOf.insert(candidate, v.toArray().at(1).toInteger());
            }
            attempts += a;
            admitted += ok;
            already += no;
            retries += r.value(QStringLiteral("retries")).toInt();
            seatFailed += r.value(QStringLiteral("seatFailed")).toInt();
            seatFailRefused += r.value(QStringLiteral("seatFailRefused")).toInt();
            seatRestored += r.value(QStringLiteral("seatRestored")).toInt();
            seatRestoreRefused += r.value(QStringLiteral("seatRestoreRefused")).toInt();
            moves += r.value(QStringLiteral("moves")).toInt();
        }
        for (const QJsonObject &r : reports)
            for (const QJsonValue &v : r.value(QStringLiteral("already")).toArray()) {
                const qint64 candidate = v.toArray().at(0).toInteger();
                QCOMPARE(v.toArray().at(1).toString(), winner.value(candidate));
            }
        // Races: candidates whose attempts at two terminals were under way at the same moment (the
        // terminals walk the same order at one pace, so most are), i.e. the refusal was decided while
        // the winner's transaction was open or just committed.
        QHash<qint64, QList<std::pair<qint64, qint64>>> spans; // candidate -> (start, end) per attempt
        for (const QJsonObject &r : reports)
            for (const QJsonValue &v : r.value(QStringLiteral("times")).toArray()) {
                const QJsonArray t = v.toArray();
                spans[t.at(0).toInteger()].append({t.at(1).toInteger(), t.at(2).toInteger()});
            }
        int raced = 0;
        for (auto it = spans.cbegin(); it != spans.cend(); ++it) {
            QList<std::pair<qint64, qint64>> s = it.value();
            std::sort(s.begin(), s.end());
            for (qsizetype i = 1; i < s.size(); ++i)
                if (s[i].first <= s[i - 1].second) {
                    ++raced;
                    break;
                }
        }
        QVERIFY2(raced > 0, "no two terminals ever tried a candidate at the same moment: nothing was raced");
        // Every candidate was tried by kOverlap terminals, so each is checked in, once.
        QCOMPARE(attempts, kCandidates * kOverlap);
        QCOMPARE(admitted, kCandidates);
        QCOMPARE(int(winner.size()), kCandidates);
        QVERIFY(already >= kCandidates * (kOverlap - 1));

        // The store agrees: one entry check-in row per candidate, the ones the terminals were told, and
        // one checkin.verified event each.
        QCOMPARE(scalar(*db, "SELECT count(*) FROM check_in WHERE session_id = ?1", m_session),
                 qint64(kCandidates));
        QCOMPARE(
            scalar(*db, "SELECT count(DISTINCT candidate_id) FROM check_in WHERE session_id = ?1", m_session),
            qint64(kCandidates));
        QCOMPARE(scalar(*db, "SELECT count(*) FROM event WHERE session_id = ?1 AND type = 'checkin.verified'",
                        m_session),
                 qint64(kCandidates));
        for (const qint64 candidate : std::as_const(m_candidates)) {
            const std::optional<RecordedCheckIn> c = services.checkIn().entryCheckIn(m_session, candidate);
            QVERIFY(c);
            QCOMPARE(c->terminal, winner.value(candidate));
        }
        QCOMPARE(scalar(*db,
                        "SELECT count(*) FROM registration WHERE session_id = ?1 AND attendance = 'present'",
                        m_session),
                 qint64(kCandidates));

        // Seat outages: each success is one event; every outage's terminal restores it later (or finds it
        // restored by another), so none is left; nobody sits on a failed seat or shares one, everybody is
        // seated, and the allocation with its recorded moves still verifies.
        QCOMPARE(scalar(*db, "SELECT count(*) FROM event WHERE session_id = ?1 AND type = 'seat.failed'",
                        m_session),
                 qint64(seatFailed));
        QCOMPARE(scalar(*db, "SELECT count(*) FROM event WHERE session_id = ?1 AND type = 'seat.restored'",
                        m_session),
                 qint64(seatRestored));
        int outOfService = 0, seated = 0;
        QSet<qint64> sitting;
        for (const seating::RoomOccupancy &room : services.seating().occupancy(m_session))
            for (const seating::SeatOccupancy &seat : room.seats) {
                outOfService += seat.outOfService ? 1 : 0;
                if (seat.candidateId) {
                    QVERIFY2(!seat.outOfService, qPrintable(room.room.code));
                    QVERIFY(!sitting.contains(seat.candidateId));
                    sitting.insert(seat.candidateId);
                    ++seated;
                }
            }
        QCOMPARE(outOfService, seatFailed - seatRestored);
        QCOMPARE(outOfService, 0); // each outage's terminal restored it (or found it restored) afterwards
        QCOMPARE(seated, kCandidates);
        const seating::VerifyReport verified = services.seating().verify(kSession);
        for (const seating::VerifyCheck &c : verified.checks)
            QVERIFY2(c.ok, qPrintable(c.name + QStringLiteral(": ") + c.detail));

        // The ledger: every log consistent (records, sequence, frontier, the checkpoints the terminals
        // signed as they went), each log's root that of its records replayed into a fresh SQLite store.
        const qint64 events = services.events().count() - eventsBefore;
        ledger::Ledger onServer(*db, nullptr);
        const QString replayFile = m_dir.filePath(QStringLiteral("replay.db"));
        auto replayDb = Database::open(replayFile);
        {
            // The sessions' rows first, with the same ids, for the event rows to refer to.
            SiteStore replaySites(*replayDb);
            replaySites.ensureSite(QStringLiteral("REPLAY"), QStringLiteral("replay"));
            QList<ExamSession> sessions = services.sites().sessions();
            std::sort(sessions.begin(), sessions.end(),
                      [](const ExamSession &a, const ExamSession &b) { return a.id < b.id; });
            for (const ExamSession &s : std::as_const(sessions)) {
                NewSession copy;
                copy.code = s.code;
                copy.certificate = s.certificate;
                copy.level = s.level;
                copy.lateCutoff = s.lateCutoff;
                copy.date = s.date;
                copy.startsAt = s.startsAt;
                copy.endsAt = s.endsAt;
                copy.status = s.status;
                QCOMPARE(replaySites.createSession(copy), s.id);
            }
        }
        QHash<qint64, QByteArray> roots;
        int checkpoints = 0;
        for (const qint64 log : onServer.logIds()) {
            const ledger::LedgerCheck c = onServer.check(log);
            QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
            checkpoints += c.checkpoints;
            const QList<QByteArray> records = onServer.records(log);
            QCOMPARE(quint64(records.size()), c.records);
            replay(*replayDb, log, records);
            const ledger::LedgerCheck r = ledger::Ledger(*replayDb, nullptr).check(log);
            QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
            QCOMPARE(r.records, c.records);
            QCOMPARE(r.root.toHex(), c.root.toHex());
            roots.insert(log, c.root);
        }
        QVERIFY(roots.contains(m_session));
        QVERIFY(checkpoints > 0);
        // The CLI below changes the site log (it registers); the session logs compared stay as they are.

        // `examsite ledger check` on the server (the CLI registers, so the site log grows by an event; the
        // session's log does not).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        QProcess check;
        check.setProcessEnvironment(env);
        check.start(QStringLiteral(EXAMSITE_BIN),
                    {QStringLiteral("--db"), m_location, QStringLiteral("--json"),
                     QStringLiteral("--terminal"), QStringLiteral("conc-cli"), QStringLiteral("ledger"),
                     QStringLiteral("check")});
        QVERIFY(check.waitForFinished(120000));
        QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
        const QByteArray checkOut = check.readAllStandardOutput();
        QVERIFY2(checkOut.contains(roots.value(m_session).toHex()), checkOut.constData());

        // `examsite store copy` to a file: the same roots on both sides, the session's the replay's.
        const QString copyFile = m_dir.filePath(QStringLiteral("copy.db"));
        QProcess copy;
        copy.setProcessEnvironment(env);
        copy.start(QStringLiteral(EXAMSITE_BIN),
                   {QStringLiteral("--db"), m_location, QStringLiteral("--terminal"),
                    QStringLiteral("conc-cli"), QStringLiteral("store"), QStringLiteral("copy"),
                    QStringLiteral("--to"), copyFile, QStringLiteral("--as"), QStringLiteral("admin")});
        QVERIFY(copy.waitForFinished(300000));
        QVERIFY2(copy.exitCode() == 0,
                 (copy.readAllStandardOutput() + copy.readAllStandardError()).constData());
        {
            auto copied = Database::open(copyFile);
            const ledger::LedgerCheck c = ledger::Ledger(*copied, nullptr).check(m_session);
            QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
            QCOMPARE(c.root.toHex(), roots.value(m_session).toHex());
        }

        std::printf(
            "tst_concurrency: %d terminals, %d s each (%.1f s wall after %.1f s to start), %d candidates "
            "each tried by %d\n",
            kTerminals, seconds, elapsed, startup, kCandidates, kOverlap);
        std::printf("  check-in attempts %d: %d checked in, %d 'already checked in' (conflicts), %d retries "
                    "with the same key; %d candidates tried at two terminals at the same moment\n",
                    attempts, admitted, already, retries, raced);
        std::printf("  seats: %d failed (%d candidates moved), %d failures refused, %d restored, %d "
                    "restorations refused\n",
                    seatFailed, moves, seatFailRefused, seatRestored, seatRestoreRefused);
        const int writes =
            attempts + retries + seatFailed + seatFailRefused + seatRestored + seatRestoreRefused;
        std::printf("  %d write transactions (%.1f /s), events %lld (%.1f events/s), %d checkpoints signed; "
                    "session root %s\n",
                    writes, double(writes) / elapsed, static_cast<long long>(events),
                    double(events) / elapsed, checkpoints, roots.value(m_session).toHex().constData());
        std::fflush(stdout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        try {
            buildSite();
        } catch (const Error &e) {
            QFAIL(qPrintable(e.message()));
        }
    }

    void eightTerminals()
    {
        try {
            runTerminals();
        } catch (const Error &e) {
            QFAIL(qPrintable(e.message()));
        }
    }
};

QTEST_MAIN(TestConcurrency) // the demo site draws its candidates' photos
#include "tst_concurrency.moc"
