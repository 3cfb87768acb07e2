// Whether this terminal reaches its site server now, and getting back to it. A store call that fails
// with Error(Unreachable) (a server restart, a cut LAN, pg_terminate_backend) is reported here: the
// link goes to "reconnecting", asks the server again after each backoff delay (1, 2, 4, 8, then about
// 15 s, with jitter: core/backoff.h) and announces restored() once it answers. Screens show a notice
// instead of an error while it reconnects; what is written again afterwards is decided by the domain
// service (CheckInRecorder::retriesAfterReconnect: an idempotent check-in or failed check, the same
// attempt key).
//
// Nothing here waits on the network in the thread that owns the link (the kiosk's GUI thread): the
// server is asked on a connection of its own in a worker thread (Database::probeServer), which a server
// that does not answer at all (a cut cable) keeps for its connect_timeout; only once it has answered is
// the terminal's own connection re-established (quickly, then). Meanwhile the store's connection is held
// down (Database::setLinkDown), so a store call fails at once with Error(Unreachable) instead of
// waiting for a reconnection of its own. On an SQLite store nothing is ever unreachable.
#pragma once

#include "core/backoff.h"

#include <memory>
#include <optional>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

class QThread;

namespace examsite {

class Database;
class Error;

class SiteLink : public QObject
{
    Q_OBJECT

public:
    explicit SiteLink(Database &db, QObject *parent = nullptr);
    /// Waits for a probe under way (at most the server's connect_timeout).
    ~SiteLink() override;

    /// False from a reported loss until the server answers again.
    bool reachable() const { return m_reachable; }
    /// Reports a failed store call. True when it means the site server is unreachable (the link then
    /// reconnects in the background); false for any other error, which the caller shows as usual.
    bool noteFailure(const Error &e);
    /// Asks the server now, without waiting for its answer: while reachable, whether it still is (the
    /// change listener lost its connection: the server may be gone); while reconnecting, instead of at
    /// the next backoff step (the listener got its connection back: the server may be back).
    void probeNow();
    /// Reconnection attempts since the loss.
    int attempts() const { return m_backoff.failures(); }
    /// A probe is waiting for the server's answer in its worker thread.
    bool probing() const { return m_probe != nullptr; }
    /// A terminal with a screen: a statement the server takes and does not answer within `ms` fails as
    /// Error(Unreachable), held and retried like one sent to a lost server (Database::setAnswerTimeout).
    void setAnswerTimeout(int ms);
    /// The screens' answer timeout (AppController): the longest a tap waits on a server that has gone
    /// silent or a cable cut before anything noticed (the first statement after it: then the kiosk says
    /// "reconnecting"). A LAN server answers a terminal's statements in milliseconds (p95 under 50 ms
    /// with 32 terminals, bench_site); waiting for another terminal's write lock is not silence: the
    /// statement that takes it may wait the session's lock_timeout (5 s) on top.
    static constexpr int kScreenAnswerTimeoutMs = 3000;

Q_SIGNALS:
    void reachableChanged(bool reachable);
    /// The server answers again after a loss: retry what was waiting for it.
    void restored();

private:
    void probe();
    /// The outcome of the probe that started during loss number `losses` (m_losses then).
    void probed(const std::optional<QString> &why, int losses);
    void lost(const QString &why);
    void retryLater();

    Database &m_db;
    bool m_reachable = true;
    int m_losses = 0; ///< losses so far: an answer to a probe started before the last one says nothing
    ReconnectBackoff m_backoff;
    QTimer m_timer;
    QElapsedTimer m_since;
    std::unique_ptr<QThread> m_probe;
};

} // namespace examsite
