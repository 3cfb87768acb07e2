// The intake under hostile connections (#15 item 8): a genuine site uploads a sealed bundle while
// many clients hold connections open, half of them idle and half sending headers a byte a second
// (slow loris), spread over addresses 8 per address as the per-client cap allows, plus one address
// trying to open more. Prints the genuine upload's time without and with that load, and how many
// hostile connections the intake refused at once and closed by its timeouts.
// Meanwhile junk clients send unsigned 1 MiB PUTs in a loop; each is refused (401) from its headers.
//   bench_intake [--hostile N] [--header-timeout SECONDS] [--candidates N] [--junk N]
#include "../integration/tst_seal_fixture.h"
#include "benchprocess.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "upload/intake.h"
#include "upload/intakelistener.h"
#include "upload/uploader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHttpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace examsite;
using namespace examsite::upload;

namespace {

/// Runs the event loop until `done` or `ms` have passed, checking every 20 ms.
template <typename Done> void runUntil(int ms, Done done)
{
    QEventLoop loop;
    QTimer check;
    QElapsedTimer t;
    t.start();
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() >= ms)
            loop.quit();
    });
    check.start(20);
    loop.exec();
}

struct Server
{
    std::unique_ptr<Intake> intake;
    std::unique_ptr<QHttpServer> http;
    IntakeListener *listener = nullptr;
    quint16 port = 0;
};

Server start(const QString &dir, const fixture::Keys &keys, const ledger::SigningKey &orgKey,
             const ConnectionLimits &limits)
{
    IntakeConfig c;
    c.dir = dir;
    c.identities = {keys.org};
    c.trust = keys.trust();
    c.receiptKey = orgKey;
    c.contributors = siteBundleContributors();
    Server s;
    s.intake = std::make_unique<Intake>(c);
    s.http = std::make_unique<QHttpServer>();
    bindIntakeRoutes(*s.http, *s.intake, QStringLiteral("/intake"));
    s.port = listenIntake(*s.http, QHostAddress::LocalHost, 0, limits, &s.listener, s.intake->gate());
    return s;
}

/// Uploads the bundle from a copy of the store that sealed it (seal.db, which records it: a site queues
/// only its own bundles), so each upload starts with no job; returns milliseconds, or -1 if it was not
/// accepted.
double uploadOnce(const QString &dir, const QString &bundle, quint16 port, const ledger::SigningKey &orgKey,
                  const ledger::SigningKey &terminal)
{
    const QString copy = QDir(dir).filePath(QStringLiteral("site-%1.db").arg(port));
    for (const QString &suffix : {QString(), QStringLiteral(".key")})
        if (QFile::exists(QDir(dir).filePath(QStringLiteral("seal.db")) + suffix) &&
            !QFile::copy(QDir(dir).filePath(QStringLiteral("seal.db")) + suffix, copy + suffix))
            qFatal("cannot copy seal.db%s", qPrintable(suffix));
    auto db = Database::open(copy);
    EventStore events(*db, QStringLiteral("kiosk-1"));
    UploadPolicy p;
    p.chunkBytes = 256 * 1024;
    p.requestTimeoutMs = 60000;
    Uploader up(*db, events, orgKey.publicKey(), p);
    up.setSigner(QStringLiteral("TEST-SITE"), terminal);
    up.enqueue(bundle, QStringLiteral("http://127.0.0.1:%1/intake").arg(port), fixture::kSealer);
    QElapsedTimer t;
    t.start();
    const UploadRun r = up.runOnce(QDateTime::currentMSecsSinceEpoch());
    return r.done == 1 ? double(t.nsecsElapsed()) / 1e6 : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int hostile = bench::intOption(args, "--hostile", 200, 8);
    const int headerTimeout = bench::intOption(args, "--header-timeout", 10, 1);
    const int candidates = bench::intOption(args, "--candidates", 300, 5);
    const int junkClients = bench::intOption(args, "--junk", 8, 0);
    const int extra = 16; // from one address already at the cap: refused at once

    QTemporaryDir dir;
    const fixture::Keys keys = fixture::makeKeys();
    const ledger::SigningKey orgKey = ledger::SigningKey::generate();
    QString bundle;
    {
        auto db = Database::open(dir.filePath(QStringLiteral("seal.db")));
        ledger::Ledger ledger(*db, &keys.terminal, {25, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        fixture::buildSession(*db, events, {candidates, 3000, 200, true, true});
        ledger::SealOptions o;
        o.actor = fixture::kSealer;
        o.sessionCode = fixture::kSession;
        o.contributors = siteBundleContributors();
        o.keys = {{QStringLiteral("terminal"), &keys.terminal},
                  {QStringLiteral("supervisor"), &keys.supervisor},
                  {QStringLiteral("evaluator"), &keys.evaluator}};
        o.recipient = keys.org.recipient();
        o.outPath = dir.filePath(QStringLiteral("bundle.age"));
        bundle = ledger::sealSession(*db, events, ledger, o).path;
    }
    ConnectionLimits limits;
    limits.headerTimeoutMs = headerTimeout * 1000;
    printf("bundle %.1f KiB; %d hostile connections (half idle, half slow loris at 1 byte/s) from %d "
           "addresses, %d more from one of them; header timeout %d s, %d connections per address\n",
           QFileInfo(bundle).size() / 1024.0, hostile, (hostile + 7) / 8, extra, headerTimeout,
           limits.maxConnectionsPerClient);

    // Without load (after one upload to warm up).
    Server warm = start(dir.filePath(QStringLiteral("warm")), keys, orgKey, limits);
    uploadOnce(dir.path(), bundle, warm.port, orgKey, keys.terminal);
    Server quiet = start(dir.filePath(QStringLiteral("quiet")), keys, orgKey, limits);
    const double quietMs = uploadOnce(dir.path(), bundle, quiet.port, orgKey, keys.terminal);
    printf("genuine upload, no load:        %8.1f ms%s\n", quietMs, quietMs < 0 ? "  NOT ACCEPTED" : "");

    // Under load.
    Server s = start(dir.filePath(QStringLiteral("loaded")), keys, orgKey, limits);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    int closedSeen = 0;
    const QByteArray slowRequest = "GET /intake/bundles/" + QByteArray(64, 'a') + " HTTP/1.1\r\nHost: x\r\n" +
                                   QByteArray(4096, 'X') + "\r\n\r\n";
    for (int i = 0; i < hostile + extra; ++i) {
        auto sock = std::make_unique<QTcpSocket>();
        const int host = i < hostile ? i / 8 : 0;
        sock->bind(QHostAddress(QStringLiteral("127.0.%1.%2").arg(1 + host / 250).arg(2 + host % 250)));
        QObject::connect(sock.get(), &QTcpSocket::disconnected, [&closedSeen] { ++closedSeen; });
        sock->connectToHost(QHostAddress::LocalHost, s.port);
        sockets.push_back(std::move(sock));
    }
    const auto settled = [&] {
        return std::all_of(sockets.begin(), sockets.end(), [](const auto &sock) {
            return sock->state() == QAbstractSocket::ConnectedState ||
                   sock->state() == QAbstractSocket::UnconnectedState;
        });
    };
    runUntil(10000, settled);
    runUntil(200, [] { return false; }); // the intake takes in what the kernel accepted
    // Slow lorises: every other hostile connection sends one more header byte each second.
    qsizetype sent = 0;
    QTimer drip;
    QObject::connect(&drip, &QTimer::timeout, [&] {
        for (int i = 1; i < hostile; i += 2)
            if (sockets[size_t(i)]->state() == QAbstractSocket::ConnectedState)
                sockets[size_t(i)]->write(slowRequest.mid(sent, 1));
        ++sent;
    });
    drip.start(1000);
    // Junk uploaders: unsigned PUTs of 1 MiB each, again and again, from their own addresses; each is
    // refused from its headers (401), its body never read.
    int junkRefused = 0;
    bool junkRunning = true;
    const QByteArray junkRequest = "PUT /intake/bundles/" + QByteArray(64, 'b') +
                                   " HTTP/1.1\r\nHost: x\r\nContent-Range: bytes 0-1048575/1048576\r\n"
                                   "Content-Length: 1048576\r\n\r\n" +
                                   QByteArray(1 << 20, 'j');
    std::vector<std::unique_ptr<QTcpSocket>> junk;
    for (int i = 0; i < junkClients; ++i) {
        auto sock = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = sock.get();
        const QHostAddress from(QStringLiteral("127.1.%1.%2").arg(i / 250).arg(1 + i % 250));
        const auto send = [raw, from, port = s.port] {
            raw->bind(from);
            raw->connectToHost(QHostAddress::LocalHost, port);
        };
        QObject::connect(raw, &QTcpSocket::connected, [raw, &junkRequest] { raw->write(junkRequest); });
        QObject::connect(raw, &QTcpSocket::readyRead, [raw, &junkRefused] {
            if (raw->readAll().startsWith("HTTP/1.1 401"))
                ++junkRefused;
        });
        QObject::connect(raw, &QTcpSocket::disconnected, [send, &junkRunning] {
            if (junkRunning)
                QTimer::singleShot(0, send);
        });
        send();
        junk.push_back(std::move(sock));
    }
    runUntil(500, [] { return false; });
    const int heldBefore = s.listener->open();
    const double loadedMs = uploadOnce(dir.path(), bundle, s.port, orgKey, keys.terminal);
    junkRunning = false;
    printf("genuine upload, under load:     %8.1f ms%s (%d hostile connections held meanwhile; %d unsigned "
           "1 MiB PUTs from %d junk clients refused with 401, %d in all)\n",
           loadedMs, loadedMs < 0 ? "  NOT ACCEPTED" : "", heldBefore, junkRefused, junkClients,
           s.listener->unauthenticated());
    for (auto &sock : junk)
        sock->abort();

    QElapsedTimer t;
    t.start();
    runUntil(5 * limits.headerTimeoutMs + 5000, [&] { return s.listener->open() == 0; });
    runUntil(200, [] { return false; });
    const double secs = t.elapsed() / 1000.0;
    printf("refused at once (over the per-address cap): %d\n", s.listener->refused());
    printf("closed by the header timeout:              %d (all gone %.1f s after the upload)\n",
           s.listener->timedOut(), secs);
    printf("hostile sockets seen closed by the clients: %d of %d; still open at the intake: %d\n", closedSeen,
           hostile + extra, s.listener->open());

    // Every connection the intake allows taken by clients that connect and send nothing, from many
    // addresses (under the per-address cap): a genuine site's connection replaces the longest-waiting
    // one instead of waiting for the header timeout.
    ConnectionLimits full = limits;
    full.maxConnections = hostile;
    full.evictAfterMs = 1000;
    Server f = start(dir.filePath(QStringLiteral("full")), keys, orgKey, full);
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < hostile; ++i) {
        auto sock = std::make_unique<QTcpSocket>();
        sock->bind(QHostAddress(QStringLiteral("127.2.%1.%2").arg(i / 8 / 250).arg(1 + (i / 8) % 250)));
        sock->connectToHost(QHostAddress::LocalHost, f.port);
        silent.push_back(std::move(sock));
    }
    runUntil(10000, [&] { return f.listener->open() == hostile; });
    const int fullBefore = f.listener->open();
    runUntil(full.evictAfterMs + 200, [] { return false; });
    const double fullMs = uploadOnce(dir.path(), bundle, f.port, orgKey, keys.terminal);
    printf(
        "genuine upload, all %d connections taken by silent clients: %8.1f ms%s (%d replaced, %d refused)\n",
        fullBefore, fullMs, fullMs < 0 ? "  NOT ACCEPTED" : "", f.listener->evicted(), f.listener->refused());
    silent.clear();

    const bool ok = quietMs >= 0 && loadedMs >= 0 && fullMs >= 0 && s.listener->open() == 0 &&
                    (junkClients == 0 || s.listener->unauthenticated() > 0) &&
                    s.listener->refused() + s.listener->timedOut() >= hostile + extra;
    return ok ? 0 : 1;
}
