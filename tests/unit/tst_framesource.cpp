// Frame sources: image folders and single images from disk, errors that name the path or file, the
// simulated camera, and the factory that parses the configured camera spec.
#include "camera/fileframesource.h"
#include "camera/qtcamerasource.h"
#include "core/error.h"
#include "hardware/framesourcefactory.h"
#include "sim/simulatedcamera.h"

#include <opencv2/videoio.hpp>
#include <QFile>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QVideoFrame>
#include <QVideoFrameFormat>

using namespace examsite;

namespace {

bool writeImage(const QString &path, QColor colour, QSize size = {32, 24})
{
    QImage img(size, QImage::Format_RGB32);
    img.fill(colour);
    return img.save(path);
}

QColor colourOf(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(0).value<QImage>().pixelColor(0, 0);
}

} // namespace

class TestFrameSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void folderInNameOrderAndLooping()
    {
        QTemporaryDir dir;
        // Written out of order; delivered in name order. Other files are not frames.
        QVERIFY(writeImage(dir.filePath(QStringLiteral("frame-c.png")), Qt::blue));
        QVERIFY(writeImage(dir.filePath(QStringLiteral("frame-a.png")), Qt::red));
        QVERIFY(writeImage(dir.filePath(QStringLiteral("frame-b.png")), Qt::green));
        QFile notes(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not a frame");
        notes.close();

        FileFrameSource source(dir.path(), 30);
        source.setManual(true);
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        QSignalSpy errors(&source, &IFrameSource::errorOccurred);
        QVERIFY(source.start());
        QVERIFY(source.isActive());
        QVERIFY(source.errorString().isEmpty());
        QVERIFY(source.description().contains(dir.path()));
        for (int i = 0; i < 7; ++i)
            QVERIFY(source.nextFrame());
        source.stop();
        QVERIFY(!source.isActive());
        QCOMPARE(frames.count(), 7);
        QCOMPARE(errors.count(), 0);
        const QColor expected[] = {Qt::red,   Qt::green, Qt::blue, Qt::red,
                                   Qt::green, Qt::blue,  Qt::red}; // looped twice
        for (int i = 0; i < 7; ++i)
            QCOMPARE(colourOf(frames, i), expected[i]);
        QCOMPARE(frames.at(0).at(0).value<QImage>().size(), QSize(32, 24));
    }

    void folderWithoutLoopStops()
    {
        QTemporaryDir dir;
        QVERIFY(writeImage(dir.filePath(QStringLiteral("1.png")), Qt::red));
        QVERIFY(writeImage(dir.filePath(QStringLiteral("2.png")), Qt::green));
        FileFrameSource source(dir.path());
        source.setManual(true);
        source.setLoop(false);
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        QVERIFY(source.start());
        QVERIFY(source.nextFrame());
        QVERIFY(source.nextFrame());
        QVERIFY(!source.nextFrame());
        QVERIFY(!source.isActive());
        QCOMPARE(frames.count(), 2);
        // start() again begins at the first image.
        QVERIFY(source.start());
        QVERIFY(source.nextFrame());
        QCOMPARE(colourOf(frames, 2), QColor(Qt::red));
    }

    void singleImageRepeats()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("one.jpg"));
        QVERIFY(writeImage(path, Qt::white, {64, 48}));
        FileFrameSource source(path, 50);
        source.setManual(true);
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        QVERIFY(source.start());
        for (int i = 0; i < 3; ++i)
            QVERIFY(source.nextFrame());
        QCOMPARE(frames.count(), 3);
        const QImage first = frames.at(0).at(0).value<QImage>();
        QCOMPARE(first.size(), QSize(64, 48));
        QCOMPARE(frames.at(2).at(0).value<QImage>(), first);
    }

    void timerDeliversFrames()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("one.png"));
        QVERIFY(writeImage(path, Qt::gray));
        FileFrameSource source(path, 50);
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        QVERIFY(source.start());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, 5000);
        source.stop();
        const qsizetype stopped = frames.count();
        QTest::qWait(100);
        QCOMPARE(frames.count(), stopped);
    }

    // A video is read and decoded on the source's own thread, as a camera driver does: the frames arrive
    // in the screen's format with the right colours, and while the receiver is busy the source drops
    // frames instead of queueing them up (a slow screen shows the newest frame, not an old backlog).
    void videoOnItsOwnThreadDropsWhileBusy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("red.avi"));
        {
            cv::VideoWriter writer(path.toStdString(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 100,
                                   cv::Size(64, 48));
            QVERIFY(writer.isOpened());
            const cv::Mat red(48, 64, CV_8UC3, cv::Scalar(0, 0, 255)); // BGR
            for (int i = 0; i < 20; ++i)
                writer.write(red);
        }
        FileFrameSource source(path, 100);
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        QVERIFY(source.start());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, 5000);
        const QImage frame = frames.at(0).at(0).value<QImage>();
        QCOMPARE(frame.format(), QImage::Format_RGB32);
        QCOMPARE(frame.size(), QSize(64, 48));
        const QColor c = frame.pixelColor(32, 24);
        QVERIFY2(c.red() > 200 && c.green() < 60 && c.blue() < 60, qPrintable(c.name()));

        const quint64 droppedBefore = source.droppedFrames();
        QThread::msleep(400); // the receiver is busy for about 40 frame periods
        frames.clear();
        QCoreApplication::processEvents();
        QVERIFY2(frames.count() <= 2, qPrintable(QString::number(frames.count())));
        QVERIFY2(source.droppedFrames() - droppedBefore >= 20,
                 qPrintable(QString::number(source.droppedFrames() - droppedBefore)));
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, 5000); // and it goes on once the receiver is back
        source.stop();
        QVERIFY(!source.isActive());
    }

    // A USB camera's frames (here delivered to its sink by the test, from a thread of their own as Qt
    // Multimedia's backend does) are converted on the source's conversion thread, not the screen's:
    // the colours arrive right, and while the screen's thread is busy frames are dropped, not queued.
    void usbCameraConvertsOffTheGuiThreadAndDropsWhileBusy()
    {
        QtCameraSource source({}, 200);
        QVERIFY(source.conversionThread() != QThread::currentThread());
        QVERIFY(source.conversionThread()->isRunning());
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        const auto redFrame = [] {
            QVideoFrame frame(QVideoFrameFormat(QSize(64, 48), QVideoFrameFormat::Format_BGRX8888));
            if (!frame.map(QVideoFrame::WriteOnly))
                return QVideoFrame();
            for (int y = 0; y < 48; ++y) {
                auto *row = frame.bits(0) + y * frame.bytesPerLine(0);
                for (int x = 0; x < 64; ++x) {
                    row[4 * x] = 0;       // B
                    row[4 * x + 1] = 0;   // G
                    row[4 * x + 2] = 255; // R
                    row[4 * x + 3] = 255;
                }
            }
            frame.unmap();
            return frame;
        };
        std::atomic<bool> stop{false};
        std::unique_ptr<QThread> camera(QThread::create([&] {
            while (!stop) {
                source.videoSink()->setVideoFrame(redFrame());
                QThread::msleep(5);
            }
        }));
        camera->start();
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, 5000);
        const QImage image = frames.at(0).at(0).value<QImage>();
        QCOMPARE(image.size(), QSize(64, 48));
        const QColor c = image.pixelColor(32, 24);
        QVERIFY2(c.red() > 200 && c.green() < 60 && c.blue() < 60, qPrintable(c.name()));

        const quint64 droppedBefore = source.droppedFrames();
        QThread::msleep(400); // the screen's thread is busy for about 80 camera frames
        frames.clear();
        QCoreApplication::processEvents();
        QVERIFY2(frames.count() <= 1, qPrintable(QString::number(frames.count())));
        QVERIFY2(source.droppedFrames() - droppedBefore >= 20,
                 qPrintable(QString::number(source.droppedFrames() - droppedBefore)));
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, 5000); // and frames flow again
        stop = true;
        camera->wait();
    }

    void nonexistentPath()
    {
        FileFrameSource missing(QStringLiteral("/no/such/place"));
        QVERIFY(!missing.start());
        QVERIFY(!missing.isActive());
        QCOMPARE(missing.errorString(), QStringLiteral("/no/such/place: no such file or folder"));
        QVERIFY(!missing.nextFrame());
    }

    void emptyFolder()
    {
        QTemporaryDir dir;
        QFile notes(dir.filePath(QStringLiteral("readme.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.close();
        FileFrameSource empty(dir.path());
        QSignalSpy frames(&empty, &IFrameSource::frameReady);
        QVERIFY(!empty.start());
        QVERIFY(!empty.isActive());
        QCOMPARE(empty.errorString(),
                 dir.path() + QStringLiteral(": folder has no .jpg, .png or .bmp images"));
        QVERIFY(!empty.nextFrame());
        QCOMPARE(frames.count(), 0);
    }

    void fileThatIsNeitherImageNorVideo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile junk(path);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a video");
        junk.close();
        FileFrameSource notVideo(path);
        QVERIFY(!notVideo.start());
        QCOMPARE(notVideo.errorString(),
                 path + QStringLiteral(": not an image, an image folder or a readable video"));
    }

    void corruptImageInAFolderIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(writeImage(dir.filePath(QStringLiteral("a.png")), Qt::red));
        const QString bad = dir.filePath(QStringLiteral("b.jpg"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("garbage, not a JPEG");
        f.close();
        QVERIFY(writeImage(dir.filePath(QStringLiteral("c.png")), Qt::blue));

        FileFrameSource source(dir.path());
        source.setManual(true);
        QSignalSpy frames(&source, &IFrameSource::frameReady);
        QSignalSpy errors(&source, &IFrameSource::errorOccurred);
        QVERIFY(source.start());
        QVERIFY(source.nextFrame());
        QVERIFY(!source.nextFrame()); // b.jpg
        QCOMPARE(errors.count(), 1);
        const QString message = errors.at(0).at(0).toString();
        QVERIFY2(message.startsWith(bad + QStringLiteral(": unreadable image")), qPrintable(message));
        QVERIFY(source.nextFrame()); // the source goes on with the next file
        QCOMPARE(frames.count(), 2);
        QCOMPARE(colourOf(frames, 1), QColor(Qt::blue));
    }

    void simulatedCamera()
    {
        SimulatedCamera cam;
        QCOMPARE(cam.description(), QStringLiteral("simulated camera"));
        QVERIFY(cam.errorString().isEmpty());
        const QImage a = cam.renderFrame(0);
        const QImage b = cam.renderFrame(1700);
        QCOMPARE(a.size(), QSize(640, 480));
        QCOMPARE(b.size(), QSize(640, 480));
        QVERIFY(!a.isNull());
        QVERIFY(a != b);
        QCOMPARE(cam.renderFrame(1700), b); // deterministic
        QCOMPARE(SimulatedCamera(QSize(320, 240)).renderFrame(0).size(), QSize(320, 240));

        QImage photo(200, 260, QImage::Format_RGB32);
        photo.fill(Qt::darkYellow);
        cam.presentFace(photo, QPointF(70, 100), QPointF(130, 100));
        const QImage presented = cam.renderFrame(0);
        QCOMPARE(presented.size(), QSize(640, 480));
        QVERIFY(presented != a);
        cam.clearFace();
        QCOMPARE(cam.renderFrame(0), a);
    }

    // The presented person stands where a candidate stands at the kiosk, whatever the photo's framing: a
    // full-length photo with eyes 20 px apart and a close-up with eyes 300 px apart both come out with the
    // eyes kPresentedEyeFraction of the frame apart, just above the centre. A held-up photo does not
    // blink, is held close (the close-up fills the frame's height) and shows its border where it does not
    // fill the frame.
    void simulatedPersonStandsAtTheKiosk()
    {
        for (const auto &[size, left, right] :
             {std::tuple{QSize(400, 1200), QPointF(190, 150), QPointF(210, 150)},
              std::tuple{QSize(1000, 1000), QPointF(350, 450), QPointF(650, 450)}}) {
            QImage photo(size, QImage::Format_RGB32);
            photo.fill(Qt::darkYellow);
            {
                QPainter paint(&photo);
                paint.setPen(Qt::NoPen);
                paint.setBrush(Qt::red);
                const qreal r = std::max(1.5, (right.x() - left.x()) / 15);
                for (const QPointF &eye : {left, right})
                    paint.drawEllipse(eye, r, r);
            }
            SimulatedCamera cam;
            cam.presentFace(photo, left, right);
            const QImage frame = cam.renderFrame(0);
            // The eyes are the reddest spots of the frame.
            QList<QPoint> red;
            for (int y = 0; y < frame.height(); ++y)
                for (int x = 0; x < frame.width(); ++x) {
                    const QColor c = frame.pixelColor(x, y);
                    if (c.red() > 180 && c.green() < 120)
                        red.append(QPoint(x, y));
                }
            QVERIFY(!red.isEmpty());
            // Each eye's centre: the red pixels left and right of the frame's middle.
            QPointF eyes[2];
            int counts[2] = {0, 0};
            for (const QPoint &p : red) {
                const int side = p.x() < 320 ? 0 : 1;
                eyes[side] += p;
                ++counts[side];
            }
            QVERIFY(counts[0] > 0 && counts[1] > 0);
            eyes[0] /= counts[0];
            eyes[1] /= counts[1];
            const double apart = eyes[1].x() - eyes[0].x();
            const double expected = SimulatedCamera::kPresentedEyeFraction * 640;
            QVERIFY2(std::abs(apart - expected) < 3, qPrintable(QString::number(apart)));
            QVERIFY(std::abs((eyes[0].x() + eyes[1].x()) / 2 - 320) < 3);
            QVERIFY(std::abs((eyes[0].y() + eyes[1].y()) / 2 - 480 * 0.42) < 3);

            // A person has no photo border: where the photo ends the frame continues its edge (the
            // close-up leaves the frame's sides beyond the photo). A held-up photo shows its border.
            const QColor backdrop(0x5b, 0x67, 0x76);
            for (const QPoint &corner : {QPoint(0, 0), QPoint(639, 240), QPoint(2, 479)})
                QCOMPARE(frame.pixelColor(corner), QColor(Qt::darkYellow));
            // Not even a faint line where the photo meets its surround (its edge falls between pixels
            // here): every pixel is the photo's colour, or part of an eye.
            int seam = 0;
            for (int y = 0; y < frame.height(); ++y)
                for (int x = 0; x < frame.width(); ++x) {
                    const QColor c = frame.pixelColor(x, y);
                    seam += c != QColor(Qt::darkYellow) && c.red() <= c.green();
                }
            QCOMPARE(seam, 0);

            // Blinking at 2.9 s (every 3 s) unless held up.
            const QImage blinking = cam.renderFrame(2900);
            cam.setBlinking(false);
            QVERIFY(cam.renderFrame(2900) != blinking);
            QCOMPARE(cam.renderFrame(2900), cam.renderFrame(2900));
            const QImage heldUp = cam.renderFrame(0);
            QCOMPARE(heldUp.pixelColor(0, 240) == backdrop || heldUp.pixelColor(0, 0) == backdrop,
                     size.width() == size.height()); // the close-up's sides, the full-length photo's none
            if (size.width() == size.height()) {     // held close: 90 % of the frame's height, eyes at 0.42
                QCOMPARE(heldUp.pixelColor(320, 2), backdrop);
                QCOMPARE(heldUp.pixelColor(320, 20), QColor(Qt::darkYellow));
                QCOMPARE(heldUp.pixelColor(320, 430), QColor(Qt::darkYellow));
                QCOMPARE(heldUp.pixelColor(320, 460), backdrop);
            }
        }
    }

    void simulatedCameraDeliversFrames()
    {
        SimulatedCamera cam(QSize(160, 120), 50);
        QSignalSpy frames(&cam, &IFrameSource::frameReady);
        QVERIFY(cam.start());
        QVERIFY(cam.isActive());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 2, 5000);
        cam.stop();
        QVERIFY(!cam.isActive());
        QCOMPARE(frames.at(0).at(0).value<QImage>().size(), QSize(160, 120));
    }

    void factory()
    {
        auto sim = createFrameSource(QStringLiteral("sim"));
        QVERIFY(dynamic_cast<SimulatedCamera *>(sim.get()));
        QVERIFY(dynamic_cast<SimulatedCamera *>(createFrameSource(QString()).get())); // the default

        auto file = createFrameSource(QStringLiteral("file:/x@5"));
        QVERIFY(dynamic_cast<FileFrameSource *>(file.get()));
        QCOMPARE(file->description(),
                 QStringLiteral("file source /x")); // "@5" is the frame rate, not the path
        // An '@' that is not followed by a frame rate is part of the path.
        QCOMPARE(createFrameSource(QStringLiteral("file:/videos/a@b.mp4"))->description(),
                 QStringLiteral("file source /videos/a@b.mp4"));
        QCOMPARE(createFrameSource(QStringLiteral("file:/x@0"))->description(),
                 QStringLiteral("file source /x@0"));

        QObject parent;
        IFrameSource *owned = createFrameSource(QStringLiteral("sim"), &parent).release();
        QCOMPARE(owned->parent(), &parent);

        try {
            createFrameSource(QStringLiteral("bogus:thing"));
            QFAIL("accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QCOMPARE(e.message(), QStringLiteral("camera 'bogus:thing' is not understood (expected sim, "
                                                 "file:PATH[@FPS] or camera[:DEVICE-ID])"));
        }
        try {
            createFrameSource(QStringLiteral("file:"));
            QFAIL("accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QCOMPARE(e.message(), QStringLiteral("camera 'file:': no path after 'file:'"));
        }
    }

    void factoryFileSourceWorks()
    {
        QTemporaryDir dir;
        QVERIFY(writeImage(dir.filePath(QStringLiteral("a.png")), Qt::red));
        auto source = createFrameSource(QStringLiteral("file:%1@30").arg(dir.path()));
        QSignalSpy frames(source.get(), &IFrameSource::frameReady);
        QVERIFY(source->start());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 1, 5000);
        QCOMPARE(colourOf(frames, 0), QColor(Qt::red));
    }
};

QTEST_MAIN(TestFrameSource)
#include "tst_framesource.moc"
