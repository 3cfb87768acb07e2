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

#include <QElapsedTimer>
#include <QImage>
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
        for (const QChar c : QStringLiteral("2026020003"))
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
        QVERIFY2(vm->message().contains(QStringLiteral("camera sends no picture")),
                 qPrintable(vm->message()));
        QVERIFY(!vm->canRetryFaceCheck());
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
