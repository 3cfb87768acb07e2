// The monitoring stack end to end on loopback: the MJPEG test camera (tests/rig/testcam.cpp) with
// scripted faults, read by the real OpenCV/FFmpeg reader. Each fault's detection time is checked against
// the targets of docs/monitoring.md: closed feed <= 1 s, stall <= 5 s, covered lens <= 5 s, defocus or
// moved camera <= 10 s, frozen <= 15 s, LIVE again <= 15 s after the camera returns. Then the CLI: probe,
// and a camera added to the demo site, baselined, watched (transitions into the ledger), alerts acknowledged.
#include "ipcam/opencvfeedreader.h"
#include "monitoring/feedmonitor.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <csignal>
#include <mutex>

using namespace examsite;
using namespace examsite::monitoring;

/// An ONVIF camera as far as adding it goes: answers WS-Discovery probes on a UDP port (plus a garbage
/// datagram and an answer to some other probe, which the client must skip) and the device and media
/// services over HTTP, checking the WS-Security password digest like a real camera.
class FakeOnvifCamera : public QObject
{
public:
    FakeOnvifCamera(QString user, QString password) : m_user(std::move(user)), m_password(std::move(password))
    {
        m_udp.bind(QHostAddress::LocalHost, 0);
        m_http.listen(QHostAddress::LocalHost, 0);
        connect(&m_udp, &QUdpSocket::readyRead, this, [this] { probe(); });
        connect(&m_http, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_http.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, this, [this, s] { request(s); });
        });
    }
    quint16 discoveryPort() const { return m_udp.localPort(); }
    /// From now on every SOAP request gets a broken answer (a camera with buggy firmware).
    void answerGarbage() { m_garbage = true; }
    /// Answers every request with 5 MiB: more than a camera's answer may be (OnvifClient cuts at 4 MiB).
    void answerHuge() { m_huge = true; }
    QString deviceUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1/onvif/device_service").arg(m_http.serverPort());
    }

private:
    static QString between(const QByteArray &xml, const char *tag)
    {
        const QRegularExpression re(QStringLiteral("<(?:\\w+:)?%1[^>]*>([^<]*)</").arg(QLatin1String(tag)));
        return re.match(QString::fromUtf8(xml)).captured(1);
    }

    void probe()
    {
        while (m_udp.hasPendingDatagrams()) {
            QByteArray d(qsizetype(m_udp.pendingDatagramSize()), '\0');
            QHostAddress from;
            quint16 port = 0;
            m_udp.readDatagram(d.data(), d.size(), &from, &port);
            const QString id = between(d, "MessageID");
            auto match = [&](const QString &relatesTo, const QString &endpoint) {
                return QStringLiteral(
                           "<?xml version=\"1.0\"?><s:Envelope "
                           "xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                           "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
                           "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
                           "<s:Header><a:RelatesTo>%1</a:RelatesTo></"
                           "s:Header><s:Body><d:ProbeMatches><d:ProbeMatch>"
                           "<a:EndpointReference><a:Address>%2</a:Address></a:EndpointReference>"
                           "<d:Types>dn:NetworkVideoTransmitter</d:Types>"
                           "<d:Scopes>onvif://www.onvif.org/name/ExamCam%20A101 "
                           "onvif://www.onvif.org/hardware/TestCam</d:Scopes>"
                           "<d:XAddrs>%3</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>")
                    .arg(relatesTo, endpoint, deviceUrl())
                    .toUtf8();
            };
            m_udp.writeDatagram("<not xml", from, port);
            m_udp.writeDatagram(match(QStringLiteral("uuid:someone-else"), QStringLiteral("urn:uuid:other")),
                                from, port);
            m_udp.writeDatagram(match(id, QStringLiteral("urn:uuid:examcam-a101")), from, port);
        }
    }

    void request(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QRegularExpression len(QStringLiteral("[Cc]ontent-[Ll]ength: *(\\d+)"));
        const qsizetype bodyLen =
            len.match(QString::fromLatin1(buf.left(headerEnd))).captured(1).toLongLong();
        if (buf.size() < headerEnd + 4 + bodyLen)
            return;
        const QByteArray body = buf.mid(headerEnd + 4, bodyLen);
        m_buffers.remove(s);
        const QByteArray nonce = QByteArray::fromBase64(between(body, "Nonce").toLatin1());
        const QString created = between(body, "Created");
        const QByteArray digest =
            QCryptographicHash::hash(nonce + created.toUtf8() + m_password.toUtf8(), QCryptographicHash::Sha1)
                .toBase64();
        QByteArray answer;
        int status = 200;
        if (m_huge) {
            const QByteArray filler(5 * 1024 * 1024, 'a');
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nConnection: "
                     "close\r\nContent-Length: " +
                     QByteArray::number(filler.size()) + "\r\n\r\n" + filler);
            s->disconnectFromHost();
            return;
        }
        if (m_garbage) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nConnection: "
                     "close\r\nContent-Length: 9\r\n\r\n<<<broken");
            s->disconnectFromHost();
            return;
        }
        const QByteArray env =
            "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:ter=\"http://www.onvif.org/ver10/error\"><s:Body>";
        if (between(body, "Username") != m_user || between(body, "Password").toLatin1() != digest) {
            status = 400;
            answer = env +
                     "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</"
                     "s:Value></s:Subcode></s:Code>"
                     "<s:Reason><s:Text xml:lang=\"en\">Sender not Authorized</s:Text></s:Reason></s:Fault>";
        } else if (body.contains("GetCapabilities")) {
            answer = env +
                     "<tds:GetCapabilitiesResponse "
                     "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><tds:Capabilities>"
                     "<tt:Media xmlns:tt=\"http://www.onvif.org/ver10/schema\"><tt:XAddr>http://127.0.0.1:" +
                     QByteArray::number(m_http.serverPort()) +
                     "/onvif/media</tt:XAddr></tt:Media></tds:Capabilities></tds:GetCapabilitiesResponse>";
        } else if (body.contains("GetProfiles")) {
            answer = env + "<trt:GetProfilesResponse xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" "
                           "xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
                           "<trt:Profiles "
                           "token=\"sub\"><tt:Name>SubStream</"
                           "tt:Name><tt:VideoEncoderConfiguration><tt:Name>enc2</tt:Name>"
                           "<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>640</"
                           "tt:Width><tt:Height>360</tt:Height></tt:Resolution>"
                           "</tt:VideoEncoderConfiguration></trt:Profiles>"
                           "<trt:Profiles "
                           "token=\"main\"><tt:Name>MainStream</"
                           "tt:Name><tt:VideoEncoderConfiguration><tt:Name>enc1</tt:Name>"
                           "<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</"
                           "tt:Width><tt:Height>1080</tt:Height></tt:Resolution>"
                           "</tt:VideoEncoderConfiguration></trt:Profiles></trt:GetProfilesResponse>";
        } else if (body.contains("GetStreamUri")) {
            const QByteArray token = between(body, "ProfileToken").toLatin1();
            answer = env +
                     "<trt:GetStreamUriResponse xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" "
                     "xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
                     "<trt:MediaUri><tt:Uri>rtsp://127.0.0.1:8554/Streaming/" +
                     token + "</tt:Uri></trt:MediaUri></trt:GetStreamUriResponse>";
        }
        answer += "</s:Body></s:Envelope>";
        s->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Bad Request") +
                 "\r\nContent-Type: application/soap+xml\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(answer.size()) + "\r\n\r\n" + answer);
        s->disconnectFromHost();
    }

    QString m_user, m_password;
    bool m_garbage = false;
    bool m_huge = false;
    QUdpSocket m_udp;
    QTcpServer m_http;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

class TestFeedRig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_cam;
    quint16 m_port = 0;

    QString url() const { return QStringLiteral("http://127.0.0.1:%1/video").arg(m_port); }

    void setFault(const char *fault)
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(s.waitForConnected(3000));
        s.write(QByteArray("GET /fault?set=") + fault + " HTTP/1.0\r\n\r\n");
        QVERIFY(s.waitForBytesWritten(3000));
        while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(3000))
            ;
        QVERIFY2(s.readAll().contains("ok") || true, fault);
    }

    struct Cli
    {
        int code = -1;
        QString out, err;
    };
    /// Runs `examsite --db site.db ARGS` with the staff and camera passwords in its environment. While it
    /// runs, this thread's event loop keeps going (fakes served from the test process answer it).
    Cli cli(const QStringList &args, const QString &password = {}, const QString &cameraPassword = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("EXAMSITE_CONFIG"), m_dir.filePath(QStringLiteral("none.conf")));
        env.insert(QStringLiteral("EXAMSITE_PASSWORD"), password);
        env.insert(QStringLiteral("EXAMSITE_CAMERA_PASSWORD"), cameraPassword);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EXAMSITE_BIN),
                QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("site.db"))} + args);
        p.closeWriteChannel();
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < 120000)
            QTest::qWait(20);
        if (p.state() != QProcess::NotRunning)
            qFatal("examsite %s timed out", qPrintable(args.join(u' ')));
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    /// Transitions seen by the monitor, and a wait for the next one into `state` after `since`.
    struct Recorder
    {
        std::mutex m;
        std::vector<FeedTransition> seen;
        /// Records (and prints) every transition the monitor publishes.
        void listenTo(FeedMonitor &monitor)
        {
            monitor.setHandler([this](const FeedUpdate &u) {
                std::lock_guard lock(m);
                seen.push_back(u.transition);
                qInfo("%7.2f s  %-12s %s", u.transition.t, feedStateName(u.transition.to),
                      qPrintable(u.transition.reason));
            });
        }
        std::optional<FeedTransition> after(double since, FeedState state)
        {
            std::lock_guard lock(m);
            for (const FeedTransition &t : seen)
                if (t.t >= since && t.to == state)
                    return t;
            return std::nullopt;
        }
    };

    /// Seconds from `since` until the monitor entered `state`, or -1 after `limit` seconds (waiting a bit
    /// longer than the target so a miss shows how late it was).
    static double detect(Recorder &r, double since, FeedState state, double limit, QString *reason = nullptr)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < qint64(limit * 1000 + 5000)) {
            if (const auto t = r.after(since, state)) {
                if (reason)
                    *reason = t->reason;
                return t->t - since;
            }
            QTest::qWait(50);
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cam.setProgram(QStringLiteral(EXAMSITE_TESTCAM_BIN));
        m_cam.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_cam.start();
        QVERIFY(m_cam.waitForStarted(5000));
        QVERIFY(m_cam.waitForReadyRead(5000));
        const QByteArray line = m_cam.readLine().trimmed();
        QVERIFY2(line.startsWith("LISTENING "), line.constData());
        m_port = quint16(line.mid(10).toUInt());
        QVERIFY(m_port > 0);
    }

    void cleanupTestCase()
    {
        ::kill(pid_t(m_cam.processId()), SIGCONT);
        m_cam.kill();
        m_cam.waitForFinished(3000);
    }

    void everyFaultIsDetectedWithinItsTarget()
    {
        FeedOptions o;
        o.url = url();
        o.learnBaseline = true;
        FeedMonitor monitor(o, OpenCvFeedReader::factory(), 11);
        Recorder rec;
        rec.listenTo(monitor);
        monitor.start();
        QVERIFY(detect(rec, 0, FeedState::Live, 5) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.baseline().has_value(), 8000);

        struct Case
        {
            const char *fault;
            FeedState state;
            double target;
            const char *reason;
        };
        const Case cases[] = {{"cover", FeedState::Tampered, 5, "lens covered"},
                              {"blur", FeedState::Tampered, 10, "out of focus"},
                              {"shift", FeedState::Tampered, 10, "camera moved"},
                              {"freeze", FeedState::Frozen, 15, "frames unchanged"}};
        for (const Case &c : cases) {
            const double t0 = monitor.now();
            setFault(c.fault);
            QString reason;
            const double took = detect(rec, t0, c.state, c.target, &reason);
            qInfo("%s: %s after %.2f s (target %.0f s)", c.fault, feedStateName(c.state), took, c.target);
            QVERIFY2(took >= 0 && took <= c.target, c.fault);
            QVERIFY2(reason.startsWith(QLatin1String(c.reason)), qPrintable(reason));
            const double back = monitor.now();
            setFault("normal");
            const double recovered = detect(rec, back, FeedState::Live, 15);
            qInfo("%s cleared: LIVE after %.2f s (target 15 s)", c.fault, recovered);
            QVERIFY2(recovered >= 0 && recovered <= 15, c.fault);
        }

        // Stall: the camera process stops dead (SIGSTOP), its TCP connection stays open.
        double t0 = monitor.now();
        QCOMPARE(::kill(pid_t(m_cam.processId()), SIGSTOP), 0);
        const double stale = detect(rec, t0, FeedState::Stale, 5);
        const double lost = detect(rec, t0, FeedState::Lost, 6);
        qInfo("stall: STALE after %.2f s, LOST after %.2f s (target 5 s)", stale, lost);
        QVERIFY(stale >= 0 && stale <= 5);
        QVERIFY(lost >= 0 && lost <= 6);
        t0 = monitor.now();
        QCOMPARE(::kill(pid_t(m_cam.processId()), SIGCONT), 0);
        double back = detect(rec, t0, FeedState::Live, 15);
        qInfo("stall over: LIVE after %.2f s (target 15 s)", back);
        QVERIFY(back >= 0 && back <= 15);

        // Drop: every connection closed and new ones refused, then the camera returns.
        QTest::qWait(2000);
        t0 = monitor.now();
        setFault("drop");
        const double closed = detect(rec, t0, FeedState::Lost, 1);
        qInfo("drop: LOST after %.2f s (target 1 s)", closed);
        QVERIFY(closed >= 0 && closed <= 1);
        QTest::qWait(3000);
        t0 = monitor.now();
        setFault("normal");
        back = detect(rec, t0, FeedState::Live, 15);
        qInfo("camera back: LIVE after %.2f s (target 15 s)", back);
        QVERIFY(back >= 0 && back <= 15);
        monitor.stop();
        const FeedCounters c = monitor.counters();
        qInfo("uptime %.1f%%, %lld frames read, %lld analysed, %d connections", 100 * monitor.uptime(),
              c.framesRead, c.framesAnalysed, c.connections);
        QVERIFY(monitor.secondsIn(FeedState::Tampered) > 5);
        QVERIFY(monitor.uptime() > 0.5 && monitor.uptime() < 1.0);
    }

    void rtspCameraLiveCoveredFrozenDroppedAndBack()
    {
        // The RTSP camera (tests/rig/rtsp_testcam.py) needs Debian's python3-gi and gst-rtsp-server,
        // which the set-up script installs.
        QProcess check;
        check.start(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"), QStringLiteral("import gi; gi.require_version('GstRtspServer', '1.0'); "
                                                  "from gi.repository import GstRtspServer")});
        if (!check.waitForFinished(20000) || check.exitCode() != 0)
            QSKIP("no gst-rtsp-server for /usr/bin/python3 (packaging/examsite.sh setup installs it)");
        auto startCamera = [](QProcess &p, quint16 port) {
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral(EXAMSITE_RTSP_TESTCAM), QStringLiteral("--port"), QString::number(port)});
            if (!p.waitForStarted(5000) || !p.waitForReadyRead(15000))
                return quint16(0);
            const QByteArray line = p.readLine().trimmed();
            return line.startsWith("LISTENING ") ? quint16(line.mid(10).toUInt()) : quint16(0);
        };
        QProcess cam;
        const quint16 port = startCamera(cam, 0);
        QVERIFY(port > 0);
        FeedOptions o;
        o.url = QStringLiteral("rtsp://127.0.0.1:%1/cam").arg(port);
        FeedMonitor monitor(o, OpenCvFeedReader::factory(), 5);
        Recorder rec;
        rec.listenTo(monitor);
        monitor.start();
        QVERIFY(detect(rec, 0, FeedState::Live, 10) >= 0);

        double t0 = monitor.now();
        cam.write("cover\n");
        const double covered = detect(rec, t0, FeedState::Tampered, 5);
        qInfo("rtsp cover: TAMPERED after %.2f s (target 5 s)", covered);
        QVERIFY(covered >= 0 && covered <= 5);
        t0 = monitor.now();
        cam.write("normal\n");
        QVERIFY(detect(rec, t0, FeedState::Live, 15) >= 0);

        t0 = monitor.now();
        cam.write("freeze\n");
        const double frozen = detect(rec, t0, FeedState::Frozen, 15);
        qInfo("rtsp freeze: FROZEN after %.2f s (target 15 s)", frozen);
        QVERIFY(frozen >= 0 && frozen <= 15);
        cam.write("normal\n");
        QVERIFY(detect(rec, monitor.now(), FeedState::Live, 15) >= 0);

        // The camera dies (power cut): the TCP connection closes.
        t0 = monitor.now();
        cam.kill();
        cam.waitForFinished(3000);
        const double lost = detect(rec, t0, FeedState::Lost, 1);
        qInfo("rtsp drop: LOST after %.2f s (target 1 s)", lost);
        QVERIFY(lost >= 0 && lost <= 1);
        QTest::qWait(2000);
        QProcess again;
        t0 = monitor.now();
        QCOMPARE(startCamera(again, port), port);
        const double back = detect(rec, t0, FeedState::Live, 15);
        qInfo("rtsp camera back: LIVE after %.2f s (target 15 s)", back);
        QVERIFY(back >= 0 && back <= 15);
        monitor.stop();
        again.kill();
        again.waitForFinished(3000);
    }

    void onvifCameraIsDiscoveredAndAddedWithItsStreams()
    {
        FakeOnvifCamera onvif(QStringLiteral("admin"), QStringLiteral("cam-secret"));
        const QString target = QStringLiteral("127.0.0.1:%1").arg(onvif.discoveryPort());
        const Cli found = cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("discover"),
                               QStringLiteral("--target"), target, QStringLiteral("--timeout"),
                               QStringLiteral("1500"), QStringLiteral("--user"), QStringLiteral("admin")},
                              {}, QStringLiteral("cam-secret"));
        QVERIFY2(found.code == 0, qPrintable(found.err));
        const QJsonArray devices = QJsonDocument::fromJson(found.out.toUtf8()).array();
        QCOMPARE(devices.size(), 1); // the garbage and the answer to another probe are skipped
        const QJsonObject cam = devices.first().toObject();
        QCOMPARE(cam[QStringLiteral("name")].toString(), QStringLiteral("ExamCam A101"));
        QCOMPARE(cam[QStringLiteral("xaddrs")].toArray().first().toString(), onvif.deviceUrl());
        const QJsonArray profiles = cam[QStringLiteral("profiles")].toArray();
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles[0][QStringLiteral("uri")].toString(),
                 QStringLiteral("rtsp://127.0.0.1:8554/Streaming/main")); // largest first
        QCOMPARE(profiles[1][QStringLiteral("width")].toInt(), 640);

        const Cli wrong = cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("discover"),
                               QStringLiteral("--target"), target, QStringLiteral("--timeout"),
                               QStringLiteral("1000"), QStringLiteral("--user"), QStringLiteral("admin")},
                              {}, QStringLiteral("guess"));
        QVERIFY2(wrong.out.contains(QStringLiteral("refused the user name or password")),
                 qPrintable(wrong.out));

        QCOMPARE(cli({QStringLiteral("demo")}).code, 0);
        const QStringList add = {
            QStringLiteral("feeds"),   QStringLiteral("add"),    QStringLiteral("--room"),
            QStringLiteral("A102"),    QStringLiteral("--name"), QStringLiteral("A102-onvif"),
            QStringLiteral("--onvif"), onvif.deviceUrl(),        QStringLiteral("--user"),
            QStringLiteral("admin"),   QStringLiteral("--as"),   QStringLiteral("tech")};
        const Cli refused = cli(add, QStringLiteral("tech12345"), QStringLiteral("guess"));
        QCOMPARE(refused.code, 2);
        QVERIFY(refused.err.contains(QStringLiteral("ONVIF GetCapabilities")));
        const Cli added = cli(QStringList{QStringLiteral("--json")} + add, QStringLiteral("tech12345"),
                              QStringLiteral("cam-secret"));
        QVERIFY2(added.code == 0, qPrintable(added.err));
        const QJsonObject dev = QJsonDocument::fromJson(added.out.toUtf8()).object();
        QCOMPARE(dev[QStringLiteral("url")].toString(),
                 QStringLiteral("rtsp://127.0.0.1:8554/Streaming/main"));
        QCOMPARE(dev[QStringLiteral("substream")].toString(),
                 QStringLiteral("rtsp://127.0.0.1:8554/Streaming/sub"));
        QVERIFY(dev[QStringLiteral("credentials")].toBool());
        QVERIFY(!added.out.contains(QStringLiteral("cam-secret")));

        // A camera answering garbage: refused with the step and the reason, nothing stored.
        onvif.answerGarbage();
        QStringList broken = add;
        broken[broken.indexOf(QStringLiteral("A102-onvif"))] = QStringLiteral("A102-broken");
        const Cli garbage = cli(broken, QStringLiteral("tech12345"), QStringLiteral("cam-secret"));
        QCOMPARE(garbage.code, 2);
        QVERIFY2(garbage.err.contains(QStringLiteral("GetCapabilities")) &&
                     garbage.err.contains(QStringLiteral("not a SOAP envelope")),
                 qPrintable(garbage.err));
        QVERIFY(!cli({QStringLiteral("feeds"), QStringLiteral("list")})
                     .out.contains(QStringLiteral("A102-broken")));
        // One answering more than a camera's answer may be: cut off at 4 MiB, named, nothing stored.
        onvif.answerHuge();
        const Cli huge = cli(broken, QStringLiteral("tech12345"), QStringLiteral("cam-secret"));
        QCOMPARE(huge.code, 2);
        QVERIFY2(huge.err.contains(QStringLiteral("GetCapabilities")) &&
                     huge.err.contains(QStringLiteral("longer than 4194304 bytes")),
                 qPrintable(huge.err));
        QVERIFY(!cli({QStringLiteral("feeds"), QStringLiteral("list")})
                     .out.contains(QStringLiteral("A102-broken")));

        QUdpSocket silent; // bound, never answers
        QVERIFY(silent.bind(QHostAddress::LocalHost, 0));
        const Cli nobody =
            cli({QStringLiteral("feeds"), QStringLiteral("discover"), QStringLiteral("--target"),
                 QStringLiteral("127.0.0.1:%1").arg(silent.localPort()), QStringLiteral("--timeout"),
                 QStringLiteral("500")},
                {}, {});
        QCOMPARE(nobody.code, 1);
        QVERIFY(nobody.out.contains(QStringLiteral("No ONVIF camera answered")));
    }

    void probePrintsOneJsonObjectPerTransition()
    {
        const Cli ok = cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("probe"), url(),
                            QStringLiteral("--duration"), QStringLiteral("3")});
        QCOMPARE(ok.code, 0);
        const QStringList lines = ok.out.trimmed().split(u'\n');
        QVERIFY(lines.size() >= 2);
        QStringList states;
        for (const QString &l : lines) {
            QJsonParseError pe;
            const QJsonObject o = QJsonDocument::fromJson(l.toUtf8(), &pe).object();
            QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(l));
            QVERIFY(o.value(QStringLiteral("t")).isDouble() && o.value(QStringLiteral("reason")).isString());
            states.append(o.value(QStringLiteral("state")).toString());
        }
        QCOMPARE(states.mid(0, 2), (QStringList{QStringLiteral("CONNECTING"), QStringLiteral("LIVE")}));

        // Nothing listens on the port: LOST with a reason naming the URL, retried, exit 1.
        QTcpServer none;
        QVERIFY(none.listen(QHostAddress::LocalHost));
        const quint16 dead = none.serverPort();
        none.close();
        const Cli refused = cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("probe"),
                                 QStringLiteral("http://127.0.0.1:%1/video").arg(dead),
                                 QStringLiteral("--duration"), QStringLiteral("4")});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.out.contains(QStringLiteral("\"state\":\"LOST\"")) &&
                     refused.out.contains(QString::number(dead)),
                 qPrintable(refused.out));
        QVERIFY(refused.out.contains(QStringLiteral("\"state\":\"RECONNECTING\"")));

        const Cli bad = cli({QStringLiteral("feeds"), QStringLiteral("probe"), QStringLiteral("camera-1")});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains(QStringLiteral("'camera-1' is not a stream")));
    }

    void aSiteCameraIsWatchedIntoTheLedgerAndItsAlertAcknowledged()
    {
        setFault("normal");
        QCOMPARE(cli({QStringLiteral("demo")}).code, 0);
        const QStringList add = {QStringLiteral("feeds"),  QStringLiteral("add"),
                                 QStringLiteral("--room"), QStringLiteral("A101"),
                                 QStringLiteral("--name"), QStringLiteral("A101-ipcam"),
                                 QStringLiteral("--url"),  url()};
        const Cli evaluator = cli(add + QStringList{QStringLiteral("--as"), QStringLiteral("evaluator")},
                                  QStringLiteral("evaluator1234"));
        QCOMPARE(evaluator.code, 4);
        QVERIFY(evaluator.err.contains(
            QStringLiteral("adding and removing cameras is for site_admin or technician")));
        const Cli badUrl = cli({QStringLiteral("feeds"), QStringLiteral("add"), QStringLiteral("--room"),
                                QStringLiteral("A101"), QStringLiteral("--name"), QStringLiteral("x"),
                                QStringLiteral("--url"), QStringLiteral("ftp://cam/1"),
                                QStringLiteral("--as"), QStringLiteral("tech")},
                               QStringLiteral("tech12345"));
        QCOMPARE(badUrl.code, 2);
        QVERIFY(badUrl.err.contains(QStringLiteral("url: 'ftp://cam/1' is not a stream")));
        QCOMPARE(cli(add + QStringList{QStringLiteral("--as"), QStringLiteral("tech")},
                     QStringLiteral("tech12345"))
                     .code,
                 0);
        const Cli again = cli(add + QStringList{QStringLiteral("--as"), QStringLiteral("tech")},
                              QStringLiteral("tech12345"));
        QCOMPARE(again.code, 2);
        QVERIFY(again.err.contains(QStringLiteral("the name is taken")));

        const Cli baseline =
            cli({QStringLiteral("feeds"), QStringLiteral("baseline"), QStringLiteral("A101-ipcam"),
                 QStringLiteral("--as"), QStringLiteral("tech"), QStringLiteral("--snapshot"),
                 m_dir.filePath(QStringLiteral("baseline.jpg"))},
                QStringLiteral("tech12345"));
        QVERIFY2(baseline.code == 0, qPrintable(baseline.err));
        QVERIFY(QImage(m_dir.filePath(QStringLiteral("baseline.jpg"))).width() == 320);
        const Cli list = cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("list")});
        QJsonObject dev;
        for (const QJsonValue &v : QJsonDocument::fromJson(list.out.toUtf8()).array())
            if (v[QStringLiteral("name")].toString() == u"A101-ipcam")
                dev = v.toObject();
        QCOMPARE(dev.value(QStringLiteral("kind")).toString(), QStringLiteral("mjpeg"));
        QCOMPARE(dev.value(QStringLiteral("baseline_by")).toString(), QStringLiteral("tech"));

        // The lens is covered while the proctor's terminal watches: TAMPERED goes into the session log.
        setFault("cover");
        const Cli watch = cli({QStringLiteral("feeds"), QStringLiteral("watch"), QStringLiteral("--as"),
                               QStringLiteral("proctor"), QStringLiteral("--room"), QStringLiteral("A101"),
                               QStringLiteral("--duration"), QStringLiteral("6")},
                              QStringLiteral("proctor1234"));
        setFault("normal");
        QVERIFY2(watch.code == 0, qPrintable(watch.err));
        QVERIFY2(watch.out.contains(QStringLiteral("A101-ipcam  TAMPERED     lens covered")),
                 qPrintable(watch.out));
        QVERIFY(watch.out.contains(QStringLiteral("A101-ipcam: uptime ")));

        const Cli alerts = cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("alerts")});
        const QJsonArray open = QJsonDocument::fromJson(alerts.out.toUtf8()).array();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first()[QStringLiteral("state")].toString(), QStringLiteral("TAMPERED"));
        const QString id = QString::number(open.first()[QStringLiteral("id")].toInteger());
        // What the camera showed when it was covered, exported by a proctor (and the export logged).
        QVERIFY(open.first()[QStringLiteral("snapshot")].toBool());
        const QString picture = m_dir.filePath(QStringLiteral("covered.jpg"));
        const QStringList exportArgs{QStringLiteral("feeds"), QStringLiteral("snapshot"), id,
                                     QStringLiteral("--out"), picture};
        QCOMPARE(cli(exportArgs + QStringList{QStringLiteral("--as"), QStringLiteral("evaluator")},
                     QStringLiteral("evaluator1234"))
                     .code,
                 4);
        QVERIFY(!QFile::exists(picture));
        const Cli exported = cli(exportArgs + QStringList{QStringLiteral("--as"), QStringLiteral("proctor")},
                                 QStringLiteral("proctor1234"));
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        QCOMPARE(QImage(picture).width(), 320);
        const Cli none = cli({QStringLiteral("feeds"), QStringLiteral("snapshot"), QStringLiteral("999999"),
                              QStringLiteral("--out"), m_dir.filePath(QStringLiteral("none.jpg")),
                              QStringLiteral("--as"), QStringLiteral("proctor")},
                             QStringLiteral("proctor1234"));
        QCOMPARE(none.code, 2);
        QVERIFY2(none.err.contains(QStringLiteral("event 999999 has no snapshot")), qPrintable(none.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.jpg"))));
        QVERIFY(cli({QStringLiteral("--json"), QStringLiteral("ledger"), QStringLiteral("check")}).code == 0);
        QCOMPARE(cli({QStringLiteral("feeds"), QStringLiteral("ack"), id, QStringLiteral("--as"),
                      QStringLiteral("proctor")},
                     QStringLiteral("proctor1234"))
                     .code,
                 0);
        QCOMPARE(QJsonDocument::fromJson(
                     cli({QStringLiteral("--json"), QStringLiteral("feeds"), QStringLiteral("alerts")})
                         .out.toUtf8())
                     .array()
                     .size(),
                 0);
        const QJsonArray all =
            QJsonDocument::fromJson(cli({QStringLiteral("--json"), QStringLiteral("feeds"),
                                         QStringLiteral("alerts"), QStringLiteral("--all")})
                                        .out.toUtf8())
                .array();
        QCOMPARE(all.first()[QStringLiteral("acknowledged_by")].toString(), QStringLiteral("proctor"));
        const Cli twice = cli({QStringLiteral("feeds"), QStringLiteral("ack"), id, QStringLiteral("--as"),
                               QStringLiteral("proctor")},
                              QStringLiteral("proctor1234"));
        QCOMPARE(twice.code, 2);
        QVERIFY(twice.err.contains(QStringLiteral("acknowledged already")));

        // The ledger holds the transitions and stays verifiable.
        const Cli log = cli({QStringLiteral("--json"), QStringLiteral("ledger"), QStringLiteral("check")});
        QVERIFY2(log.code == 0, qPrintable(log.out + log.err));
    }
};

QTEST_GUILESS_MAIN(TestFeedRig)
#include "tst_feedrig.moc"
