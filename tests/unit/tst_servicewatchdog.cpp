// The kiosk's systemd watchdog (#18): which environment turns it on, the datagrams it sends to a real
// AF_UNIX socket (READY=1, then WATCHDOG=1 from the event loop), and that a blocked event loop sends
// nothing, which is what lets systemd restart a hung kiosk.
#include "core/servicewatchdog.h"

#include <algorithm>
#include <cstring>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace examsite;
using namespace std::chrono_literals;

namespace {

/// A bound datagram socket standing in for systemd's notify socket.
struct NotifySocket
{
    int fd = -1;
    QByteArray path;
    explicit NotifySocket(const QByteArray &where)
    {
        path = where;
        fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::memcpy(addr.sun_path, path.constData(), size_t(path.size()));
        if (path.startsWith('@'))
            addr.sun_path[0] = '\0';
        const socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()));
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), length) != 0)
            qFatal("cannot bind %s", path.constData());
    }
    ~NotifySocket() { ::close(fd); }
    /// Every datagram waiting now.
    QList<QByteArray> drain() const
    {
        QList<QByteArray> got;
        char buf[256];
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
            got.append(QByteArray(buf, n));
        return got;
    }
    /// The datagrams that arrive while the event loop runs, until there are `count` (or 10 s pass).
    QList<QByteArray> waitFor(qsizetype count) const
    {
        QList<QByteArray> got;
        for (int waited = 0; got.size() < count && waited < 10000; waited += 20) {
            QTest::qWait(20);
            got += drain();
        }
        return got;
    }
};

} // namespace

class TestServiceWatchdog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        qunsetenv("NOTIFY_SOCKET");
        qunsetenv("WATCHDOG_USEC");
        qunsetenv("WATCHDOG_PID");
    }

    void settingsFromEnvironment()
    {
        // Outside systemd: nothing.
        ServiceNotifySettings s = ServiceNotifySettings::fromEnvironment(100, 1);
        QVERIFY(s.socket.isEmpty());
        QCOMPARE(s.interval.count(), 0);

        // A notify socket without a watchdog: READY=1 only.
        qputenv("NOTIFY_SOCKET", "/run/systemd/notify");
        s = ServiceNotifySettings::fromEnvironment(100, 1);
        QCOMPARE(s.socket, QByteArray("/run/systemd/notify"));
        QCOMPARE(s.interval.count(), 0);

        // WatchdogSec=30: a ping every 15 s, for the process itself or its parent (cage).
        qputenv("WATCHDOG_USEC", "30000000");
        QCOMPARE(ServiceNotifySettings::fromEnvironment(100, 1).interval, 15000ms);
        qputenv("WATCHDOG_PID", "100");
        QCOMPARE(ServiceNotifySettings::fromEnvironment(100, 1).interval, 15000ms);
        qputenv("WATCHDOG_PID", "42");
        QCOMPARE(ServiceNotifySettings::fromEnvironment(100, 42).interval, 15000ms);
        // Meant for another process: not ours to ping.
        QCOMPARE(ServiceNotifySettings::fromEnvironment(100, 1).interval.count(), 0);
        qputenv("WATCHDOG_PID", "x");
        QCOMPARE(ServiceNotifySettings::fromEnvironment(100, 1).interval.count(), 0);
        qunsetenv("WATCHDOG_PID");
        for (const char *bad : {"0", "-5", "soon", ""}) {
            qputenv("WATCHDOG_USEC", bad);
            QCOMPARE(ServiceNotifySettings::fromEnvironment(100, 1).interval.count(), 0);
        }
    }

    void sendsToPathAndAbstractSockets()
    {
        QTemporaryDir dir;
        const NotifySocket file(QFile::encodeName(dir.filePath(QStringLiteral("notify"))));
        QVERIFY(sendServiceNotification(file.path, "STATUS=checking in"));
        QCOMPARE(file.drain(), QList<QByteArray>{"STATUS=checking in"});

        const QByteArray abstractName = "@examsite-test-" + QByteArray::number(::getpid());
        const NotifySocket abstract(abstractName);
        QVERIFY(sendServiceNotification(abstractName, "READY=1"));
        QCOMPARE(abstract.drain(), QList<QByteArray>{"READY=1"});

        // Nobody listening, a relative name, one too long: refused, no crash.
        QVERIFY(
            !sendServiceNotification(QFile::encodeName(dir.filePath(QStringLiteral("absent"))), "READY=1"));
        QVERIFY(!sendServiceNotification("relative/notify", "READY=1"));
        QVERIFY(!sendServiceNotification("/" + QByteArray(200, 'x'), "READY=1"));
        QVERIFY(!sendServiceNotification(QByteArray(), "READY=1"));
    }

    void pingsFromTheEventLoop()
    {
        QTemporaryDir dir;
        const NotifySocket sock(QFile::encodeName(dir.filePath(QStringLiteral("notify"))));
        ServiceNotifySettings settings;
        settings.socket = sock.path;
        settings.interval = 20ms;
        ServiceWatchdog watchdog(settings);
        watchdog.start();
        QVERIFY(watchdog.watching());
        QCOMPARE(sock.drain(), QList<QByteArray>{"READY=1"});

        const QList<QByteArray> pings = sock.waitFor(3);
        QVERIFY2(pings.size() >= 3, qPrintable(QString::number(pings.size())));
        QVERIFY(
            std::all_of(pings.cbegin(), pings.cend(), [](const QByteArray &p) { return p == "WATCHDOG=1"; }));

        // A hung UI: while the event loop does not run, no ping leaves (systemd then restarts the unit).
        sock.drain();
        QThread::msleep(200); // ten intervals without the event loop
        QCOMPARE(sock.drain().size(), 0);
        QVERIFY(!sock.waitFor(1).isEmpty()); // and the pings resume with the loop
    }

    void silentOutsideSystemd()
    {
        ServiceWatchdog watchdog(ServiceNotifySettings::fromEnvironment(::getpid(), ::getppid()));
        watchdog.start();
        QVERIFY(!watchdog.watching());
    }
};

QTEST_GUILESS_MAIN(TestServiceWatchdog)
#include "tst_servicewatchdog.moc"
