// FrameFeed, the kiosk's camera for the screen (#16): a camera that sends no picture although nothing
// reported an error (a hung driver) is reported stalled with a rate of 0 after FrameFeed::kStallMs, not
// left as the last picture under its last rate; so is a source that stopped on its own (a recording that
// ended); the picture coming back clears it. On a real file source (images in a folder), driven by hand.
// And the kiosk's check-in with a camera that cannot start: a candidate goes to the proctor instead of
// waiting in a face check for frames that never come (the flow's time runs on frames).
#include "camera/fileframesource.h"
#include "services/siteservices.h"
#include "store/database.h"
#include "testsite.h"
#include "ui/appcontroller.h"
#include "ui/checkinviewmodel.h"
#include "ui/framefeed.h"

#include <algorithm>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace examsite;

class TestFrameFeed : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString folderOfFrames(int n)
    {
        const QString folder = m_dir.filePath(QStringLiteral("frames-%1").arg(n));
        QDir().mkpath(folder);
        for (int i = 0; i < n; ++i) {
            QImage img(64, 48, QImage::Format_RGB32);
            img.fill(QColor::fromHsv(i * 40 % 360, 200, 200));
            img.save(folder + QStringLiteral("/%1.png").arg(i, 3, 10, QLatin1Char('0')));
        }
        return folder;
    }

    /// An empty hall as a camera sees it: a gradient, 320x240.
    static QImage hallPicture()
    {
        QImage hall(320, 240, QImage::Format_RGB32);
        for (int y = 0; y < hall.height(); ++y)
            for (int x = 0; x < hall.width(); ++x)
                hall.setPixel(x, y, qRgb(90 + x / 4, 100 + y / 4, 110));
        return hall;
    }
    /// `img` with a sensor's noise: every pixel moved by up to +-`amplitude` grey levels.
    QImage noisy(QImage img, int amplitude)
    {
        for (int y = 0; y < img.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
            for (int x = 0; x < img.width(); ++x) {
                m_seed = m_seed * 1664525u + 1013904223u;
                const int d = int(m_seed >> 24) % (2 * amplitude + 1) - amplitude;
                const QRgb p = line[x];
                line[x] = qRgb(std::clamp(qRed(p) + d, 0, 255), std::clamp(qGreen(p) + d, 0, 255),
                               std::clamp(qBlue(p) + d, 0, 255));
            }
        }
        return img;
    }
    /// Four noisy pictures of the empty hall, a camera's frames while nobody is in front of it.
    QString hallFolder()
    {
        const QString folder = m_dir.filePath(QStringLiteral("hall"));
        if (QDir().mkpath(folder) && !QFile::exists(folder + QStringLiteral("/0.png")))
            for (int i = 0; i < 4; ++i)
                noisy(hallPicture(), 8).save(folder + QStringLiteral("/%1.png").arg(i));
        return folder;
    }
    quint32 m_seed = 7;
    /// Frames from `source`, driven by hand, about 25 a second for `ms`.
    static void play(FileFrameSource &source, int ms)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < ms) {
            QVERIFY(source.nextFrame());
            QTest::qWait(40);
        }
    }

private Q_SLOTS:
    void silentCameraIsStalled()
    {
        FileFrameSource source(folderOfFrames(3));
        source.setManual(true);
        FrameFeed feed(&source);
        QVERIFY(feed.start());
        QVERIFY(!feed.stalled());
        // Frames for a little over a second: a rate is measured.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 1200) {
            QVERIFY(source.nextFrame());
            QTest::qWait(60);
        }
        QVERIFY(feed.fps() > 0);
        QVERIFY(!feed.stalled());
        QVERIFY(feed.errorText().isEmpty());

        // Then nothing, and no error from the source either.
        QSignalSpy status(&feed, &FrameFeed::statusChanged);
        QTest::qWait(FrameFeed::kStallMs / 2);
        QVERIFY(!feed.stalled()); // a pause shorter than kStallMs is not a stall
        QTRY_VERIFY_WITH_TIMEOUT(feed.stalled(), FrameFeed::kStallMs + 1500);
        QCOMPARE(feed.fps(), 0.0);
        QVERIFY(status.count() >= 1);
        QVERIFY(feed.active());

        // The picture is back.
        QVERIFY(source.nextFrame());
        QVERIFY(!feed.stalled());
        feed.stop();
        QVERIFY(!feed.stalled());
    }

    void sourceThatStoppedOnItsOwnIsStalled()
    {
        FileFrameSource source(folderOfFrames(2), 30.0);
        source.setLoop(false); // a recording that ends
        FrameFeed feed(&source);
        QSignalSpy frames(&feed, &FrameFeed::frameChanged);
        QVERIFY(feed.start());
        QTRY_COMPARE_WITH_TIMEOUT(frames.count(), 2, 3000);
        QTRY_VERIFY_WITH_TIMEOUT(!source.isActive(), 3000);
        // Well before kStallMs: the source said it is done.
        QTRY_VERIFY_WITH_TIMEOUT(feed.stalled(), 2500);
        QCOMPARE(feed.fps(), 0.0);
    }

    void cameraThatCannotStartSendsCandidatesToTheProctor()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("site.db")));
        buildTestSite(*db);
        SiteServices services(*db, QStringLiteral("kiosk-1"));
        FileFrameSource missing(m_dir.filePath(QStringLiteral("no-such-camera")));
        AppController app(services, missing, QString());
        CheckInViewModel *vm = app.checkIn();
        vm->setFaceCheckAvailable(true, {}, QStringLiteral("test-model"));
        QVERIFY(!app.camera()->start());
        QVERIFY(app.camera()->failing());
        QVERIFY(!app.camera()->errorText().isEmpty());
        QVERIFY(app.camera()->calm()); // the screen waits for a candidate
        for (const QChar c : QStringLiteral("2026020003"))
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
        QVERIFY2(vm->message().contains(QStringLiteral("camera sends no picture")),
                 qPrintable(vm->message()));
        QVERIFY(!vm->canRetryFaceCheck());
        QVERIFY(!app.camera()->calm()); // a proctor is called: every frame is shown again
    }

    // The idle kiosk's picture (#16 item 15): while the screen waits, a still scene is redrawn once a
    // second, whatever the camera's noise; the first frame in which something moves is shown at once,
    // and every frame for a while after it; not calm, every frame. Frames from a real file source (a
    // folder of noisy pictures of an empty hall, then one with a person stepping in), by hand.
    void aStillSceneIsRedrawnOnceASecondWhileTheScreenWaits()
    {
        const QString folder = hallFolder();
        const QImage hall = hallPicture();
        // The picture's scene: noise of +-8 levels a pixel does not move a cell; a person does.
        QImage person = hall.copy();
        QPainter(&person).fillRect(QRect(140, 60, 50, 150), QColor(40, 40, 50));
        QVERIFY(!FrameFeed::moved(FrameFeed::sceneOf(noisy(hall, 8)), FrameFeed::sceneOf(noisy(hall, 8))));
        QVERIFY(FrameFeed::moved(FrameFeed::sceneOf(noisy(hall, 8)), FrameFeed::sceneOf(noisy(person, 8))));

        FileFrameSource source(folder);
        source.setManual(true);
        FrameFeed feed(&source);
        QVERIFY(feed.start());
        QSignalSpy previews(&feed, &FrameFeed::previewChanged);
        QSignalSpy frames(&feed, &FrameFeed::frameChanged);
        const auto feedFor = [&source](int ms) { play(source, ms); };
        feedFor(500);
        QCOMPARE(previews.count(), frames.count()); // not calm: every frame
        feed.setCalm(true);
        feedFor(FrameFeed::kLivelyMs + 300); // the first calm frame counts as a movement: lively a while
        previews.clear();
        frames.clear();
        feedFor(2500); // a still hall, calm: about one picture a second
        QVERIFY2(frames.count() >= 20, qPrintable(QString::number(frames.count())));
        QVERIFY2(previews.count() >= 1 && previews.count() <= 3,
                 qPrintable(QString::number(previews.count())));
        QVERIFY(feed.calm());
        QVERIFY(feed.still());
        // The screen changed (a session opened): as if something had moved.
        feed.wake();
        QVERIFY(!feed.still());
        previews.clear();
        frames.clear();
        feedFor(500);
        QCOMPARE(previews.count(), frames.count());
        feedFor(FrameFeed::kLivelyMs);
        QVERIFY(feed.still());

        // Someone steps in: that very frame is shown.
        previews.clear();
        frames.clear();
        Q_EMIT source.frameReady(noisy(person, 8)); // as the camera would deliver it
        QCOMPARE(frames.count(), 1);
        QCOMPARE(previews.count(), 1);
        // ... and the frames after it, also when the hall is still again, for kLivelyMs.
        feedFor(1000);
        QCOMPARE(previews.count(), frames.count());

        // Not calm (a candidate is being checked): every frame, and the latest one at once.
        feedFor(FrameFeed::kLivelyMs);
        previews.clear();
        frames.clear();
        feed.setCalm(false);
        QCOMPARE(previews.count(), 1);
        feedFor(500);
        QCOMPARE(previews.count(), frames.count() + 1);
        feed.stop();
    }

    // Fewer QR reads while the hall is still (a ticket held up moves the scene): once a second after
    // kLivelyMs of stillness instead of about three times, and three again from the first movement.
    void fewerTicketReadsWhileTheHallIsStill()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("still.db")));
        buildTestSite(*db);
        SiteServices services(*db, QStringLiteral("kiosk-1"));
        FileFrameSource hall(hallFolder());
        hall.setManual(true);
        AppController app(services, hall, QString());
        QCOMPARE(app.checkIn()->state(), CheckInViewModel::Idle);
        QVERIFY(app.camera()->calm());
        QVERIFY(app.camera()->start());
        QSignalSpy scans(app.checkIn(), &CheckInViewModel::ticketScanned);
        const auto feedFor = [&hall](int ms) { play(hall, ms); };
        feedFor(1500);
        QVERIFY(scans.count() >= 2); // at first, about three reads a second
        QVERIFY(!app.camera()->still());
        feedFor(FrameFeed::kLivelyMs);
        QVERIFY(app.camera()->still());
        // The screen saying the same again (as a planned session's admission is checked every 3 s) is
        // not a change: still.
        Q_EMIT app.checkIn()->stateChanged();
        QVERIFY(app.camera()->still());
        QTest::qWait(300); // a read started before the stillness ends
        scans.clear();
        feedFor(3000);
        QVERIFY2(scans.count() >= 1 && scans.count() <= 4, qPrintable(QString::number(scans.count())));
        // Someone steps in: reading again.
        QImage person = hallPicture();
        QPainter(&person).fillRect(QRect(140, 60, 50, 150), QColor(40, 40, 50));
        Q_EMIT hall.frameReady(noisy(person, 8));
        QVERIFY(!app.camera()->still());
        scans.clear();
        feedFor(2000);
        QVERIFY2(scans.count() >= 5, qPrintable(QString::number(scans.count())));
        app.camera()->stop();
    }

    void stoppedFeedIsNotStalled()
    {
        FileFrameSource source(folderOfFrames(1));
        source.setManual(true);
        FrameFeed feed(&source);
        QTest::qWait(FrameFeed::kStallMs + 1200); // never started: nothing is expected of it
        QVERIFY(!feed.stalled());
    }
};

QTEST_MAIN(TestFrameFeed)
#include "tst_framefeed.moc"
