// The site's terminals (#17 item 2), on a real store: two processes' connections to one SQLite file (or
// one PostgreSQL database in tst_terminals_pg). Registration, the heartbeat, the state derived from the
// last-seen time, the refusal of another key under a registered name (an impersonation), a site
// administrator forgetting a name, who may list, hostile names, and that events record the terminal.
#include "core/error.h"
#include "core/policy.h"
#include "ledger/minisign.h"
#include "services/siteservices.h"
#include "services/terminalregistry.h"
#include "store/database.h"
#include "teststore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace examsite;

class TestTerminals : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_location;
    const QDateTime m_t0 = QDateTime(QDate(2026, 12, 5), QTime(7, 30), Qt::UTC);
    Actor m_admin, m_proctor, m_evaluator;

    std::unique_ptr<SiteServices> open(const QString &name) { return SiteServices::open(m_location, name); }
    static QString errorOf(const std::function<void()> &f, ErrorKind kind)
    {
        try {
            f();
        } catch (const Error &e) {
            if (e.kind() != kind)
                return QStringLiteral("wrong kind: ") + e.message();
            return e.message();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_location = test::testStore(m_dir.filePath(QStringLiteral("site.db")));
        auto site = open(QStringLiteral("setup"));
        StaffDirectory &staff = site->staff();
        staff.addFirstAccount(QStringLiteral("admin"), {}, Role::SiteAdmin, QStringLiteral("admin password"));
        m_admin = *staff.member(QStringLiteral("admin"));
        staff.addStaff(m_admin, QStringLiteral("wang"), {}, Role::Proctor,
                       QStringLiteral("proctor password"));
        staff.addStaff(m_admin, QStringLiteral("li"), {}, Role::Evaluator, QStringLiteral("evaluator pass"));
        m_proctor = *staff.member(QStringLiteral("wang"));
        m_evaluator = *staff.member(QStringLiteral("li"));
    }

    void fingerprintOfARealKey()
    {
        ledger::SigningKey a = ledger::SigningKey::generate(), b = ledger::SigningKey::generate();
        const QString fa = TerminalRegistry::fingerprint(a);
        QVERIFY(fa.startsWith(QStringLiteral("SHA256:")));
        QCOMPARE(fa.size(), 7 + 43); // 32 bytes in unpadded base64
        QCOMPARE(TerminalRegistry::fingerprint(a), fa);
        QVERIFY(TerminalRegistry::fingerprint(b) != fa);
        a.wipe();
        b.wipe();
    }

    void defaultNamesTellKindsApart()
    {
        const QString kiosk = TerminalRegistry::defaultName(TerminalKind::Kiosk);
        const QString cli = TerminalRegistry::defaultName(TerminalKind::Cli);
        QVERIFY(kiosk.endsWith(QStringLiteral("/kiosk")));
        QVERIFY(cli.endsWith(QStringLiteral("/cli")));
        QCOMPARE(kiosk.chopped(6), cli.chopped(4)); // the same host
        QCOMPARE(TerminalRegistry::parseKind(QStringLiteral("feeds")), TerminalKind::Feeds);
        QVERIFY(!TerminalRegistry::parseKind(QStringLiteral("Kiosk")));
    }

    void stateFromLastSeen()
    {
        using R = TerminalRegistry;
        QCOMPARE(R::stateAt(m_t0, m_t0), TerminalState::Online);
        QCOMPARE(R::stateAt(m_t0, m_t0.addSecs(R::kOnlineSeconds)), TerminalState::Online);
        QCOMPARE(R::stateAt(m_t0, m_t0.addSecs(R::kOnlineSeconds + 1)), TerminalState::Quiet);
        QCOMPARE(R::stateAt(m_t0, m_t0.addSecs(R::kOfflineSeconds)), TerminalState::Quiet);
        QCOMPARE(R::stateAt(m_t0, m_t0.addSecs(R::kOfflineSeconds + 1)), TerminalState::Offline);
        QCOMPARE(R::stateAt(m_t0.addSecs(20), m_t0), TerminalState::Online); // another machine's clock ahead
        QCOMPARE(R::stateAt(QDateTime(), m_t0), TerminalState::Offline);
    }

    void registrationAndHeartbeat()
    {
        auto door = open(QStringLiteral("door-1"));
        const int before = door->events().count(QStringLiteral("terminal.registered"));
        door->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("A101"),
                                       QStringLiteral("SHA256:k1"), m_t0);
        QCOMPARE(door->events().count(QStringLiteral("terminal.registered")), before + 1);
        // Every event it writes records its name.
        door->leaveKiosk(m_admin);
        QList<TerminalStatus> all = door->terminals().list(m_proctor, m_t0.addSecs(10));
        const auto find = [](const QList<TerminalStatus> &list, const QString &name) {
            for (const TerminalStatus &t : list)
                if (t.terminal.name == name)
                    return t;
            return TerminalStatus{};
        };
        TerminalStatus t = find(all, QStringLiteral("door-1"));
        QCOMPARE(t.terminal.kind, QStringLiteral("kiosk"));
        QCOMPARE(t.terminal.room, QStringLiteral("A101"));
        QCOMPARE(t.terminal.keyFingerprint, QStringLiteral("SHA256:k1"));
        QCOMPARE(t.terminal.firstSeen, m_t0);
        QCOMPARE(t.terminal.lastSeen, m_t0);
        QCOMPARE(t.state, TerminalState::Online);
        QCOMPARE(t.secondsSinceSeen, 10);

        // Ten minutes without a beat: quiet; twenty: offline; a beat brings it back, no new event.
        QCOMPARE(find(door->terminals().list(m_proctor, m_t0.addSecs(600)), QStringLiteral("door-1")).state,
                 TerminalState::Quiet);
        QCOMPARE(find(door->terminals().list(m_proctor, m_t0.addSecs(1200)), QStringLiteral("door-1")).state,
                 TerminalState::Offline);
        door->terminals().heartbeat(m_t0.addSecs(1200));
        t = find(door->terminals().list(m_proctor, m_t0.addSecs(1205)), QStringLiteral("door-1"));
        QCOMPARE(t.state, TerminalState::Online);
        QCOMPARE(t.terminal.firstSeen, m_t0);
        QCOMPARE(t.terminal.lastSeen, m_t0.addSecs(1200));
        QCOMPARE(door->events().count(QStringLiteral("terminal.registered")), before + 1);

        // A second process on the same store, another name: two terminals; each event names its own.
        auto console = open(QStringLiteral("office/console"));
        console->terminals().registerSelf(TerminalKind::Console, {}, {}, m_t0.addSecs(1201));
        console->leaveKiosk(m_admin);
        all = console->terminals().list(m_admin, m_t0.addSecs(1210));
        QVERIFY(!find(all, QStringLiteral("door-1")).terminal.name.isEmpty());
        QCOMPARE(find(all, QStringLiteral("office/console")).terminal.kind, QStringLiteral("console"));
        std::unique_ptr<Database> db = Database::open(m_location);
        Statement s(*db, "SELECT terminal FROM event WHERE type = 'kiosk.left' ORDER BY seq");
        QStringList terminals;
        while (s.step())
            terminals.append(s.text(0));
        QCOMPARE(terminals, (QStringList{QStringLiteral("door-1"), QStringLiteral("office/console")}));
    }

    // A kiosk's held writes set aside in its outbox (refused by the site server, or unreadable) go out
    // with its beat: the list shows how many, a count that rose is an event in the site's log, and a
    // process without an outbox (a console, the CLI) leaves the recorded count alone.
    void setAsideWritesAreReportedWithTheBeat()
    {
        auto door = open(QStringLiteral("door-9"));
        int aside = 0;
        door->terminals().setSetAsideCount([&aside] { return aside; });
        door->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("B201"), {}, m_t0);
        const auto setAside = [&] {
            for (const TerminalStatus &t : door->terminals().list(m_proctor, m_t0))
                if (t.terminal.name == u"door-9")
                    return t.terminal.setAside;
            return -1;
        };
        QCOMPARE(setAside(), 0);
        const int events = door->events().count(QStringLiteral("terminal.set_aside"));
        aside = 2;
        door->terminals().heartbeat(m_t0.addSecs(30));
        QCOMPARE(setAside(), 2);
        QCOMPARE(door->events().count(QStringLiteral("terminal.set_aside")), events + 1);
        door->terminals().heartbeat(m_t0.addSecs(60)); // the same count: no new event
        QCOMPARE(door->events().count(QStringLiteral("terminal.set_aside")), events + 1);
        {
            std::unique_ptr<Database> db = Database::open(m_location);
            Statement s(*db, "SELECT terminal, ifnull(session_id, 0), payload FROM event WHERE type = "
                             "'terminal.set_aside' ORDER BY seq DESC LIMIT 1");
            QVERIFY(s.step());
            QCOMPARE(s.text(0), QStringLiteral("door-9"));
            QCOMPARE(s.int64(1), 0); // the site's log
            QVERIFY(s.text(2).contains(QLatin1String("\"set_aside\":2")));
        }
        // Staff dealt with the files: the next beat says 0, and the list no longer shows them.
        aside = 0;
        door->terminals().heartbeat(m_t0.addSecs(90));
        QCOMPARE(setAside(), 0);
        QCOMPARE(door->events().count(QStringLiteral("terminal.set_aside")), events + 1);
        // A process of the same name without an outbox leaves what the kiosk said.
        aside = 3;
        door->terminals().heartbeat(m_t0.addSecs(120));
        auto other = open(QStringLiteral("door-9"));
        other->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("B201"), {}, m_t0.addSecs(130));
        QCOMPARE(setAside(), 3);
    }

    void anotherKeyUnderARegisteredNameIsRefused()
    {
        auto impostor = open(QStringLiteral("door-1"));
        const int events = impostor->events().count();
        QString message = errorOf(
            [&] {
                impostor->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("A101"),
                                                   QStringLiteral("SHA256:k2"), m_t0.addSecs(1300));
            },
            ErrorKind::Conflict);
        QVERIFY2(message.contains(QStringLiteral("SHA256:k1")) &&
                     message.contains(QStringLiteral("SHA256:k2")),
                 qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("door-1")));
        // No key at all under a name registered with one: refused too.
        message = errorOf([&] { impostor->terminals().registerSelf(TerminalKind::Cli, {}, {}, m_t0); },
                          ErrorKind::Conflict);
        QVERIFY2(message.contains(QStringLiteral("no key")), qPrintable(message));
        QCOMPARE(impostor->events().count(), events);
        // The registered row is as it was.
        for (const TerminalStatus &t : impostor->terminals().list(m_admin))
            if (t.terminal.name == u"door-1") {
                QCOMPARE(t.terminal.keyFingerprint, QStringLiteral("SHA256:k1"));
                QCOMPARE(t.terminal.lastSeen, m_t0.addSecs(1200));
            }
        // The real door-1's beat still works.
        auto door = open(QStringLiteral("door-1"));
        door->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("A101"),
                                       QStringLiteral("SHA256:k1"), m_t0.addSecs(1400));
    }

    void aKeylessNameTakesItsFirstKey()
    {
        auto office = open(QStringLiteral("office/console"));
        const int before = office->events().count(QStringLiteral("terminal.registered"));
        office->terminals().registerSelf(TerminalKind::Console, {}, QStringLiteral("SHA256:k3"), m_t0);
        QCOMPARE(office->events().count(QStringLiteral("terminal.registered")), before + 1);
        QCOMPARE(errorOf([&] { office->terminals().registerSelf(TerminalKind::Console, {}, {}, m_t0); },
                         ErrorKind::Conflict)
                     .isEmpty(),
                 false);
    }

    void onlyASiteAdministratorForgets()
    {
        auto site = open(QStringLiteral("admin-pc"));
        QVERIFY(!errorOf([&] { site->terminals().forget(m_proctor, QStringLiteral("door-1")); },
                         ErrorKind::Denied)
                     .isEmpty());
        QVERIFY(!errorOf([&] { site->terminals().list(m_evaluator); }, ErrorKind::Denied).isEmpty());
        QVERIFY(!errorOf([&] { site->terminals().forget(m_admin, QStringLiteral("nowhere")); },
                         ErrorKind::NotFound)
                     .isEmpty());
        const int forgotten = site->events().count(QStringLiteral("terminal.forgotten"));
        site->terminals().forget(m_admin, QStringLiteral("door-1"));
        QCOMPARE(site->events().count(QStringLiteral("terminal.forgotten")), forgotten + 1);
        // The replaced kiosk registers its new key under the name.
        auto replaced = open(QStringLiteral("door-1"));
        replaced->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("A101"),
                                           QStringLiteral("SHA256:k2"), m_t0.addSecs(1500));
        for (const TerminalStatus &t : replaced->terminals().list(m_admin))
            if (t.terminal.name == u"door-1") {
                QCOMPARE(t.terminal.keyFingerprint, QStringLiteral("SHA256:k2"));
                QCOMPARE(t.terminal.firstSeen, m_t0.addSecs(1500));
            }
    }

    void hostileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("control") << QStringLiteral("door\n1");
        QTest::newRow("escape") << QStringLiteral("door\x1b[2J");
        QTest::newRow("padded") << QStringLiteral(" door-1");
        QTest::newRow("long") << QString(TerminalRegistry::kMaxNameLength + 1, u'x');
        QTest::newRow("huge") << QString(1 << 20, u'x');
    }
    void hostileNames()
    {
        QFETCH(QString, name);
        auto bad = open(name);
        const int events = bad->events().count();
        const QString message = errorOf(
            [&] { bad->terminals().registerSelf(TerminalKind::Cli, {}, {}, m_t0); }, ErrorKind::Input);
        QVERIFY(!message.isEmpty());
        QVERIFY(message.size() < 300); // a huge name is not echoed whole
        QCOMPARE(bad->events().count(), events);
        // A hostile room likewise.
        auto good = open(QStringLiteral("room-test"));
        QVERIFY(!errorOf(
                     [&] {
                         good->terminals().registerSelf(
                             TerminalKind::Cli, name.isEmpty() ? QStringLiteral("\t") : name, {}, m_t0);
                     },
                     ErrorKind::Input)
                     .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTerminals)
#include "tst_terminals.moc"
