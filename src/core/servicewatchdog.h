// The systemd service protocol of the kiosk (#18): READY=1 once the screen is up and WATCHDOG=1 from
// the event loop, as datagrams to $NOTIFY_SOCKET (sd_notify(3), without linking libsystemd). A hung
// UI stops pinging and systemd restarts the unit (WatchdogSec). Outside systemd it does nothing.
#pragma once

#include <chrono>
#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace examsite {

/// Where and how often to notify, read from the environment systemd sets for a service.
struct ServiceNotifySettings
{
    QByteArray socket;                    ///< $NOTIFY_SOCKET ('@' = abstract namespace); empty: none
    std::chrono::milliseconds interval{}; ///< watchdog ping interval (half of $WATCHDOG_USEC); 0: off

    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID. The watchdog is on when WATCHDOG_USEC is
    /// a positive number and WATCHDOG_PID is unset, this process, or its parent (the kiosk runs as
    /// cage's child and cage is the unit's main process).
    static ServiceNotifySettings fromEnvironment(qint64 pid, qint64 parentPid);
};

/// Sends one notification ("READY=1", "WATCHDOG=1", "STATUS=...") to `socket`; false on any failure.
bool sendServiceNotification(const QByteArray &socket, const QByteArray &message);

/// Pings the watchdog from the event loop it lives in, every `interval`.
class ServiceWatchdog : public QObject
{
    Q_OBJECT
public:
    explicit ServiceWatchdog(ServiceNotifySettings settings, QObject *parent = nullptr);
    /// READY=1, then WATCHDOG=1 every interval while the event loop runs.
    void start();
    bool watching() const { return m_timer.isActive(); }

private:
    ServiceNotifySettings m_settings;
    QTimer m_timer;
};

} // namespace examsite
