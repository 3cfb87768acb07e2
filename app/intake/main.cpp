// examsite-intake: the evaluation organisation's reference receiver for sealed bundles. Composition
// root only; the receiver is src/upload/intake.*.
//   examsite-intake --dir DIR --identity ORG_IDENTITY --trust TRUST --key ORG_SIGNING_KEY [--listen
//   127.0.0.1:8470] [--path-prefix /intake] [--header-timeout 10] [--body-timeout 30]
//   [--max-connections-per-client 8] [--max-connections 256] [--min-body-rate 1024]
#include "core/error.h"
#include "ledger/keyfile.h"
#include "services/bundlecontributors.h"
#include "upload/intake.h"
#include "upload/intakelistener.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>

int main(int argc, char *argv[])
{
    using namespace examsite;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("examsite-intake"));
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Receives sealed bundles (PUT /bundles/SHA256 in Content-Range chunks, GET for the "
                       "resume point), verifies each on arrival and answers with a receipt signed by the "
                       "organisation's key. Only requests signed by a site's terminal key (trust file) are "
                       "taken. Serve it behind a TLS reverse proxy for HTTPS."));
    p.addHelpOption();
    p.addOption({QStringLiteral("dir"),
                 QStringLiteral("Storage folder (incoming/, accepted/, rejected/, state/)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("identity"), QStringLiteral("The organisation's age identity file."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("trust"),
                 QStringLiteral("Trust file with the sites' keys (docs/trust-file.md)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("key"),
                 QStringLiteral("Organisation signing key for receipts (an ExamSite .key; passphrase from "
                                "$EXAMSITE_PASSPHRASE_ORGANISATION or $EXAMSITE_PASSPHRASE)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("listen"),
                 QStringLiteral("Address and port (default 127.0.0.1:8470; port 0 picks one)."),
                 QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8470")});
    p.addOption({QStringLiteral("path-prefix"),
                 QStringLiteral("URL path the bundles live under, e.g. /intake for an endpoint "
                                "https://org.example/intake (default: none)."),
                 QStringLiteral("PATH")});
    p.addOption(
        {QStringLiteral("header-timeout"),
         QStringLiteral("Seconds a connection may take to send a request's headers, from its start or "
                        "the previous answer; idle connections are closed after it (default 10)."),
         QStringLiteral("SECONDS"), QStringLiteral("10")});
    p.addOption({QStringLiteral("body-timeout"),
                 QStringLiteral("Seconds a request body may go without a new byte (default 30)."),
                 QStringLiteral("SECONDS"), QStringLiteral("30")});
    p.addOption({QStringLiteral("max-connections-per-client"),
                 QStringLiteral("Connections one client address may hold at once; more are closed at once "
                                "(default 8; 0: no cap, e.g. behind a reverse proxy that limits clients)."),
                 QStringLiteral("N"), QStringLiteral("8")});
    p.addOption({QStringLiteral("max-connections"),
                 QStringLiteral("Connections from all addresses together; more are closed at once (default "
                                "256)."),
                 QStringLiteral("N"), QStringLiteral("256")});
    p.addOption({QStringLiteral("min-body-rate"),
                 QStringLiteral("A request body slower than this many bytes per second over 20 s is closed "
                                "(default 1024; 0: no minimum)."),
                 QStringLiteral("BYTES"), QStringLiteral("1024")});
    p.process(app);
    for (const char *required : {"dir", "identity", "trust", "key"})
        if (p.value(QString::fromLatin1(required)).isEmpty()) {
            fprintf(stderr, "examsite-intake: missing --%s (see --help)\n", required);
            return 2;
        }
    QString why;
    const std::optional<upload::ConnectionLimits> limits = upload::ConnectionLimits::fromOptions(
        p.value(QStringLiteral("header-timeout")), p.value(QStringLiteral("body-timeout")),
        p.value(QStringLiteral("max-connections-per-client")), &why,
        p.value(QStringLiteral("max-connections")), p.value(QStringLiteral("min-body-rate")));
    if (!limits) {
        fprintf(stderr, "examsite-intake: %s\n", qPrintable(why));
        return 2;
    }
    try {
        upload::IntakeConfig config;
        config.dir = p.value(QStringLiteral("dir"));
        config.identities = ledger::readIdentityFile(p.value(QStringLiteral("identity")), &why);
        if (config.identities.isEmpty())
            throw Error(ErrorKind::Input, why);
        config.trust = ledger::TrustFile::load(p.value(QStringLiteral("trust")));
        config.contributors = siteBundleContributors();
        config.receiptKey = ledger::loadRoleKey(p.value(QStringLiteral("key")),
                                                ledger::passphraseFor(QStringLiteral("organisation")));
        upload::ConnectionLimits connection = *limits;
        connection.maxBodyBytes = config.maxChunkBytes; // a larger body is refused before it is read
        upload::Intake intake(config);
        QHttpServer server;
        upload::bindIntakeRoutes(server, intake, p.value(QStringLiteral("path-prefix")));
        const QString listen = p.value(QStringLiteral("listen"));
        const QHostAddress address(listen.section(u':', 0, -2));
        const quint16 port = upload::listenIntake(server, address, quint16(listen.section(u':', -1).toUInt()),
                                                  connection, nullptr, intake.gate());
        if (port == 0)
            throw Error(ErrorKind::Storage, QStringLiteral("cannot listen on %1").arg(listen));
        // The URL sites queue bundles for (upload enqueue --endpoint): with the path prefix, as routed.
        const QString prefix = upload::intakeBasePath(p.value(QStringLiteral("path-prefix")));
        printf("examsite-intake listening on http://%s:%u%s/ (storage %s)\n", qPrintable(address.toString()),
               port, qPrintable(prefix), qPrintable(config.dir));
        fflush(stdout);
        return app.exec();
    } catch (const Error &e) {
        fprintf(stderr, "examsite-intake: %s\n", qPrintable(e.message()));
        return e.kind() == ErrorKind::Storage ? 3 : 2;
    }
}
