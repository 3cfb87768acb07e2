// The feed health and tamper state machine on synthetic frames and an injected clock, the reconnect
// backoff, the stored baseline format (with hostile input), and FeedMonitor's watchdog with a fake reader
// whose read hangs.
#include "core/backoff.h"
#include "core/error.h"
#include "monitoring/feedbundle.h"
#include "monitoring/feedhealth.h"
#include "monitoring/feedmonitor.h"
#include "monitoring/feedstore.h"

#include <QTest>

#include <opencv2/imgproc.hpp>

#include <thread>

using namespace examsite;
using namespace examsite::monitoring;

namespace {

/// A textured room with a moving blob and sensor noise; `frame` moves the blob.
cv::Mat room(int frame, unsigned noiseSeed)
{
    cv::Mat f(360, 640, CV_8UC3, cv::Scalar(200, 205, 210));
    cv::RNG rng(7);
    for (int i = 0; i < 40; ++i) {
        const cv::Point a(rng.uniform(0, 640), rng.uniform(0, 360));
        cv::rectangle(f, cv::Rect(a, cv::Size(rng.uniform(20, 120), rng.uniform(10, 60))),
                      cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
    }
    cv::circle(f, cv::Point((frame * 9) % 680 - 20, 320), 30, cv::Scalar(40, 60, 160), cv::FILLED);
    cv::Mat noise(f.size(), CV_8UC3);
    cv::RNG(noiseSeed).fill(noise, cv::RNG::NORMAL, 0, 3);
    f += noise;
    return f;
}

cv::Mat covered(unsigned seed)
{
    cv::Mat f(360, 640, CV_8UC3, cv::Scalar(18, 16, 15));
    cv::Mat noise(f.size(), CV_8UC3);
    cv::RNG(seed).fill(noise, cv::RNG::NORMAL, 0, 2);
    return f + noise;
}

cv::Mat blurred(int frame)
{
    cv::Mat f = room(frame, unsigned(frame));
    cv::GaussianBlur(f, f, cv::Size(0, 0), 6.4);
    return f;
}

cv::Mat shifted(int frame)
{
    const cv::Mat t = (cv::Mat_<double>(2, 3) << 1, 0, -213, 0, 1, 45);
    cv::Mat out;
    cv::warpAffine(room(frame, unsigned(frame)), out, t, cv::Size(640, 360), cv::INTER_LINEAR,
                   cv::BORDER_REFLECT);
    return out;
}

/// Feeds frames from `make(i)` at 5 fps from t0 to t1 (ticking in between); returns the transitions.
std::vector<FeedTransition> run(FeedHealth &h, double t0, double t1, const std::function<cv::Mat(int)> &make)
{
    int i = int(t0 * 5);
    for (double t = t0; t < t1 - 1e-9; t += 0.2, ++i) {
        h.frame(t, measureFrame(make(i)));
        h.tick(t + 0.1);
    }
    return h.takeTransitions();
}

const FeedTransition *firstTo(const std::vector<FeedTransition> &ts, FeedState s)
{
    for (const FeedTransition &t : ts)
        if (t.to == s)
            return &t;
    return nullptr;
}

TamperBaseline learnedBaseline(FeedHealth &h)
{
    h.connecting(0);
    h.learnBaseline();
    run(h, 0, 4, [](int i) { return room(i, unsigned(i)); });
    return *h.baseline();
}

class FakeReader : public IFeedReader
{
public:
    struct Script
    {
        std::atomic<int> opens{0};
        std::atomic<bool> failOpen{false};
        std::atomic<int> framesBeforeHang{-1}; ///< -1: never hang
        std::atomic<int> hangMs{8000};
    };
    explicit FakeReader(std::shared_ptr<Script> s) : m_s(std::move(s)) {}
    bool open(const QString &, int, int, QString *error) override
    {
        ++m_s->opens;
        if (m_s->failOpen) {
            *error = QStringLiteral("connection refused (fake)");
            return false;
        }
        return true;
    }
    bool grab() override
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (m_s->framesBeforeHang >= 0 && m_n >= m_s->framesBeforeHang) {
            std::this_thread::sleep_for(std::chrono::milliseconds(m_s->hangMs));
            return false;
        }
        ++m_n;
        return true;
    }
    bool retrieve(cv::Mat &frame) override
    {
        frame = room(m_n, unsigned(m_n));
        return true;
    }

private:
    std::shared_ptr<Script> m_s;
    int m_n = 0;
};

} // namespace

class TestFeedHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstLineIsConnectingThenLive()
    {
        FeedHealth h;
        h.connecting(0, QStringLiteral("opening x"));
        h.frame(0.4, measureFrame(room(0, 1)));
        const auto ts = h.takeTransitions();
        QCOMPARE(ts.size(), size_t(2));
        QCOMPARE(ts[0].to, FeedState::Connecting);
        QCOMPARE(ts[0].reason, QStringLiteral("opening x"));
        QCOMPARE(ts[1].to, FeedState::Live);
        QCOMPARE(ts[1].t, 0.4);
    }

    void silenceIsStaleAtThreeAndLostAtFiveSeconds()
    {
        FeedHealth h;
        h.connecting(0);
        run(h, 0, 10, [](int i) { return room(i, unsigned(i)); });
        const double last = 9.8;
        h.tick(last + 2.9);
        QCOMPARE(h.state(), FeedState::Live);
        h.tick(last + 3.0);
        QCOMPARE(h.state(), FeedState::Stale);
        h.tick(last + 4.9);
        QCOMPARE(h.state(), FeedState::Stale);
        h.tick(last + 5.0);
        QCOMPARE(h.state(), FeedState::Lost);
        h.connecting(16, QStringLiteral("reconnect attempt 1"));
        QCOMPARE(h.state(), FeedState::Reconnecting);
        h.frame(17, measureFrame(room(1, 1)));
        QCOMPARE(h.state(), FeedState::Live);
        const auto ts = h.takeTransitions();
        QCOMPARE(ts.size(), size_t(4)); // STALE, LOST, RECONNECTING, LIVE (run() took CONNECTING and LIVE)
        QCOMPARE(ts[0].to, FeedState::Stale);
        QVERIFY(ts[0].reason.contains(QStringLiteral("no frame for 3.0 s")));
        QCOMPARE(ts[1].to, FeedState::Lost);
        QVERIFY(ts[1].reason.contains(QStringLiteral("no frame for 5.0 s")));
        QCOMPARE(ts[3].reason, QStringLiteral("first frame"));
    }

    void aClosedStreamIsLostAtOnce()
    {
        FeedHealth h;
        h.connecting(0);
        run(h, 0, 2, [](int i) { return room(i, unsigned(i)); });
        h.failed(2.05, QStringLiteral("stream closed"));
        QCOMPARE(h.state(), FeedState::Lost);
        QCOMPARE(h.takeTransitions().back().t, 2.05);
    }

    void identicalFramesFreezeAfterTenSecondsAndThawAfterOne()
    {
        FeedHealth h;
        h.connecting(0);
        run(h, 0, 2, [](int i) { return room(i, unsigned(i)); });
        const cv::Mat still = room(3, 3);
        auto ts = run(h, 2, 11.8, [&](int) { return still; });
        QVERIFY(!firstTo(ts, FeedState::Frozen)); // 9.6 s unchanged
        ts = run(h, 11.8, 13, [&](int) { return still; });
        const FeedTransition *f = firstTo(ts, FeedState::Frozen);
        QVERIFY(f);
        QVERIFY2(f->t >= 12.0 && f->t <= 12.2, qPrintable(QString::number(f->t)));
        ts = run(h, 13, 15, [](int i) { return room(i, unsigned(i)); });
        const FeedTransition *back = firstTo(ts, FeedState::Live);
        QVERIFY(back);
        QVERIFY2(back->t >= 13.0 && back->t <= 13.6, qPrintable(QString::number(back->t)));
    }

    void aFrozenCompressedStreamIsFrozenDespiteKeyFrames()
    {
        // A frozen H.264 camera: P-frames decode identically, every key frame (here each 2 s) differs a
        // little.
        FeedHealth h;
        h.connecting(0);
        run(h, 0, 2, [](int i) { return room(i, unsigned(i)); });
        const cv::Mat still = room(3, 3);
        cv::Mat refreshed = still.clone();
        refreshed += cv::Scalar::all(1);
        // Each key frame (every 2 s) is a slightly different copy that the following frames repeat.
        const auto ts = run(h, 2, 16, [&](int i) { return (i / 10) % 2 ? refreshed : still; });
        const FeedTransition *f = firstTo(ts, FeedState::Frozen);
        QVERIFY(f);
        QVERIFY2(f->t <= 12.4, qPrintable(QString::number(f->t)));
        QCOMPARE(h.state(), FeedState::Frozen); // the key frames do not thaw it
    }

    void aStillRoomWithSensorNoiseIsNotFrozen()
    {
        FeedHealth h;
        h.connecting(0);
        const auto ts =
            run(h, 0, 40, [](int i) { return room(0, unsigned(i)); }); // nobody moves, noise differs
        QVERIFY(!firstTo(ts, FeedState::Frozen));
    }

    void sensorNoiseAloneRaisesNothingForAMinute()
    {
        FeedHealth h;
        const TamperBaseline b = learnedBaseline(h);
        Q_UNUSED(b);
        const auto ts = run(h, 4, 64, [](int i) { return room(i, unsigned(i)); });
        QVERIFY2(ts.empty(), ts.empty() ? "" : qPrintable(ts.front().reason));
    }

    void coveredLensWithoutABaselineTamperedAfterTwoSecondsWithHysteresis()
    {
        FeedHealth h;
        h.connecting(0);
        run(h, 0, 2, [](int i) { return room(i, unsigned(i)); });
        // A hand passing for a second is not an alert.
        auto ts = run(h, 2, 3, [](int i) { return covered(unsigned(i)); });
        ts = run(h, 3, 5, [](int i) { return room(i, unsigned(i)); });
        QVERIFY(!firstTo(ts, FeedState::Tampered));
        ts = run(h, 5, 9, [](int i) { return covered(unsigned(i)); });
        const FeedTransition *t = firstTo(ts, FeedState::Tampered);
        QVERIFY(t);
        QVERIFY(t->reason.startsWith(QStringLiteral("lens covered")));
        QVERIFY2(t->t - 5 <= 2.2, qPrintable(QString::number(t->t)));
        // Uncovered: LIVE again only after three clean seconds; a second of cover restarts the count.
        ts = run(h, 9, 11, [](int i) { return room(i, unsigned(i)); });
        QCOMPARE(h.state(), FeedState::Tampered);
        ts = run(h, 11, 12, [](int i) { return covered(unsigned(i)); });
        ts = run(h, 12, 16, [](int i) { return room(i, unsigned(i)); });
        t = firstTo(ts, FeedState::Live);
        QVERIFY(t);
        QVERIFY(t->t >= 15.0);
        QVERIFY(t->reason.contains(QStringLiteral("lens covered")));
    }

    void defocusNeedsABaselineAndIsCaughtWithinTenSeconds()
    {
        FeedHealth without;
        without.connecting(0);
        run(without, 0, 2, [](int i) { return room(i, unsigned(i)); });
        QVERIFY(!firstTo(run(without, 2, 20, blurred), FeedState::Tampered));

        FeedHealth h;
        learnedBaseline(h);
        const auto ts = run(h, 4, 16, blurred);
        const FeedTransition *t = firstTo(ts, FeedState::Tampered);
        QVERIFY(t);
        QVERIFY2(t->reason.startsWith(QStringLiteral("out of focus")), qPrintable(t->reason));
        QVERIFY(t->t - 4 <= 10);
    }

    void aCameraTurnedAwayIsCaughtWithinTenSeconds()
    {
        FeedHealth h;
        learnedBaseline(h);
        const auto ts = run(h, 4, 16, shifted);
        const FeedTransition *t = firstTo(ts, FeedState::Tampered);
        QVERIFY(t);
        QVERIFY2(t->reason.startsWith(QStringLiteral("camera moved")), qPrintable(t->reason));
        QVERIFY(t->t - 4 <= 10);
    }

    void uptimeCountsTimeWithFrames()
    {
        FeedHealth h;
        h.connecting(0);
        run(h, 0, 10, [](int i) { return room(i, unsigned(i)); }); // LIVE 0..~9.9
        h.failed(10, QStringLiteral("closed"));
        h.tick(20); // LOST 10..20
        QCOMPARE(h.secondsIn(FeedState::Lost), 10.0);
        QVERIFY(qAbs(h.secondsIn(FeedState::Live) - 10.0) < 1e-6);
        QVERIFY(qAbs(h.uptime() - 0.5) < 1e-6);
    }

    void backoffDoublesToFifteenWithJitterAndResetsAfterAStableConnection()
    {
        ReconnectBackoff b(42);
        const double bases[] = {1, 2, 4, 8, 15, 15, 15, 15};
        for (double base : bases) {
            const double d = b.nextDelay();
            QVERIFY2(d >= base * 0.8 - 1e-9 && d <= std::min(15.0, base * 1.2) + 1e-9,
                     qPrintable(QString::number(d)));
        }
        b.connectionHeld(29);
        QVERIFY(b.nextDelay() >= 12);
        b.connectionHeld(30);
        QVERIFY(b.nextDelay() <= 1.2);
        // Jitter: two feeds failing together do not knock again in step.
        ReconnectBackoff x(1), y(2);
        QVERIFY(x.nextDelay() != y.nextDelay());
    }

    void baselineRoundTripsAndHostileBytesAreRefused()
    {
        FeedHealth h;
        const TamperBaseline b = learnedBaseline(h);
        const TamperBaseline back = parseBaseline(serialiseBaseline(b));
        QCOMPARE(back.contrast, b.contrast);
        QCOMPARE(cv::norm(back.thumb, b.thumb, cv::NORM_INF), 0.0);
        for (const QByteArray &bad : {QByteArray(), QByteArray("not json"),
                                      QByteArray("{\"format\":1,\"thumb_64x36_f32le\":\"AAAA\"}"),
                                      QByteArray("{\"format\":2}"), QByteArray(100000, '{')}) {
            bool threw = false;
            try {
                parseBaseline(bad);
            } catch (const Error &e) {
                threw = e.kind() == ErrorKind::Input && e.message().contains(QStringLiteral("baseline"));
            }
            QVERIFY2(threw, bad.left(40).constData());
        }
    }

    void urlKindsAndEventTypes()
    {
        QCOMPARE(feedKindOf(QStringLiteral("rtsp://10.0.0.5:554/Streaming/Channels/102")),
                 QStringLiteral("rtsp"));
        QCOMPARE(feedKindOf(QStringLiteral("http://127.0.0.1:8080/video")), QStringLiteral("mjpeg"));
        QCOMPARE(feedKindOf(QStringLiteral("usb:0")), QStringLiteral("usb"));
        QCOMPARE(feedKindOf(QStringLiteral("/dev/video2")), QStringLiteral("usb"));
        QCOMPARE(feedKindOf(QStringLiteral("sim:A101-cam-1?faults=cycle")), QStringLiteral("sim"));
        QCOMPARE(feedKindOf(QStringLiteral("sim:X?fault=cover")), QStringLiteral("sim"));
        for (const char *bad : {"", "ftp://x/y", "rtsp://", "camera 1", "usb:x", "/dev/video",
                                "sim:", "sim:X?fault=fire", "sim:a b"})
            QVERIFY2(feedKindOf(QString::fromLatin1(bad)).isEmpty(), bad);
        QCOMPARE(feedEventType(FeedState::Live, FeedState::Lost), QStringLiteral("feed.lost"));
        QCOMPARE(feedEventType(FeedState::Connecting, FeedState::Lost), QStringLiteral("feed.lost"));
        // One alert per outage: reconnecting and failing again, or stale then lost, is not a new one.
        QCOMPARE(feedEventType(FeedState::Reconnecting, FeedState::Lost), QStringLiteral("feed.still_lost"));
        QCOMPARE(feedEventType(FeedState::Stale, FeedState::Lost), QStringLiteral("feed.still_lost"));
        QCOMPARE(feedEventType(FeedState::Reconnecting, FeedState::Live), QStringLiteral("feed.restored"));
        QCOMPARE(feedEventType(FeedState::Tampered, FeedState::Live), QStringLiteral("feed.tamper_cleared"));
        QCOMPARE(feedEventType(FeedState::Frozen, FeedState::Live), QStringLiteral("feed.unfrozen"));
    }

    void uptimeReportAgainstHandComputedFigures()
    {
        using monitoring::FeedStateChange;
        const qint64 t0 = 1'800'000'000'000;
        auto at = [t0](double s) { return t0 + qint64(s * 1000); };
        // cam-1: live 0-100, tampered 100-130, live 130-200, lost 200-210, reconnecting 210-215, live 215-300
        // cam-2: live 50-80, stopped 80-150 (not watched), live 150-250, lost 250-300 (down at the end)
        // cam-3: old log, only feed.lost / feed.restored: lost 10-20, live 20-300
        const QList<FeedStateChange> changes = {
            {at(0), QStringLiteral("cam-1"), QStringLiteral("LIVE")},
            {at(10), QStringLiteral("cam-3"), QStringLiteral("LOST")},
            {at(20), QStringLiteral("cam-3"), QStringLiteral("LIVE")},
            {at(50), QStringLiteral("cam-2"), QStringLiteral("LIVE")},
            {at(80), QStringLiteral("cam-2"), QStringLiteral("STOPPED")},
            {at(100), QStringLiteral("cam-1"), QStringLiteral("TAMPERED")},
            {at(130), QStringLiteral("cam-1"), QStringLiteral("LIVE")},
            {at(150), QStringLiteral("cam-2"), QStringLiteral("LIVE")},
            {at(200), QStringLiteral("cam-1"), QStringLiteral("LOST")},
            {at(210), QStringLiteral("cam-1"), QStringLiteral("RECONNECTING")},
            {at(215), QStringLiteral("cam-1"), QStringLiteral("LIVE")},
            {at(250), QStringLiteral("cam-2"), QStringLiteral("LOST")},
        };
        const QMap<QString, qint64> counts{{QStringLiteral("cam-1"), 7},
                                           {QStringLiteral("cam-2"), 5},
                                           {QStringLiteral("cam-3"), 2},
                                           {QStringLiteral("cam-4"), 1}};
        const QList<monitoring::FeedUptimeRow> rows = monitoring::feedUptime(changes, counts, at(300));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0].device, QStringLiteral("cam-1"));
        QCOMPARE(rows[0].monitoredSeconds, 300.0);
        QCOMPARE(rows[0].liveSeconds, 100.0 + 70 + 85);
        QCOMPARE(rows[0].tamperedSeconds, 30.0);
        QCOMPARE(rows[0].downSeconds, 15.0);
        QCOMPARE(rows[0].outages, 1);
        QCOMPARE(QString::number(rows[0].uptimePercent(), 'f', 2), QStringLiteral("95.00"));
        QVERIFY(!rows[0].downAtClose);
        QCOMPARE(rows[1].monitoredSeconds, 30.0 + 100 + 50);
        QCOMPARE(rows[1].downSeconds, 50.0);
        QVERIFY(rows[1].downAtClose);
        QCOMPARE(QString::number(rows[1].uptimePercent(), 'f', 2), QStringLiteral("72.22"));
        QCOMPARE(rows[2].monitoredSeconds, 290.0);
        QCOMPARE(rows[2].downSeconds, 10.0);
        QCOMPARE(rows[3].device, QStringLiteral("cam-4")); // events but no state: listed, nothing measured
        QCOMPARE(rows[3].monitoredSeconds, 0.0);
        QCOMPARE(rows[3].events, 1);
    }

    void watchdogTurnsAHungReadLostAndReconnects()
    {
        auto script = std::make_shared<FakeReader::Script>();
        script->framesBeforeHang = 20; // two seconds of frames, then a read that hangs for 8 s
        FeedOptions o;
        o.url = QStringLiteral("fake://cam");
        o.readTimeoutMs = 500;
        std::mutex m;
        std::vector<FeedTransition> seen;
        FeedMonitor monitor(
            o, [script] { return std::make_unique<FakeReader>(script); }, 7);
        monitor.setHandler([&](const FeedUpdate &u) {
            std::lock_guard lock(m);
            seen.push_back(u.transition);
            if (u.transition.to == FeedState::Tampered || u.transition.to == FeedState::Live)
                QVERIFY(!u.snapshotJpeg.isEmpty());
        });
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.state() == FeedState::Lost, 12000);
        double liveAt = -1, lostAt = -1, staleAt = -1;
        {
            std::lock_guard lock(m);
            for (const FeedTransition &t : seen) {
                if (t.to == FeedState::Live && liveAt < 0)
                    liveAt = t.t;
                if (t.to == FeedState::Stale)
                    staleAt = t.t;
                if (t.to == FeedState::Lost)
                    lostAt = t.t;
            }
        }
        QVERIFY(liveAt >= 0 && staleAt > liveAt);
        // The hung read is noticed by the watchdog: stale 3 s and lost 5 s after the last frame (~2.1 s).
        QVERIFY2(lostAt - staleAt >= 1.9 && lostAt - staleAt <= 2.3,
                 qPrintable(QStringLiteral("%1 %2").arg(staleAt).arg(lostAt)));
        QVERIFY(lostAt < 8.0);
        script->framesBeforeHang = -1;
        QTRY_VERIFY_WITH_TIMEOUT(monitor.state() == FeedState::Live, 10000);
        QVERIFY(script->opens >= 2);
        QCOMPARE(monitor.counters().abandonedReads, 1);
        monitor.stop();
    }

    void anUnreachableCameraIsRetriedForEver()
    {
        auto script = std::make_shared<FakeReader::Script>();
        script->failOpen = true;
        FeedOptions o;
        o.url = QStringLiteral("fake://down");
        std::vector<FeedTransition> seen;
        std::mutex m;
        FeedMonitor monitor(
            o, [script] { return std::make_unique<FakeReader>(script); }, 3);
        monitor.setHandler([&](const FeedUpdate &u) {
            std::lock_guard lock(m);
            seen.push_back(u.transition);
        });
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(script->opens >= 3, 8000); // 1 s, then ~2 s: three attempts in about 3 s
        monitor.stop();
        std::lock_guard lock(m);
        QCOMPARE(seen[1].to, FeedState::Lost);
        QCOMPARE(seen[1].reason, QStringLiteral("connection refused (fake)"));
        QCOMPARE(seen[2].to, FeedState::Reconnecting);
        QVERIFY(seen[2].reason.startsWith(QStringLiteral("reconnect attempt 1 after")));
    }
};

QTEST_GUILESS_MAIN(TestFeedHealth)
#include "tst_feedhealth.moc"
