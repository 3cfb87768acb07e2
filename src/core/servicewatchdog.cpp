#include "core/servicewatchdog.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace examsite {

ServiceNotifySettings ServiceNotifySettings::fromEnvironment(qint64 pid, qint64 parentPid)
{
    ServiceNotifySettings s;
    s.socket = qgetenv("NOTIFY_SOCKET");
    if (s.socket.isEmpty())
        return s;
    bool ok = false;
    const qint64 usec = qgetenv("WATCHDOG_USEC").toLongLong(&ok);
    if (!ok || usec <= 0)
        return s;
    const QByteArray pidText = qgetenv("WATCHDOG_PID");
    if (!pidText.isEmpty()) {
        const qint64 watched = pidText.toLongLong(&ok);
        if (!ok || (watched != pid && watched != parentPid))
            return s;
    }
    // Half the timeout, as sd_watchdog_enabled(3) advises; at least 1 ms.
    s.interval = std::chrono::milliseconds(std::max<qint64>(1, usec / 2000));
    return s;
}

bool sendServiceNotification(const QByteArray &socket, const QByteArray &message)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socket.isEmpty() || socket.size() >= qsizetype(sizeof addr.sun_path) ||
        (socket[0] != '/' && socket[0] != '@'))
        return false;
    std::memcpy(addr.sun_path, socket.constData(), size_t(socket.size()));
    if (socket[0] == '@')
        addr.sun_path[0] = '\0'; // abstract namespace
    const socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(socket.size()));
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t sent = ::sendto(fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&addr), length);
    ::close(fd);
    return sent == message.size();
}

ServiceWatchdog::ServiceWatchdog(ServiceNotifySettings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings))
{
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this,
            [this] { sendServiceNotification(m_settings.socket, QByteArrayLiteral("WATCHDOG=1")); });
}

void ServiceWatchdog::start()
{
    if (m_settings.socket.isEmpty())
        return;
    sendServiceNotification(m_settings.socket, QByteArrayLiteral("READY=1"));
    if (m_settings.interval.count() > 0)
        m_timer.start(m_settings.interval);
}

} // namespace examsite
