// The feed wall's cost: the real kiosk (examsite-kiosk, offscreen, Qt Quick's software renderer as on
// a workstation without a GPU) signed in on the Monitoring page, watching N cameras that stream HTTP
// MJPEG 640x360 at 10 fps from the test camera on loopback. Measures the kiosk process's CPU over a
// window after start-up (from /proc), once with no cameras and once with N, and prints the difference
// per camera and for the wall as a whole, as a share of one core.
//
//   bench_wall [--seconds 20] [--feeds 16] [--warmup 6] [--keep]
#include "benchprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace examsite;

namespace {

const QString kPassword = QStringLiteral("tech12345"); // the demo technician

bool cli(const QString &db, const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EXAMSITE_PASSWORD"), kPassword);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EXAMSITE_BIN), QStringList{QStringLiteral("--db"), db} + args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        fprintf(stderr, "bench_wall: examsite %s failed: %s\n", qPrintable(args.join(u' ')),
                p.readAllStandardError().constData());
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

/// The demo site with its simulated cameras replaced by `feeds` cameras on `url`.
bool site(const QString &db, const QString &url, int feeds)
{
    QByteArray list;
    if (!cli(db, {QStringLiteral("demo")}) ||
        !cli(db, {QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("list")}, &list))
        return false;
    for (const QJsonValue &d : QJsonDocument::fromJson(list).array())
        if (!cli(db, {QStringLiteral("feeds"), QStringLiteral("remove"), d[QStringLiteral("name")].toString(),
                      QStringLiteral("--as"), QStringLiteral("tech")}))
            return false;
    static const QStringList rooms{QStringLiteral("A101"), QStringLiteral("A102"), QStringLiteral("A103")};
    for (int i = 0; i < feeds; ++i)
        if (!cli(db, {QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("--room"), rooms[i % 3],
                      QStringLiteral("--name"), QStringLiteral("wall-%1").arg(i + 1, 2, 10, QLatin1Char('0')),
                      QStringLiteral("--url"), url, QStringLiteral("--as"), QStringLiteral("tech")}))
            return false;
    return true;
}

/// The kiosk's CPU, in % of one core, over `seconds` after `warmup` seconds on the Monitoring page.
double kioskCpu(const QString &db, double warmup, double seconds, const QString &shot)
{
    QProcess kiosk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EXAMSITE_PASSWORD"), kPassword);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    const QString runtime = QFileInfo(db).absolutePath() + QStringLiteral("/runtime");
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ExeOwner); // as Qt wants it
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    kiosk.setProcessEnvironment(env);
    kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const int lifetimeMs = int((warmup + seconds + 3) * 1000);
    kiosk.start(QStringLiteral(EXAMSITE_KIOSK_BIN),
                {QStringLiteral("--db"), db, QStringLiteral("--camera"), QStringLiteral("sim"),
                 QStringLiteral("--no-face"), QStringLiteral("--lang"), QStringLiteral("en"),
                 QStringLiteral("--login"), QStringLiteral("tech"), QStringLiteral("--page"),
                 QStringLiteral("6"), QStringLiteral("--screenshot"), shot,
                 QStringLiteral("--screenshot-delay"), QString::number(lifetimeMs)});
    if (!kiosk.waitForStarted(10000))
        return -1;
    const std::vector<pid_t> pid{pid_t(kiosk.processId())};
    QThread::msleep(ulong(warmup * 1000));
    const double cpu0 = bench::procCpuSeconds(pid);
    QElapsedTimer t;
    t.start();
    QThread::msleep(ulong(seconds * 1000));
    const double used = bench::procCpuSeconds(pid) - cpu0;
    const double wall = double(t.elapsed()) / 1000.0;
    if (!kiosk.waitForFinished(lifetimeMs + 30000) || kiosk.exitCode() != 0)
        return -1;
    return 100.0 * used / wall;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("seconds"), QStringLiteral("Measuring time per run (default 20)."),
                 QStringLiteral("S"), QStringLiteral("20")});
    p.addOption({QStringLiteral("feeds"), QStringLiteral("Cameras on the wall (default 16)."),
                 QStringLiteral("N"), QStringLiteral("16")});
    p.addOption({QStringLiteral("warmup"), QStringLiteral("Seconds of start-up not measured (default 6)."),
                 QStringLiteral("S"), QStringLiteral("6")});
    p.addOption({QStringLiteral("keep"),
                 QStringLiteral("Keep the work folder (databases, screenshots of the wall).")});
    p.process(app);
    const double seconds = std::max(1.0, p.value(QStringLiteral("seconds")).toDouble());
    const int feeds = std::max(1, p.value(QStringLiteral("feeds")).toInt());
    // Start-up, sign-in, every camera connected and past its first frames.
    const double warmup = std::max(1.0, p.value(QStringLiteral("warmup")).toDouble());

    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-wall-XXXXXX"));
    dir.setAutoRemove(!p.isSet(QStringLiteral("keep")));
    bench::TestCamera cam;
    if (!cam.start(QStringLiteral(EXAMSITE_TESTCAM_BIN), QStringLiteral("640x360"), 10)) {
        fprintf(stderr, "bench_wall: cannot start the test camera\n");
        return 1;
    }
    const QString none = dir.filePath(QStringLiteral("none.db")),
                  wall = dir.filePath(QStringLiteral("wall.db"));
    if (!site(none, cam.url, 0) || !site(wall, cam.url, feeds))
        return 1;
    printf("feed wall: examsite-kiosk on the Monitoring page, software rendering, %d cameras of HTTP MJPEG "
           "640x360 10 fps, "
           "%.0f s after %.0f s of start-up, %d cores\n",
           feeds, seconds, warmup, QThread::idealThreadCount());
    const double idle = kioskCpu(none, warmup, seconds, dir.filePath(QStringLiteral("none.png")));
    const double busy = kioskCpu(wall, warmup, seconds, dir.filePath(QStringLiteral("wall.png")));
    if (idle < 0 || busy < 0) {
        fprintf(stderr, "bench_wall: the kiosk did not run to its end\n");
        return 1;
    }
    printf("kiosk, no cameras:     %6.1f %% of one core\n", idle);
    printf("kiosk, %2d cameras:     %6.1f %% of one core\n", feeds, busy);
    printf("the wall's cost:       %6.1f %% of one core, %.2f %% per camera (monitoring, decoding, "
           "thumbnails, rendering)\n",
           busy - idle, (busy - idle) / feeds);
    printf("(the test camera's encoding runs in its own process and is not counted)\n");
    if (p.isSet(QStringLiteral("keep")))
        printf("screenshots of both runs in %s\n", qPrintable(dir.path()));
    return 0;
}
