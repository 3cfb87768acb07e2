// Child process for tst_seal_crash: appends events or seals bundles in a loop, printing an
// acknowledgement after each durable commit, until the test kills it with SIGKILL.
//   tst_seal_crashhelper append DB
//   tst_seal_crashhelper seal DB OUTDIR     (keys from $CRASH_TERMINAL/$CRASH_SUPERVISOR/$CRASH_EVALUATOR
//                                             as hex secret||keyid, recipient from $CRASH_RECIPIENT)
#include "ledger/age.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <cstdio>
#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>

using namespace examsite;
using namespace examsite::ledger;

static SigningKey keyFromEnv(const char *name)
{
    const QByteArray raw = QByteArray::fromHex(qgetenv(name));
    return SigningKey{raw.mid(64, 8), raw.left(64)};
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    auto db = Database::open(args[2]);
    if (args[1] == u"append") {
        SigningKey terminal = keyFromEnv("CRASH_TERMINAL");
        Ledger ledger(*db, &terminal, {50, 3600000});
        EventStore events(*db, QStringLiteral("crash"), &ledger);
        Statement s(*db, "SELECT id FROM exam_session WHERE code = 'SEAL-1'");
        s.step();
        const qint64 session = s.int64(0);
        for (qint64 n = 0;; ++n) {
            Transaction tx(*db);
            events.append(session, QStringLiteral("crash.tick"), QStringLiteral("helper"),
                          {{QStringLiteral("n"), double(n)}});
            tx.commit();
            // Only now is the event acknowledged, as the UI would say "done".
            printf("ack %lld\n", static_cast<long long>(n));
            fflush(stdout);
        }
    }
    if (args[1] == u"seal" && args.size() == 4) {
        SigningKey terminal = keyFromEnv("CRASH_TERMINAL"), supervisor = keyFromEnv("CRASH_SUPERVISOR"),
                   evaluator = keyFromEnv("CRASH_EVALUATOR");
        Ledger ledger(*db, &terminal);
        EventStore events(*db, QStringLiteral("crash"), &ledger);
        SealOptions o;
        o.actor =
            examsite::Actor{1, QStringLiteral("admin"), QStringLiteral("Admin"), examsite::Role::SiteAdmin};
        o.sessionCode = QStringLiteral("SEAL-1");
        o.contributors = examsite::siteBundleContributors();
        o.keys = {{QStringLiteral("terminal"), &terminal},
                  {QStringLiteral("supervisor"), &supervisor},
                  {QStringLiteral("evaluator"), &evaluator}};
        o.recipient = *AgeRecipient::parse(QString::fromLatin1(qgetenv("CRASH_RECIPIENT")));
        for (int i = 1;; ++i) {
            o.outPath = QDir(args[3]).filePath(
                QStringLiteral("bundle-%1-%2.age").arg(QCoreApplication::applicationPid()).arg(i));
            const SealResult r = sealSession(*db, events, ledger, o);
            printf("sealed %lld %s\n", static_cast<long long>(r.counter), r.sha256.toHex().constData());
            fflush(stdout);
        }
    }
    return 2;
}
