// The intake's own TCP listener: bounds how long a client may take to send a request's headers and
// to keep its body moving (timeouts and a minimum rate), how many connections one client (an IPv4
// address or an IPv6 /64) and all together may hold, since Qt HttpServer 6.4 has no such limits; when
// all are taken, a new connection replaces the longest-waiting one that has not sent its headers; and
// refuses a request whose headers do not authenticate it (a RequestGate) before the server reads a byte
// of its body. Bound to a QHttpServer with listenIntake().
#pragma once

#include "upload/requestauth.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

#include <functional>
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
    /// Concurrent connections one client may hold; more are closed at once. A client is an IPv4 address
    /// or an IPv6 /64 prefix (one subscriber's allocation: counting single IPv6 addresses would let
    /// one host take every connection). 0: no cap (behind a reverse proxy every connection comes from the
    /// proxy's address).
    int maxConnectionsPerClient = 8;
    /// A request's header section at most this many bytes; a longer one is closed.
    int maxHeaderBytes = 64 * 1024;
    /// A request's body at most this many bytes, judged from its Content-Length before a byte of it is
    /// read (Qt HttpServer 6.4 buffers a whole body before any handler sees it): a longer one is answered
    /// 413 and closed, a body without a length (chunked) 411. The intake sets it to its largest PUT
    /// (IntakeConfig::maxChunkBytes).
    qint64 maxBodyBytes = qint64(64) << 20;
    /// Connections from every client together. When they are all open, a new connection replaces the one
    /// that has waited longest (at least evictAfterMs) for its request's headers, from the client holding
    /// the most connections; a client that connects and sends nothing thus cannot keep a site out for
    /// the header timeout. With none waiting that long (all busy), the new connection is closed at once.
    int maxConnections = 256;
    /// How long a connection may wait for its headers before a new one may replace it when all are open
    /// (a genuine client sends its headers within milliseconds of connecting).
    int evictAfterMs = 1000;
    /// A body must arrive at least this fast (bytes per second, averaged over each bodyRateWindowMs);
    /// a slower one is closed. 0: no minimum.
    int minBodyBytesPerSecond = 1024;
    int bodyRateWindowMs = 20000;
    /// A whole request handed to the server is answered within this time, or its connection is closed
    /// (a bundle's verification queued behind others' takes minutes; a request the server reads
    /// differently from the listener would otherwise hold its connection for ever).
    int maxHandlingMs = 30 * 60 * 1000;

    /// The command line's values (seconds, seconds, count, count, bytes per second; empty: the default);
    /// nullopt with `why` when one is not a whole number in range (timeouts 1..3600 s, connections per
    /// client 0..10000, all connections 1..100000, body rate 0..1000000).
    static std::optional<ConnectionLimits> fromOptions(const QString &headerSeconds,
                                                       const QString &bodySeconds, const QString &perClient,
                                                       QString *why, const QString &maxConnections = {},
                                                       const QString &minBodyRate = {});
};

/// Why a request is refused from its headers: the status (401, 429) and the reason sent back.
struct Refusal
{
    int status = 401;
    QString reason;
};
/// Called with each request's header section once it is complete, before any of its body is read;
/// a refusal is answered at once and the connection closed, so the server never sees the request.
using RequestGate = std::function<std::optional<Refusal>(const RequestHead &)>;

class ConnectionWatch;

class IntakeListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit IntakeListener(ConnectionLimits limits, QObject *parent = nullptr);
    ~IntakeListener() override;

    const ConnectionLimits &limits() const { return m_limits; }
    /// Every request's headers pass `gate` first (none: every request goes to the server).
    void setRequestGate(RequestGate gate) { m_gate = std::move(gate); }
    /// Connections closed because their client, or all clients together, already held the maximum.
    int refused() const { return m_refused; }
    /// Connections closed to make room for a new one while all were open (they had sent no headers).
    int evicted() const { return m_evicted; }
    /// Connections closed by the header or body timeout, the minimum body rate, or for headers over the
    /// limit.
    int timedOut() const { return m_timedOut; }
    /// Requests the gate refused (each closing its connection).
    int unauthenticated() const { return m_unauthenticated; }
    /// Connections open now, from every address or from `client`.
    int open() const { return m_open; }
    int open(const QHostAddress &client) const;
    /// The client `peer` counts as: its IPv4 address (also as ::ffff:a.b.c.d), or its IPv6 /64 prefix.
    static QString clientOf(const QHostAddress &peer);

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class ConnectionWatch;
    void released(ConnectionWatch *watch);
    /// The longest-waiting connection without its headers, from the client holding most, or none.
    ConnectionWatch *evictable() const;
    void closedByLimit() { ++m_timedOut; }
    void refusedByGate() { ++m_unauthenticated; }

    ConnectionLimits m_limits;
    RequestGate m_gate;
    QHash<QString, int> m_perClient;
    QList<ConnectionWatch *> m_watches;
    int m_open = 0;
    int m_refused = 0;
    int m_evicted = 0;
    int m_timedOut = 0;
    int m_unauthenticated = 0;
};

/// Listens on address:port through an IntakeListener with `limits` and `gate` and binds it to `server`
/// (which takes ownership); returns the port, 0 if it cannot listen. `listener`, if given, receives it.
quint16 listenIntake(QHttpServer &server, const QHostAddress &address, quint16 port,
                     const ConnectionLimits &limits, IntakeListener **listener = nullptr,
                     RequestGate gate = {});

} // namespace examsite::upload
