// Peak memory of `examsite verify` on a large bundle (#15 item 7). Seals a real session with the test
// fixture, adds N MiB of evidence in files of M MiB (re-signed as an insider holding every key would, so
// the bundle is valid), and runs the real `examsite verify` on it in a child process, printing the
// child's peak resident set (ru_maxrss), its time and its verdict, next to the bundle's size and the
// largest file the verifier keeps. The verifier streams: its peak should not grow with the evidence.
//   bench_verify [--evidence-mb N] [--file-mb M] [--events N] [--keep]
// --keep leaves the bundle, identity and trust file in ./bench_verify-* for a memory profiler.
#include "../integration/tst_seal_fixture.h"
#include "benchprocess.h"
#include "ledger/bundleio.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/verifier.h"
#include "ledgerformat/sha256.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace examsite;
using namespace examsite::ledger;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int evidenceMb = bench::intOption(args, "--evidence-mb", 1024, 1);
    const int fileMb = bench::intOption(args, "--file-mb", 8, 1);
    const int extraEvents =
        bench::intOption(args, "--events", 200, 0); // more events: a larger log, which is kept
    const int files = std::max(1, evidenceMb / fileMb);

    QTemporaryDir dir(QStringLiteral("./bench_verify-XXXXXX")); // on the build's disk, not a small /tmp
    dir.setAutoRemove(!args.contains(QStringLiteral("--keep")));
    const fixture::Keys keys = fixture::makeKeys();
    QString sealed;
    {
        auto db = Database::open(dir.filePath(QStringLiteral("seal.db")));
        Ledger ledger(*db, &keys.terminal, {25, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        // Check-ins logged as before their pictures' digests were (2026-12-07): this measures streaming
        // large evidence, which the check-ins' pictures are replaced by below.
        fixture::SessionSpec spec{300, 3000, extraEvents, true, true};
        spec.pictureDigests = false;
        fixture::buildSession(*db, events, spec);
        SealOptions o;
        o.actor = fixture::kSealer;
        o.sessionCode = fixture::kSession;
        o.contributors = siteBundleContributors();
        o.keys = {{QStringLiteral("terminal"), &keys.terminal},
                  {QStringLiteral("supervisor"), &keys.supervisor},
                  {QStringLiteral("evaluator"), &keys.evaluator}};
        o.recipient = keys.org.recipient();
        o.outPath = dir.filePath(QStringLiteral("sealed.age"));
        sealed = sealSession(*db, events, ledger, o).path;
    }
    QString why;
    const std::optional<QByteArray> tar = ageDecryptFile(sealed, {keys.org}, &why);
    QList<BundleEntry> entries;
    if (!tar || !readTar(*tar, entries, &why)) {
        fprintf(stderr, "cannot open the sealed bundle: %s\n", qPrintable(why));
        return 1;
    }
    // The evidence: one block of pseudo-random bytes, shared by every file (Qt's implicit sharing), so
    // this process stays small while the bundle grows.
    QByteArray block(qsizetype(fileMb) << 20, Qt::Uninitialized);
    quint64 x = 0x9E3779B97F4A7C15ull;
    for (char &c : block) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        c = char(x);
    }
    const QString blockHash = QString::fromLatin1(sha256(block).toHex());
    QJsonObject m = QJsonDocument::fromJson(entries[0].data).object();
    QJsonArray listed = m.value(QStringLiteral("files")).toArray();
    qint64 largestKept = 0;
    for (const BundleEntry &e : entries)
        if (!e.path.startsWith(u"evidence/"))
            largestKept = std::max<qint64>(largestKept, e.data.size());
    // In place of the check-ins' pictures, under their numbers: evidence is named after its logged
    // record, so the bundle stays valid (the verifier checks each name against the log).
    QHash<QString, qsizetype> pictureAt;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries[i].path.startsWith(u"evidence/checkin-"))
            pictureAt.insert(entries[i].path, i);
    int placed = 0;
    for (qsizetype j = 0; j < listed.size() && placed < files; ++j) {
        QJsonObject f = listed[j].toObject();
        const auto at = pictureAt.constFind(f.value(QStringLiteral("path")).toString());
        if (at == pictureAt.cend())
            continue;
        entries[*at].data = block;
        f.insert(QStringLiteral("size"), double(block.size()));
        f.insert(QStringLiteral("sha256"), blockHash);
        listed[j] = f;
        ++placed;
    }
    if (placed < files) {
        fprintf(stderr, "only %d check-in pictures to replace, %d asked for: use a larger --file-mb\n",
                placed, files);
        return 1;
    }
    m.insert(QStringLiteral("files"), listed);
    fixture::resign(entries, QJsonDocument(m).toJson(QJsonDocument::Compact), keys);
    const QString bundle = dir.filePath(QStringLiteral("large.age"));
    writeBundleFile(bundle, {keys.org.recipient()}, entries, 0);
    entries.clear();
    const QString identity = dir.filePath(QStringLiteral("org.agekey"));
    const QString trust = dir.filePath(QStringLiteral("trust.txt"));
    if (!writeFile(identity, keys.org.toString().toLatin1() + "\n") ||
        !writeFile(trust, TrustFile::format(keys.trust().keys, {}))) {
        fprintf(stderr, "cannot write the identity or trust file\n");
        return 1;
    }
    const double bundleMb = double(QFileInfo(bundle).size()) / (1 << 20);
    printf("bundle %.1f MiB (%d evidence files of %d MiB); largest file the verifier keeps %.1f MiB\n",
           bundleMb, files, fileMb, double(largestKept) / (1 << 20));

    QProcess verify;
    verify.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    verify.start(QStringLiteral(EXAMSITE_BIN),
                 {QStringLiteral("verify"), bundle, QStringLiteral("--identity"), identity,
                  QStringLiteral("--trust"), trust});
    // The child's own peak (VmHWM), read while it runs: its rusage would also count the pages of this
    // process it held between fork and exec.
    long peakKb = 0;
    const pid_t pid = pid_t(verify.processId());
    while (!verify.waitForFinished(5)) {
        if (t.elapsed() > 600000) {
            fprintf(stderr, "examsite verify did not finish\n");
            return 1;
        }
        peakKb = std::max(peakKb, bench::procPeakRssKb(pid));
    }
    const double secs = t.elapsed() / 1000.0;
    const double peakMb = double(peakKb) / 1024.0;
    const QByteArray out = verify.readAllStandardOutput();
    printf("examsite verify: exit %d in %.2f s (%.0f MiB/s), peak RSS %.1f MiB = %.2f x the bundle\n",
           verify.exitCode(), secs, bundleMb / secs, peakMb, peakMb / bundleMb);
    if (verify.exitCode() != 0)
        fprintf(stderr, "%s\n", out.constData());
    return verify.exitCode() == 0 ? 0 : 1;
}
