// minisign keys and signatures (cross-checked with stock minisign both ways), passphrase-encrypted
// role key files, C2SP signed notes and checkpoints, and trust files: round trips and hostile input.
#include "core/error.h"
#include "ledger/keyfile.h"
#include "ledger/minisign.h"
#include "ledger/signednote.h"
#include "ledger/trustfile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sodium.h>

using namespace examsite;
using namespace examsite::ledger;

namespace {
const KdfLimits kFast{crypto_pwhash_OPSLIMIT_MIN, 8192 * 8}; // tests only: the file records the limits used

QByteArray readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

template <typename F> QString errorOf(F f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.message();
    }
    return {};
}
} // namespace

class TestMinisign : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signAndVerify()
    {
        const SigningKey k = SigningKey::generate();
        const QByteArray msg = "manifest bytes\n";
        const QByteArray sigText = minisignSign(k, msg, QStringLiteral("examsite-bundle role=terminal"));
        QString why;
        const auto sig = MinisignSignature::parse(sigText, &why);
        QVERIFY2(sig, qPrintable(why));
        QCOMPARE(sig->algorithm, QByteArray("ED"));
        QVERIFY(minisignVerify(*sig, k.publicKey(), msg, &why));
        QVERIFY(!minisignVerify(*sig, k.publicKey(), msg + "x", &why));
        QVERIFY(why.contains(u"does not match the signed file"));
        QVERIFY(!minisignVerify(*sig, SigningKey::generate().publicKey(), msg, &why));
        QVERIFY(why.contains(u"signed by key"));
        MinisignSignature altered = *sig;
        altered.trustedComment += u'!';
        QVERIFY(!minisignVerify(altered, k.publicKey(), msg, &why));
        QVERIFY(why.contains(u"global signature"));
        const auto pub = MinisignPublicKey::parse(k.publicKey().fileText());
        QVERIFY(pub);
        QCOMPARE(*pub, k.publicKey());
        QCOMPARE(*MinisignPublicKey::parse(k.publicKey().base64().toLatin1()), k.publicKey());
    }

    void hostileSignaturesAndKeys()
    {
        const SigningKey k = SigningKey::generate();
        const QByteArray good = minisignSign(k, "m", QStringLiteral("t"));
        const QList<QByteArray> lines = good.split('\n');
        const QList<std::pair<QByteArray, const char *>> cases = {
            {"", "expected 4 lines"},
            {lines[0] + "\n" + lines[1] + "\n", "expected 4 lines"},
            {"comment\n" + lines.mid(1).join('\n'), "line 1"},
            {lines[0] + "\n" + lines[1].left(20) + "\n" + lines.mid(2).join('\n'), "line 2"},
            {lines[0] + "\n" + (QByteArray("XX") + QByteArray::fromBase64(lines[1]).mid(2)).toBase64() +
                 "\n" + lines.mid(2).join('\n'),
             "unknown signature algorithm"},
            {lines.mid(0, 2).join('\n') + "\ntrusted: x\n" + lines[3], "line 3"},
            {lines.mid(0, 3).join('\n') + "\n!!!!\n", "line 4"},
            {QByteArray(10000, 'a'), "too long"},
        };
        for (const auto &[text, reason] : cases) {
            QString why;
            QVERIFY(!MinisignSignature::parse(text, &why));
            QVERIFY2(why.contains(QLatin1String(reason)),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(reason), why)));
        }
        QString why;
        QVERIFY(!MinisignPublicKey::parse("untrusted comment: x\nRWQ=\n", &why));
        QVERIFY(!MinisignPublicKey::parse("a\nb\nc\n", &why));
        QVERIFY(!MinisignPublicKey::parse((QByteArray("XY") + QByteArray(40, 'k')).toBase64(), &why));
        QVERIFY(why.contains(u"Ed25519"));
    }

    void stockMinisignBothWays()
    {
        const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        if (minisign.isEmpty())
            QSKIP("stock minisign not installed (packaging/examsite.sh installs it)");
        QTemporaryDir dir;
        const QString msg = dir.filePath(QStringLiteral("manifest.json"));
        writeFile(msg, "{\"format\": \"examsite-bundle/1\"}\n");
        // Ours -> minisign -V.
        const SigningKey k = SigningKey::generate();
        writeFile(dir.filePath(QStringLiteral("ours.pub")), k.publicKey().fileText());
        writeFile(dir.filePath(QStringLiteral("ours.minisig")),
                  minisignSign(k, readFile(msg), QStringLiteral("role=terminal")));
        QCOMPARE(
            QProcess::execute(minisign, {QStringLiteral("-V"), QStringLiteral("-q"), QStringLiteral("-p"),
                                         dir.filePath(QStringLiteral("ours.pub")), QStringLiteral("-m"), msg,
                                         QStringLiteral("-x"), dir.filePath(QStringLiteral("ours.minisig"))}),
            0);
        writeFile(dir.filePath(QStringLiteral("other.pub")), SigningKey::generate().publicKey().fileText());
        QVERIFY(QProcess::execute(minisign,
                                  {QStringLiteral("-V"), QStringLiteral("-q"), QStringLiteral("-p"),
                                   dir.filePath(QStringLiteral("other.pub")), QStringLiteral("-m"), msg,
                                   QStringLiteral("-x"), dir.filePath(QStringLiteral("ours.minisig"))}) != 0);
        // minisign -G/-S -> ours.
        QProcess g;
        g.start(minisign, {QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-p"),
                           dir.filePath(QStringLiteral("stock.pub")), QStringLiteral("-s"),
                           dir.filePath(QStringLiteral("stock.key"))});
        QVERIFY(g.waitForFinished(20000));
        QCOMPARE(g.exitCode(), 0);
        QCOMPARE(
            QProcess::execute(minisign, {QStringLiteral("-S"), QStringLiteral("-s"),
                                         dir.filePath(QStringLiteral("stock.key")), QStringLiteral("-m"), msg,
                                         QStringLiteral("-t"), QStringLiteral("stock trusted comment")}),
            0);
        QString why;
        const auto pub = MinisignPublicKey::parse(readFile(dir.filePath(QStringLiteral("stock.pub"))), &why);
        QVERIFY2(pub, qPrintable(why));
        const auto sig = MinisignSignature::parse(readFile(msg + QStringLiteral(".minisig")), &why);
        QVERIFY2(sig, qPrintable(why));
        QCOMPARE(sig->trustedComment, QStringLiteral("stock trusted comment"));
        QVERIFY2(minisignVerify(*sig, *pub, readFile(msg), &why), qPrintable(why));
        QVERIFY(!minisignVerify(*sig, *pub, readFile(msg) + " ", &why));
    }

    void keyFiles()
    {
        QTemporaryDir dir;
        const MinisignPublicKey pub =
            generateRoleKey(dir.path(), QStringLiteral("supervisor"), "a good passphrase", false, kFast);
        QCOMPARE(*MinisignPublicKey::parse(readFile(dir.filePath(QStringLiteral("supervisor.pub")))), pub);
        QString role;
        SigningKey k =
            loadRoleKey(dir.filePath(QStringLiteral("supervisor.key")), "a good passphrase", &role);
        QCOMPARE(role, QStringLiteral("supervisor"));
        QCOMPARE(k.publicKey(), pub);
        QVERIFY(QFile::permissions(dir.filePath(QStringLiteral("supervisor.key"))) & QFileDevice::ReadOwner);
        QVERIFY(
            !(QFile::permissions(dir.filePath(QStringLiteral("supervisor.key"))) & QFileDevice::ReadOther));
        try {
            loadRoleKey(dir.filePath(QStringLiteral("supervisor.key")), "the wrong passphrase");
            QFAIL("wrong passphrase accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        QVERIFY(errorOf([&] {
                    generateRoleKey(dir.path(), QStringLiteral("supervisor"), "a good passphrase", false,
                                    kFast);
                }).contains(u"exists"));
        QVERIFY(errorOf([&] {
                    generateRoleKey(dir.path(), QStringLiteral("janitor"), "a good passphrase", false, kFast);
                }).contains(u"role"));
        QVERIFY(errorOf([&] {
                    generateRoleKey(dir.path(), QStringLiteral("terminal"), "short", false, kFast);
                }).contains(u"8 characters"));

        // Hostile key files: every error names the file and what is wrong.
        const QByteArray good = readFile(dir.filePath(QStringLiteral("supervisor.key")));
        QByteArray blob = QByteArray::fromBase64(good.split('\n')[1]);
        QByteArray hugeMem = blob;
        const int memOffset = 5 + 10 + 8 + 16 + 8;
        for (int i = 0; i < 8; ++i)
            hugeMem[memOffset + i] = char(0x7f);
        QByteArray flipped = blob;
        flipped[blob.size() - 3] = char(flipped[blob.size() - 3] ^ 1);
        const QList<std::pair<QByteArray, const char *>> cases = {
            {"", "expected an \"untrusted comment:\""},
            {"untrusted comment: x\n!!!\n", "not base64"},
            {"untrusted comment: x\n" + QByteArray("ABCD").toBase64() + "\n", "magic"},
            {"untrusted comment: x\n" + blob.left(40).toBase64() + "\n", "key blob is"},
            {"untrusted comment: x\n" + hugeMem.toBase64() + "\n", "limits out of range"},
            {QByteArray(5000, 'x'), "too large"},
        };
        for (const auto &[text, reason] : cases) {
            const QString why = errorOf(
                [&] { decryptSecretKey(text, "a good passphrase", QStringLiteral("k.key"), nullptr); });
            QVERIFY2(why.contains(QLatin1String(reason)) && why.startsWith(u"k.key"),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(reason), why)));
        }
        QVERIFY(errorOf([&] {
                    decryptSecretKey("untrusted comment: x\n" + flipped.toBase64() + "\n",
                                     "a good passphrase", QStringLiteral("k.key"), nullptr);
                }).contains(u"wrong passphrase"));
        k.wipe();
    }

    void signedNotes()
    {
        const SigningKey k = SigningKey::generate();
        const QString name = noteKeyName(QStringLiteral("terminal"), k.publicKey());
        const Checkpoint c{QStringLiteral("examsite/S/session/X"), 42, QByteArray(32, 'r')};
        const QByteArray note = signNote(c.text(), name, k);
        QVERIFY(note.contains("\n\n\xE2\x80\x94 " + name.toUtf8() + " "));
        QString why;
        const auto parsed = parseNote(note, &why);
        QVERIFY2(parsed, qPrintable(why));
        QVERIFY(noteSignedBy(*parsed, name, k.publicKey().key));
        QVERIFY(!noteSignedBy(*parsed, name, SigningKey::generate().publicKey().key));
        QVERIFY(!noteSignedBy(*parsed, QStringLiteral("other"), k.publicKey().key));
        const auto back = Checkpoint::parse(parsed->text, &why);
        QVERIFY(back);
        QCOMPARE(back->origin, c.origin);
        QCOMPARE(back->size, 42u);
        QCOMPARE(back->root, c.root);
        QByteArray altered = note;
        altered.replace("\n42\n", "\n43\n");
        QVERIFY(!noteSignedBy(*parseNote(altered), name, k.publicKey().key));
        // Hostile notes and checkpoints.
        const QList<std::pair<QByteArray, const char *>> notes = {
            {"text only\n", "no blank line"},
            {"a\n\n-- name c2ln\n", "em dash"},
            {"a\n\n\xE2\x80\x94 name\n", "NAME SIGNATURE"},
            {"a\n\n\xE2\x80\x94 name !!!\n", "not base64"},
            {"a\x01\n\n\xE2\x80\x94 n AAAAAAA=\n", "control character"},
            {"a\n\n\xE2\x80\x94 n AAAAAAA=", "no blank line"},
        };
        for (const auto &[text, reason] : notes) {
            QVERIFY(!parseNote(text, &why));
            QVERIFY2(why.contains(QLatin1String(reason)),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(reason), why)));
        }
        const QList<std::pair<QByteArray, const char *>> checkpoints = {
            {"origin\n12\n", "needs origin, size and root"},
            {"origin\n012\n" + QByteArray(32, 'r').toBase64() + "\n", "line 2"},
            {"origin\n-1\n" + QByteArray(32, 'r').toBase64() + "\n", "line 2"},
            {"origin\n99999999999999999999999\n" + QByteArray(32, 'r').toBase64() + "\n", "line 2"},
            {"origin\n1\n" + QByteArray(31, 'r').toBase64() + "\n", "line 3"},
            {"\n1\n" + QByteArray(32, 'r').toBase64() + "\n", "line 1"},
            {"o\n1\n" + QByteArray(32, 'r').toBase64(), "newline"},
        };
        for (const auto &[text, reason] : checkpoints) {
            QVERIFY(!Checkpoint::parse(text, &why));
            QVERIFY2(why.contains(QLatin1String(reason)),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(reason), why)));
        }
    }

    void trustFiles()
    {
        const SigningKey a = SigningKey::generate(), b = SigningKey::generate();
        QList<TrustedKey> keys{
            {QStringLiteral("terminal"), a.publicKey(), QDate(2026, 1, 1), QDate(2026, 12, 31),
             QStringLiteral("site A"), 0, QStringLiteral("SITE.A")},
            {QStringLiteral("supervisor"), b.publicKey(), {}, {}, {}, 0, QStringLiteral("*")}};
        const QByteArray text =
            TrustFile::format(keys, {{QStringLiteral("supervisor"), 2}}, QStringLiteral("ORG-1"));
        const TrustFile t = TrustFile::parse(text, QStringLiteral("trust.txt"));
        QCOMPARE(t.keys.size(), 2);
        QCOMPARE(t.keys[0].label, QStringLiteral("site A"));
        QCOMPARE(t.organisation, QStringLiteral("ORG-1"));
        QVERIFY(t.keys[0].signsFor(QStringLiteral("SITE.A")));
        QVERIFY(!t.keys[0].signsFor(QStringLiteral("SITE_A")));
        QVERIFY(t.keys[1].signsFor(QStringLiteral("SITE_A")));
        QVERIFY(!t.mayShare(QStringLiteral("terminal"), QStringLiteral("supervisor")));
        QVERIFY(TrustFile::parse("examsite-trust v2\nshare supervisor terminal\n", QStringLiteral("t"))
                    .mayShare(QStringLiteral("terminal"), QStringLiteral("supervisor")));
        QVERIFY(t.keys[0].validOn(QDate(2026, 6, 1)));
        QVERIFY(!t.keys[0].validOn(QDate(2027, 1, 1)));
        QCOMPARE(t.required.value(QStringLiteral("supervisor")), 2);
        const QByteArray k = a.publicKey().base64().toLatin1();
        const QList<std::pair<QByteArray, const char *>> cases = {
            {"", "trust.txt:1: empty trust file"},
            {"examsite-trust v3\n", "trust.txt:1: first line"},
            {"examsite-trust v1\nkey terminal " + k + " - -\n",
             "trust.txt:1: \"examsite-trust v1\" binds no key to a site"},
            {"examsite-trust v2\nkey terminal S1 " + k + "\n", "trust.txt:2: expected \"key ROLE SITE"},
            {"examsite-trust v2\nkey janitor S1 " + k + " - -\n", "trust.txt:2: role"},
            {"examsite-trust v2\nkey terminal S1 AAAA - -\n", "trust.txt:2: public key"},
            {"examsite-trust v2\nkey terminal ../x " + k + " - -\n", "trust.txt:2: site"},
            {"examsite-trust v2\n# c\nkey terminal S1 " + k + " 2026-13-01 -\n", "trust.txt:3: validity"},
            {"examsite-trust v2\nkey terminal S1 " + k + " 2026-05-01 2026-04-01\n", "before valid-from"},
            {"examsite-trust v2\nkey terminal S1 " + k + " - -\nkey terminal S1 " + k + " - -\n",
             "trust.txt:3: key"},
            {"examsite-trust v2\nrequire terminal many\n", "trust.txt:2: expected \"require"},
            {"examsite-trust v2\nshare terminal terminal\n", "trust.txt:2: expected \"share"},
            {"examsite-trust v2\norganisation A B\n", "trust.txt:2: expected one \"organisation"},
            {"examsite-trust v2\nallow everything\n", "trust.txt:2: unknown directive"},
        };
        for (const auto &[bytes, reason] : cases) {
            const QString why = errorOf([&] { TrustFile::parse(bytes, QStringLiteral("trust.txt")); });
            QVERIFY2(why.contains(QLatin1String(reason)),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(reason), why)));
        }
    }
};

QTEST_GUILESS_MAIN(TestMinisign)
#include "tst_minisign.moc"
