#include "upload/intakelistener.h"

#include <algorithm>
#include <cstring>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace examsite::upload {

std::optional<ConnectionLimits> ConnectionLimits::fromOptions(const QString &headerSeconds,
                                                              const QString &bodySeconds,
                                                              const QString &perClient, QString *why,
                                                              const QString &maxConnections,
                                                              const QString &minBodyRate)
{
    static const QRegularExpression number(QStringLiteral("^[0-9]{1,6}$"));
    ConnectionLimits l;
    const auto read = [&](const QString &text, const char *what, int lo, int hi, int scale, int &out) {
        if (text.isEmpty())
            return true;
        const int v = number.match(text).hasMatch() ? text.toInt() : -1;
        if (v < lo || v > hi) {
            if (why)
                *why = QStringLiteral("%1 must be a whole number from %2 to %3, not \"%4\"")
                           .arg(QLatin1String(what))
                           .arg(lo)
                           .arg(hi)
                           .arg(text);
            return false;
        }
        out = v * scale;
        return true;
    };
    if (!read(headerSeconds, "--header-timeout", 1, 3600, 1000, l.headerTimeoutMs) ||
        !read(bodySeconds, "--body-timeout", 1, 3600, 1000, l.bodyTimeoutMs) ||
        !read(perClient, "--max-connections-per-client", 0, 10000, 1, l.maxConnectionsPerClient) ||
        !read(maxConnections, "--max-connections", 1, 100000, 1, l.maxConnections) ||
        !read(minBodyRate, "--min-body-rate", 0, 1000000, 1, l.minBodyBytesPerSecond))
        return std::nullopt;
    return l;
}

/// Follows one connection's requests from the bytes it sends (before the server reads them) and the
/// answers written to it, with one timer: the header deadline, the body's progress, or while the server
/// handles a request, a check that it still does.
class ConnectionWatch : public QObject
{
public:
    ConnectionWatch(QTcpSocket *socket, IntakeListener *listener, QString client)
        : QObject(socket), m_socket(socket), m_listener(listener), m_client(std::move(client)),
          m_limits(listener->limits())
    {
        m_listener->m_watches.append(this);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { expired(); });
        connect(&m_rate, &QTimer::timeout, this, [this] { checkRate(); });
        // Connected before the server's own handler (the socket is handed over after this), so every
        // byte is seen here first, still unread.
        m_reading = connect(socket, &QTcpSocket::readyRead, this, [this] { received(); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { answered(); });
        startRequest();
    }
    ~ConnectionWatch() override
    {
        if (m_listener)
            m_listener->released(this);
    }

    const QString &client() const { return m_client; }
    /// Milliseconds this connection has waited for its request's headers; -1 while it sends a body, is
    /// handled or is closing.
    qint64 waitingForHeaders() const
    {
        return m_phase == Phase::Headers && !m_closing ? m_since.elapsed() : -1;
    }
    /// Closed to make room for another connection: no longer counted from now on.
    void evict()
    {
        m_closing = true;
        m_timer.stop();
        m_rate.stop();
        if (m_listener)
            m_listener->released(this);
        m_listener = nullptr;
        m_socket->abort();
        m_socket->deleteLater();
    }

private:
    enum class Phase { Headers, Body, Handling };

    void startRequest()
    {
        m_rate.stop();
        m_phase = Phase::Headers;
        m_since.start();
        m_header.clear();
        m_timer.start(m_limits.headerTimeoutMs);
    }

    void received()
    {
        if (m_refused) { // connected before the server's handler: it gets nothing more of this connection
            m_socket->readAll();
            return;
        }
        if (m_closing)
            return;
        const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
        qsizetype i = 0;
        while (i < data.size()) {
            if (m_phase == Phase::Handling) { // the next request, sent before the answer
                m_rate.stop();
                m_phase = Phase::Headers;
                m_since.start();
                m_header.clear();
                m_timer.start(m_limits.headerTimeoutMs);
            }
            if (m_phase == Phase::Headers) {
                const qsizetype from = std::max<qsizetype>(0, m_header.size() - 3);
                const qsizetype take = std::min<qsizetype>(data.size() - i, m_limits.maxHeaderBytes + 4);
                m_header.append(data.constData() + i, take);
                const qsizetype end = headerEnd(from);
                if (end < 0) {
                    if (m_header.size() > m_limits.maxHeaderBytes)
                        return refuseOversized();
                    i += take;
                    continue;
                }
                i += take - (m_header.size() - end); // what follows the headers is body
                m_header.truncate(end);
                if (m_header.size() > m_limits.maxHeaderBytes)
                    return refuseOversized();
                if (const QString why = malformed(); !why.isEmpty())
                    return refuseBody("400 Bad Request", why);
                if (m_listener && m_listener->m_gate)
                    if (const std::optional<Refusal> no = m_listener->m_gate(head()))
                        return refuse(*no);
                m_remaining = bodyLength();
                if (m_remaining < 0)
                    return refuseBody("411 Length Required",
                                      QStringLiteral("a request's body needs a Content-Length (no chunked "
                                                     "transfer)"));
                if (m_remaining > m_limits.maxBodyBytes)
                    return refuseBody("413 Content Too Large",
                                      QStringLiteral("the request's body of %1 bytes is larger than %2 bytes")
                                          .arg(m_remaining)
                                          .arg(m_limits.maxBodyBytes));
                if (m_remaining == 0) {
                    handling();
                } else {
                    m_phase = Phase::Body;
                    m_timer.start(m_limits.bodyTimeoutMs);
                    m_bodyBytes = m_bytesAtLastCheck = 0;
                    if (m_limits.minBodyBytesPerSecond > 0)
                        m_rate.start(m_limits.bodyRateWindowMs);
                }
                continue;
            }
            // Phase::Body
            const qint64 take =
                m_remaining < 0 ? data.size() - i : std::min<qint64>(data.size() - i, m_remaining);
            i += take;
            m_bodyBytes += take;
            if (m_remaining > 0)
                m_remaining -= take;
            if (m_remaining == 0)
                handling();
            else
                m_timer.start(m_limits.bodyTimeoutMs);
        }
    }

    /// The whole request is in: the server's turn, however long verification takes.
    void handling()
    {
        m_rate.stop();
        m_phase = Phase::Handling;
        m_since.start();
        m_timer.start(std::min(m_limits.headerTimeoutMs, m_limits.maxHandlingMs));
    }

    void answered()
    {
        if (m_closing)
            return;
        if (m_phase == Phase::Handling || (m_phase == Phase::Body && m_remaining < 0))
            startRequest();
        else if (m_phase == Phase::Headers)
            m_timer.start(m_limits.headerTimeoutMs);
    }

    /// Every window while a body arrives: less than the minimum rate over it closes the connection (a
    /// body trickling one byte just inside the body timeout would otherwise hold it for hours).
    void checkRate()
    {
        if (m_phase != Phase::Body || m_closing) {
            m_rate.stop();
            return;
        }
        const qint64 inWindow = m_bodyBytes - m_bytesAtLastCheck;
        m_bytesAtLastCheck = m_bodyBytes;
        if (inWindow * 1000 < qint64(m_limits.minBodyBytesPerSecond) * m_limits.bodyRateWindowMs)
            close();
    }

    /// The request line and headers collected so far, for the gate.
    RequestHead head() const
    {
        RequestHead h;
        const QList<QByteArray> lines = m_header.split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        h.method = first.value(0);
        const QByteArray target = first.value(1);
        h.path = QUrl::fromEncoded(target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')))
                     .path()
                     .toUtf8();
        for (qsizetype k = 1; k < lines.size(); ++k) {
            const qsizetype colon = lines[k].indexOf(':');
            if (colon > 0)
                h.headers.append({lines[k].left(colon).trimmed(), lines[k].mid(colon + 1).trimmed()});
        }
        return h;
    }

    /// Answers a refused request itself and closes the connection. The bytes still unread (the end of
    /// the header section and any body) are taken away first, so the server, whose handler for them runs
    /// after this one, never sees a complete request.
    void refuse(const Refusal &no)
    {
        if (m_listener)
            m_listener->refusedByGate();
        answerAndClose(no.status == 429 ? "429 Too Many Requests" : "401 Unauthorized",
                       "WWW-Authenticate: ExamSite-Ed25519\r\n", no.reason);
    }

    /// A header section over the limit, complete or not: answered 431 and closed, its bytes taken away
    /// first as in refuse(), so that not even a complete oversized request reaches a route handler.
    void refuseOversized()
    {
        if (m_listener)
            m_listener->closedByLimit();
        answerAndClose("431 Request Header Fields Too Large", {},
                       QStringLiteral("the request's header section is larger than %1 bytes")
                           .arg(m_limits.maxHeaderBytes));
    }

    /// A body too large, or of no stated length: answered from the headers, closed before it is read.
    void refuseBody(const QByteArray &status, const QString &reason)
    {
        if (m_listener)
            m_listener->closedByLimit();
        answerAndClose(status, {}, reason);
    }

    void answerAndClose(const QByteArray &status, const QByteArray &extraHeaders, const QString &reason)
    {
        m_closing = m_refused = true;
        m_rate.stop();
        m_socket->readAll();
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("state"), QStringLiteral("error")},
                                                          {QStringLiteral("reasons"), QJsonArray{reason}}})
                                    .toJson(QJsonDocument::Compact);
        m_socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n" + extraHeaders +
                        "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) +
                        "\r\n\r\n" + body);
        connect(m_socket, &QTcpSocket::disconnected, m_socket, &QObject::deleteLater);
        m_socket->disconnectFromHost();
        m_timer.start(m_limits.headerTimeoutMs); // a client that never reads its answer
    }

    void expired()
    {
        // A whole request is the server's until it answers (a bundle's verification waits its turn on
        // the worker), but not for ever: one the server reads differently from this listener (never
        // answered) must not hold the connection open (security walkthrough, 2026-12-07).
        if (m_phase == Phase::Handling && !m_closing && m_reading &&
            m_since.elapsed() < m_limits.maxHandlingMs) {
            m_timer.start(
                int(std::min<qint64>(m_limits.headerTimeoutMs, m_limits.maxHandlingMs - m_since.elapsed())));
            return;
        }
        close(!m_refused); // a refused connection was counted when it was refused
    }

    /// Why a complete header section is not one both this listener and the server read alike, or
    /// empty: the request line "METHOD TARGET HTTP/1.x", every line ended by CRLF, every header a token
    /// name, a colon and a value (no folded lines, no space before the colon), at most one
    /// Content-Length. The server takes the first of two lengths and this listener would take the
    /// last: a request declaring 1000 then 0 was handed to the server, which waited for a body that
    /// never came, and the connection stayed open for ever (security walkthrough, 2026-12-07).
    QString malformed() const
    {
        QList<QByteArray> lines = m_header.split('\n');
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast(); // the blank line ending the section
        if (lines.isEmpty() || lines.last() != "\r")
            return QStringLiteral("a request's lines end with CRLF");
        lines.removeLast();
        const auto isToken = [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
        };
        int lengths = 0;
        for (qsizetype k = 0; k < lines.size(); ++k) {
            const QByteArray &line = lines[k];
            if (!line.endsWith('\r'))
                return QStringLiteral("a request's lines end with CRLF");
            const QByteArray text = line.chopped(1);
            if (k == 0) {
                const QList<QByteArray> parts = text.split(' ');
                if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() ||
                    !parts[2].startsWith("HTTP/1."))
                    return QStringLiteral("the request line is not METHOD TARGET HTTP/1.x");
                continue;
            }
            // No control bytes (a lone CR, NUL) but HTAB: the two parsers would split or end the
            // line differently.
            for (const char ch : text)
                if ((uchar(ch) < 0x20 && ch != '\t') || ch == 0x7f)
                    return QStringLiteral("header line %1 holds a control character").arg(k + 1);
            const qsizetype colon = text.indexOf(':');
            if (colon <= 0)
                return QStringLiteral("header line %1 has no name and colon").arg(k + 1);
            for (qsizetype c = 0; c < colon; ++c)
                if (!isToken(text[c]))
                    return QStringLiteral("header line %1: a header's name is a token, with nothing "
                                          "between it and its colon")
                        .arg(k + 1);
            if (text.left(colon).compare("content-length", Qt::CaseInsensitive) == 0) {
                if (++lengths > 1)
                    return QStringLiteral("a request has at most one Content-Length");
                // Digits only: "+5" is a number to one parser and not to the other.
                const QByteArray value = text.mid(colon + 1).trimmed();
                if (value.isEmpty() || value.size() > 18 ||
                    !std::all_of(value.cbegin(), value.cend(), [](char d) { return d >= '0' && d <= '9'; }))
                    return QStringLiteral("Content-Length is not a number of bytes");
            }
        }
        return {};
    }

    void close(bool count = true)
    {
        m_closing = true;
        m_timer.stop();
        if (m_listener && count)
            m_listener->closedByLimit();
        m_socket->abort();
        m_socket->deleteLater();
    }

    /// Index just past the blank line ending the header section, or -1.
    qsizetype headerEnd(qsizetype from) const
    {
        for (qsizetype k = from; k < m_header.size(); ++k) {
            if (m_header[k] != '\n')
                continue;
            if (k + 1 < m_header.size() && m_header[k + 1] == '\n')
                return k + 2;
            if (k + 2 < m_header.size() && m_header[k + 1] == '\r' && m_header[k + 2] == '\n')
                return k + 3;
        }
        return -1;
    }

    /// Content-Length, 0 without one, -1 for a chunked (or unreadable) length: then the body's progress
    /// is watched until the answer.
    qint64 bodyLength() const
    {
        qint64 length = 0;
        for (const QByteArray &line : m_header.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "transfer-encoding")
                return -1;
            if (name == "content-length") {
                bool ok = false;
                length = value.toLongLong(&ok);
                if (!ok || length < 0)
                    return -1;
            }
        }
        return length;
    }

    QTcpSocket *m_socket;
    /// Qt's server disconnects every connection of a socket whose request it cannot parse (and never
    /// answers it): this one then goes too, which tells a request given up from one being handled.
    QMetaObject::Connection m_reading;
    QPointer<IntakeListener> m_listener;
    QString m_client;
    ConnectionLimits m_limits;
    QTimer m_timer;
    QTimer m_rate;
    QElapsedTimer m_since; // since the current phase began
    qint64 m_bodyBytes = 0, m_bytesAtLastCheck = 0;
    Phase m_phase = Phase::Headers;
    QByteArray m_header;
    qint64 m_remaining = 0;
    bool m_closing = false;
    bool m_refused = false;
};

QString IntakeListener::clientOf(const QHostAddress &peer)
{
    bool v4 = false;
    const quint32 ip4 = peer.toIPv4Address(&v4); // ::ffff:a.b.c.d and a.b.c.d are one client
    if (v4)
        return QHostAddress(ip4).toString();
    Q_IPV6ADDR prefix = peer.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        prefix[i] = 0;
    return QHostAddress(prefix).toString() + QStringLiteral("/64");
}

IntakeListener::IntakeListener(ConnectionLimits limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
    // Qt's default of 50 lets a burst of connections overflow the kernel's queue; the ones that overflow
    // wait there unseen (no timeout runs for them) until the kernel retries their handshake.
    setListenBacklogSize(1024);
}

IntakeListener::~IntakeListener()
{
    // While the counts still exist: the watches report to them as their sockets go.
    qDeleteAll(findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly));
}

int IntakeListener::open(const QHostAddress &client) const
{
    return m_perClient.value(clientOf(client));
}

void IntakeListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const QString client = clientOf(socket->peerAddress());
    const bool clientFull =
        m_limits.maxConnectionsPerClient > 0 && m_perClient.value(client) >= m_limits.maxConnectionsPerClient;
    if (!clientFull && m_limits.maxConnections > 0 && m_open >= m_limits.maxConnections) {
        if (ConnectionWatch *idle = evictable()) {
            ++m_evicted;
            idle->evict();
        }
    }
    if (clientFull || (m_limits.maxConnections > 0 && m_open >= m_limits.maxConnections)) {
        ++m_refused;
        socket->abort();
        delete socket;
        return;
    }
    ++m_perClient[client];
    ++m_open;
    new ConnectionWatch(socket, this, client);
    addPendingConnection(socket); // QAbstractHttpServer takes it from here (pendingConnectionAvailable)
}

void IntakeListener::released(ConnectionWatch *watch)
{
    m_watches.removeOne(watch);
    --m_open;
    const auto it = m_perClient.find(watch->client());
    if (it != m_perClient.end() && --*it <= 0)
        m_perClient.erase(it);
}

ConnectionWatch *IntakeListener::evictable() const
{
    ConnectionWatch *best = nullptr;
    int bestHeld = 0;
    qint64 bestWait = -1;
    for (ConnectionWatch *w : m_watches) {
        const qint64 wait = w->waitingForHeaders();
        if (wait < m_limits.evictAfterMs)
            continue;
        const int held = m_perClient.value(w->client());
        if (held > bestHeld || (held == bestHeld && wait > bestWait)) {
            best = w;
            bestHeld = held;
            bestWait = wait;
        }
    }
    return best;
}

quint16 listenIntake(QHttpServer &server, const QHostAddress &address, quint16 port,
                     const ConnectionLimits &limits, IntakeListener **listener, RequestGate gate)
{
    auto *l = new IntakeListener(limits);
    l->setRequestGate(std::move(gate));
    if (!l->listen(address, port)) {
        delete l;
        return 0;
    }
    server.bind(l);
    if (listener)
        *listener = l;
    return l->serverPort();
}

} // namespace examsite::upload
