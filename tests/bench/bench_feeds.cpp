// Monitoring cost: CPU per feed for the full monitor (OpenCV/FFmpeg decode of every frame, analysis at
// 5 fps, the health state machine) at 640x360 10 fps and 1280x720 15 fps HTTP MJPEG from the test camera
// on loopback, next to plain `ffmpeg -f null` decoding the same streams; and how many feeds two cores
// would sustain at that cost. Also checks that every feed keeps its frame rate (nothing dropped).
//
//   bench_feeds [--seconds 20] [--feeds 16] [--testcam PATH]
#include "benchprocess.h"
#include "ipcam/opencvfeedreader.h"
#include "monitoring/feedmonitor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <sys/resource.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdio>

using namespace examsite;
using namespace examsite::monitoring;

namespace {

struct Figures
{
    double cpuPercentPerFeed = 0;
    double fpsPerFeed = 0;
};

Figures monitorCost(const QString &url, int feeds, double seconds)
{
    std::vector<std::unique_ptr<FeedMonitor>> monitors;
    for (int i = 0; i < feeds; ++i) {
        FeedOptions o;
        o.url = url;
        o.learnBaseline = true;
        monitors.push_back(std::make_unique<FeedMonitor>(o, OpenCvFeedReader::factory(), quint64(i)));
    }
    for (auto &m : monitors)
        m->start();
    QThread::msleep(2000); // connected and past the first frames
    qint64 framesBefore = 0;
    for (auto &m : monitors)
        framesBefore += m->counters().framesRead;
    const double cpu0 = bench::cpuSeconds(RUSAGE_SELF);
    QElapsedTimer t;
    t.start();
    QThread::msleep(ulong(seconds * 1000));
    const double wall = double(t.elapsed()) / 1000.0;
    const double cpu = bench::cpuSeconds(RUSAGE_SELF) - cpu0;
    qint64 frames = 0;
    for (auto &m : monitors)
        frames += m->counters().framesRead;
    for (auto &m : monitors)
        m->stop();
    return {100.0 * cpu / wall / feeds, double(frames - framesBefore) / wall / feeds};
}

/// Plain decoding: one `ffmpeg -f null` per feed; returns -1 when ffmpeg is not installed.
double ffmpegCost(const QString &url, int feeds, double seconds)
{
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty())
        return -1;
    std::vector<pid_t> pids;
    const QByteArray u = url.toUtf8();
    for (int i = 0; i < feeds; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            execl(ffmpeg.toLocal8Bit().constData(), "ffmpeg", "-hide_banner", "-loglevel", "error",
                  "-nostdin", "-i", u.constData(), "-f", "null", "-", static_cast<char *>(nullptr));
            _exit(127);
        }
        pids.push_back(pid);
    }
    QThread::msleep(2000); // connected and past the stream probing
    QElapsedTimer t;
    t.start();
    // The children's own counters from /proc while they run, so start-up and shutdown are not
    // counted, as for the monitor.
    const auto procCpu = [&] { return bench::procCpuSeconds(pids); };
    const double start = procCpu();
    QThread::msleep(ulong(seconds * 1000));
    const double used = procCpu() - start;
    const double wall = double(t.elapsed()) / 1000.0;
    for (pid_t p : pids)
        kill(p, SIGTERM);
    for (pid_t p : pids)
        waitpid(p, nullptr, 0);
    return 100.0 * used / wall / feeds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("seconds"), QStringLiteral("Measuring time per configuration (default 20)."),
                 QStringLiteral("S"), QStringLiteral("20")});
    p.addOption({QStringLiteral("feeds"), QStringLiteral("Feeds watched at once (default 16)."),
                 QStringLiteral("N"), QStringLiteral("16")});
    p.addOption({QStringLiteral("testcam"), QStringLiteral("The test camera binary."), QStringLiteral("PATH"),
                 QStringLiteral(EXAMSITE_TESTCAM_BIN)});
    p.process(app);
    const double seconds = std::max(1.0, p.value(QStringLiteral("seconds")).toDouble());
    const int feeds = std::max(1, p.value(QStringLiteral("feeds")).toInt());

    struct Config
    {
        const char *size;
        int fps;
    };
    printf("monitoring feeds: HTTP MJPEG from the test camera on loopback, %d feeds at once, %.0f s each, %d "
           "cores\n",
           feeds, seconds, QThread::idealThreadCount());
    printf("%-10s %4s %16s %12s %18s %8s %22s\n", "size", "fps", "monitor %CPU/feed", "frames/s/feed",
           "ffmpeg -f null %CPU", "ratio", "feeds on 2 cores (est.)");
    for (const Config c : {Config{"640x360", 10}, Config{"1280x720", 15}}) {
        bench::TestCamera cam;
        if (!cam.start(p.value(QStringLiteral("testcam")), QString::fromLatin1(c.size), c.fps)) {
            fprintf(stderr, "bench_feeds: cannot start the test camera %s\n",
                    qPrintable(p.value(QStringLiteral("testcam"))));
            return 1;
        }
        const Figures m = monitorCost(cam.url, feeds, seconds);
        const double f = ffmpegCost(cam.url, feeds, seconds);
        printf("%-10s %4d %16.2f %12.1f %18s %8s %22.0f\n", c.size, c.fps, m.cpuPercentPerFeed, m.fpsPerFeed,
               f < 0 ? "(no ffmpeg)" : qPrintable(QString::number(f, 'f', 2)),
               f <= 0 ? "-" : qPrintable(QString::number(m.cpuPercentPerFeed / f, 'f', 2)),
               200.0 / std::max(0.01, m.cpuPercentPerFeed));
        if (m.fpsPerFeed < c.fps * 0.9)
            printf("  note: feeds kept %.1f of %d frames/s: the machine could not keep up with %d feeds\n",
                   m.fpsPerFeed, c.fps, feeds);
    }
    printf("(the test camera's own encoding runs in a separate process and is not counted)\n");
    return 0;
}
