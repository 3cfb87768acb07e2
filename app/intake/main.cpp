// examsite-intake: the evaluation organisation's reference receiver for sealed bundles. Composition
// root only; the receiver is src/upload/intake.*.
//   examsite-intake --dir DIR --identity ORG_IDENTITY --trust TRUST --key ORG_SIGNING_KEY [--listen
//   127.0.0.1:8470] [--path-prefix /intake]
#include "core/error.h"
#include "ledger/keyfile.h"
#include "services/bundlecontributors.h"
#include "upload/intake.h"

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
                       "organisation's key. Serve it behind a TLS reverse proxy for HTTPS."));
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
    p.process(app);
    for (const char *required : {"dir", "identity", "trust", "key"})
        if (p.value(QString::fromLatin1(required)).isEmpty()) {
            fprintf(stderr, "examsite-intake: missing --%s (see --help)\n", required);
            return 2;
        }
    try {
        upload::IntakeConfig config;
        config.dir = p.value(QStringLiteral("dir"));
        QString why;
        config.identities = ledger::readIdentityFile(p.value(QStringLiteral("identity")), &why);
        if (config.identities.isEmpty())
            throw Error(ErrorKind::Input, why);
        config.trust = ledger::TrustFile::load(p.value(QStringLiteral("trust")));
        config.contributors = siteBundleContributors();
        config.receiptKey = ledger::loadRoleKey(p.value(QStringLiteral("key")),
                                                ledger::passphraseFor(QStringLiteral("organisation")));
        upload::Intake intake(config);
        QHttpServer server;
        upload::bindIntakeRoutes(server, intake, p.value(QStringLiteral("path-prefix")));
        const QString listen = p.value(QStringLiteral("listen"));
        const QHostAddress address(listen.section(u':', 0, -2));
        const quint16 port = server.listen(address, quint16(listen.section(u':', -1).toUInt()));
        if (port == 0)
            throw Error(ErrorKind::Storage, QStringLiteral("cannot listen on %1").arg(listen));
        printf("examsite-intake listening on http://%s:%u/ (storage %s)\n", qPrintable(address.toString()),
               port, qPrintable(config.dir));
        fflush(stdout);
        return app.exec();
    } catch (const Error &e) {
        fprintf(stderr, "examsite-intake: %s\n", qPrintable(e.message()));
        return e.kind() == ErrorKind::Storage ? 3 : 2;
    }
}
