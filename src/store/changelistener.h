// The other terminals' changes, as they are committed: on a site server, a connection of its own that
// LISTENs on Database::kChangeChannel (every event appended NOTIFYs it, delivered on commit), its socket
// watched by the thread's event loop, never blocking it (connecting included, given up after
// connect_timeout when the server does not answer), reconnected with backoff when the server drops it. On an
// SQLite store it does nothing: the terminals there watch the event log (SiteStore::changeMarker) on a timer,
// which stays as the fallback on a server too.
#pragma once

#include "core/backoff.h"

#include <memory>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QSocketNotifier;

namespace examsite {

namespace detail {
class ListenEngine;
}

class ChangeListener : public QObject
{
    Q_OBJECT

public:
    /// Starts listening when `location` names a PostgreSQL server (Database::isServerLocation).
    explicit ChangeListener(const QString &location, QObject *parent = nullptr);
    ~ChangeListener() override;

    /// True on a server location (the listener works), false on an SQLite file.
    bool active() const { return m_active; }
    /// Connected and listening now.
    bool listening() const { return m_listening; }
    /// Notifications received since start (for the journal and tests).
    qint64 received() const { return m_received; }

Q_SIGNALS:
    /// Something was committed by a terminal (this one included), or the listener has just (re)connected
    /// and may have missed notifications: re-read what is shown.
    void changed();
    void listeningChanged(bool listening);

private:
    void connectNow();
    void step();
    void read();
    void lost(const QString &why);
    void watch(bool forWriting);

    QString m_location;
    bool m_active = false;
    bool m_listening = false;
    qint64 m_received = 0;
    std::unique_ptr<detail::ListenEngine> m_engine;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_retry;
    QTimer m_deadline; ///< connecting gives up after connect_timeout (a server that does not answer)
    ReconnectBackoff m_backoff;
    QElapsedTimer m_held;
};

} // namespace examsite
