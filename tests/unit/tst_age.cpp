// age v1 with X25519: the spec's identity/recipient vector, round trips at chunk boundaries, stock
// `age`/`age-keygen` in both directions, and hostile headers and payloads rejected with the right reason.
#include "ledger/age.h"
#include "ledger/bech32.h"
#include "ledger/cryptoutil.h"

#include <QBuffer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite::ledger;

namespace {
QByteArray encrypt(const QByteArray &plain, const QList<AgeRecipient> &to)
{
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    AgeEncryptor e(b, to);
    // Uneven pieces exercise the chunk buffering.
    for (qsizetype i = 0; i < plain.size(); i += 7777)
        e.write(plain.constData() + i, qMin<qsizetype>(7777, plain.size() - i));
    e.finish();
    return out;
}

bool decrypt(const QByteArray &file, const AgeIdentity &id, QByteArray *plain, QString *error)
{
    QBuffer b(const_cast<QByteArray *>(&file));
    b.open(QIODevice::ReadOnly);
    AgeDecryptor d(b, {id});
    plain->clear();
    const bool ok = d.open() && d.decrypt([&](QByteArrayView c) { plain->append(c); });
    *error = d.error();
    return ok;
}
} // namespace

class TestAge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specVector()
    {
        const auto id = AgeIdentity::parse(
            QStringLiteral("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"));
        QVERIFY(id);
        QCOMPARE(id->recipient().toString(),
                 QStringLiteral("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"));
        QCOMPARE(
            id->toString(),
            QStringLiteral("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"));
    }

    void bech32Hostile()
    {
        QString why;
        const QString good = QStringLiteral("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
        QVERIFY(AgeRecipient::parse(good));
        QString typo = good;
        typo[10] = typo[10] == u'q' ? u'p' : u'q';
        QVERIFY(!AgeRecipient::parse(typo, &why));
        QVERIFY2(why.contains(u"checksum"), qPrintable(why));
        QVERIFY(!bech32Decode(
            QStringLiteral("Age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"), &why));
        QVERIFY(why.contains(u"mixed"));
        QVERIFY(!bech32Decode(
            QStringLiteral("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwb"), &why));
        QVERIFY(!bech32Decode(QStringLiteral("age1"), &why));
        QVERIFY(!bech32Decode(QStringLiteral("age1zvky g2lq"), &why));
        QVERIFY(!AgeRecipient::parse(
            QStringLiteral("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"),
            &why));
        QVERIFY(!AgeIdentity::parse(good, &why));
        QVERIFY(!AgeRecipient::parse(bech32Encode(QStringLiteral("age"), QByteArray(31, 'x')), &why));
    }

    void roundTripAtChunkBoundaries()
    {
        const AgeIdentity id = AgeIdentity::generate();
        for (qsizetype size : {0, 1, 65535, 65536, 65537, 131072, 200000}) {
            QByteArray plain = randomBytes(size);
            const QByteArray file = encrypt(plain, {id.recipient()});
            QByteArray back;
            QString why;
            QVERIFY2(decrypt(file, id, &back, &why), qPrintable(why));
            QCOMPARE(back, plain);
        }
    }

    void wrongIdentityAndTampering()
    {
        const AgeIdentity id = AgeIdentity::generate();
        const QByteArray plain = randomBytes(150000);
        const QByteArray file = encrypt(plain, {id.recipient()});
        QByteArray back;
        QString why;
        QVERIFY(!decrypt(file, AgeIdentity::generate(), &back, &why));
        QVERIFY2(why.contains(u"no X25519 stanza is addressed"), qPrintable(why));
        const qsizetype header = file.indexOf("\n---") + 48; // end of the MAC line
        // A flipped bit in every region: header MAC, stanza, nonce, each chunk.
        for (qsizetype pos : {qsizetype(5), qsizetype(30), qsizetype(header - 10), header + 3, header + 20,
                              header + 70000, file.size() - 1}) {
            QByteArray bad = file;
            bad[pos] = char(bad[pos] ^ 0x04);
            QVERIFY2(!decrypt(bad, id, &back, &why), qPrintable(QString::number(pos)));
            QVERIFY(!why.isEmpty());
        }
        // Truncated at a chunk boundary: the last remaining chunk is not a final chunk.
        QByteArray cut = file.left(header + 16 + 65536 + 16);
        QVERIFY(!decrypt(cut, id, &back, &why));
        QVERIFY2(why.contains(u"final chunk"), qPrintable(why));
        QVERIFY(!decrypt(file.left(header + 10), id, &back, &why));
        QVERIFY2(why.contains(u"nonce"), qPrintable(why));
        QVERIFY(!decrypt(file + "x", id, &back, &why));
    }

    void hostileHeaders()
    {
        const AgeIdentity id = AgeIdentity::generate();
        const QByteArray file = encrypt("hello", {id.recipient()});
        const qsizetype end = file.indexOf("\n---") + 1;
        const QByteArray header = file.left(end);
        const QByteArray rest = file.mid(end);
        const QList<std::pair<QByteArray, const char *>> cases = {
            {"age-encryption.org/v2\n" + file.mid(22), "line 1"},
            {"", "line 1"},
            {header.left(22) + rest, "no recipient stanza"},
            {header + "--- short\n", "MAC"},
            {header.left(22) + "garbage\n" + header.mid(22) + rest, "line 2"},
            {header.left(22) + "-> X25519\n\n" + header.mid(22) + rest, "2 arguments"},
            {header.left(22) + "-> scrypt c2FsdA 10\nAAAA\n" + header.mid(22) + rest, "scrypt"},
            {header.left(22) + "->  X25519 a\n\n" + header.mid(22) + rest, "empty stanza argument"},
            {QByteArray(header).replace("-> X25519 ", "-> X25519 AAAA") + rest, "32 bytes"},
            {"age-encryption.org/v1\n-> X25519 " + QByteArray(70000, 'A'), "truncated or over-long"},
            {header.left(header.size() - 1), "truncated"},
        };
        for (const auto &[bytes, reason] : cases) {
            QByteArray back;
            QString why;
            QVERIFY(!decrypt(bytes, id, &back, &why));
            QVERIFY2(why.contains(QLatin1String(reason)),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(reason), why)));
        }
        // An unknown stanza type before ours is ignored, but changes the MAC: rejected as altered.
        QByteArray extra = header.left(22) + "-> example.com/other arg\nAAAA\n" + header.mid(22) + rest;
        QByteArray back;
        QString why;
        QVERIFY(!decrypt(extra, id, &back, &why));
        QVERIFY2(why.contains(u"MAC"), qPrintable(why));
    }

    void identityFile()
    {
        QTemporaryDir dir;
        const AgeIdentity id = AgeIdentity::generate();
        QFile f(dir.filePath(QStringLiteral("id.txt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# created: today\n# public key: " + id.recipient().toString().toLatin1() + "\n\n" +
                id.toString().toLatin1() + "\n");
        f.close();
        QString why;
        const QList<AgeIdentity> ids = readIdentityFile(f.fileName(), &why);
        QCOMPARE(ids.size(), 1);
        QCOMPARE(ids[0].secretKey, id.secretKey);
        QVERIFY(f.open(QIODevice::Append));
        f.write("AGE-SECRET-KEY-1NOTAKEY\n");
        f.close();
        QVERIFY(readIdentityFile(f.fileName(), &why).isEmpty());
        QVERIFY2(why.contains(u":5:"), qPrintable(why));
        // The keys given by mistake are named as what they are.
        const QList<QPair<QByteArray, QString>> mistakes = {
            {"untrusted comment: minisign encrypted secret key\nRWRTY0Iy\n",
             QStringLiteral(":1: this is a minisign key")},
            {"age1" + QByteArray(58, 'q') + "\n", QStringLiteral(":1: this is an age recipient")}};
        for (const auto &[text, expected] : mistakes) {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
            f.close();
            QVERIFY(readIdentityFile(f.fileName(), &why).isEmpty());
            QVERIFY2(why.contains(expected), qPrintable(why));
        }
    }

    void stockAgeBothWays()
    {
        const QString age = QStandardPaths::findExecutable(QStringLiteral("age"));
        const QString keygen = QStandardPaths::findExecutable(QStringLiteral("age-keygen"));
        if (age.isEmpty() || keygen.isEmpty())
            QSKIP("stock age/age-keygen not installed (packaging/examsite.sh installs them)");
        QTemporaryDir dir;
        const QString keyPath = dir.filePath(QStringLiteral("org.key"));
        QCOMPARE(QProcess::execute(keygen, {QStringLiteral("-o"), keyPath}), 0);
        QString why;
        const QList<AgeIdentity> ids = readIdentityFile(keyPath, &why);
        QCOMPARE(ids.size(), 1);
        const QByteArray plain = randomBytes(200000);
        // Ours -> stock age -d.
        QProcess p;
        p.start(age, {QStringLiteral("-d"), QStringLiteral("-i"), keyPath});
        p.write(encrypt(plain, {ids[0].recipient()}));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), plain);
        // Stock age -r -> ours.
        QProcess q;
        q.start(age, {QStringLiteral("-r"), ids[0].recipient().toString()});
        q.write(plain);
        q.closeWriteChannel();
        QVERIFY(q.waitForFinished(30000));
        QCOMPARE(q.exitCode(), 0);
        QByteArray back;
        QVERIFY2(decrypt(q.readAllStandardOutput(), ids[0], &back, &why), qPrintable(why));
        QCOMPARE(back, plain);
    }
};

QTEST_GUILESS_MAIN(TestAge)
#include "tst_age.moc"
