// A kiosk and a console on a real site server (#17 items 4 and 5), on a throwaway PostgreSQL cluster of
// this test's own (it stops and starts the server): another process's commit reaches the console's
// figures through LISTEN/NOTIFY with the fallback poll off; the kiosk's connection killed in the middle of
// a check-in's transaction, and the server stopped and started while a check-in waits, end with the
// check-in recorded exactly once and the ledger clean. Prints the notification's delay from commit to
// refresh (a figure, not a timed assertion).
#include "teststore.h"

#include "core/error.h"
#include "identity/checkinrecorder.h"
#include "ledger/ledger.h"
#include "services/siteservices.h"
#include "sim/simulatedcamera.h"
#include "staff/staffdirectory.h"
#include "store/changelistener.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "testsite.h"
#include "ui/appcontroller.h"

#include <algorithm>
#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

using namespace examsite;

namespace {

/// Kills the connection of the transaction it observes, once, from a second connection: the next
/// statement of that transaction (its COMMIT at the latest) finds the connection gone.
class KillMidTransaction : public IEventObserver
{
public:
    KillMidTransaction(Database &killer, qint64 victimPid) : m_killer(killer), m_pid(victimPid) {}
    void appended(Database &, const AppendedRecord &) override
    {
        if (m_done)
            return;
        m_done = true;
        Statement kill(m_killer, "SELECT pg_terminate_backend(?1)");
        kill.bind(1, m_pid);
        kill.exec();
    }
    bool done() const { return m_done; }

private:
    Database &m_killer;
    qint64 m_pid;
    bool m_done = false;
};

qint64 scalar(Database &db, const char *sql, const QString &arg = {})
{
    Statement s(db, sql);
    if (!arg.isNull())
        s.bind(1, arg);
    s.step();
    return s.int64(0);
}

QString value(const QString &conninfo, const QString &key)
{
    for (const QString &part : conninfo.split(u' ', Qt::SkipEmptyParts))
        if (part.startsWith(key + u'='))
            return part.mid(key.size() + 1);
    return {};
}

} // namespace

class TestSiteServer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    /// A new store on the cluster with the test site (session S1 open for check-in, candidates
    /// 2026020001-N, the proctor's account).
    QString newSite(const QString &name, std::unique_ptr<Database> *db)
    {
        const QString location = test::testStore(m_dir.filePath(name));
        *db = Database::open(location);
        buildTestSite(**db, TestSiteOptions{12});
        return location;
    }

    /// pg_ctl on the cluster the stores are on (its socket folder is the cluster's folder).
    static bool pgCtl(const QString &location, const QStringList &args)
    {
        const QString dir = value(location, QStringLiteral("host"));
        QString bin;
        const QStringList versions =
            QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &v : versions)
            bin = QStringLiteral("/usr/lib/postgresql/%1/bin/pg_ctl").arg(v);
        QStringList command{bin, QStringLiteral("-D"), dir + QStringLiteral("/data")};
        command += args;
        if (geteuid() == 0) // the server runs as 'nobody' (tests/pg/pgcluster.sh)
            command = QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("nobody"),
                                  QStringLiteral("--")} +
                      command;
        return QProcess::execute(command.first(), command.mid(1)) == 0;
    }

    static void checkLedger(Database &db)
    {
        ledger::Ledger ledger(db, nullptr);
        for (const qint64 id : ledger.logIds()) {
            const QStringList problems = ledger.check(id).problems;
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        }
    }

    /// The candidate at the kiosk's screen waits for a proctor (no face models here).
    static void present(CheckInViewModel *vm, const QString &ticket)
    {
        vm->reset();
        for (const QChar c : ticket)
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(test::onPostgres()); }

    /// (c) Another process checks a candidate in; the console's figures follow from the notification,
    /// with no poll at all.
    void anotherTerminalsCommitIsAnnounced()
    {
        std::unique_ptr<Database> db;
        const QString location = newSite(QStringLiteral("notify.db"), &db);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("console-1"));
        AppController app(services, cam, QString());
        app.setChangePollInterval(0); // no fallback: only the notification can refresh the figures
        QVERIFY(app.changeListener()->active());
        QTRY_VERIFY_WITH_TIMEOUT(app.changeListener()->listening(), 10000);
        const auto presentCount = [&app] {
            return app.session()->attendance().value(QStringLiteral("present")).toInt();
        };
        qint64 refreshedAt = 0;
        int seen = presentCount();
        connect(app.session(), &SessionViewModel::changed, this, [&] {
            if (presentCount() != seen) {
                seen = presentCount();
                refreshedAt = QDateTime::currentMSecsSinceEpoch();
            }
        });
        QList<qint64> delays;
        for (int i = 1; i <= 5; ++i) {
            const int before = presentCount();
            const qint64 heardBefore = app.changeListener()->received();
            QProcess other;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
            other.setProcessEnvironment(env);
            other.start(QStringLiteral(EXAMSITE_BIN),
                        {QStringLiteral("--db"), location, QStringLiteral("checkin"), QStringLiteral("admit"),
                         QStringLiteral("--session"), kTestSession, QStringLiteral("--ticket"),
                         QStringLiteral("20260200%1").arg(i, 2, 10, QLatin1Char('0')),
                         QStringLiteral("--reason"), QStringLiteral("ID checked by hand at the door"),
                         QStringLiteral("--as"), QStringLiteral("proctor")});
            // The event loop keeps running while the other process works, as in the console.
            QTRY_VERIFY_WITH_TIMEOUT(other.state() == QProcess::NotRunning, 60000);
            QVERIFY2(other.exitCode() == 0, other.readAllStandardError().constData());
            QTRY_COMPARE_WITH_TIMEOUT(presentCount(), before + 1, 10000);
            QVERIFY(app.changeListener()->received() > heardBefore);
            // When the event was appended, just before the other process committed (wall clock, same
            // machine).
            Statement last(
                *db, "SELECT wall_time FROM event WHERE type = 'checkin.override' ORDER BY seq DESC LIMIT 1");
            QVERIFY(last.step());
            const qint64 appended =
                QDateTime::fromString(last.text(0), Qt::ISODateWithMs).toMSecsSinceEpoch();
            delays.append(refreshedAt - appended);
        }
        std::sort(delays.begin(), delays.end());
        qInfo(
            "commit in another process -> console figures refreshed by NOTIFY: min %lld ms, median %lld ms, "
            "max %lld ms (5 check-ins)",
            delays.first(), delays.at(2), delays.last());
        checkLedger(*db);
    }

    /// (a) The kiosk's connection is killed (pg_terminate_backend) in the middle of the check-in's
    /// transaction: the screen says it is reconnecting, then the same attempt is recorded, once.
    void connectionKilledMidCheckIn()
    {
        std::unique_ptr<Database> db;
        const QString location = newSite(QStringLiteral("kill.db"), &db);
        auto killer = Database::open(location);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("kiosk-1"));
        AppController app(services, cam, QString());
        app.setChangePollInterval(0);
        CheckInViewModel *vm = app.checkIn();
        const StaffMember proctor =
            *services.staff().authenticate(QStringLiteral("proctor"), QStringLiteral("proctor1234")).staff;
        present(vm, QStringLiteral("2026020007"));

        KillMidTransaction kill(*killer, scalar(*db, "SELECT pg_backend_pid()"));
        services.events().setObserver(&kill);
        QSignalSpy unreachable(vm, &CheckInViewModel::serverUnreachableChanged);
        QCOMPARE(vm->admit(proctor, QStringLiteral("ID checked by hand")), QString()); // no error shown
        QVERIFY(kill.done());
        services.events().setObserver(nullptr);
        QVERIFY(vm->serverUnreachable());
        QVERIFY(vm->savePending());
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired); // not "checked in" before it is saved
        QCOMPARE(scalar(*killer,
                        "SELECT count(*) FROM check_in c JOIN candidate d ON d.id = c.candidate_id "
                        "WHERE d.ticket = ?1",
                        QStringLiteral("2026020007")),
                 qint64(0)); // rolled back with the connection

        QTRY_VERIFY_WITH_TIMEOUT(!vm->serverUnreachable(), 15000); // reconnected after a backoff delay
        QCOMPARE(vm->state(), CheckInViewModel::Verified);
        QVERIFY(!vm->savePending());
        QVERIFY(unreachable.count() >= 2);
        QCOMPARE(scalar(*killer,
                        "SELECT count(*) FROM check_in c JOIN candidate d ON d.id = c.candidate_id "
                        "WHERE d.ticket = ?1",
                        QStringLiteral("2026020007")),
                 qint64(1));
        QCOMPARE(scalar(*killer, "SELECT count(*) FROM event WHERE type = 'checkin.override'"), qint64(1));
        checkLedger(*killer);

        // The same attempt once more (the COMMIT had reached the server but its answer was lost): the
        // recorder finds it by its key and stores nothing new.
        Statement attempt(*killer, "SELECT attempt, candidate_id, session_id, id FROM check_in");
        QVERIFY(attempt.step());
        CheckInRecord again;
        again.attempt = attempt.text(0);
        again.candidateId = attempt.int64(1);
        again.sessionId = attempt.int64(2);
        again.reason = QStringLiteral("ID checked by hand");
        QCOMPARE(services.checkIn().admit(again, proctor), attempt.int64(3));
        QCOMPARE(scalar(*killer, "SELECT count(*) FROM check_in"), qint64(1));
    }

    /// (b) The server is stopped while a check-in is being saved, then started: the kiosk goes to
    /// "reconnecting" and back on its own, the waiting check-in is saved once, and the next one works.
    void serverStoppedAndStarted()
    {
        std::unique_ptr<Database> db;
        const QString location = newSite(QStringLiteral("restart.db"), &db);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("kiosk-2"));
        AppController app(services, cam, QString());
        CheckInViewModel *vm = app.checkIn();
        QTRY_VERIFY_WITH_TIMEOUT(app.changeListener()->listening(), 10000);
        const StaffMember proctor =
            *services.staff().authenticate(QStringLiteral("proctor"), QStringLiteral("proctor1234")).staff;
        present(vm, QStringLiteral("2026020008"));

        QVERIFY(pgCtl(location, {QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                                 QStringLiteral("stop")}));
        // The listener's connection hears of it first; the kiosk's own on its next statement.
        QTRY_VERIFY_WITH_TIMEOUT(vm->serverUnreachable(), 10000);
        QVERIFY(!app.changeListener()->listening());
        // A proctor's sign-in at the panel cannot be checked now: said so, nothing thrown at the screen.
        QVERIFY(!vm->proctor()->admitByProctor(QStringLiteral("proctor"), QStringLiteral("proctor1234"),
                                               QStringLiteral("ID checked by hand")));
        QVERIFY2(vm->proctor()->overrideError().contains(QStringLiteral("cannot be reached")),
                 qPrintable(vm->proctor()->overrideError()));
        QCOMPARE(vm->admit(proctor, QStringLiteral("ID checked by hand")), QString());
        QVERIFY(vm->savePending());
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
        QTest::qWait(3000); // a few reconnection attempts against a stopped server
        QVERIFY(vm->serverUnreachable());
        QVERIFY(services.link().attempts() >= 1);

        QProcess start;
        start.start(
            QStringLiteral(EXAMSITE_PGCLUSTER),
            {QStringLiteral("start"), value(location, QStringLiteral("host")), QStringLiteral("fsync=off")});
        QVERIFY(start.waitForFinished(120000));
        QVERIFY2(start.exitCode() == 0, start.readAllStandardError().constData());
        QTRY_VERIFY_WITH_TIMEOUT(!vm->serverUnreachable(), 30000);
        QCOMPARE(vm->state(), CheckInViewModel::Verified);
        QVERIFY(!vm->savePending());
        QTRY_VERIFY_WITH_TIMEOUT(app.changeListener()->listening(), 30000);

        // The next candidate checks in as usual.
        present(vm, QStringLiteral("2026020009"));
        QCOMPARE(vm->admit(proctor, QStringLiteral("ID checked by hand")), QString());
        QCOMPARE(vm->state(), CheckInViewModel::Verified);
        auto check = Database::open(location);
        QCOMPARE(scalar(*check, "SELECT count(*) FROM check_in"), qint64(2));
        QCOMPARE(scalar(*check, "SELECT count(DISTINCT attempt) FROM check_in"), qint64(2));
        checkLedger(*check);
    }
};

QTEST_MAIN(TestSiteServer)
#include "tst_siteserver.moc"
