// examsite-testcam: a monitoring camera for tests and benchmarks, serving an HTTP MJPEG stream
// (multipart/x-mixed-replace, as IP cameras do) of a generated exam-room scene on loopback, with faults
// switched over HTTP so a test knows exactly when each one starts:
//
//   examsite-testcam [--port N] [--size 640x360] [--fps 10] [--fault NAME]
//   GET /video              the stream
//   GET /fault?set=NAME     normal | cover | blur | shift | freeze | stall | drop
//
// cover paints a dark, flat picture (a hand or tape on the lens), blur defocuses, shift turns the camera
// away, freeze repeats one frame, stall keeps connections open and sends nothing, drop closes every
// connection and refuses new ones until another fault is set (the listening socket stays, so the port
// does not change). SIGSTOP on the process stalls it for real. Prints "LISTENING <port>" when ready.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include "sim/simulatedroom.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdio>

namespace {

const QStringList kFaults = {QStringLiteral("normal"), QStringLiteral("cover"),  QStringLiteral("blur"),
                             QStringLiteral("shift"),  QStringLiteral("freeze"), QStringLiteral("stall"),
                             QStringLiteral("drop")};

class TestCamera : public QObject
{
public:
    TestCamera(cv::Size size, int fps, QString fault)
        : m_fault(std::move(fault)), m_room(size, "EXAM ROOM A101")
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer.start(1000 / std::max(1, fps));
    }

    bool listen(quint16 port)
    {
        m_server.close();
        return m_server.listen(QHostAddress::LocalHost, port);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    void accept()
    {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, this, [this, s] { request(s); });
            connect(s, &QTcpSocket::disconnected, this, [this, s] {
                m_streams.removeAll(s);
                s->deleteLater();
            });
        }
    }

    void request(QTcpSocket *s)
    {
        m_pending[s] += s->readAll();
        const QByteArray &buf = m_pending[s];
        if (!buf.contains("\r\n\r\n"))
            return;
        const QByteArray line = buf.left(buf.indexOf("\r\n"));
        m_pending.remove(s);
        const QList<QByteArray> parts = line.split(' ');
        const QUrl url(QString::fromLatin1(parts.value(1)));
        if (url.path() == u"/fault") {
            const QString set = QUrlQuery(url).queryItemValue(QStringLiteral("set"));
            const bool ok = kFaults.contains(set);
            if (ok)
                setFault(set);
            s->write(ok ? "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nok\n"
                        : "HTTP/1.0 400 Bad Request\r\n\r\nunknown fault\n");
            s->disconnectFromHost();
            return;
        }
        if (url.path() != u"/video" || m_fault == u"drop") {
            if (m_fault == u"drop")
                s->abort();
            else {
                s->write("HTTP/1.0 404 Not Found\r\n\r\n");
                s->disconnectFromHost();
            }
            return;
        }
        s->write("HTTP/1.0 200 OK\r\nCache-Control: no-cache\r\nContent-Type: multipart/x-mixed-replace; "
                 "boundary=frame\r\n\r\n");
        m_streams.append(s);
    }

    void setFault(const QString &fault)
    {
        std::fprintf(stderr, "testcam: fault %s\n", qPrintable(fault));
        m_fault = fault;
        if (fault == u"drop") {
            const auto streams = m_streams;
            m_streams.clear();
            for (QTcpSocket *s : streams)
                s->abort();
        }
    }

    void tick()
    {
        ++m_frame;
        if (m_streams.isEmpty() || m_fault == u"stall" || m_fault == u"drop")
            return;
        if (m_fault != u"freeze" || m_jpeg.empty()) {
            const cv::Mat f = m_room.faulty(m_frame, m_fault.toStdString());
            cv::imencode(".jpg", f, m_jpeg, {cv::IMWRITE_JPEG_QUALITY, 80});
        }
        QByteArray part = "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " +
                          QByteArray::number(qsizetype(m_jpeg.size())) + "\r\n\r\n";
        part.append(reinterpret_cast<const char *>(m_jpeg.data()), qsizetype(m_jpeg.size()));
        part.append("\r\n");
        for (QTcpSocket *s : std::as_const(m_streams))
            if (s->bytesToWrite() < 4 * 1024 * 1024) // a reader that stopped reading is not fed without bound
                s->write(part);
    }

    QString m_fault;
    examsite::SimulatedRoom m_room;
    std::vector<uchar> m_jpeg;
    qint64 m_frame = 0;
    QTcpServer m_server;
    QTimer m_timer;
    QList<QTcpSocket *> m_streams;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("port"), QStringLiteral("TCP port on 127.0.0.1 (0: any free one)."),
                 QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("size"), QStringLiteral("Frame size WxH."), QStringLiteral("WxH"),
                 QStringLiteral("640x360")});
    p.addOption({QStringLiteral("fps"), QStringLiteral("Frames per second."), QStringLiteral("N"),
                 QStringLiteral("10")});
    p.addOption({QStringLiteral("fault"), QStringLiteral("Fault at start."), QStringLiteral("NAME"),
                 QStringLiteral("normal")});
    p.process(app);
    const QStringList wh = p.value(QStringLiteral("size")).split(u'x');
    const cv::Size size(wh.value(0).toInt(), wh.value(1).toInt());
    if (size.width < 64 || size.height < 36 || !kFaults.contains(p.value(QStringLiteral("fault")))) {
        std::fprintf(stderr, "examsite-testcam: bad --size or --fault\n");
        return 2;
    }
    TestCamera cam(size, p.value(QStringLiteral("fps")).toInt(), p.value(QStringLiteral("fault")));
    if (!cam.listen(quint16(p.value(QStringLiteral("port")).toUInt()))) {
        std::fprintf(stderr, "examsite-testcam: cannot listen on port %s\n",
                     qPrintable(p.value(QStringLiteral("port"))));
        return 1;
    }
    std::printf("LISTENING %u\n", cam.port());
    std::fflush(stdout);
    return app.exec();
}
