// Whether this terminal reaches its site server now, and getting back to it. A store call that fails
// with Error(Unreachable) (a server restart, a cut LAN, pg_terminate_backend) is reported here: the
// link goes to "reconnecting", asks the server again after each backoff delay (1, 2, 4, 8, then about
// 15 s, with jitter: core/backoff.h) and announces restored() once it answers. Screens show a notice
// instead of an error while it reconnects; what is written again afterwards is decided by the domain
// service (CheckInRecorder::retriesAfterReconnect: an idempotent check-in, the same attempt key).
// On an SQLite store nothing is ever unreachable.
#pragma once

#include "core/backoff.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace examsite {

class Database;
class Error;

class SiteLink : public QObject
{
    Q_OBJECT

public:
    explicit SiteLink(Database &db, QObject *parent = nullptr);

    /// False from a reported loss until the server answers again.
    bool reachable() const { return m_reachable; }
    /// Reports a failed store call. True when it means the site server is unreachable (the link then
    /// reconnects in the background); false for any other error, which the caller shows as usual.
    bool noteFailure(const Error &e);
    /// Asks the server now: while reachable, whether it still is (the change listener lost its
    /// connection: the server may be gone); while reconnecting, instead of at the next backoff step (the
    /// listener got its connection back: the server may be back).
    void probeNow();
    /// Reconnection attempts since the loss.
    int attempts() const { return m_backoff.failures(); }

Q_SIGNALS:
    void reachableChanged(bool reachable);
    /// The server answers again after a loss: retry what was waiting for it.
    void restored();

private:
    void probe();
    void lost(const QString &why);

    Database &m_db;
    bool m_reachable = true;
    ReconnectBackoff m_backoff;
    QTimer m_timer;
    QElapsedTimer m_since;
};

} // namespace examsite
