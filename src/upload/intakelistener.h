// The intake's own TCP listener: bounds how long a client may take to send a request's headers and
// to keep its body moving, and how many connections one address may hold, since Qt HttpServer 6.4
// has no such limits. Bound to a QHttpServer with listenIntake().
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

#include <optional>

class QHttpServer;

namespace examsite::upload {

struct ConnectionLimits
{
    /// From the connection's start or the previous answer, the next request's headers must be complete
    /// within this time (an idle connection is closed after it, as is a client dribbling headers).
    int headerTimeoutMs = 10000;
    /// While a body arrives, at most this long without a new byte.
    int bodyTimeoutMs = 30000;
    /// Concurrent connections one client address may hold; more are closed at once. 0: no cap (behind a
    /// reverse proxy every connection comes from the proxy's address).
    int maxConnectionsPerClient = 8;
    /// A request's header section at most this many bytes; a longer one is closed.
    int maxHeaderBytes = 64 * 1024;

    /// The command line's values (seconds, seconds, count); nullopt with `why` when one is not a whole
    /// number in range (timeouts 1..3600 s, connections 0..10000).
    static std::optional<ConnectionLimits> fromOptions(const QString &headerSeconds,
                                                       const QString &bodySeconds, const QString &perClient,
                                                       QString *why);
};

class IntakeListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit IntakeListener(ConnectionLimits limits, QObject *parent = nullptr);
    ~IntakeListener() override;

    const ConnectionLimits &limits() const { return m_limits; }
    /// Connections closed because their address already held the maximum.
    int refused() const { return m_refused; }
    /// Connections closed by the header or body timeout, or for headers over the limit.
    int timedOut() const { return m_timedOut; }
    /// Connections open now, from every address or from `client`.
    int open() const;
    int open(const QHostAddress &client) const;

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class ConnectionWatch;
    void released(const QString &client);
    void closedByLimit() { ++m_timedOut; }

    ConnectionLimits m_limits;
    QHash<QString, int> m_perClient;
    int m_refused = 0;
    int m_timedOut = 0;
};

/// Listens on address:port through an IntakeListener with `limits` and binds it to `server` (which
/// takes ownership); returns the port, 0 if it cannot listen. `listener`, if given, receives it.
quint16 listenIntake(QHttpServer &server, const QHostAddress &address, quint16 port,
                     const ConnectionLimits &limits, IntakeListener **listener = nullptr);

} // namespace examsite::upload
