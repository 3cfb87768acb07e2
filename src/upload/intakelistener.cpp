#include "upload/intakelistener.h"

#include <QHttpServer>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

namespace examsite::upload {

std::optional<ConnectionLimits> ConnectionLimits::fromOptions(const QString &headerSeconds,
                                                              const QString &bodySeconds,
                                                              const QString &perClient, QString *why)
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
        !read(perClient, "--max-connections-per-client", 0, 10000, 1, l.maxConnectionsPerClient))
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
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { expired(); });
        // Connected before the server's own handler (the socket is handed over after this), so every
        // byte is seen here first, still unread.
        m_reading = connect(socket, &QTcpSocket::readyRead, this, [this] { received(); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { answered(); });
        startRequest();
    }
    ~ConnectionWatch() override
    {
        if (m_listener)
            m_listener->released(m_client);
    }

private:
    enum class Phase { Headers, Body, Handling };

    void startRequest()
    {
        m_phase = Phase::Headers;
        m_header.clear();
        m_timer.start(m_limits.headerTimeoutMs);
    }

    void received()
    {
        if (m_closing)
            return;
        const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
        qsizetype i = 0;
        while (i < data.size()) {
            if (m_phase == Phase::Handling) { // the next request, sent before the answer
                m_phase = Phase::Headers;
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
                        return closeSoon();
                    i += take;
                    continue;
                }
                i += take - (m_header.size() - end); // what follows the headers is body
                m_header.truncate(end);
                if (m_header.size() > m_limits.maxHeaderBytes)
                    return closeSoon();
                m_remaining = bodyLength();
                if (m_remaining == 0) {
                    handling();
                } else {
                    m_phase = Phase::Body;
                    m_timer.start(m_limits.bodyTimeoutMs);
                }
                continue;
            }
            // Phase::Body
            const qint64 take =
                m_remaining < 0 ? data.size() - i : std::min<qint64>(data.size() - i, m_remaining);
            i += take;
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
        m_phase = Phase::Handling;
        m_timer.start(m_limits.headerTimeoutMs);
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

    /// From received(): the server's own handler for these bytes runs after this one, on an open socket.
    void closeSoon()
    {
        m_closing = true;
        m_timer.start(0);
    }

    void expired()
    {
        // The server still handles the request as long as it listens to the socket; it lets go of a
        // request it cannot parse (and never answers), which must not hold the connection open.
        if (m_phase == Phase::Handling && m_reading && !m_closing) {
            m_timer.start(m_limits.headerTimeoutMs);
            return;
        }
        close();
    }

    void close()
    {
        m_timer.stop();
        if (m_listener)
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
    QPointer<IntakeListener> m_listener;
    QString m_client;
    ConnectionLimits m_limits;
    QTimer m_timer;
    QMetaObject::Connection m_reading;
    Phase m_phase = Phase::Headers;
    QByteArray m_header;
    qint64 m_remaining = 0;
    bool m_closing = false;
};

namespace {

QString clientKey(const QHostAddress &peer)
{
    bool v4 = false;
    const quint32 ip4 = peer.toIPv4Address(&v4); // ::ffff:a.b.c.d and a.b.c.d are one client
    return v4 ? QHostAddress(ip4).toString() : peer.toString();
}

} // namespace

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

int IntakeListener::open() const
{
    int n = 0;
    for (int c : m_perClient)
        n += c;
    return n;
}

int IntakeListener::open(const QHostAddress &client) const
{
    return m_perClient.value(clientKey(client));
}

void IntakeListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const QString client = clientKey(socket->peerAddress());
    if (m_limits.maxConnectionsPerClient > 0 &&
        m_perClient.value(client) >= m_limits.maxConnectionsPerClient) {
        ++m_refused;
        socket->abort();
        delete socket;
        return;
    }
    ++m_perClient[client];
    new ConnectionWatch(socket, this, client);
    addPendingConnection(socket); // QAbstractHttpServer takes it from here (pendingConnectionAvailable)
}

void IntakeListener::released(const QString &client)
{
    const auto it = m_perClient.find(client);
    if (it != m_perClient.end() && --*it <= 0)
        m_perClient.erase(it);
}

quint16 listenIntake(QHttpServer &server, const QHostAddress &address, quint16 port,
                     const ConnectionLimits &limits, IntakeListener **listener)
{
    auto *l = new IntakeListener(limits);
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
