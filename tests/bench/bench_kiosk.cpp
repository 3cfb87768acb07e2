// The check-in screen's cost while nobody is checking in (#16 item 15): the real kiosk (examsite-kiosk,
// offscreen, Qt Quick's software renderer as on a workstation without a GPU) on the demo site's idle
// check-in screen, at each window size, with four cameras: the simulated camera (640x480, 15 fps, a
// figure moving in front of it: someone standing at the kiosk), "hall" (640x480, 15 fps: nobody in
// front, a still hall with a sensor's noise), and the same two at 1080p and 30 fps ("1080p30": moving
// bars and a moving square; "hall1080p30"), MJPEG videos written here, read and decoded on the source's
// own thread as a USB camera's driver would. While the screen waits, a still scene's picture is redrawn
// once a second (FrameFeed::setCalm), so "hall" rows show about 1 frame a second and the moving ones
// the camera's rate. The kiosk measures itself (--measure): CPU of the whole process in % of one
// core, camera frames received and camera frames shown per second. Targets: idle under 5 % of a core;
// the camera view keeps the camera's frame rate at 1080p. The load average is printed with each row:
// other work on the machine slows the kiosk down and shows as frames not shown.
//
//   bench_kiosk [--seconds 10] [--sizes 1024x768,1280x800,1920x1080] [--cameras sim,hall,1080p30,hall1080p30]
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

namespace {

QString option(const QStringList &args, const char *name, const QString &fallback)
{
    const qsizetype i = args.indexOf(QString::fromLatin1(name));
    return i > 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

/// A 1080p MJPEG video at 30 fps, 3 s looped by the kiosk: a gradient with moving bars and a moving
/// square, so every frame differs (nothing is skipped because the picture stood still).
bool writeVideo(const QString &path)
{
    cv::VideoWriter writer(path.toStdString(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30,
                           cv::Size(1920, 1080));
    if (!writer.isOpened())
        return false;
    cv::Mat frame(1080, 1920, CV_8UC3);
    for (int i = 0; i < 90; ++i) {
        for (int y = 0; y < frame.rows; ++y)
            frame.row(y).setTo(cv::Scalar(60 + y / 9, 90, 140 - y / 12));
        for (int b = 0; b < 8; ++b)
            cv::rectangle(frame, cv::Rect((b * 260 + i * 12) % 1920, 0, 60, 1080),
                          cv::Scalar(30 * b, 255 - 30 * b, 128), cv::FILLED);
        cv::rectangle(frame, cv::Rect(400 + i * 10, 300 + (i % 30) * 8, 300, 300), cv::Scalar(240, 240, 240),
                      cv::FILLED);
        writer.write(frame);
    }
    return true;
}

/// A still hall in front of the kiosk with nobody in it, as a camera sees it: a lit wall, a door and a
/// desk, and a sensor's noise (about 3 grey levels, different in every frame), 3 s at `fps`.
bool writeHall(const QString &path, cv::Size size, double fps)
{
    cv::VideoWriter writer(path.toStdString(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, size);
    if (!writer.isOpened())
        return false;
    cv::Mat hall(size, CV_8UC3);
    for (int y = 0; y < hall.rows; ++y)
        hall.row(y).setTo(cv::Scalar(200 - y * 60 / hall.rows, 190 - y * 50 / hall.rows, 180));
    cv::rectangle(hall, cv::Rect(size.width / 8, size.height / 5, size.width / 6, size.height * 3 / 5),
                  cv::Scalar(70, 90, 120), cv::FILLED); // a door
    cv::rectangle(hall, cv::Rect(size.width / 2, size.height * 2 / 3, size.width / 3, size.height / 8),
                  cv::Scalar(60, 60, 60), cv::FILLED); // a desk
    cv::Mat noise(size, CV_16SC3), frame;
    cv::RNG rng(16);
    for (int i = 0; i < int(3 * fps); ++i) {
        rng.fill(noise, cv::RNG::NORMAL, 0, 3);
        hall.convertTo(frame, CV_16SC3);
        frame += noise;
        frame.convertTo(frame, CV_8UC3);
        writer.write(frame);
    }
    return true;
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int seconds = std::max(1, option(args, "--seconds", QStringLiteral("10")).toInt());
    const QStringList sizes = option(args, "--sizes", QStringLiteral("1024x768,1280x800,1920x1080"))
                                  .split(u',', Qt::SkipEmptyParts);
    const QStringList cameras = option(args, "--cameras", QStringLiteral("sim,hall,1080p30,hall1080p30"))
                                    .split(u',', Qt::SkipEmptyParts);

    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("site.db"));
    QProcess demo;
    demo.start(QStringLiteral(EXAMSITE_BIN), {QStringLiteral("--db"), db, QStringLiteral("demo")});
    if (!demo.waitForFinished(120000) || demo.exitCode() != 0) {
        fprintf(stderr, "bench_kiosk: examsite demo failed: %s\n", demo.readAllStandardError().constData());
        return 1;
    }
    const QString video = dir.filePath(QStringLiteral("camera-1080p30.avi"));
    if (cameras.contains(QStringLiteral("1080p30")) && !writeVideo(video)) {
        fprintf(stderr, "bench_kiosk: cannot write %s (OpenCV's MJPEG writer)\n", qPrintable(video));
        return 1;
    }
    const QString hall = dir.filePath(QStringLiteral("camera-hall.avi"));
    const QString hall1080 = dir.filePath(QStringLiteral("camera-hall1080p30.avi"));
    if ((cameras.contains(QStringLiteral("hall")) && !writeHall(hall, cv::Size(640, 480), 15)) ||
        (cameras.contains(QStringLiteral("hall1080p30")) && !writeHall(hall1080, cv::Size(1920, 1080), 30))) {
        fprintf(stderr, "bench_kiosk: cannot write the hall's video (OpenCV's MJPEG writer)\n");
        return 1;
    }
    const QString runtime = dir.filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    printf("bench_kiosk: the idle check-in screen, %d s per row after 3 s of warm-up; software renderer\n",
           seconds);
    printf("%-11s %-10s %8s %11s %10s %10s %6s\n", "camera", "window", "CPU %", "camera fps", "shown fps",
           "window fps", "load");
    int failures = 0;
    for (const QString &camera : cameras) {
        const QString spec = camera == u"sim"           ? QStringLiteral("sim")
                             : camera == u"hall"        ? QStringLiteral("file:%1@15").arg(hall)
                             : camera == u"hall1080p30" ? QStringLiteral("file:%1@30").arg(hall1080)
                                                        : QStringLiteral("file:%1@30").arg(video);
        for (const QString &size : sizes) {
            QProcess kiosk;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
            env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
            kiosk.setProcessEnvironment(env);
            const double load = loadAverage();
            kiosk.start(QStringLiteral(EXAMSITE_KIOSK_BIN),
                        {QStringLiteral("--db"), db, QStringLiteral("--camera"), spec,
                         QStringLiteral("--windowed"), QStringLiteral("--size"), size,
                         QStringLiteral("--measure"), QString::number(seconds)});
            const bool done = kiosk.waitForFinished((seconds + 60) * 1000);
            const QJsonObject m = QJsonDocument::fromJson(kiosk.readAllStandardOutput().trimmed()).object();
            if (!done || kiosk.exitCode() != 0 || !m.contains(QStringLiteral("cpu_percent"))) {
                fprintf(stderr, "bench_kiosk: the kiosk (%s, %s) gave no measurement: %s\n",
                        qPrintable(camera), qPrintable(size), kiosk.readAllStandardError().constData());
                ++failures;
                continue;
            }
            printf("%-11s %-10s %8.1f %11.1f %10.1f %10.1f %6.2f\n", qPrintable(camera), qPrintable(size),
                   m[QStringLiteral("cpu_percent")].toDouble(), m[QStringLiteral("camera_fps")].toDouble(),
                   m[QStringLiteral("shown_fps")].toDouble(), m[QStringLiteral("window_fps")].toDouble(),
                   load);
            fflush(stdout);
        }
    }
    printf("targets: idle CPU under 5 %% of one core; shown fps = the camera's while something moves (15 "
           "sim, 30 "
           "1080p30), about 1 for a still hall\n");
    return failures == 0 ? 0 : 1;
}
