// Ledger benchmark (figures only, never asserts on time): durable append rates, and sealing and
// verifying a session of 1,000 candidates with a 50 KB snapshot each and 100,000 events, side by side
// with the stock pipeline `tar | age -r` plus `minisign -S` over the same files.
//   bench_ledger            full size
//   bench_ledger --quick    small size (what CTest runs)
#include "../integration/tst_seal_fixture.h"
#include "ledger/bundleio.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/verifier.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <cstdio>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace examsite;
using namespace examsite::ledger;

namespace {

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

void appendRates(const QString &dir, const fixture::Keys &keys, int single, int batched, int batch)
{
    auto db = Database::open(QDir(dir).filePath(QStringLiteral("append.db")));
    Ledger ledger(*db, &keys.terminal, {1000, 60000});
    EventStore events(*db, QStringLiteral("bench"), &ledger);
    const qint64 session = fixture::buildSession(*db, events, {1, 0, 0, false, false});
    const QJsonObject payload{{QStringLiteral("candidate"), 1234},
                              {QStringLiteral("score"), 0.87},
                              {QStringLiteral("method"), QStringLiteral("face")}};
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < single; ++i) {
        Transaction tx(*db);
        events.append(session, QStringLiteral("checkin.verified"), QStringLiteral("kiosk"), payload);
        tx.commit();
    }
    const double s1 = seconds(t);
    printf(
        "durable append, one event per transaction (synchronous=FULL): %d events in %.3f s = %.0f events/s\n",
        single, s1, single / s1);
    t.restart();
    for (int done = 0; done < batched;) {
        Transaction tx(*db);
        for (int k = 0; k < batch && done < batched; ++k, ++done)
            events.append(session, QStringLiteral("feed.heartbeat"), QStringLiteral("monitor"), payload);
        tx.commit();
    }
    const double s2 = seconds(t);
    printf("durable append, batches of %d: %d events in %.3f s = %.0f events/s (checkpoint signed every 1000 "
           "events)\n",
           batch, batched, s2, s2 > 0 ? batched / s2 : 0.0);
    const LedgerCheck c = ledger.check(session);
    printf("  ledger check: %llu records, %d checkpoints, %s\n", static_cast<unsigned long long>(c.records),
           c.checkpoints, c.problems.isEmpty() ? "consistent" : "INCONSISTENT");
}

double runShell(const QString &command)
{
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        printf("  (command failed: %s: %s)\n", qPrintable(command), p.readAllStandardError().constData());
    return seconds(t);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int candidates = quick ? 50 : 1000;
    const int snapshot = quick ? 5000 : 50 * 1024;
    const int totalEvents = quick ? 3000 : 100000;
    printf("bench_ledger (%s size)\n", quick ? "quick" : "full");
    QTemporaryDir dir(QDir::currentPath() +
                      QStringLiteral("/bench-ledger-XXXXXX")); // on the real disk, not tmpfs
    const fixture::Keys keys = fixture::makeKeys();

    appendRates(dir.path(), keys, quick ? 200 : 2000, quick ? 5000 : 100000, 1000);

    // A session of the target size.
    auto db = Database::open(dir.filePath(QStringLiteral("seal.db")));
    Ledger ledger(*db, &keys.terminal, {1000, 60000});
    EventStore events(*db, QStringLiteral("bench"), &ledger);
    const int present = candidates - candidates / 10;
    const int baseEvents = 1 + present + 1 + 2 + present + 1;
    QElapsedTimer t;
    t.start();
    fixture::buildSession(*db, events,
                          {candidates, snapshot, qMax(0, totalEvents - baseEvents), true, true, 5000});
    printf("built session: %d candidates, %d snapshots of %d KB, %llu events in %.2f s\n", candidates,
           present, snapshot / 1024, static_cast<unsigned long long>(ledger.size(1)), seconds(t));

    SealOptions o;

    o.actor = fixture::kSealer;
    o.sessionCode = fixture::kSession;
    o.contributors = examsite::siteBundleContributors();
    o.keys = {{QStringLiteral("terminal"), &keys.terminal},
              {QStringLiteral("supervisor"), &keys.supervisor},
              {QStringLiteral("evaluator"), &keys.evaluator}};
    o.recipient = keys.org.recipient();
    o.outPath = dir.filePath(QStringLiteral("bundle.age"));
    t.restart();
    const SealResult r = sealSession(*db, events, ledger, o);
    const double sealSecs = seconds(t);
    printf("seal: %.3f s for %d files, %llu events, bundle %.1f MB\n", sealSecs, r.files,
           static_cast<unsigned long long>(r.events), double(r.bytes) / 1e6);

    t.restart();
    const VerifyReport v =
        verifyBundle(r.path, {{keys.org}, keys.trust(), {}, examsite::siteBundleContributors(), {}});
    const double verifySecs = seconds(t);
    printf("verify: %.3f s (%s, %llu events, %d files re-hashed, %d checkpoints)\n", verifySecs,
           v.valid() ? "valid" : "INVALID", static_cast<unsigned long long>(v.events), v.filesChecked,
           v.checkpoints);

    // The stock pipeline over the same files.
    const QString age = QStandardPaths::findExecutable(QStringLiteral("age"));
    const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
    if (age.isEmpty() || minisign.isEmpty()) {
        printf("stock pipeline: skipped (age or minisign not installed)\n");
        return 0;
    }
    QString why;
    const auto plain = ageDecryptFile(r.path, {keys.org}, &why);
    QList<BundleEntry> entries;
    readTar(*plain, entries, &why);
    const QString files = dir.filePath(QStringLiteral("files"));
    for (const BundleEntry &e : entries) {
        QDir().mkpath(QFileInfo(QDir(files).filePath(e.path)).absolutePath());
        QFile f(QDir(files).filePath(e.path));
        f.open(QIODevice::WriteOnly);
        f.write(e.data);
    }
    runShell(
        QStringLiteral("'%1' -G -W -p '%2' -s '%3' > /dev/null")
            .arg(minisign, dir.filePath(QStringLiteral("m.pub")), dir.filePath(QStringLiteral("m.key"))));
    const QString stockOut = dir.filePath(QStringLiteral("stock.tar.age"));
    const double tarAge = runShell(QStringLiteral("tar -cf - -C '%1' . | '%2' -r %3 > '%4'")
                                       .arg(files, age, keys.org.recipient().toString(), stockOut));
    const double sign = runShell(QStringLiteral("'%1' -S -s '%2' -m '%3' > /dev/null")
                                     .arg(minisign, dir.filePath(QStringLiteral("m.key")), stockOut));
    printf("stock: tar | age -r %.3f s + minisign -S %.3f s = %.3f s (%.1f MB)\n", tarAge, sign,
           tarAge + sign, double(QFileInfo(stockOut).size()) / 1e6);
    printf("seal / stock pipeline = %.2f\n", sealSecs / (tarAge + sign));
    // Seal makes its bundle durable (fsync before rename) before it records it; the same for the stock
    // output (coreutils `sync FILE` fsyncs that file) gives the like-for-like figure.
    const double durable = runShell(QStringLiteral("sync '%1'").arg(stockOut));
    printf("stock + fsync of its output %.3f s; seal / durable stock pipeline = %.2f\n",
           tarAge + sign + durable, sealSecs / (tarAge + sign + durable));
    return 0;
}
