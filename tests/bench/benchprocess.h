// What the benchmarks that run other processes share: CPU time from rusage or from a running child's
// /proc counters (so its start-up and shutdown are not counted), and the MJPEG test camera.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

namespace examsite::bench {

/// A random L2-normalised vector of `dim` floats: an enrolled face whose content the cost does not
/// depend on.
inline std::vector<float> randomUnit(std::mt19937 &rng, size_t dim = 512)
{
    std::normal_distribution<float> normal;
    std::vector<float> v(dim);
    double norm = 0;
    for (float &x : v) {
        x = normal(rng);
        norm += double(x) * x;
    }
    for (float &x : v)
        x = float(x / std::sqrt(norm));
    return v;
}

/// The whole number after `name` in `args`, at least `lo`; `fallback` when the option is absent.
inline int intOption(const QStringList &args, const char *name, int fallback, int lo)
{
    const qsizetype i = args.indexOf(QString::fromLatin1(name));
    return i > 0 && i + 1 < args.size() ? std::max(lo, args[i + 1].toInt()) : fallback;
}

/// User + system CPU seconds of RUSAGE_SELF or RUSAGE_CHILDREN.
inline double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// A running process's peak resident set so far (VmHWM, KiB; 0 once it has gone). Unlike a child's
/// ru_maxrss, it does not include the parent's pages the child held between fork and exec.
inline long procPeakRssKb(pid_t pid)
{
    FILE *f = fopen(QStringLiteral("/proc/%1/status").arg(pid).toLatin1().constData(), "r");
    if (!f)
        return 0;
    char line[256];
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, nullptr, 10);
    fclose(f);
    return kb;
}

/// User + system CPU seconds the running processes have used so far (0 for one that has gone).
inline double procCpuSeconds(const std::vector<pid_t> &pids)
{
    double total = 0;
    for (pid_t p : pids) {
        FILE *f = fopen(QStringLiteral("/proc/%1/stat").arg(p).toLatin1().constData(), "r");
        if (!f)
            continue;
        char buf[4096];
        const size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        const char *close = strrchr(buf, ')'); // the command name may hold spaces and parentheses
        unsigned long ut = 0, st = 0;
        if (close && sscanf(close + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) == 2)
            total += double(ut + st) / double(sysconf(_SC_CLK_TCK));
    }
    return total;
}

/// examsite-testcam serving HTTP MJPEG on a free loopback port until destroyed.
struct TestCamera
{
    QProcess process;
    QString url;
    bool start(const QString &bin, const QString &size, int fps)
    {
        process.start(bin, {QStringLiteral("--size"), size, QStringLiteral("--fps"), QString::number(fps)});
        if (!process.waitForStarted(5000) || !process.waitForReadyRead(5000))
            return false;
        const QByteArray line = process.readLine().trimmed();
        if (!line.startsWith("LISTENING "))
            return false;
        url = QStringLiteral("http://127.0.0.1:%1/video").arg(QString::fromLatin1(line.mid(10)));
        return true;
    }
    ~TestCamera()
    {
        process.kill();
        process.waitForFinished(3000);
    }
};

} // namespace examsite::bench
