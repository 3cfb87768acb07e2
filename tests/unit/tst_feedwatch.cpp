// FeedWatch, the one orchestrator behind `examsite feeds watch` and the console's feed wall: who may
// start a watch, which session's log it writes, and the events it leaves (start, transitions, STOPPED per
// camera, the uptime summary), on a small site of its own with simulated cameras.
#include "core/error.h"
#include "monitoring/feedstore.h"
#include "monitoring/feedwatch.h"
#include "seating/seatingstore.h"
#include "sim/simulatedfeedreader.h"
#include "staff/staffdirectory.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;
using namespace examsite::monitoring;

class TestFeedWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<FeedStore> m_feeds;
    StaffMember m_admin, m_proctor, m_evaluator;
    qint64 m_session = 0;

    static FeedWatch::ReaderFactoryFor simulated()
    {
        return [](const QString &) -> FeedReaderFactory {
            return [] { return std::make_unique<SimulatedFeedReader>(); };
        };
    }
    /// Events of a type: (session id or 0, actor, payload).
    QList<std::tuple<qint64, QString, QJsonObject>> events(const char *type)
    {
        QList<std::tuple<qint64, QString, QJsonObject>> out;
        Statement s(*m_db,
                    "SELECT ifnull(session_id, 0), actor, payload FROM event WHERE type = ?1 ORDER BY seq");
        s.bind(1, QString::fromLatin1(type));
        while (s.step())
            out.append({s.int64(0), s.text(1), QJsonDocument::fromJson(s.text(2).toUtf8()).object()});
        return out;
    }
    void setStatus(const char *status)
    {
        Statement s(*m_db, "UPDATE exam_session SET status = ?1 WHERE id = ?2");
        s.bind(1, QString::fromLatin1(status)).bind(2, m_session).exec();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_feeds.reset();
        m_events.reset();
        m_db = Database::open(
            m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction()))));
        m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("test-terminal"));
        SiteStore sites(*m_db);
        sites.ensureSite(QStringLiteral("T-01"), QStringLiteral("测试考点"));
        StaffDirectory staff(*m_db, *m_events);
        staff.addFirstAccount(QStringLiteral("admin"), {}, Role::SiteAdmin, QStringLiteral("password123"));
        m_admin = *staff.member(QStringLiteral("admin"));
        staff.addStaff(m_admin, QStringLiteral("proctor"), {}, Role::Proctor, QStringLiteral("password123"));
        staff.addStaff(m_admin, QStringLiteral("eva"), {}, Role::Evaluator, QStringLiteral("password123"));
        m_proctor = *staff.member(QStringLiteral("proctor"));
        m_evaluator = *staff.member(QStringLiteral("eva"));
        NewSession ns;
        ns.code = QStringLiteral("S1");
        ns.certificate = QStringLiteral("Web前端开发");
        ns.level = QStringLiteral("中级");
        ns.date = QStringLiteral("2026-12-03");
        ns.startsAt = QStringLiteral("09:00");
        ns.endsAt = QStringLiteral("11:30");
        ns.lateCutoff = QStringLiteral("09:30");
        ns.status = QStringLiteral("checkin_open");
        m_session = sites.createSession(ns);
        seating::SeatingStore seats(*m_db, *m_events);
        seats.addRoom(QStringLiteral("A101"), QStringLiteral("Room A101"), 2, 2, QStringLiteral("row_major"),
                      {}, QStringLiteral("S1"), m_admin);
        seats.addRoom(QStringLiteral("A102"), QStringLiteral("Room A102"), 2, 2, QStringLiteral("row_major"),
                      {}, QStringLiteral("S1"), m_admin);
        m_feeds = std::make_unique<FeedStore>(*m_db, *m_events);
        m_feeds->add(QStringLiteral("A101"), QStringLiteral("A101-cam"), QStringLiteral("sim:A101"), {}, {},
                     {}, m_admin);
        m_feeds->add(QStringLiteral("A102"), QStringLiteral("A102-cam"), QStringLiteral("sim:A102"), {}, {},
                     {}, m_admin);
    }

    // A proctor's watch of one room: the cameras go LIVE, every transition is recorded in the session's
    // log as it is flushed, and the end leaves STOPPED per camera and the summary, all under her name.
    void aWatchRecordsItsStartTransitionsAndEnd()
    {
        FeedWatch watch(*m_feeds, simulated());
        std::atomic<int> heard{0};
        watch.setListener([&](const FeedDevice &, const FeedUpdate &) { ++heard; });
        watch.start(m_proctor, m_session, QStringLiteral("A101"), 5);
        QVERIFY(watch.running());
        QCOMPARE(watch.cameras().size(), size_t(1));
        QVERIFY(watch.monitor(QStringLiteral("A101-cam")));
        QVERIFY(!watch.monitor(QStringLiteral("A102-cam"))); // another room's
        bool live = false;
        QString errors;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const FeedWatch::Recorded &r : watch.flush()) {
                    errors += r.error.english();
                    live |= r.update.transition.to == FeedState::Live;
                }
                return live;
            }(),
            5000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        QVERIFY(heard > 0);
        const QJsonObject summary = watch.stop();
        QVERIFY(!watch.running());
        QVERIFY(
            summary.value(QStringLiteral("A101-cam")).toObject().value(QStringLiteral("uptime")).toDouble() >
            0);
        QCOMPARE(watch.stop(), QJsonObject()); // stopping twice records nothing more

        const auto started = events("feed.watch_started");
        QCOMPARE(started.size(), 1);
        QCOMPARE(std::get<0>(started.first()), m_session);
        QCOMPARE(std::get<1>(started.first()), QStringLiteral("proctor"));
        QCOMPARE(std::get<2>(started.first()).value(QStringLiteral("devices")).toArray().size(), 1);
        const auto transitions = events("feed.restored");
        QVERIFY(!transitions.isEmpty());
        QCOMPARE(std::get<0>(transitions.first()), m_session);
        const auto stopped = events("feed.stopped");
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(std::get<1>(stopped.first()), QStringLiteral("proctor"));
        QCOMPARE(std::get<2>(stopped.first()).value(QStringLiteral("device")).toString(),
                 QStringLiteral("A101-cam"));
        const auto ended = events("feed.watch_stopped");
        QCOMPARE(ended.size(), 1);
        QCOMPARE(std::get<2>(ended.first()).value(QStringLiteral("uptime")).toObject(), summary);
    }

    // Who may watch, and when: an evaluator may not; a sealed session's log is frozen; a planned session's
    // feed events go to the site log; no cameras is said so. A refused start writes nothing.
    void aWatchIsRefusedOrRedirectedByThePolicy()
    {
        FeedWatch watch(*m_feeds, simulated());
        const auto refusal = [&](auto &&f) {
            try {
                f();
            } catch (const Error &e) {
                return e.kind();
            }
            return ErrorKind::Storage; // no error: not what any case here expects
        };
        QCOMPARE(refusal([&] { watch.start(m_evaluator, m_session); }), ErrorKind::Denied);
        QCOMPARE(refusal([&] { watch.start(StaffMember{}, m_session); }), ErrorKind::Denied);
        QCOMPARE(refusal([&] { watch.start(m_proctor, m_session, QStringLiteral("B999")); }),
                 ErrorKind::NotFound);
        setStatus("sealed");
        QCOMPARE(refusal([&] { watch.start(m_proctor, m_session); }), ErrorKind::Conflict);
        QVERIFY(!watch.running());
        QVERIFY(events("feed.watch_started").isEmpty());
        QVERIFY(events("feed.stopped").isEmpty());

        FeedWatch noReaders(*m_feeds, {});
        QCOMPARE(refusal([&] { noReaders.start(m_proctor, 0); }), ErrorKind::Input);

        setStatus("planned");
        watch.start(m_admin, m_session);
        QCOMPARE(watch.cameras().size(), size_t(2));
        watch.stop();
        const auto started = events("feed.watch_started");
        QCOMPARE(started.size(), 1);
        QCOMPARE(std::get<0>(started.first()), 0); // the site log: the session's exam window has not begun
        QCOMPARE(events("feed.stopped").size(), 2);
    }

    // #20 item 10: one monitor per camera. A second watch (the wall beside `feeds watch`, on another
    // terminal) leaves the cameras the first one holds to it and says so; its end records STOPPED only
    // for its own cameras, so the uptime report counts what was watched; once the first ends, or its
    // lease runs out (a monitor that died), the cameras are free again.
    void oneMonitorPerCamera()
    {
        EventStore otherEvents(*m_db, QStringLiteral("kiosk-2"));
        FeedStore otherFeeds(*m_db, otherEvents);
        FeedWatch first(*m_feeds, simulated());
        first.start(m_proctor, m_session, QStringLiteral("A101"), 5);
        FeedWatch second(otherFeeds, simulated());
        second.start(m_admin, m_session, {}, 5);
        QCOMPARE(second.cameras().size(), size_t(1));
        QCOMPARE(second.cameras().front().device.name, QStringLiteral("A102-cam"));
        QCOMPARE(second.elsewhere().size(), 1);
        QCOMPARE(second.elsewhere().first().first.name, QStringLiteral("A101-cam"));
        QCOMPARE(second.elsewhere().first().second, QStringLiteral("test-terminal"));
        const auto started = events("feed.watch_started");
        QCOMPARE(started.size(), 2);
        QCOMPARE(std::get<2>(started.last())
                     .value(QStringLiteral("watched_elsewhere"))
                     .toObject()
                     .value(QStringLiteral("A101-cam"))
                     .toString(),
                 QStringLiteral("test-terminal"));
        // A third watch of A101 finds its only camera taken, and records nothing.
        FeedWatch third(otherFeeds, simulated());
        try {
            third.start(m_admin, m_session, QStringLiteral("A101"));
            QFAIL("a camera watched twice");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(u"every camera is watched already, by test-terminal"),
                     qPrintable(e.message()));
        }
        QCOMPARE(events("feed.watch_started").size(), 2);

        second.stop();
        auto stopped = events("feed.stopped");
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(std::get<2>(stopped.first()).value(QStringLiteral("device")).toString(),
                 QStringLiteral("A102-cam"));
        QVERIFY(!std::get<2>(events("feed.watch_stopped").first())
                     .value(QStringLiteral("uptime"))
                     .toObject()
                     .contains(QStringLiteral("A101-cam")));
        first.stop();
        QCOMPARE(events("feed.stopped").size(), 2);
        second.start(m_admin, m_session, {}, 5); // released: both cameras are free now
        QCOMPARE(second.cameras().size(), size_t(2));
        QVERIFY(second.elsewhere().isEmpty());
        second.stop();

        // A monitor that died holds its cameras only until its lease runs out.
        const QList<FeedDevice> a101 = m_feeds->list(QStringLiteral("A101"));
        QCOMPARE(m_feeds->takeLeases(a101, QStringLiteral("dead/1"), -1).taken.size(), 1); // ran out already
        QCOMPARE(otherFeeds.takeLeases(a101, QStringLiteral("live/1"), 60).taken.size(), 1);
        const FeedStore::Leases taken = m_feeds->takeLeases(a101, QStringLiteral("late/1"), 60);
        QVERIFY(taken.taken.isEmpty());
        QCOMPARE(taken.elsewhere.first().second, QStringLiteral("kiosk-2"));
        QCOMPARE(otherFeeds.renewLeases(QStringLiteral("live/1"), 60), QSet<qint64>{a101.first().id});
        otherFeeds.releaseLeases(QStringLiteral("live/1"));
        QCOMPARE(m_feeds->takeLeases(a101, QStringLiteral("late/1"), 60).taken.size(), 1);
    }

    // #20 item 10: a camera that drops and fails to reconnect several times is one outage, one alert;
    // open alerts can be acknowledged all at once, only with a reason, and the event lists them.
    void oneAlertPerOutageAndAcknowledgeAll()
    {
        const FeedDevice cam = m_feeds->device(QStringLiteral("A101-cam"));
        const FeedDevice other = m_feeds->device(QStringLiteral("A102-cam"));
        const auto move = [&](const FeedDevice &d, FeedState from, FeedState to) {
            m_feeds->record(m_session, d, {{0, from, to, QStringLiteral("test")}, {}});
        };
        move(cam, FeedState::Connecting, FeedState::Live);
        move(cam, FeedState::Live, FeedState::Stale);
        move(cam, FeedState::Stale, FeedState::Lost);
        for (int i = 0; i < 3; ++i) {
            move(cam, FeedState::Lost, FeedState::Reconnecting);
            move(cam, FeedState::Reconnecting, FeedState::Lost);
        }
        move(cam, FeedState::Lost, FeedState::Reconnecting);
        move(cam, FeedState::Reconnecting, FeedState::Live);
        QCOMPARE(m_feeds->alerts(m_session, true).size(), 1); // the stale feed that became the outage
        move(cam, FeedState::Live, FeedState::Lost);          // a second outage
        move(other, FeedState::Connecting, FeedState::Lost);  // a camera that never came up
        QCOMPARE(m_feeds->alerts(m_session, true).size(), 3);

        QVERIFY_THROWS_EXCEPTION(Error, m_feeds->acknowledgeAll(m_session, QStringLiteral("  "), m_proctor));
        QVERIFY_THROWS_EXCEPTION(Error, m_feeds->acknowledgeAll(m_session, QStringLiteral("x"), m_evaluator));
        QCOMPARE(m_feeds->alerts(m_session, true).size(), 3);
        QCOMPARE(m_feeds->acknowledgeAll(m_session, QStringLiteral("network switch restarted"), m_proctor),
                 3);
        QVERIFY(m_feeds->alerts(m_session, true).isEmpty());
        QCOMPARE(m_feeds->alerts(m_session, false).first().acknowledgedBy, QStringLiteral("proctor"));
        const auto acked = events("feed.alerts_acknowledged");
        QCOMPARE(acked.size(), 1);
        QCOMPARE(std::get<2>(acked.first()).value(QStringLiteral("alerts")).toArray().size(), 3);
        QCOMPARE(std::get<2>(acked.first()).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("network switch restarted"));
        QCOMPARE(m_feeds->acknowledgeAll(m_session, QStringLiteral("again"), m_proctor), 0);
        QCOMPARE(events("feed.alerts_acknowledged").size(), 1); // nothing open: nothing recorded
    }

    // A transition tried again after a try whose commit may have arrived (the site server fell silent):
    // the event of that camera detected at that moment is found and not recorded twice; one that did not
    // arrive is recorded. The site log (a session not open) is looked up the same way.
    void aRetriedTransitionIsRecordedOnce()
    {
        const FeedDevice cam = m_feeds->device(QStringLiteral("A101-cam"));
        const FeedDevice other = m_feeds->device(QStringLiteral("A102-cam"));
        const FeedUpdate lost{{0, FeedState::Live, FeedState::Lost, QStringLiteral("no frames")}, {}};
        const qint64 seen =
            QDateTime::fromString(QStringLiteral("2026-12-03T09:12:34.567Z"), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        const qint64 seq = m_feeds->record(m_session, cam, lost, seen);
        QCOMPARE(std::get<2>(events("feed.lost").last()).value(QStringLiteral("detected_at")).toString(),
                 QStringLiteral("2026-12-03T09:12:34.567Z"));
        QCOMPARE(m_feeds->record(m_session, cam, lost, seen, true), seq); // it had arrived
        QCOMPARE(events("feed.lost").size(), 1);
        QVERIFY(m_feeds->record(m_session, cam, lost, seen + 1, true) > seq); // another moment
        QVERIFY(m_feeds->record(m_session, other, lost, seen, true) > seq);   // another camera
        QCOMPARE(events("feed.lost").size(), 3);
        // The uptime report counts from when the monitor saw it, not when it was stored.
        const QList<FeedChangeRow> changes = m_feeds->feedChanges(m_session);
        QCOMPARE(changes.first().wallTime, QStringLiteral("2026-12-03T09:12:34.567Z"));

        setStatus("closed"); // between the try and the retry: feed events go to the site log now
        QCOMPARE(m_feeds->record(m_session, cam, lost, seen, true), seq); // found in the session's log
        QCOMPARE(events("feed.lost").size(), 3);
        const qint64 siteSeq = m_feeds->record(m_session, cam, lost, seen + 5);
        QCOMPARE(std::get<0>(events("feed.lost").last()), qint64(0));
        QCOMPARE(m_feeds->record(m_session, cam, lost, seen + 5, true), siteSeq);
        QCOMPARE(events("feed.lost").size(), 4);
        // The camera's next change handed over in the same millisecond is not taken for it.
        const FeedUpdate back{{0, FeedState::Lost, FeedState::Live, QStringLiteral("frames again")}, {}};
        QVERIFY(m_feeds->record(m_session, cam, back, seen + 5, true) > siteSeq); // a new event
    }
};

QTEST_GUILESS_MAIN(TestFeedWatch)
#include "tst_feedwatch.moc"
