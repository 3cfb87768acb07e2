// The check-in screen's cost while nobody is checking in (#16 item 15): the real kiosk (examsite-kiosk,
// offscreen, Qt Quick's software renderer as on a workstation without a GPU) on the demo site's idle
// check-in screen, at each window size, with the simulated camera (640x480, 15 fps) and with a 1080p
// camera at 30 fps (an MJPEG video written here, read and decoded on the source's own thread as a USB
// camera's driver would). The kiosk measures itself (--measure): CPU of the whole process in % of one
// core, camera frames received and camera frames shown per second. Targets: idle under 5 % of a core;
// the camera view keeps the camera's frame rate at 1080p. The load average is printed with each row:
// other work on the machine slows the kiosk down and shows as frames not shown.
//
//   bench_kiosk [--seconds 10] [--sizes 1024x768,1280x800,1920x1080] [--cameras sim,1080p30]
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
    const QStringList cameras =
        option(args, "--cameras", QStringLiteral("sim,1080p30")).split(u',', Qt::SkipEmptyParts);

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
    const QString runtime = dir.filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    printf("bench_kiosk: the idle check-in screen, %d s per row after 3 s of warm-up; software renderer\n",
           seconds);
    printf("%-9s %-10s %8s %11s %10s %10s %6s\n", "camera", "window", "CPU %", "camera fps", "shown fps",
           "window fps", "load");
    int failures = 0;
    for (const QString &camera : cameras) {
        const QString spec =
            camera == u"sim" ? QStringLiteral("sim") : QStringLiteral("file:%1@30").arg(video);
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
            printf("%-9s %-10s %8.1f %11.1f %10.1f %10.1f %6.2f\n", qPrintable(camera), qPrintable(size),
                   m[QStringLiteral("cpu_percent")].toDouble(), m[QStringLiteral("camera_fps")].toDouble(),
                   m[QStringLiteral("shown_fps")].toDouble(), m[QStringLiteral("window_fps")].toDouble(),
                   load);
            fflush(stdout);
        }
    }
    printf("targets: idle CPU under 5 %% of one core; shown fps = the camera's (15 sim, 30 for 1080p30)\n");
    return failures == 0 ? 0 : 1;
}
