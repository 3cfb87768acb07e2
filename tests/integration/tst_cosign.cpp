// #20 item 4, signing where each signer is: the terminal prepares a bundle and its manifest; the
// supervisor and every evaluator whose scores are in it sign the manifest alone, each with their own key
// file, in any order (`examsite sign`, offline); the site checks and keeps each signature and writes the
// bundle when the last one is in; the verifier wants one key per evaluator, and the key that signed an
// evaluator's score sheet among them. Real key files, the real `examsite` binary, stock minisign.
#include "tst_seal_fixture.h"

#include "core/error.h"
#include "ledger/bundleio.h"
#include "ledger/keyfile.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/verifier.h"
#include "operations/scoring.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <tuple>

using namespace examsite;
using namespace examsite::ledger;

namespace {
const QString kPass = QStringLiteral("correct horse battery");
const QString kSite = QStringLiteral("TEST-SITE");
} // namespace

class TestCosign : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    fixture::Keys m_keys = fixture::makeKeys();

    struct Run
    {
        int code = -1;
        QString out, err;
    };
    Run examsite(const QStringList &args, const QByteArray &input = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EXAMSITE_DB"), m_dir.filePath(QStringLiteral("default.db")));
        env.insert(QStringLiteral("EXAMSITE_CONFIG"), m_dir.filePath(QStringLiteral("none.conf")));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("EXAMSITE_PASSPHRASE"), kPass);
        env.remove(QStringLiteral("EXAMSITE_PASSWORD"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EXAMSITE_BIN), args);
        if (!p.waitForStarted(10000))
            qFatal("cannot start %s", EXAMSITE_BIN);
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(240000))
            qFatal("examsite %s timed out", qPrintable(args.join(u' ')));
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// A person's key files DIR/ROLE[.NAME].{pub,key} (cheap KDF limits: this is a test), loaded back.
    SigningKey keyFile(const QString &dir, const QString &role, const QString &name = {})
    {
        generateRoleKey(dir, role, kPass.toUtf8(), true, KdfLimits{1, 8192}, name);
        return loadRoleKey(
            QDir(dir).filePath((name.isEmpty() ? role : role + u'.' + name) + QStringLiteral(".key")),
            kPass.toUtf8());
    }

    /// The demo's evaluator signs the simulated day's score sheet with evaluator.evaluator.key in `keys`
    /// (a seal needs every sheet signed).
    void signDemoSheet(const QString &db, const QString &keys)
    {
        const Run sheet =
            examsite({QStringLiteral("--db"), db, QStringLiteral("score"), QStringLiteral("sign"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--keys"), keys,
                      QStringLiteral("--as"), QStringLiteral("evaluator")},
                     "evaluator1234\n");
        QVERIFY2(sheet.code == 0, qPrintable(sheet.err));
    }

    /// A closed session whose scores are by two evaluators, eva and eve, every candidate who came scored
    /// in full; eva signed her sheet with `evaKey`, eve hers with `eveKey`.
    struct Site
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<Ledger> ledger;
        std::unique_ptr<EventStore> events;
    };
    Site site(const QString &file, const SigningKey &evaKey, const SigningKey &eveKey)
    {
        Site s;
        s.db = Database::open(path(file));
        s.ledger = std::make_unique<Ledger>(*s.db, &m_keys.terminal, LedgerPolicy{25, 3600000});
        s.events = std::make_unique<EventStore>(*s.db, QStringLiteral("kiosk-1"), s.ledger.get());
        fixture::buildSession(*s.db, *s.events, {4, 0, 0, false, true});
        s.db->execute("INSERT INTO staff (username, display_name, role, password_hash) VALUES ('eve', 'Eve', "
                      "'evaluator', 'x'), ('adm', 'Adm', 'site_admin', 'x')");
        const auto actor = [&](const char *user, Role role) {
            Statement q(*s.db, "SELECT id FROM staff WHERE username = ?1");
            q.bind(1, QString::fromLatin1(user));
            q.step();
            return Actor{q.int64(0), QString::fromLatin1(user), QString::fromLatin1(user), role};
        };
        const Actor eva = actor("eva", Role::Evaluator), eve = actor("eve", Role::Evaluator),
                    adm = actor("adm", Role::SiteAdmin);
        ops::Scoring scoring(*s.db, *s.events);
        ops::ScoringSheet sheet;
        sheet.tasks = ops::Scoring::parseTasks(QStringLiteral("theory:100:60;practical:100:60:double"));
        sheet.passMark = 120;
        scoring.defineSheet(fixture::kSession, sheet, adm);
        scoring.enter(fixture::kSession, QStringLiteral("T000000"), QStringLiteral("theory"), 54, eva);
        scoring.enter(fixture::kSession, QStringLiteral("T000000"), QStringLiteral("practical"), 70, eva);
        scoring.enter(fixture::kSession, QStringLiteral("T000000"), QStringLiteral("practical"), 74, eve);
        scoring.enter(fixture::kSession, QStringLiteral("T000001"), QStringLiteral("theory"), 80, eve);
        scoring.enter(fixture::kSession, QStringLiteral("T000001"), QStringLiteral("practical"), 66, eva);
        scoring.enter(fixture::kSession, QStringLiteral("T000001"), QStringLiteral("practical"), 68, eve);
        for (const char *ticket : {"T000002", "T000003"}) {
            scoring.enter(fixture::kSession, QLatin1String(ticket), QStringLiteral("theory"), 61, eve);
            scoring.enter(fixture::kSession, QLatin1String(ticket), QStringLiteral("practical"), 71, eva);
            scoring.enter(fixture::kSession, QLatin1String(ticket), QStringLiteral("practical"), 73, eve);
        }
        scoring.sign(fixture::kSession, eva, evaKey);
        scoring.sign(fixture::kSession, eve, eveKey);
        return s;
    }

    SealOptions options(const QString &out) const
    {
        SealOptions o;
        o.actor = fixture::kSealer;
        o.sessionCode = fixture::kSession;
        o.contributors = siteBundleContributors();
        o.recipient = m_keys.org.recipient();
        o.outPath = path(out);
        return o;
    }

    VerifyReport verify(const QByteArray &bundle, const TrustFile &trust) const
    {
        VerifyOptions o;
        o.identities = {m_keys.org};
        o.trust = trust;
        o.contributors = siteBundleContributors();
        return verifyBundleData(bundle, QStringLiteral("bundle"), o);
    }

    QList<BundleEntry> open(const QByteArray &file) const
    {
        QBuffer in(const_cast<QByteArray *>(&file));
        in.open(QIODevice::ReadOnly);
        AgeDecryptor d(in, {m_keys.org});
        QByteArray tar;
        if (!d.open() || !d.decrypt([&](QByteArrayView c) { tar.append(c); }))
            qFatal("cannot open the test bundle");
        QList<BundleEntry> entries;
        QString why;
        readTar(tar, entries, &why);
        return entries;
    }
    QByteArray encrypt(const QList<BundleEntry> &entries) const
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        writeBundle(out, {m_keys.org.recipient()}, entries, 0);
        return out.data();
    }
    static QString failures(const VerifyReport &r)
    {
        QStringList out;
        for (const VerifyFailure &f : r.failures)
            out.append(QStringLiteral("[%1] %2: %3").arg(f.check, f.where, f.message));
        return out.join(u'\n');
    }
    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(file));
        return f.readAll();
    }
    static void write(const QString &file, const QByteArray &bytes)
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file));
    }
    template <typename F> static QString errorOf(F &&f)
    {
        try {
            f();
        } catch (const Error &e) {
            return e.message();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void twoEvaluatorsAndTheSupervisorSignTheManifestWhereTheyAre()
    {
        const QString keys = path(QStringLiteral("people"));
        SigningKey supervisor = keyFile(keys, QStringLiteral("supervisor"));
        SigningKey eva = keyFile(keys, QStringLiteral("evaluator"), QStringLiteral("eva"));
        SigningKey eve = keyFile(keys, QStringLiteral("evaluator"), QStringLiteral("eve"));
        SigningKey third = keyFile(keys, QStringLiteral("evaluator"), QStringLiteral("2"));
        Site s = site(QStringLiteral("cosign.db"), eva, eve);

        const PendingBundle b =
            prepareBundle(*s.db, *s.events, *s.ledger, options(QStringLiteral("cosign.age")));
        QCOMPARE(b.signers.size(), 4);
        QCOMPARE(b.missing(), (QStringList{QStringLiteral("supervisor"), QStringLiteral("evaluator eva"),
                                           QStringLiteral("evaluator eve")}));
        QCOMPARE(b.signers[2].need.keyId, eva.publicKey().keyIdHex()); // her sheet's key
        QVERIFY(QFileInfo(b.dir).isDir());
        QCOMPARE(QFileInfo(b.dir).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        // Only the manifest travels; the pending content is encrypted with the site key.
        QVERIFY(!readAll(QDir(b.dir).filePath(QStringLiteral("content.sealed"))).contains("T000000"));
        const QJsonObject m = QJsonDocument::fromJson(b.manifest).object();
        QCOMPARE(
            m.value(QStringLiteral("signing_policy")).toObject().value(QStringLiteral("evaluator")).toInt(),
            2);
        QCOMPARE(m.value(QStringLiteral("signers")).toArray().size(), 4);
        QCOMPARE(m.value(QStringLiteral("signers")).toArray().at(3).toObject().value(QStringLiteral("name")),
                 QStringLiteral("eve"));
        // A second prepare does not silently replace the pending one.
        QVERIFY(errorOf([&] {
                    prepareBundle(*s.db, *s.events, *s.ledger, options(QStringLiteral("cosign.age")));
                }).contains(u"--replace"));

        // Each signs the manifest file alone, with the `examsite` binary and their own key, in any order.
        const QString manifest = path(QStringLiteral("SEAL-1.manifest.json"));
        write(manifest, b.manifest);
        for (const auto &[role, name] :
             {std::pair{"evaluator", "eve"}, {"supervisor", ""}, {"evaluator", "eva"}}) {
            const QString who =
                QString::fromLatin1(role) + (*name ? QStringLiteral(".") + QLatin1String(name) : QString());
            const Run r =
                examsite({QStringLiteral("sign"), QStringLiteral("--role"), QLatin1String(role),
                          QStringLiteral("--key"), QDir(keys).filePath(who + QStringLiteral(".key")),
                          QStringLiteral("--name"), QLatin1String(name), manifest});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY2(QFile::exists(path(QStringLiteral("SEAL-1.%1.minisig").arg(who))), qPrintable(r.out));
        }
        const Run stranger =
            examsite({QStringLiteral("sign"), QStringLiteral("--role"), QStringLiteral("evaluator"),
                      QStringLiteral("--key"), QDir(keys).filePath(QStringLiteral("evaluator.2.key")),
                      QStringLiteral("--name"), QStringLiteral("zoe"), manifest});
        QVERIFY(stranger.code != 0);
        QVERIFY2(stranger.err.contains(u"names no evaluator 'zoe'"), qPrintable(stranger.err));

        // Stock minisign checks what `examsite sign` wrote.
        if (const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
            !minisign.isEmpty()) {
            QProcess v;
            v.start(minisign,
                    {QStringLiteral("-V"), QStringLiteral("-p"),
                     QDir(keys).filePath(QStringLiteral("evaluator.eve.pub")), QStringLiteral("-m"), manifest,
                     QStringLiteral("-x"), path(QStringLiteral("SEAL-1.evaluator.eve.minisig"))});
            QVERIFY(v.waitForFinished(10000));
            QVERIFY2(v.exitCode() == 0, v.readAllStandardError().constData());
        } else {
            qWarning("stock minisign is not installed: its check was skipped");
        }

        // The trust file from every .pub: each person's key labelled with their name.
        const QString pubs = path(QStringLiteral("pubs"));
        QDir().mkpath(pubs);
        write(QDir(pubs).filePath(QStringLiteral("terminal.pub")), m_keys.terminal.publicKey().fileText());
        for (const char *f : {"supervisor.pub", "evaluator.eva.pub", "evaluator.eve.pub", "evaluator.2.pub"})
            QVERIFY(
                QFile::copy(QDir(keys).filePath(QLatin1String(f)), QDir(pubs).filePath(QLatin1String(f))));
        const QString trustPath = path(QStringLiteral("trust.txt"));
        const Run t = examsite({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--keys"),
                                pubs, QStringLiteral("--site"), kSite, QStringLiteral("--out"), trustPath});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const TrustFile trust = TrustFile::load(trustPath);
        QCOMPARE(trust.keys.size(), 5);
        QStringList labels;
        for (const TrustedKey &k : trust.keysFor(QStringLiteral("evaluator")))
            labels.append(k.label);
        labels.sort();
        QCOMPARE(labels, (QStringList{QStringLiteral("2"), QStringLiteral("eva"), QStringLiteral("eve")}));

        // Refused, each naming the file and why; nothing kept.
        const QByteArray eveSig = readAll(path(QStringLiteral("SEAL-1.evaluator.eve.minisig")));
        const auto add = [&](const QByteArray &sig, const QString &name) {
            return addSignature(*s.db, *s.events, fixture::kSession, sig, name, trust, fixture::kSealer);
        };
        QString e = errorOf([&] { add(eveSig.left(eveSig.size() / 2), QStringLiteral("cut.minisig")); });
        QVERIFY2(e.startsWith(u"cut.minisig: not a minisign signature"), qPrintable(e));
        e = errorOf([&] { add(eveSig + QByteArray(9000, 'A'), QStringLiteral("big.minisig")); });
        QVERIFY2(e.contains(u"big.minisig") && e.contains(u"at most 8192"), qPrintable(e));
        e = errorOf([&] {
            add(minisignSign(eve, b.manifest,
                             signatureComment(QStringLiteral("evaluator"), kSite, QStringLiteral("OTHER-1"),
                                              b.counter)),
                QStringLiteral("other.minisig"));
        });
        QVERIFY2(e.contains(u"session OTHER-1") &&
                     e.contains(u"this bundle is site TEST-SITE, session SEAL-1"),
                 qPrintable(e));
        e = errorOf([&] {
            add(minisignSign(
                    eve, b.manifest,
                    signatureComment(QStringLiteral("evaluator"), kSite, fixture::kSession, b.counter + 1)),
                QStringLiteral("counter.minisig"));
        });
        QVERIFY2(e.contains(QStringLiteral("bundle #%1").arg(b.counter + 1)), qPrintable(e));
        e = errorOf([&] {
            add(signManifest(b.manifest, QStringLiteral("evaluator"), {}, third),
                QStringLiteral("third.minisig"));
        });
        QVERIFY2(e.contains(u"trusted as evaluator \"2\"") && e.contains(u"eva, eve"), qPrintable(e));
        const SigningKey unknown = SigningKey::generate();
        e = errorOf([&] {
            add(signManifest(b.manifest, QStringLiteral("supervisor"), {}, unknown),
                QStringLiteral("u.minisig"));
        });
        QVERIFY2(e.contains(u"is not a known supervisor key"), qPrintable(e));
        // Another manifest (the bytes differ) signed with the right comment.
        QByteArray altered = b.manifest;
        altered.replace("\"eve\"", "\"evf\"");
        e = errorOf([&] {
            add(signManifest(altered, QStringLiteral("evaluator"), {}, eve), QStringLiteral("x.minisig"));
        });
        QVERIFY2(e.contains(u"does not match the signed file"), qPrintable(e));
        QCOMPARE(pendingBundle(*s.db, fixture::kSession)->missing().size(), 3);

        // In any order: eve first; again is refused; not complete yet.
        QCOMPARE(add(eveSig, QStringLiteral("eve.minisig")).need.name, QStringLiteral("eve"));
        QVERIFY(errorOf([&] {
                    add(eveSig, QStringLiteral("eve.minisig"));
                }).contains(u"signed this bundle already"));
        e = errorOf([&] { finishBundle(*s.db, *s.events, fixture::kSession, fixture::kSealer); });
        QVERIFY2(e.contains(u"supervisor, evaluator eva"), qPrintable(e));
        QVERIFY(!QFile::exists(path(QStringLiteral("cosign.age"))));
        // Eva's sheet key is hers: another trusted evaluator key labelled eva would not do, hers does.
        std::optional<SealResult> sealed;
        addSignature(*s.db, *s.events, fixture::kSession,
                     readAll(path(QStringLiteral("SEAL-1.supervisor.minisig"))), QStringLiteral("sup"), trust,
                     fixture::kSealer, &sealed);
        QVERIFY(!sealed);
        const PendingSigner last = addSignature(*s.db, *s.events, fixture::kSession,
                                                readAll(path(QStringLiteral("SEAL-1.evaluator.eva.minisig"))),
                                                QStringLiteral("eva"), trust, fixture::kSealer, &sealed);
        QCOMPARE(last.need.name, QStringLiteral("eva"));
        QVERIFY(sealed);
        QVERIFY(!pendingBundle(*s.db, fixture::kSession));
        QVERIFY(!QFileInfo::exists(b.dir));

        const QByteArray bundle = readAll(sealed->path);
        const VerifyReport ok = verify(bundle, trust);
        QVERIFY2(ok.valid(), qPrintable(failures(ok)));
        QCOMPARE(ok.roles.value(QStringLiteral("evaluator")).distinctKeys, 2);
        QCOMPARE(ok.roles.value(QStringLiteral("evaluator")).required, 2);
        QCOMPARE(ok.counter, b.counter);

        // The verifier: one evaluator's signature missing, or eva's sheet key replaced by another trusted
        // one.
        QList<BundleEntry> entries = open(bundle);
        QList<BundleEntry> dropped = entries;
        dropped.removeIf([](const BundleEntry &x) { return x.path == u"signatures/evaluator.2.minisig"; });
        const VerifyReport missing = verify(encrypt(dropped), trust);
        QVERIFY(!missing.valid());
        QVERIFY2(failures(missing).contains(u"1 distinct trusted key signed the manifest, 2 required") &&
                     failures(missing).contains(u"entries by 2 evaluators: eva, eve"),
                 qPrintable(failures(missing)));
        for (BundleEntry &x : entries)
            if (x.path == u"signatures/evaluator.1.minisig")
                x.data = signManifest(entries[0].data, QStringLiteral("evaluator"), {}, third);
        const VerifyReport swapped = verify(encrypt(entries), trust);
        QVERIFY(!swapped.valid());
        QVERIFY2(failures(swapped).contains(
                     QStringLiteral("key %1 did not sign").arg(eva.publicKey().keyIdHex())) &&
                     failures(swapped).contains(u"eva signed their score sheet"),
                 qPrintable(failures(swapped)));
        for (SigningKey *k : {&supervisor, &eva, &eve, &third})
            k->wipe();
    }

    // The one-device path keeps working, now with one key per evaluator; and a bundle whose session
    // changed after it was prepared is not written.
    void oneDeviceSealNeedsEveryEvaluatorsKey()
    {
        const QString keys = path(QStringLiteral("one-device"));
        SigningKey eva = keyFile(keys, QStringLiteral("evaluator"), QStringLiteral("eva"));
        SigningKey eve = keyFile(keys, QStringLiteral("evaluator"), QStringLiteral("eve"));
        Site s = site(QStringLiteral("onedevice.db"), eva, eve);
        SealOptions o = options(QStringLiteral("onedevice.age"));
        o.keys = {{QStringLiteral("terminal"), &m_keys.terminal},
                  {QStringLiteral("supervisor"), &m_keys.supervisor},
                  {QStringLiteral("evaluator"), &eva}};
        QString e = errorOf([&] { sealSession(*s.db, *s.events, *s.ledger, o); });
        QVERIFY2(e.contains(u"evaluator eve signed the score sheet with key") &&
                     e.contains(u"which must sign this bundle too, but it was not given"),
                 qPrintable(e));
        o.keys.remove(QStringLiteral("evaluator"));
        o.keys.insert(QStringLiteral("evaluator"), &eve);
        e = errorOf([&] { sealSession(*s.db, *s.events, *s.ledger, o); });
        QVERIFY2(e.contains(u"evaluator eva signed the score sheet with key"), qPrintable(e));
        o.keys.insert(QStringLiteral("evaluator"), &eva);
        // A bundle never replaces a file that is not one (a mistyped --out, or a restored state's).
        const QString bundleOut = o.outPath;
        o.outPath = path(QStringLiteral("precious.txt"));
        write(o.outPath, "precious\n");
        const QString notReplaced = errorOf([&] { sealSession(*s.db, *s.events, *s.ledger, o); });
        QVERIFY2(notReplaced.contains(u"exists and is not a sealed bundle"), qPrintable(notReplaced));
        QCOMPARE(readAll(o.outPath), QByteArray("precious\n"));
        o.outPath = bundleOut;
        // An age file this site never recorded (another site's bundle, say) is kept beside the new one.
        const QByteArray foreign = "age-encryption.org/v1\n-> X25519 someone else's\n";
        write(o.outPath, foreign);
        const SealResult r = sealSession(*s.db, *s.events, *s.ledger, o);
        QVERIFY(r.setAside.startsWith(o.outPath + QStringLiteral(".replaced-")));
        QCOMPARE(readAll(r.setAside), foreign);
        QVERIFY(readAll(r.path) != foreign);
        TrustFile trust = m_keys.trust();
        trust.keys.append(
            {QStringLiteral("evaluator"), eva.publicKey(), {}, {}, QStringLiteral("eva"), 4, kSite});
        trust.keys.append(
            {QStringLiteral("evaluator"), eve.publicKey(), {}, {}, QStringLiteral("eve"), 5, kSite});
        const VerifyReport ok = verify(readAll(r.path), trust);
        QVERIFY2(ok.valid(), qPrintable(failures(ok)));
        QCOMPARE(ok.roles.value(QStringLiteral("evaluator")).distinctKeys, 2);

        // Prepared, then a score changes: the signatures would sign a session that is no longer this one.
        o.outPath = path(QStringLiteral("changed.age"));
        const PendingBundle b = prepareBundle(*s.db, *s.events, *s.ledger, o);
        QCOMPARE(b.counter, r.counter + 1);
        for (const auto &[role, key] : {std::pair{QStringLiteral("supervisor"), &m_keys.supervisor},
                                        {QStringLiteral("evaluator"), &eve}})
            addSignature(*s.db, *s.events, fixture::kSession, signManifest(b.manifest, role, {}, *key), role,
                         trust, fixture::kSealer);
        Statement session(*s.db, "SELECT id FROM exam_session");
        QVERIFY(session.step());
        s.events->append(session.int64(0), QStringLiteral("test.changed"), QStringLiteral("late"), {});
        e = errorOf([&] {
            addSignature(*s.db, *s.events, fixture::kSession,
                         signManifest(b.manifest, QStringLiteral("evaluator"), {}, eva),
                         QStringLiteral("eva"), trust, fixture::kSealer, nullptr);
            finishBundle(*s.db, *s.events, fixture::kSession, fixture::kSealer);
        });
        QVERIFY2(e.contains(u"changed after bundle") && e.contains(u"test.changed"), qPrintable(e));
        QVERIFY(!QFile::exists(o.outPath));
        // Prepared again, signed again: written.
        const PendingBundle again = prepareBundle(*s.db, *s.events, *s.ledger, o, true);
        std::optional<SealResult> sealed;
        for (const auto &[role, key] : {std::pair{QStringLiteral("evaluator"), &eva},
                                        {QStringLiteral("evaluator"), &eve},
                                        {QStringLiteral("supervisor"), &m_keys.supervisor}})
            addSignature(*s.db, *s.events, fixture::kSession, signManifest(again.manifest, role, {}, *key),
                         role, trust, fixture::kSealer, &sealed);
        QVERIFY(sealed);
        const VerifyReport second = verify(readAll(sealed->path), trust);
        QVERIFY2(second.valid(), qPrintable(failures(second)));
        eva.wipe();
        eve.wipe();
    }

    // The commands as a site runs them, on the demo: prepare, status, sign offline, add, verify; and
    // `keys trust` with a person's key and a .pub it cannot place.
    void commandsOnTheDemo()
    {
        const QString db = path(QStringLiteral("demo.db"));
        QCOMPARE(
            examsite({QStringLiteral("--db"), db, QStringLiteral("demo"), QStringLiteral("--simulate")}).code,
            0);
        const QString keys = path(QStringLiteral("demo-keys"));
        for (const QStringList &k :
             {QStringList{QStringLiteral("terminal")}, QStringList{QStringLiteral("supervisor")},
              QStringList{QStringLiteral("evaluator"), QStringLiteral("evaluator")},
              QStringList{QStringLiteral("evaluator"), QStringLiteral("2")}}) {
            QStringList args{QStringLiteral("keys"),   QStringLiteral("generate"),
                             QStringLiteral("--role"), k[0],
                             QStringLiteral("--out"),  keys};
            if (k.size() > 1)
                args << QStringLiteral("--name") << k[1];
            const Run r = examsite(args);
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        QVERIFY(QFile::exists(QDir(keys).filePath(QStringLiteral("evaluator.evaluator.key"))));
        // The demo's evaluator signs the sheet with the named key of the folder (evaluator.evaluator.key).
        signDemoSheet(db, keys);
        const QString bundle = path(QStringLiteral("demo.age"));
        const QString recipient = m_keys.org.recipient().toString();
        const Run prepared =
            examsite({QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("prepare"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--keys"), keys,
                      QStringLiteral("--recipient"), recipient, QStringLiteral("--out"), bundle,
                      QStringLiteral("--as"), QStringLiteral("admin")},
                     "admin1234\n");
        QVERIFY2(prepared.code == 0, qPrintable(prepared.err));
        const QString manifest = path(QStringLiteral("DEMO-1.manifest.json"));
        QVERIFY2(QFile::exists(manifest), qPrintable(prepared.out));
        const Run status =
            examsite({QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("status"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1")});
        QCOMPARE(status.code, 0);
        QVERIFY2(status.out.contains(u"missing supervisor") &&
                     status.out.contains(u"missing evaluator evaluator"),
                 qPrintable(status.out));

        const Run early =
            examsite({QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("finish"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--as"),
                      QStringLiteral("admin")},
                     "admin1234\n");
        QCOMPARE(early.code, 2);
        QVERIFY2(early.err.contains(u"still needs the signature of supervisor, evaluator evaluator"),
                 qPrintable(early.err));

        const Run trust = examsite({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--keys"),
                                    keys, QStringLiteral("--site"), QStringLiteral("DEMO-SITE"),
                                    QStringLiteral("--out"), path(QStringLiteral("demo-trust.txt"))});
        QVERIFY2(trust.code == 0, qPrintable(trust.err));
        QVERIFY(readAll(path(QStringLiteral("demo-trust.txt"))).contains(" - - 2\n"));
        write(path(QStringLiteral("stray.pub")),
              readAll(QDir(keys).filePath(QStringLiteral("supervisor.pub"))));
        const Run stray =
            examsite({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--site"),
                      QStringLiteral("DEMO-SITE"), QDir(keys).filePath(QStringLiteral("terminal.pub")),
                      path(QStringLiteral("stray.pub"))});
        QVERIFY(stray.code != 0);
        QVERIFY2(stray.err.contains(u"stray.pub: cannot tell whose key this is"), qPrintable(stray.err));

        // The supervisor at the terminal signs the pending folder itself; the evaluator the carried manifest.
        const Run json =
            examsite({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("seal"),
                      QStringLiteral("status"), QStringLiteral("--session"), QStringLiteral("DEMO-1")});
        const QString folder =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("folder")).toString();
        QVERIFY2(QFileInfo(folder).isDir(), qPrintable(json.out));
        for (const auto &[role, file, what] :
             {std::tuple{QStringLiteral("supervisor"), QStringLiteral("supervisor.key"), folder},
              {QStringLiteral("evaluator"), QStringLiteral("evaluator.evaluator.key"), manifest}}) {
            const Run r = examsite({QStringLiteral("sign"), QStringLiteral("--role"), role,
                                    QStringLiteral("--key"), QDir(keys).filePath(file), what,
                                    QStringLiteral("--out"), path(role + QStringLiteral(".sig"))});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        write(path(QStringLiteral("cut.sig")), readAll(path(QStringLiteral("supervisor.sig"))).left(40));
        const Run cut =
            examsite({QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("add"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1"), path(QStringLiteral("cut.sig")),
                      QStringLiteral("--as"), QStringLiteral("admin")},
                     "admin1234\n");
        QCOMPARE(cut.code, 2);
        QVERIFY2(cut.err.contains(u"cut.sig: not a minisign signature"), qPrintable(cut.err));
        const Run added = examsite(
            {QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("add"),
             QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--trust"),
             path(QStringLiteral("demo-trust.txt")), path(QStringLiteral("evaluator.sig")),
             path(QStringLiteral("supervisor.sig")), QStringLiteral("--as"), QStringLiteral("admin")},
            "admin1234\n");
        QVERIFY2(added.code == 0, qPrintable(added.err));
        QVERIFY2(added.out.contains(u"Sealed DEMO-1 into"), qPrintable(added.out));
        QCOMPARE(examsite({QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("status"),
                           QStringLiteral("--session"), QStringLiteral("DEMO-1")})
                     .code,
                 1);

        write(path(QStringLiteral("org.agekey")), m_keys.org.toString().toUtf8() + "\n");
        const Run verified = examsite({QStringLiteral("verify"), bundle, QStringLiteral("--identity"),
                                       path(QStringLiteral("org.agekey")), QStringLiteral("--trust"),
                                       path(QStringLiteral("demo-trust.txt"))});
        QVERIFY2(verified.code == 0, qPrintable(verified.out + verified.err));
    }

    /// A bundle waiting for its signatures is in the site's backup (`examsite backup`): restored on
    /// another machine (`examsite restore`), it shows who has signed, takes the missing signature and
    /// is written as a bundle the organisation verifies and the upload queue takes.
    void pendingBundleSurvivesBackupAndRestore()
    {
        const QString db = path(QStringLiteral("backed.db"));
        QCOMPARE(
            examsite({QStringLiteral("--db"), db, QStringLiteral("demo"), QStringLiteral("--simulate")}).code,
            0);
        const QString keys = path(QStringLiteral("backed-keys"));
        for (const QStringList &k :
             {QStringList{QStringLiteral("terminal")}, QStringList{QStringLiteral("supervisor")},
              QStringList{QStringLiteral("evaluator"), QStringLiteral("evaluator")}}) {
            QStringList args{QStringLiteral("keys"),   QStringLiteral("generate"),
                             QStringLiteral("--role"), k[0],
                             QStringLiteral("--out"),  keys};
            if (k.size() > 1)
                args << QStringLiteral("--name") << k[1];
            const Run r = examsite(args);
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        signDemoSheet(db, keys);
        const QString trust = path(QStringLiteral("backed-trust.txt"));
        const Run trusted =
            examsite({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--keys"), keys,
                      QStringLiteral("--site"), QStringLiteral("DEMO-SITE"), QStringLiteral("--out"), trust});
        QVERIFY2(trusted.code == 0, qPrintable(trusted.err));
        const QString bundle = path(QStringLiteral("backed.age"));
        const Run prepared = examsite(
            {QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("prepare"),
             QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--keys"), keys,
             QStringLiteral("--recipient"), m_keys.org.recipient().toString(), QStringLiteral("--out"),
             bundle, QStringLiteral("--manifest"), path(QStringLiteral("backed.manifest.json")),
             QStringLiteral("--as"), QStringLiteral("admin")},
            "admin1234\n");
        QVERIFY2(prepared.code == 0, qPrintable(prepared.err));
        // The supervisor signs before the backup, the evaluator after the restore.
        const Run supervisor =
            examsite({QStringLiteral("sign"), QStringLiteral("--role"), QStringLiteral("supervisor"),
                      QStringLiteral("--key"), QDir(keys).filePath(QStringLiteral("supervisor.key")),
                      path(QStringLiteral("backed.manifest.json")), QStringLiteral("--out"),
                      path(QStringLiteral("backed-supervisor.sig"))});
        QVERIFY2(supervisor.code == 0, qPrintable(supervisor.err));
        const Run added = examsite(
            {QStringLiteral("--db"), db, QStringLiteral("seal"), QStringLiteral("add"),
             QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--trust"), trust,
             path(QStringLiteral("backed-supervisor.sig")), QStringLiteral("--as"), QStringLiteral("admin")},
            "admin1234\n");
        QVERIFY2(added.code == 0, qPrintable(added.err));

        const Run backup =
            examsite({QStringLiteral("--db"), db, QStringLiteral("backup"), QStringLiteral("--out"),
                      path(QStringLiteral("backed.backup")), QStringLiteral("--recipient"),
                      m_keys.org.recipient().toString(), QStringLiteral("--as"), QStringLiteral("admin")},
                     "admin1234\n");
        QVERIFY2(backup.code == 0, qPrintable(backup.err));
        QVERIFY2(backup.out.contains(u"and 1 bundle waiting for signatures"), qPrintable(backup.out));
        // The site's disk is lost; the backup comes back on another machine.
        QVERIFY(QDir(db + QStringLiteral(".pending")).removeRecursively());
        QVERIFY(QFile::remove(db));
        write(path(QStringLiteral("backed-org.agekey")), m_keys.org.toString().toUtf8() + "\n");
        QVERIFY(QDir().mkpath(path(QStringLiteral("elsewhere"))));
        const QString restoredDb = path(QStringLiteral("elsewhere/site.db"));
        const Run restored =
            examsite({QStringLiteral("--db"), restoredDb, QStringLiteral("restore"), QStringLiteral("--in"),
                      path(QStringLiteral("backed.backup")), QStringLiteral("--identity"),
                      path(QStringLiteral("backed-org.agekey"))});
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        QVERIFY2(restored.out.contains(u"Bundles waiting for signatures: 1"), qPrintable(restored.out));

        const Run status =
            examsite({QStringLiteral("--db"), restoredDb, QStringLiteral("seal"), QStringLiteral("status"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1")});
        QCOMPARE(status.code, 0);
        QVERIFY2(status.out.contains(u"signed  supervisor") &&
                     status.out.contains(u"missing evaluator evaluator"),
                 qPrintable(status.out));
        const Run json =
            examsite({QStringLiteral("--db"), restoredDb, QStringLiteral("--json"), QStringLiteral("seal"),
                      QStringLiteral("status"), QStringLiteral("--session"), QStringLiteral("DEMO-1")});
        const QString folder =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("folder")).toString();
        QVERIFY2(folder.startsWith(QFileInfo(restoredDb).absoluteFilePath() + QStringLiteral(".pending/")),
                 qPrintable(json.out));
        const Run evaluator =
            examsite({QStringLiteral("sign"), QStringLiteral("--role"), QStringLiteral("evaluator"),
                      QStringLiteral("--key"), QDir(keys).filePath(QStringLiteral("evaluator.evaluator.key")),
                      folder, QStringLiteral("--out"), path(QStringLiteral("backed-evaluator.sig"))});
        QVERIFY2(evaluator.code == 0, qPrintable(evaluator.err));
        // A restored state is outside input: a signer's file that leads out of the folder is refused
        // (a crafted backup would otherwise have `seal add` write, and the bundle carry, any file).
        const QString state = folder + QStringLiteral("/pending.json");
        const QByteArray kept = readAll(state);
        QByteArray hostile = kept;
        hostile.replace("\"signatures/evaluator.minisig\"", "\"../../../elsewhere-evil.minisig\"");
        QVERIFY(hostile != kept);
        write(state, hostile);
        const Run refused =
            examsite({QStringLiteral("--db"), restoredDb, QStringLiteral("seal"), QStringLiteral("status"),
                      QStringLiteral("--session"), QStringLiteral("DEMO-1")});
        QVERIFY(refused.code != 0);
        QVERIFY2(refused.err.contains(u"is not a signature's name"), qPrintable(refused.err));
        write(state, kept);
        const Run last = examsite(
            {QStringLiteral("--db"), restoredDb, QStringLiteral("seal"), QStringLiteral("add"),
             QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--trust"), trust,
             path(QStringLiteral("backed-evaluator.sig")), QStringLiteral("--as"), QStringLiteral("admin")},
            "admin1234\n");
        QVERIFY2(last.code == 0, qPrintable(last.err));
        QVERIFY2(last.out.contains(u"Sealed DEMO-1 into"), qPrintable(last.out));
        const Run verified =
            examsite({QStringLiteral("verify"), bundle, QStringLiteral("--identity"),
                      path(QStringLiteral("backed-org.agekey")), QStringLiteral("--trust"), trust});
        QVERIFY2(verified.code == 0, qPrintable(verified.out + verified.err));
        const Run queued = examsite(
            {QStringLiteral("--db"), restoredDb, QStringLiteral("upload"), QStringLiteral("enqueue"),
             QStringLiteral("--bundle"), bundle, QStringLiteral("--endpoint"),
             QStringLiteral("http://127.0.0.1:9/intake"), QStringLiteral("--as"), QStringLiteral("admin")},
            "admin1234\n");
        QVERIFY2(queued.code == 0, qPrintable(queued.err));
    }
};

QTEST_GUILESS_MAIN(TestCosign)
#include "tst_cosign.moc"
