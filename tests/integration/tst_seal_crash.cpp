// kill -9 during append and during seal, then restart: the ledger is consistent, every acknowledged
// event and bundle is there, no half-written bundle carries a bundle's name, and sealing resumes.
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/verifier.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "tst_seal_fixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;
using namespace examsite::ledger;

class TestSealCrash : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    fixture::Keys m_keys = fixture::makeKeys();

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("CRASH_TERMINAL"),
                 QString::fromLatin1((m_keys.terminal.secretKey + m_keys.terminal.keyId).toHex()));
        e.insert(QStringLiteral("CRASH_SUPERVISOR"),
                 QString::fromLatin1((m_keys.supervisor.secretKey + m_keys.supervisor.keyId).toHex()));
        e.insert(QStringLiteral("CRASH_EVALUATOR"),
                 QString::fromLatin1((m_keys.evaluator.secretKey + m_keys.evaluator.keyId).toHex()));
        e.insert(QStringLiteral("CRASH_RECIPIENT"), m_keys.org.recipient().toString());
        return e;
    }

    /// Runs the helper until `lines` acknowledgements arrived plus a random delay, then SIGKILLs it.
    /// Returns every acknowledgement line printed before death.
    QStringList runAndKill(const QStringList &args, int lines, int maxExtraMs)
    {
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(QStringLiteral(CRASH_HELPER), args);
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (out.count('\n') < lines && t.elapsed() < 60000) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
        }
        QTest::qWait(int(QRandomGenerator::global()->bounded(maxExtraMs + 1)));
        p.kill(); // SIGKILL
        p.waitForFinished(10000);
        out += p.readAllStandardOutput();
        QStringList acks = QString::fromLatin1(out).split(u'\n', Qt::SkipEmptyParts);
        if (!out.endsWith('\n') && !acks.isEmpty())
            acks.removeLast(); // a line cut by the kill was never fully acknowledged
        return acks;
    }

private Q_SLOTS:
    void killDuringAppend()
    {
        const QString path = m_dir.filePath(QStringLiteral("append.db"));
        {
            auto db = Database::open(path);
            EventStore events(*db, QStringLiteral("setup"));
            fixture::buildSession(*db, events, {5, 0, 0, false, false});
        }
        qint64 acknowledged = -1;
        for (int round = 0; round < 3; ++round) {
            const QStringList acks = runAndKill({QStringLiteral("append"), path}, 30, 150);
            QVERIFY(!acks.isEmpty());
            const qint64 last = acks.last().section(u' ', 1).toLongLong();
            auto db = Database::open(path); // restart
            Ledger ledger(*db, nullptr);
            const MinisignPublicKey pub = m_keys.terminal.publicKey();
            Statement s(*db, "SELECT id FROM exam_session WHERE code = 'SEAL-1'");
            s.step();
            const LedgerCheck c = ledger.check(s.int64(0), &pub);
            QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
            // Each round counts from 0 again: the newest ticks are this round's, and every acknowledged one
            // is stored.
            Statement ticks(
                *db, "SELECT json_extract(payload, '$.n') FROM event WHERE type = 'crash.tick' ORDER BY seq");
            QList<qint64> ns;
            while (ticks.step())
                ns.append(ticks.int64(0));
            acknowledged += last + 1;
            QVERIFY2(
                ns.size() >= acknowledged,
                qPrintable(
                    QStringLiteral("%1 ticks stored, %2 acknowledged").arg(ns.size()).arg(acknowledged)));
            const qsizetype start = ns.lastIndexOf(0);
            QVERIFY(start >= 0 && ns.size() - start >= last + 1);
            for (qint64 i = 0; i <= last; ++i)
                QCOMPARE(ns[start + i], i);
            acknowledged = ns.size(); // unacknowledged but committed ticks count too from now on
        }
    }

    void killDuringSeal()
    {
        const QString path = m_dir.filePath(QStringLiteral("seal.db"));
        const QString out = m_dir.filePath(QStringLiteral("out"));
        QDir().mkpath(out);
        {
            auto db = Database::open(path);
            Ledger ledger(*db, &m_keys.terminal);
            EventStore events(*db, QStringLiteral("setup"), &ledger);
            fixture::buildSession(*db, events, {200, 40000, 2000, true, true});
        }
        for (int round = 0; round < 3; ++round) {
            const QStringList acks = runAndKill({QStringLiteral("seal"), path, out}, 1, 400);
            QVERIFY(!acks.isEmpty());
            auto db = Database::open(path);
            Ledger ledger(*db, nullptr);
            Statement s(*db, "SELECT id FROM exam_session WHERE code = 'SEAL-1'");
            s.step();
            const qint64 session = s.int64(0);
            const LedgerCheck c = ledger.check(session);
            QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
            // Every acknowledged bundle is recorded, and every recorded bundle is on disk and valid.
            Statement rows(*db, "SELECT counter, sha256, path FROM sealed_bundle ORDER BY counter");
            QMap<qint64, QString> recorded;
            while (rows.step()) {
                recorded.insert(rows.int64(0), rows.text(1));
                VerifyOptions o{{m_keys.org}, m_keys.trust(), {}, examsite::siteBundleContributors(), {}};
                const VerifyReport r = verifyBundle(rows.text(2), o);
                QVERIFY2(r.valid(), qPrintable(rows.text(2)));
                QCOMPARE(QString::fromLatin1(r.bundleSha256.toHex()), rows.text(1));
            }
            for (const QString &ack : acks)
                QVERIFY2(recorded.contains(ack.section(u' ', 1, 1).toLongLong()),
                         qPrintable(ack + QStringLiteral(" / recorded: ") +
                                    QStringList(recorded.values()).join(u',')));
            for (const QString &ack : acks)
                QCOMPARE(recorded.value(ack.section(u' ', 1, 1).toLongLong()), ack.section(u' ', 2, 2));
            // A bundle name never holds a partial file (QSaveFile writes elsewhere, then renames).
            for (const QString &name : QDir(out).entryList({QStringLiteral("bundle-*.age")}, QDir::Files)) {
                VerifyOptions o{{m_keys.org}, m_keys.trust(), {}, examsite::siteBundleContributors(), {}};
                QVERIFY2(verifyBundle(QDir(out).filePath(name), o).valid(), qPrintable(name));
            }
        }
        // Sealing resumes with the next counter after the crashes.
        auto db = Database::open(path);
        Ledger ledger(*db, &m_keys.terminal);
        EventStore events(*db, QStringLiteral("after"), &ledger);
        SealOptions o = m_keys.sealOptions(QDir(out).filePath(QStringLiteral("final.age")));
        Statement maxCounter(*db, "SELECT max(counter) FROM sealed_bundle");
        maxCounter.step();
        const qint64 before = maxCounter.int64(0);
        const SealResult r = sealSession(*db, events, ledger, o);
        QCOMPARE(r.counter, before + 1);
        QVERIFY(
            verifyBundle(r.path, {{m_keys.org}, m_keys.trust(), {}, examsite::siteBundleContributors(), {}})
                .valid());
    }
};

QTEST_GUILESS_MAIN(TestSealCrash)
#include "tst_seal_crash.moc"
